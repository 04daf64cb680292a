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

import functools
import re
from dataclasses import dataclass

from lxml import etree

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


class RowTexts:
    """A table's rows as the writer made them, each its own XML text, read as :class:`Rows`."""

    def __init__(self, texts: list[str], declarations: str):
        self.texts = texts
        self.declarations = declarations

    def row(self, i: int) -> str:
        return self.texts[i]

    def full(self, i: int) -> str:
        text = self.texts[i]
        return text[:5] + self.declarations + text[5:]


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


# --- tables kept out of lxml ----------------------------------------------------------------------

_TABLE = re.compile(r"<w:tbl[ >]")
_NSDECL_W = f' xmlns:w="{W_NS}"'
# A row, a cell, a text (its characters) or a line break: what a cell's text is made of.
_CELL_PARTS = re.compile(r"<w:(tr|tc)[ >]|<w:(?:t|delText)(?: [^<>]*)?>([^<]*)</w:(?:t|delText)>|<w:(br)[ />]")


def cut_tables(body_xml: str) -> tuple[str, list[str]]:
    """``body_xml`` with each table replaced by an empty ``<w:tbl/>``, and the tables' text; or
    ``body_xml`` as it is and no tables, unless every table is one the writer made (see
    :func:`_as_lxml_writes`). Parsing a 50x report's 2 MB 附件 table into lxml, and freeing it
    again, cost more than everything the redline does with it."""
    out, texts, at = [], [], 0
    while (match := _TABLE.search(body_xml, at)) is not None:
        end = body_xml.find("</w:tbl>", match.start())
        if end < 0 or _TABLE.search(body_xml, match.end(), end) is not None:
            return body_xml, []
        end += len("</w:tbl>")
        text = body_xml[match.start():end]
        if not _as_lxml_writes(text):
            return body_xml, []
        out += [body_xml[at:match.start()], "<w:tbl/>"]
        texts.append(text)
        at = end
    out.append(body_xml[at:])
    return "".join(out), texts


def _as_lxml_writes(text: str) -> bool:
    """Whether a table's text is as lxml writes the table it parses to: no attributes on the table,
    nothing inside that declares a namespace or wraps rows and cells, no character lxml writes
    otherwise (a carriage return, a character reference), and its parts before the first row and
    its first row (the writer makes every row alike) written back by lxml unchanged."""
    if not text.startswith("<w:tbl>") or any(w in text for w in ("\r", "&#", "xmlns:", *_WRAPPERS[:2])):
        return False
    first_row = text.find("</w:tr>")
    part = text[:first_row + len("</w:tr>")] + "</w:tbl>" if first_row >= 0 else text
    try:
        parsed = etree.fromstring("<w:tbl" + _NSDECL_W + part[6:])
    except etree.XMLSyntaxError:  # (a prefix other than w:)
        return False
    return etree.tostring(parsed, encoding="unicode").replace(_NSDECL_W, "") == part


def parse_fragment(markup: str, name: str, declarations: str):
    """An element of a table kept as text (``<w:name …>…``), parsed in lxml with the namespaces
    it has in the document (``declarations``: those lxml writes on it alone, less w:)."""
    at = len("<w:") + len(name)
    return etree.fromstring(markup[:at] + _NSDECL_W + declarations + markup[at:])


