"""The tables of the redline (修订稿): rows matched by content, changed rows changed cell by cell.

A table in both reports is compared row by row (lawgov_report.align), a row in both cell by cell;
a table or row only one side has is marked inserted or deleted as a whole (``w:trPr/w:ins|del``,
every run wrapped). The writer's tables are compared as text, only the rows that changed parsed
(writers.redlinerows); any other table goes through lxml.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from lawgov_report.align import ADDED, REMOVED, SAME, Item, Step, align, align_in_place
from lawgov_report.writers import ooxml as x
from lawgov_report.writers import redlinerows as rows
from lawgov_report.writers.redlinebody import plain_paragraph
from lawgov_report.writers.docxbody import W, bare, element_text, run_tokens, xml


@dataclass
class _Para:
    """A paragraph of the redline: its content (runs, already marked) and its paragraph mark.

    ``mark`` is "both" (in OLD and NEW: properties ``new``, tracked back to ``old``), "ins" (only in
    NEW) or "del" (only in OLD)."""

    content: str
    mark: str
    new: object = None  # the w:pPr element NEW has (None: no properties)
    old: object = None  # the w:pPr element OLD has
    raw: bool = False  # ``content`` is the whole paragraph, the same on both sides, written as it stands
    at: int | None = None  # (raw) its index in NEW's body


class TableRedliner:
    """The redliner's tables (a part of writers.redline._Redliner, which gives ``runs``,
    ``changed_runs``, ``paragraph`` and ``revision``)."""

    plain_attributes = True
    # The namespace declarations the document's root makes: a row written with one of them has it
    # taken out again at the end (redline._without_root_declarations), so the rows written as they
    # stand leave them out at once (1,950 rows of a 50x 附件 table: 9 ms of searching the body).
    root_declarations: tuple[str, ...] = ()

    def table(self, table, wrap: str) -> str:
        """A table wholly inserted or deleted: every row marked, every run wrapped."""
        table = copy.deepcopy(table)
        for tr in table.iter(f"{W}tr"):
            self._mark_row(tr, wrap)
        return xml(table)

    def _mark_row(self, tr, wrap: str) -> None:
        trpr = tr.find(f"{W}trPr")
        if trpr is None:
            trpr = x.element("trPr")
            prex = tr.find(f"{W}tblPrEx")
            if prex is not None:
                prex.addnext(trpr)
            else:
                tr.insert(0, trpr)
        trpr.append(etree.fromstring(_with_ns(self.revision(wrap))))
        for p in list(tr.iter(f"{W}p")):
            self._replace_content(p, self.runs(run_tokens(p, units=False), wrap))

    @staticmethod
    def _replace_content(p, content_xml: str) -> None:
        for child in list(p):
            if child.tag != f"{W}pPr":
                p.remove(child)
        for child in etree.fromstring(_with_ns(f"<w:p>{content_xml}</w:p>")):
            p.append(child)

    def changed_table(self, old, new, new_xml: str | None = None, old_cells: tuple = (),
                      new_cells: tuple = (), old_xml: str | None = None) -> str:
        """A table in both: rows matched by content; changed rows changed cell by cell.

        ``new_xml``/``old_xml``: the tables as XML, and ``old_cells``/``new_cells``: the cells' texts
        row by row (docxbody.cell_texts), when the caller has them (serialising a 2,000-row table
        again, and reading every cell's text twice, cost more than the comparison of its rows)."""
        grid = lambda t: bare(xml(t.find(f"{W}tblGrid"))) if t.find(f"{W}tblGrid") is not None else ""  # noqa: E731
        if grid(old) != grid(new):
            return self.table(old, "del") + self.table(new, "ins")
        old_rows, new_rows = old.findall(f"{W}tr"), new.findall(f"{W}tr")
        whole = new_xml if new_xml is not None else xml(new)
        # Rows cut from the tables' XML, where the writer made them (see redlinerows); None: by lxml.
        old_text = rows.split(old_xml if old_xml is not None else xml(old), old_rows, xml)
        new_text = rows.split(whole, new_rows, xml) if old_text is not None else None
        text = old_text is not None and new_text is not None and self.plain_attributes

        def row_items(table, table_rows, known, plain) -> list[Item]:
            direct = bool(known) and len(known) == len(table_rows) and (plain or _direct_cells(table, table_rows, known))
            texts = [tuple(row) for row in known] if direct else \
                [tuple(element_text(tc) for tc in tr.findall(f"{W}tc")) for tr in table_rows]
            return [Item(cells, "\t".join(cells), len(cells)) for cells in texts]

        # Built as text, row by row: rebuilding a 2,000-row table in lxml, and redoing the rows that
        # did not change, cost more than the comparison itself.
        opening = whole[: whole.index(">") + 1]
        if opening.endswith("/>"):
            opening = opening[:-2] + ">"
        out = [opening, *(xml(child) for child in new if child.tag != f"{W}tr")]
        steps = align(row_items(old, old_rows, old_cells, old_text is not None),
                      row_items(new, new_rows, new_cells, new_text is not None))
        if text:
            out += self._rows(steps, old_rows.__getitem__, new_rows.__getitem__, old_text.row, new_text.row,
                              new_text.full, new_text.declarations, old_declarations=old_text.declarations)
        else:
            out += self._rows(steps, old_rows.__getitem__, new_rows.__getitem__, lambda i: xml(old_rows[i]),
                              lambda j: xml(new_rows[j]), lambda j: xml(new_rows[j]), None)
        out.append("</w:tbl>")
        return "".join(out)

    def text_table(self, old: rows.TextTable, new: rows.TextTable) -> str:
        """:meth:`changed_table` of two tables kept as text: only the rows that changed are parsed."""
        if bare(old.grid()) != bare(new.grid()):
            return self.table(old.element(), "del") + self.table(new.element(), "ins")
        out = [self._shown("<w:tbl" + new.declarations + ">"),
               *(self._shown(xml(child)) for child in new.header_elements())]
        declarations = new.declarations if self.plain_attributes else None
        row_args = (old.row, new.row, old.rows.row, new.rows.row, new.rows.full, declarations, old.declarations)
        segments = _in_place_steps(old, new)
        if segments is None:
            items = [[Item(key, text, len(key)) for key, text in zip(table.row_keys, table.row_texts)]
                     for table in (old, new)]
            out += self._rows(align(*items), *row_args)
        else:
            out += self._rows_in_place(segments, old.rows, new.rows, row_args)
        out.append("</w:tbl>")
        return "".join(out)

    def _rows_in_place(self, segments: list, old_rows, new_rows, row_args: tuple) -> list[str]:
        """:meth:`_rows` of :func:`_in_place_steps`' segments: a run of rows the same, as the writer
        made them on both sides, written as it stands in one go (1,700 rows of a 50x report's 附件
        table, one step and one comparison each, cost more than its 271 rows that changed)."""
        declarations = row_args[-2]
        shown = self._shown(declarations) if declarations else declarations
        as_they_stand = not shown and shown != declarations  # (what _rows writes for a row the same)
        texts = isinstance(old_rows, rows.RowTexts) and isinstance(new_rows, rows.RowTexts)
        out: list[str] = []
        for segment in segments:
            if not isinstance(segment, range):
                out += self._rows(segment, *row_args)
            elif as_they_stand and texts and old_rows.texts[segment.start:segment.stop] == \
                    new_rows.texts[segment.start:segment.stop]:
                out += new_rows.texts[segment.start:segment.stop]
            else:
                out += self._rows([Step(SAME, i, i) for i in segment], *row_args)
        return out

    def _shown(self, markup: str) -> str:
        """``markup`` less the namespace declarations the document's root makes."""
        for declaration in self.root_declarations:
            if declaration in markup:
                markup = markup.replace(declaration, "")
        return markup

    def _rows(self, steps, old_tr, new_tr, old_xml, new_xml, full, declarations: str | None,
              old_declarations: str | None = None) -> list[str]:
        """A changed table's rows, step by step. ``old_tr(i)``/``new_tr(j)``: a row in lxml;
        ``old_xml(i)``/``new_xml(j)``: its XML (``full(j)``: as docxbody.xml gives it), cut from the
        table's when ``declarations`` (those docxbody.xml adds) is given, and a changed row is then
        rebuilt as text (:meth:`_changed_cells`); None: every changed row the lxml way.
        ``old_declarations``: those of OLD's rows, where not ``declarations``."""
        out = []
        shown = self._shown(declarations) if declarations else declarations  # those written on a row
        for step in steps:
            if step.kind == REMOVED:
                tr = copy.deepcopy(old_tr(step.old))
                self._mark_row(tr, "del")
            elif step.kind == ADDED:
                tr = copy.deepcopy(new_tr(step.new))
                self._mark_row(tr, "ins")
            else:
                old_row, new_row = old_xml(step.old), new_xml(step.new)
                if step.kind == SAME and _same_markup(old_row, new_row):
                    # (no declaration to add, as in the writer's tables: the row as it stands)
                    out.append(full(step.new) if shown == declarations else
                               new_row[:5] + shown + new_row[5:] if shown else new_row)
                    continue
                if declarations is not None:
                    changed = self._changed_cells(old_row, new_row, declarations if old_declarations is None else old_declarations,
                                                  declarations)
                    if changed is not None:
                        out.append(changed[:5] + shown + changed[5:] if shown else changed)
                        continue
                old_element, new_element = old_tr(step.old), new_tr(step.new)
                tr = self._changed_row(old_element, new_element)
                if tr is None:
                    out.append(self._replaced_row(old_element, "del"))
                    tr = self._replaced_row(new_element, "ins", serialise=False)
            out.append(xml(tr))
        return out

    def _replaced_row(self, tr, wrap: str, serialise: bool = True):
        """A row of a changed table that cannot be changed cell by cell: wholly deleted or inserted."""
        tr = copy.deepcopy(tr)
        self._mark_row(tr, wrap)
        return xml(tr) if serialise else tr

    def _changed_row(self, old_tr, new_tr):
        old_cells, new_cells = old_tr.findall(f"{W}tc"), new_tr.findall(f"{W}tc")
        if len(old_cells) != len(new_cells):
            return None
        tr = copy.deepcopy(new_tr)
        for old_tc, new_tc, tc in zip(old_cells, new_cells, tr.findall(f"{W}tc")):
            if bare(xml(old_tc)) == bare(xml(new_tc)):
                continue  # as it stands, as a cell the same in a row cut as text (_changed_cells)
            old_ps, new_ps = old_tc.findall(f"{W}p"), new_tc.findall(f"{W}p")
            if len(old_ps) != 1 or len(new_ps) != 1:
                return None
            # Read from NEW's row itself, not the copy: a copy's runs serialise without the
            # document's namespace declarations, so their formats never equalled OLD's and every
            # run of a wide table's changed row (sized text) was shown deleted and inserted.
            para = _Para(self.changed_runs(old_ps[0], new_ps[0]), "both",
                         new_ps[0].find(f"{W}pPr"), old_ps[0].find(f"{W}pPr"))
            tc.replace(tc.find(f"{W}p"), etree.fromstring(_with_ns(self.paragraph(para))))
        return tr

    def _changed_cells(self, old_row: str, new_row: str, old_declarations: str, new_declarations: str) -> str | None:
        """A changed row of two tables cut as text (redlinerows.split), as text: NEW's row with each
        cell that differs from OLD's, and holds one paragraph on both sides, made again by
        :meth:`changed_runs`; the others as they stand. None where the row's cells are not cut
        alike (a nested table), or a cell of several paragraphs changed (the row is replaced).

        Only the changed cells are parsed: parsing both rows whole, and writing their unchanged
        cells out again, took half the redline of a 50x report's 附件 table."""
        old_cells, new_cells = rows.spans(old_row, "tc"), rows.spans(new_row, "tc")
        if old_cells is None or new_cells is None or len(old_cells) != len(new_cells):
            return None
        out, done = [], 0
        for (oa, ob), (na, nb) in zip(old_cells, new_cells):
            if old_row[oa:ob] == new_row[na:nb]:
                continue
            olds, news = rows.spans(old_row, "p", oa, ob), rows.spans(new_row, "p", na, nb)
            if olds is None or news is None:
                return None
            if len(olds) != 1 or len(news) != 1:
                if bare(old_row[oa:ob]) != bare(new_row[na:nb]):
                    return None
                continue
            old_piece, new_piece = old_row[olds[0][0]:olds[0][1]], new_row[news[0][0]:news[0][1]]
            old_plain = plain_paragraph(old_piece, old_declarations)
            new_plain = plain_paragraph(new_piece, new_declarations) if old_plain is not None else None
            if new_plain is not None:  # (properties and runs of text: read from the text, not parsed)
                para = _Para(self.changed_tokens(old_plain[1], new_plain[1]), "both", new_plain[0], old_plain[0])
            else:
                old_p = rows.parse_fragment(old_piece, "p", old_declarations)
                new_p = rows.parse_fragment(new_piece, "p", new_declarations)
                para = _Para(self.changed_runs(old_p, new_p), "both", new_p.find(f"{W}pPr"), old_p.find(f"{W}pPr"))
            made = self.paragraph(para)
            out += [new_row[done:news[0][0]], "<w:p/>" if made == "<w:p></w:p>" else made]  # (lxml's empty form)
            done = news[0][1]
        out.append(new_row[done:])
        return "".join(out)


def _in_place_steps(old: rows.TextTable, new: rows.TextTable) -> list[range | list[Step]] | None:
    """align's steps for two tables' rows, where the rows that differ do so in place (the 附件
    table of a report whose figures changed; align.align_in_place): the runs of rows the same on
    both sides (ranges), and between them the steps of the rows that differ; None for any other
    two tables. (Making 2,000 rows' items and walking their steps one by one cost a 50x report's
    redline more than its 271 rows that differ.)"""
    steps = align_in_place(old.row_keys, new.row_keys, *(
        lambda i, table=table: Item(table.row_keys[i], table.row_texts[i], len(table.row_keys[i]))
        for table in (old, new)))
    if steps is None:
        return None
    segments: list[range | list[Step]] = []
    for step in steps:
        if isinstance(step, range):
            segments.append(step)
        elif segments and isinstance(segments[-1], list):
            segments[-1].append(step)
        else:
            segments.append([step])
    return segments


def _direct_cells(table, rows: list, known) -> bool:
    """Whether ``known`` (cell texts of every w:tr/w:tc at any depth) are those of ``rows``' own
    cells: true unless rows or cells sit inside other elements (a nested table, a content control).
    (A table redlinerows.split cuts has none: the caller skips this walk over every cell then.)"""
    return table.find(f".//{W}tbl") is None and sum(map(len, known)) == len(table.findall(f"{W}tr/{W}tc"))


def _same_markup(old_xml: str, new_xml: str) -> bool:
    """Whether two elements' XML is the same but for namespace declarations (equal text first:
    stripping the declarations from a whole 附件 table twice cost more than comparing it)."""
    return old_xml == new_xml or bare(old_xml) == bare(new_xml)


def _with_ns(fragment: str) -> str:
    """Declare the w: namespace on a fragment's root element so lxml can parse it."""
    return re.sub(r"^<(w:[A-Za-z]+)", lambda m: f"<{m.group(1)} {x.NSDECL}", fragment, count=1)
