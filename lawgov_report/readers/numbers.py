"""Typed numbers in an existing report: heading numbers (一、 （一） 1. （1） and the variants real
reports type: half-width "(一)", "一．", "1．", "1、") and Chinese numerals (十二, 二〇二一)."""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十百零"
# Numbering style -> the typed forms it covers; the match's group 1 is the number.
_NUMBERS = (
    ("一、", re.compile(rf"^([{_CN}]{{1,4}})[、．.]\s*")),
    ("（一）", re.compile(rf"^[（(]([{_CN}]{{1,4}})[）)]\s*")),
    ("1.", re.compile(r"^(\d{1,2})(?:、|[.．](?!\d))\s*")),
    ("（1）", re.compile(r"^[（(](\d{1,2})[）)]\s*")),
)


def heading_number(text: str) -> tuple[str, int, str] | None:
    """(numbering style, number, the typed number with its spaces) at the start of a paragraph."""
    for style, pattern in _NUMBERS:
        m = pattern.match(text)
        if m:
            n = int(m[1]) if m[1].isdigit() else chinese_number(m[1])
            if n:
                return style, n, m[0]
    return None


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 二十三 -> 23 (heading and date numbers); None if not one."""
    digits = "零一二三四五六七八九"
    if not text:
        return None
    if "百" in text:
        head, _, rest = text.partition("百")
        h = digits.find(head) if head else 1
        r = chinese_number(rest.lstrip("零")) if rest else 0
        return None if h <= 0 or r is None else h * 100 + r
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = digits.find(tens) if tens else 1
        o = digits.find(ones) if ones else 0
        return None if t <= 0 or o < 0 or len(ones) > 1 else t * 10 + o
    return digits.find(text) if len(text) == 1 and digits.find(text) > 0 else None