class TextTable:
    """A table of the writer's kept as text: its XML as ``docxbody.xml`` would give it once the
    body around it is parsed (``declarations``: those lxml writes on an element taken alone), its
    rows, its cells' texts, and any row or the whole table parsed on demand."""

    def __init__(self, text: str, declarations: str):
        self.xml = "<w:tbl" + declarations + text[6:]
        self.declarations = declarations
        start = len("<w:tbl" + declarations + ">")
        found = spans(self.xml, "tr", start)
        self.rows = Rows(self.xml, found or [], declarations)
        first = found[0][0] if found else len(self.xml) - len("</w:tbl>")
        self.header = self.xml[start:first]  # tblPr, tblGrid
        self.cells = _cell_texts(self.xml)

    @classmethod
    def of_rows(cls, opening: str, row_texts: list[str], cells: list[list[str]], declarations: str) -> "TextTable":
        """A table the writer made row by row (writers.docx.TableMarkup): its rows and cells known,
        not cut out of its text again (that took 25 ms a side for a 50x report's 附件 table), and
        its whole text put together only if asked for."""
        table = cls.__new__(cls)
        table.declarations = declarations
        table.rows = RowTexts(row_texts, declarations)
        table.header = opening[len("<w:tbl>"):]  # tblPr, tblGrid
        table.cells = cells
        return table

    @functools.cached_property
    def xml(self) -> str:
        """(set by __init__; made here from the rows of a table of :meth:`of_rows`)"""
        return "<w:tbl" + self.declarations + ">" + self.header + "".join(self.rows.texts) + "</w:tbl>"

    @functools.cached_property
    def row_keys(self) -> tuple[tuple[str, ...], ...]:
        """Each row's cells' texts as a tuple: what a row is matched by, and the table with it."""
        return tuple(map(tuple, self.cells))

    @functools.cached_property
    def row_texts(self) -> list[str]:
        """Each row's cells' texts joined by tabs: what a row is compared by when it changed."""
        return ["\t".join(cells) for cells in self.cells]

    def _parse(self, markup: str, tag_length: int):
        return parse_fragment(markup, markup[len("<w:"):tag_length], self.declarations)

    def element(self):
        """The whole table in lxml (a table wholly added, removed, or changed beyond its rows)."""
        return self._parse("<w:tbl" + self.xml[len("<w:tbl" + self.declarations):], len("<w:tbl"))

    def row(self, i: int):
        """Row ``i`` in lxml, its namespaces in scope as in the document (so it serialises alike)."""
        return self._parse(self.rows.row(i), len("<w:tr"))

    def same_markup(self, other: "TextTable") -> bool:
        """Whether the two tables' XML is the same but for namespace declarations (those of each
        lie only in its opening tag: :func:`_as_lxml_writes`). Stripping them from a 50x report's
        two 2 MB tables to find out took 55 ms of its redline."""
        if isinstance(self.rows, RowTexts) and isinstance(other.rows, RowTexts):
            return self.header == other.header and self.rows.texts == other.rows.texts
        return self.xml[len("<w:tbl") + len(self.declarations):] == other.xml[len("<w:tbl") + len(other.declarations):]

    def header_elements(self) -> list:
        return list(self._parse("<w:tbl>" + self.header + "</w:tbl>", len("<w:tbl")))

    def grid(self) -> str:
        start = self.header.find("<w:tblGrid")
        if start < 0:
            return ""
        end = self.header.find("</w:tblGrid>", start)
        return self.header[start:end + len("</w:tblGrid>")] if end >= 0 else \
            self.header[start:self.header.index(">", start) + 1]


def _cell_texts(markup: str) -> list[list[str]]:
    """docxbody.cell_texts of a table of the writer's, from its text."""
    rows: list[list[str]] = []
    cells: list[str] | None = None
    # (findall's tuples, not finditer's matches: a 50x report's 附件 table has 27,000 parts, and
    # asking each match for its groups took a third of the time)
    for tag, text, br in _CELL_PARTS.findall(markup):
        if tag == "tr":
            cells = []
            rows.append(cells)
        elif tag == "tc":
            if cells is not None:
                cells.append("")
        elif cells:
            cells[-1] += "\n" if br else _unescape(text)
    return rows


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") if "&" in text else text


def attach(elements: list, texts: list[str], serialise) -> dict[int, TextTable] | None:
    """The tables cut from a body (:func:`cut_tables`) by the index of their place in the parsed
    body; None when the places are not the body's own tables (one sat inside something else)."""
    tbl = f"{{{W_NS}}}tbl"
    places = [i for i, element in enumerate(elements) if element.tag == tbl]
    if len(places) != len(texts) or any(len(elements[i]) for i in places):
        return None
    out = {}
    for i, text in zip(places, texts):
        alone = serialise(elements[i])  # "<w:tbl" + declarations + "/>"
        out[i] = TextTable(text, alone[len("<w:tbl"):-2])
    return out
