"""A table's rows and cells as slices of its XML text, for the redline (修订稿) of a long table.

The redline of a 50x report's 附件 table compares 2,000 rows and rebuilds the ~300 that changed.
Serialising every row through lxml, copying the changed ones and parsing each rebuilt cell back
took a fifth of the whole ``diff -o``; here the rows are cut out of the table's XML (already made
once to compare the tables) and a changed row is put together as text, byte for byte what lxml
would have written. That holds for the tables the writer makes (no nested table, no content
control, no namespace declared inside): :func:`split` answers None for any other table, and the
redline then goes the lxml way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgov_report.writers.ooxml import W_NS

_OPEN = {name: re.compile(rf"<w:{name}[ >/]") for name in ("tr", "tc", "p")}
# What may hold a row or a cell other than a row or a table: a table with these is not cut as text.
_WRAPPERS = ("<w:sdt", "<w:customXml", "<w:tbl>", "<w:tbl ")


def spans(markup: str, name: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]] | None:
    """Where each ``<w:name>`` element of ``markup[start:end]`` starts and ends, in order; None
    when one lies inside another (a paragraph in a text box)."""
    end = len(markup) if end is None else end
    out: list[tuple[int, int]] = []
    done = start
    close = f"</w:{name}>"
    for match in _OPEN[name].finditer(markup, start, end):
        at = match.start()
        if at < done:
            return None
        gt = markup.index(">", at)
        if markup[gt - 1] == "/":
            done = gt + 1
        else:
            closing = markup.find(close, gt, end)
            if closing < 0:
                return None
            done = closing + len(close)
        out.append((at, done))
    return out


@dataclass
class Rows:
    """A table's XML text and where each of its rows lies in it.

    ``declarations``: the namespace declarations lxml writes on a row serialised alone (those of
    its ancestors, less w:), so that ``full(i)`` is what ``docxbody.xml(row)`` gives."""

    markup: str
    spans: list[tuple[int, int]]
    declarations: str

    def row(self, i: int) -> str:
        a, b = self.spans[i]
        return self.markup[a:b]

    def full(self, i: int) -> str:
        a, b = self.spans[i]
        return self.markup[a:a + 5] + self.declarations + self.markup[a + 5:b]


def split(table_xml: str, rows: list, serialise) -> Rows | None:
    """``table_xml`` (the XML of the lxml table whose w:tr children are ``rows``) cut into its rows;
    None when the table is not one these slices describe exactly. ``serialise``: docxbody.xml."""
    body_at = table_xml.find(">") + 1
    if not rows or any(table_xml.find(w, 1) >= 0 for w in _WRAPPERS) or "xmlns:" in table_xml[body_at:]:
        return None
    found = spans(table_xml, "tr", body_at)
    if found is None or len(found) != len(rows):
        return None
    first = table_xml[found[0][0]:found[0][1]]
    alone = serialise(rows[0])
    declarations = alone[5:len(alone) - len(first) + 5]
    if alone[:5] != "<w:tr" or alone[len(alone) - len(first) + 5:] != first[5:] or \
            declarations.replace(" xmlns:", "").count('"') != 2 * declarations.count(" xmlns:"):
        return None
    return Rows(table_xml, found, declarations)


# Per cell of a changed row: OLD's and NEW's w:p elements, OLD's cell span, (NEW's cell span, the
# span of NEW's one paragraph, or None when it has not exactly one).
Layout = list[tuple[list, list, tuple[int, int], tuple[tuple[int, int], tuple[int, int] | None]]]


def layout(old_tr, new_tr, old_xml: str, new_xml: str) -> Layout | None:
    """Where the cells of a row in both tables, and their paragraphs, lie in the rows' XML (cut by
    :func:`split`); None when the rows have different numbers of cells, or the text does not agree
    with lxml's elements."""
    tc, p = f"{{{W_NS}}}tc", f"{{{W_NS}}}p"
    old_cells, new_cells = old_tr.findall(tc), new_tr.findall(tc)
    if len(old_cells) != len(new_cells):
        return None
    old_ps, new_ps = [c.findall(p) for c in old_cells], [c.findall(p) for c in new_cells]
    old_at, new_at = spans(old_xml, "tc"), spans(new_xml, "tc")
    if old_at is None or new_at is None or len(old_at) != len(old_cells) or len(new_at) != len(new_cells):
        return None
    out: Layout = []
    for olds, news, old_cell, (a, b) in zip(old_ps, new_ps, old_at, new_at):
        paragraph = None
        if len(olds) == 1 and len(news) == 1:
            found = spans(new_xml, "p", a, b)
            if found is None or len(found) != 1:
                return None
            paragraph = found[0]
        out.append((olds, news, old_cell, ((a, b), paragraph)))
    return out
