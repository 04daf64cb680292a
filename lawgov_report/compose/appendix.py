"""The statistics appendix (附件) as the document frame sees it: its label, title and Word table.

The template asks for it (option ``appendix``, on by default); the frame then writes the 附件说明
line and, on a new page, "附件" in 黑体 on line 1, the title centred on line 3 and the statistics
table (statistics.py) with explicit column widths, which WPS needs to lay a table out.
"""

from __future__ import annotations

import re
from itertools import chain

from markupsafe import Markup, escape

from lawgov_report import document as d
from lawgov_report.figures.values import FigureValue
from lawgov_report.figures.statistics import statistics_table, table_columns, text_width

DEFAULT_TITLE = "{{ year }}年度法治政府建设主要数据统计表"
TYPE_WIDTH = 8845  # twips: the type area, 156 mm (GB/T 9704-2012 5.2.1)
CHAR = 280  # twips of one 4号 character, the table styles' text size
# A table wider than 序号/类别/指标/单位/本年 (上年, 增减, 增幅, 备注) takes 小四 text: at 4号, nine
# columns do not fit 156 mm without wrapping numbers.
WIDE_SIZE, WIDE_CHAR = 24, 240  # half-points and twips of one 小四 character
PADDING = 216  # twips: the cell's left and right margins (108 each)
# The widest a column other than 指标 and 备注 may get, in characters; longer text wraps.
MAX_CHARS = {"category": 4, "unit": 3}
NUMERIC = {"value", "previous", "delta", "growth"}
MIN_FLEXIBLE = {"label": 6, "note": 3}  # characters a line, at least


def enabled(template) -> bool:
    """Whether the template asks for the appendix (option ``appendix``, default on)."""
    return bool(template.option("appendix", True))


def appendix_view(figures: dict[str, FigureValue], title: str, issuer: str, other_attachments: int) -> dict | None:
    """The appendix for the frame: label, title and table (header, rows, widths, numeric, merges)."""
    if not figures:
        return None
    table = statistics_table(figures, title, issuer)
    keys = table.keys
    header = [c.header for c in table.columns]
    numeric = [c.numeric for c in table.columns]
    # The texts a column at a time; the rows of the view and of the Word table made from the columns
    # by zip (a Python loop over the rows, copying each to blank its category, took 0.7 ms at 50x).
    columns = table_columns(table)
    made = list(columns)  # the columns as made (the category's is blanked below for the Word table)
    texts = [[h, *column] for h, column in zip(header, columns)]  # with the header: what widths measure
    rows = [list(cells) for cells in zip(*columns)]
    unmerged = [False] * len(keys)
    merged, body = [unmerged.copy() for _ in rows], rows
    if "category" in keys:
        # A category spans its rows: the cells below its first row continue it (a vertical merge).
        category = keys.index("category")
        continued = [row.category_rows == 0 for row in table.rows]
        continues = unmerged.copy()
        continues[category] = True
        merged = [(continues if merge else unmerged).copy() for merge in continued]  # copies: lists of its own
        columns[category] = [None if merge else text for merge, text in zip(continued, columns[category])]
        body = [list(cells) for cells in zip(*columns)]
    wide = len(keys) > 5
    widths = column_widths(keys, (), WIDE_CHAR if wide else CHAR, texts)
    size = WIDE_SIZE if wide else 0
    return {
        "label": f"附件{other_attachments + 1}" if other_attachments else "附件",
        "title": title,
        "header": header,
        "rows": rows,
        "merged": merged,
        "widths": widths,
        "numeric": numeric,
        "text_size": size,
        "table": table_element(header, rows, merged, widths, numeric, size, made),
        "document_table": d.Table(header, body, widths, numeric, size),
    }


# The frame places the table with {{ appendix.table }}: the element <table ref="appendix"/>, which the
# builder replaces with the table made here. Writing its 10,000 cells of a 50x report as XML for the
# frame, parsing them back and walking them cost 9 ms a render, a seventh of building the document.
REFERENCE = Markup('<table ref="appendix"/>')
# Unless the cells hold what a round trip through XML would change (a carriage return becomes a line
# feed) or refuse (control characters, "]]>"), or the table is too large to stand aside from the
# frame's bound on its output: then the frame gets the table's full markup, as it always did.
_XML_CHANGES = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|]]>")
MAX_REFERENCED = 1_000_000  # characters of cell text


