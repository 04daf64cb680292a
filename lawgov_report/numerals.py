"""Chinese numerals (中文数字), both ways: 13000 <-> 一万三千, 2020 <-> 二〇二〇, 12 <-> 十二.

One place for every stage: heading numbers and 一是/二是 (compose), figures printed with the
``chinese`` filter (figures), a year typed as ``二〇二〇`` (source), heading numbers and dates in an
imported report (readers).
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

# Reading: the forms real text uses for a digit (〇 in years, 两 in counts, look-alike circles).
_DIGIT_VALUE = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "○": 0, "Ｏ": 0, "О": 0, "0": 0, "两": 2}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
_GROUP_VALUE = {"万": 10_000, "亿": 100_000_000}


def _below_10000(n: int, head: bool) -> str:
    """One group of four digits; ``head`` when nothing precedes it (then 12 reads 十二)."""
    out, pending_zero = "", False
    for power in (3, 2, 1, 0):
        digit = n // 10 ** power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        if power == 1 and digit == 1 and not out and head:
            out += "十"
        else:
            out += _DIGITS[digit] + _SMALL_UNITS[power]
    return out


def to_chinese(n: int) -> str:
    """A whole number as read aloud: 105 -> 一百零五, 12 -> 十二, 13000 -> 一万三千, 0 -> 零, -3 -> 负三.

    Past 万亿 the digits are kept (no clerk writes such a number in words)."""
    if n < 0:
        return "负" + to_chinese(-n)
    if n == 0:
        return "零"
    groups = []
    rest = n
    while rest:
        groups.append(rest % 10000)
        rest //= 10000
    if len(groups) > len(_BIG_UNITS):
        return str(n)
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and group < 1000:
            out += "零"
        out += _below_10000(group, not out) + _BIG_UNITS[index]
    return out


def from_chinese(text: str) -> int | None:
    """``十八`` -> 18, ``一百零五`` -> 105, ``二〇二〇`` -> 2020, ``一万三千`` -> 13000, ``两`` -> 2;
    None where ``text`` is not one well-formed numeral (``十十``, ``二十三四``, ``abc``)."""
    text = text.strip()
    if not text or any(c not in _DIGIT_VALUE and c not in _UNIT_VALUE and c not in _GROUP_VALUE for c in text):
        return None
    if all(c in _DIGIT_VALUE for c in text):  # digit by digit, as years are written: 二〇二〇
        return int("".join(str(_DIGIT_VALUE[c]) for c in text))
    total, last_group, section = 0, None, ""
    for c in text + "\0":
        if c in _GROUP_VALUE or c == "\0":
            value = _section(section)
            scale = _GROUP_VALUE.get(c, 1)
            if value is None or (c != "\0" and value == 0) or (last_group is not None and scale >= last_group):
                if not (c == "\0" and section == ""):
                    return None
                value = 0
            total += value * scale
            last_group, section = scale, ""
        else:
            section += c
    return total


def _section(text: str) -> int | None:
    """A numeral below 10000 (十二, 三千零五); None if malformed."""
    value, last_unit, digit = 0, 10_000, None
    for c in text:
        if c in _DIGIT_VALUE:
            if digit:  # two digits in a row, unless after 零
                return None
            digit = _DIGIT_VALUE[c]
        else:
            unit = _UNIT_VALUE[c]
            if unit >= last_unit or digit == 0:
                return None
            value += (1 if digit is None else digit) * unit
            last_unit, digit = unit, None
    return value + (digit or 0)
