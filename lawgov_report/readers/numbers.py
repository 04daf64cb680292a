"""Typed numbers in an existing report: heading numbers (一、 （一） 1. （1） and the variants real
reports type: half-width "(一)", "一．", "1．", "1、")."""

from __future__ import annotations

import re

from lawgov_report.numerals import from_chinese, to_chinese

_CN = "一二三四五六七八九十百零"
# Numbering style -> the typed forms it covers; the match's group 1 is the number.
_NUMBERS = (
    ("一、", re.compile(rf"^([{_CN}]{{1,4}})[、．.]\s*")),
    ("（一）", re.compile(rf"^[（(]([{_CN}]{{1,4}})[）)]\s*")),
    ("1.", re.compile(r"^(\d{1,2})(?:、|[.．](?!\d))\s*")),
    ("（1）", re.compile(r"^[（(](\d{1,2})[）)]\s*")),
)


# "一、二季度" "1、2月份": numerals listed, not a heading number (the next numeral, then a noun
# such numerals count); "一、二〇二二年" and "一、二手车" stay headings.
_LISTED = re.compile(rf"^[{_CN}\d]{{1,2}}(?:、[{_CN}\d]{{1,2}})*(?:季度|月份|月|级|审|类|档|批次|期)")


def heading_number(text: str) -> tuple[str, int, str] | None:
    """(numbering style, number, the typed number with its spaces) at the start of a paragraph."""
    for style, pattern in _NUMBERS:
        m = pattern.match(text)
        if m:
            n = int(m[1]) if m[1].isdigit() else from_chinese(m[1])
            if n and m[0].endswith("、") and _listed(text[len(m[0]):], n):
                return None
            if n:
                return style, n, m[0]
    return None


def _listed(rest: str, n: int) -> bool:
    """Whether ``rest`` goes on with the numeral after ``n`` in a list of counted things."""
    following = str(n + 1) if rest[:1].isdigit() else (to_chinese(n + 1) if n + 1 < 10 else "")
    return bool(following) and rest.startswith(following) and not rest[len(following):][:1].isdigit() \
        and rest[len(following):][:1] not in "〇零十" and bool(_LISTED.match(rest))