def table_element(header, rows, merged, widths, numeric, text_size, columns=None) -> Markup:
    """The frame's <table> element: the reference to the table made here, or in full where needed.

    ``columns``, the rows' cells a column at a time, when the caller has them (the same texts,
    joined faster: a join of 9 lists, not of 2,000)."""
    texts = " ".join(chain(header, chain.from_iterable(rows if columns is None else columns)))
    if len(texts) <= MAX_REFERENCED and not _changed_by_xml(texts):
        return REFERENCE
    return table_markup(header, rows, merged, widths, numeric, text_size)


def _changed_by_xml(texts: str) -> bool:
    """Whether ``texts`` hold what a round trip through XML changes or refuses (_XML_CHANGES)."""
    # Every character _XML_CHANGES looks for is one Python does not print (a control character, a
    # surrogate, a non-character): one pass of isprintable() clears most tables, five times faster
    # than the search (0.7 ms less a render of a 50x report's 10,000 cells).
    if texts.isprintable():
        return "]]>" in texts
    return _XML_CHANGES.search(texts) is not None


def table_markup(header, rows, merged, widths, numeric, text_size) -> Markup:
    """The table as the frame's XML: <table widths numeric size><row><cell>, where
    <cell merge="up"/> continues the category cell above (read back by the builder)."""
    size = f' size="{text_size}"' if text_size else ""
    out = [f'<table widths="{" ".join(map(str, widths))}" numeric="{" ".join("1" if n else "0" for n in numeric)}"'
           f"{size}>", "<row>", *(f"<cell>{escape(c)}</cell>" for c in header), "</row>"]
    for cells, merges in zip(rows, merged):
        out.append("<row>")
        out.extend('<cell merge="up"/>' if m else f"<cell>{escape(c)}</cell>" for c, m in zip(cells, merges))
        out.append("</row>")
    out.append("</table>")
    return Markup("".join(out))


# Advance widths in Times New Roman (and Liberation Serif, its metric twin), in ems, of what a
# number cell holds besides digits (0.5); anything else not ASCII (余, 以上, 约) is a full character.
_LATIN_WIDTHS = {",": 0.25, ".": 0.25, "%": 0.833, "+": 0.564, "-": 0.333, "−": 0.564, " ": 0.25}


def number_width(text: str) -> float:
    """A number cell's text width in full-width characters, by the glyphs' widths."""
    return sum(_LATIN_WIDTHS.get(c, 0.5) if c.isascii() or c == "−" else 1.0 for c in text)


def column_widths(keys: list[str], rows: list[list[str]], char: int = CHAR, columns=None) -> list[int]:
    """Widths in twips that sum to the type area: each column as wide as its text, 指标 the rest.

    ``char`` is the twips of one character of the table's text. Where the type area is tight, the
    category wraps at two characters, then numbers lose their spare character, before anything is
    squeezed. ``rows`` are the header and the body rows, or ``columns`` the same texts a column at a
    time (then ``rows`` is not read).
    """
    flexible = [k for k in keys if k in ("label", "note")]
    least = {k: MIN_FLEXIBLE[k] * char + PADDING for k in flexible}
    floor = sum(least.values())
    # Each distinct text measured once: a column of 2,000 rows holds a few dozen categories and units.
    # Numbers by their glyphs' widths (a % is wider than a digit, a comma narrower): measured as
    # half a character each, +100.0% wrapped once the type area was too tight for a spare character.
    columns = list(zip(*rows)) if columns is None else columns  # the texts a column at a time (in C)
    chars = {key: max(2, max(map(number_width if key in NUMERIC else text_width, set(columns[i]))))
             for i, key in enumerate(keys) if key not in flexible}
    for category_chars, spare in ((4, 1), (2, 1), (2, 0.25)):  # (a little slack: 58,000余 in 3.75 wrapped)
        caps = {**MAX_CHARS, "category": category_chars}
        # Digits are wider than half a character in some fonts: a spare one keeps 13,000余 on one line.
        widths = {key: round((min(n, caps.get(key, n)) + (spare if key in NUMERIC else 0)) * char) + PADDING
                  for key, n in chars.items()}
        if TYPE_WIDTH - sum(widths.values()) >= floor:
            break
    else:  # still too wide: squeeze the fixed columns alike, as a last resort
        scale = (TYPE_WIDTH - floor) / sum(widths.values())
        widths = {k: int(w * scale) for k, w in widths.items()}
    rest = TYPE_WIDTH - sum(widths.values())
    share = {"label": 2, "note": 1}
    total = sum(share[k] for k in flexible)
    for key in flexible:
        widths[key] = max(least[key], rest * share[key] // total)
    widths[flexible[0]] += TYPE_WIDTH - sum(widths.values())  # what rounding leaves goes to 指标
    return [widths[k] for k in keys]
