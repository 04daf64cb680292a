"""The body of a .docx the writer produced, taken apart for the redline (修订稿).

Which element is which block, the clerk's words in it (without the generated numbers), and its runs
as units of change: the redline compares two bodies with these and writes the differences.
"""

from __future__ import annotations

import re

from lxml import etree

from lawgov_report import document as d
from lawgov_report.align import Item
from lawgov_report.writers import ooxml as x

W = f"{{{x.W_NS}}}"
_NSDECL_W = f' xmlns:w="{x.W_NS}"'
_TR, _TC, _T, _BR, _DEL_TEXT = (f"{W}{name}" for name in ("tr", "tc", "t", "br", "delText"))
P, TBL = f"{W}p", f"{W}tbl"  # (made once: an f-string in match_items made them anew for each element)
# A number is one unit of change (18 -> 20); any other character is a unit of its own.
# A unit of change longer than a character: a number, a Latin word (the redline codes each as one).
LONG_UNIT = re.compile(r"[0-9]+(?:\.[0-9]+)?|[A-Za-z]+")
UNIT = re.compile(LONG_UNIT.pattern + "|.", re.S)  # a unit of change: a number, a Latin word, a character


def xml(element) -> str:
    """An element as XML text, without the w: declaration the fragment it goes into makes."""
    return etree.tostring(element, encoding="unicode").replace(_NSDECL_W, "")


def bare(markup: str) -> str:
    """XML without namespace declarations, for comparing elements taken from different trees."""
    return re.sub(r' xmlns:\w+="[^"]*"', "", markup)


def main_elements(document_xml: bytes) -> list:
    """The paragraphs and tables of a main document part's body, in order (not the final sectPr)."""
    body = etree.fromstring(document_xml).find(f"{W}body")
    return [child for child in body if child.tag != f"{W}sectPr"]


def element_text(element) -> str:
    out = []
    for node in element.iter(f"{W}t", f"{W}br", f"{W}delText"):
        out.append("\n" if node.tag == f"{W}br" else (node.text or ""))
    return "".join(out)


def cell_texts(table) -> list[list[str]]:
    """Each row's cells' texts (rows and cells at any depth, as in a nested table)."""
    if table.find(f".//{W}tbl") is not None:  # a cell's text then holds its nested table's too
        return [[element_text(tc) for tc in tr.iter(f"{W}tc")] for tr in table.iter(f"{W}tr")]
    # One walk over the table rather than one per cell: a 50x report's 附件 table has 10,000
    # cells, and walking each on its own took 28 ms of a redline's 36 ms taking a body apart.
    rows: list[list[str]] = []
    cells: list[str] | None = None
    in_cell = False
    for node in table.iter(_TR, _TC, _T, _BR, _DEL_TEXT):
        tag = node.tag
        if tag == _TR:
            cells, in_cell = [], False
            rows.append(cells)
        elif tag == _TC:
            if cells is not None:
                cells.append("")
                in_cell = True
        elif in_cell:
            cells[-1] += "\n" if tag == _BR else (node.text or "")
    return rows


def match_items(document: d.Document, body, known: dict | None = None) -> list[Item]:
    """What each body element is, for matching: its kind and the clerk's words (no generated numbers).

    The writer gives each block but a page break one body element; while the texts agree the
    blocks tell the clerk's words from the generated numbers, and past any disagreement (a writer
    that lays blocks out differently) the element's own text is used. ``body``: the elements, read
    through ``tag(i)``, ``text(i)`` and ``body[i]`` (writers.redlinebody); ``known``: tables kept as
    text (redlinerows.TextTable) by index, whose cells' texts are known.
    """
    blocks = [b for b in document.blocks if b.kind != d.PAGE_BREAK]
    items, in_step = [], True
    for i in range(len(body)):
        block = blocks[i] if in_step and i < len(blocks) else None
        tag = body.tag(i)
        if tag == TBL:
            in_step = in_step and block is not None and block.kind == d.TABLE
            # one row a line: a long table is compared row by row (align.similarity)
            if known and i in known:  # (its rows' keys and texts made once, for the table's own rows too)
                cells, text = known[i].row_keys, "\n".join(known[i].row_texts)
            else:
                cells = tuple(tuple(row) for row in cell_texts(body[i]))
                text = "\n".join("\t".join(r) for r in cells)
            items.append(Item(("tbl", cells), text, "tbl"))
        elif tag == P:
            text = body.text(i)
            if block is not None and block.kind != d.TABLE and block.text == text:
                shape = ("p", block.kind, block.level)
                clerk = block.clerk_text
            else:
                in_step = False
                style = body[i].find(f"{W}pPr/{W}pStyle")
                shape = ("p", style.get(f"{W}val") if style is not None else "")
                clerk = text
            items.append(Item((shape, clerk), clerk, shape))
        else:
            in_step = False
            items.append(Item(("x", xml(body[i])), "", "x"))
    return items


def run_tokens(paragraph, units: bool = True) -> list[tuple[str, str, str]]:
    """A paragraph's content as (run properties, kind, value) units: "t" text, "x" other run child,
    "n" a non-run element (bookmark …) kept as it is.

    ``units=False``: each w:t whole, not cut into units of change (see :func:`units`); the redline
    rebuilds the same runs from either (it joins a run's texts), and cutting every unchanged
    paragraph into characters took a fifth of a 50x report's redline."""
    out = []
    for child in paragraph:
        if child.tag == f"{W}pPr":
            continue
        if child.tag != f"{W}r":
            out.append(("", "n", xml(child)))
            continue
        rpr = child.find(f"{W}rPr")
        rpr_xml = xml(rpr) if rpr is not None else ""
        for part in child:
            if part.tag == f"{W}rPr":
                continue
            if part.tag == f"{W}t":
                if units:
                    out.extend((rpr_xml, "t", unit) for unit in UNIT.findall(part.text or ""))
                elif part.text:
                    out.append((rpr_xml, "t", part.text))
            else:
                out.append((rpr_xml, "x", xml(part)))
    return out


def unit_texts(text: str) -> list[str]:
    """``text`` cut into units of change (a number, a Latin word, any other character)."""
    return UNIT.findall(text)


def units(tokens: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """``run_tokens(p, units=False)`` cut into units of change: what ``run_tokens(p)`` gives."""
    out = []
    for token in tokens:
        if token[1] == "t":
            out.extend((token[0], "t", unit) for unit in UNIT.findall(token[2]))
        else:
            out.append(token)
    return out
