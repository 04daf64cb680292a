"""Generated numbers: heading numbers (一、（一）1.（1）) and enumerations (一是、二是……).

Clerks never type these; they are computed when the Document is built, so they cannot drift.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"

# The four heading levels of GB/T 9704-2012 7.3.3, as numbering styles.
STYLES = ("一、", "（一）", "1.", "（1）")
LEVEL_OF_STYLE = {style: level for level, style in enumerate(STYLES, start=1)}


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (as numbers are read aloud)."""
    if n <= 0:
        raise ValueError(f"numbering starts at 1, not {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        return head + (_DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else ""))
    return str(n)


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


def point_marker(n: int) -> str:
    """The marker of the ``n``-th point of an enumeration: 1 -> 一是."""
    return f"{chinese_numeral(n)}是"
