"""Generated numbers: heading numbers (一、（一）1.（1）) and enumerations (一是、二是……).

Clerks never type these; they are computed when the Document is built, so they cannot drift.
"""

from __future__ import annotations

import functools

from lawgov_report.numerals import to_chinese
from lawgov_report.source.model import CONTINUE, STYLES  # the four heading levels of GB/T 9704-2012 7.3.3

LEVEL_OF_STYLE = {style: level for level, style in enumerate(STYLES, start=1)}


def child_style(numbering: str | None, level: int) -> str:
    """The numbering style of the sub-headings of a section at ``level`` whose ``numbering`` is given
    (a style, None for the level's own, or ``continue``, which numbers on in the level's own style)."""
    return numbering if numbering in LEVEL_OF_STYLE else STYLES[min(level, 3)]


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 105 -> 一百零五: a heading or enumeration number, from 1."""
    if n <= 0:
        raise ValueError(f"numbering starts at 1, not {n}")
    return to_chinese(n)


# Numbers are asked for again and again (1,500 一是 and 700 headings a 50x report) and spelling one
# out in Chinese numerals took a third of laying the document out: each is made once per process.
@functools.lru_cache(maxsize=1024)
def heading_number(style: str, n: int) -> str:
    """The number of the ``n``-th heading in ``style``: ("（一）", 3) -> "（三）"."""
    if style == "一、":
        return f"{chinese_numeral(n)}、"
    if style == "（一）":
        return f"（{chinese_numeral(n)}）"
    if style == "1.":
        return f"{n}."
    if style == "（1）":
        return f"（{n}）"
    raise ValueError(f"unknown numbering style {style!r}")


@functools.lru_cache(maxsize=1024)
def point_marker(n: int) -> str:
    """The marker of the ``n``-th point of an enumeration: 1 -> 一是."""
    return f"{chinese_numeral(n)}是"
