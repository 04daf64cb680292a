"""Word's automatic numbering (多级列表, ``w:numPr``): the number a paragraph shows though its text
does not hold it.

Word and WPS keep "一、" "（二）" "3." of a numbered heading in ``numbering.xml``: the paragraph
names a list (``w:numId``) and a level (``w:ilvl``), directly or through its style; the list's
abstract definition gives each level a start, a format (``chineseCounting`` 一二三, ``decimal``
1 2 3 …) and a pattern (``w:lvlText`` "%1、", "（%2）", "%3."). Counting follows Word: the levels
of one abstract list count together across every list that uses it, a level counts on until a
higher level restarts it (or ``w:lvlRestart`` says otherwise), and ``w:startOverride`` restarts a list.
"""

from __future__ import annotations

from lawgov_report.numerals import to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def _val(element, name: str, default=None):
    child = element.find(W + name) if element is not None else None
    return child.get(W + "val", default) if child is not None else default


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in a ``w:numFmt``: (3, chineseCounting) -> 三, (3, decimal) -> 3."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographLegalTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting"):
        text = to_chinese(n)
        return text.translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")) \
            if fmt in ("chineseLegalSimplified", "ideographLegalTraditional") else text
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(n - 1) % 12]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal")

    def __init__(self, lvl):
        self.start = _int(_val(lvl, "start"), 1)
        self.fmt = _val(lvl, "numFmt", "decimal")
        self.text = _val(lvl, "lvlText", "")
        restart = lvl.find(W + "lvlRestart")
        self.restart = _int(restart.get(W + "val"), 0) if restart is not None else None
        self.legal = lvl.find(W + "isLgl") is not None


class Numbering:
    """The lists of one document, counting as the paragraphs are read in order."""

    def __init__(self, root):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {_int(lvl.get(W + "ilvl"), 0): _Level(lvl) for lvl in abstract.iter(W + "lvl")}
            self.abstract[abstract.get(W + "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = override.find(W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(W + "val"), 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _Level(lvl)
            self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId", ""), overrides, starts)

    def __bool__(self) -> bool:
        return bool(self.nums)

    def number(self, num_id: str | None, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list ``num_id`` at level ``ilvl`` ("" if none)."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides, starts = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if starts and num_id not in self.started:  # a list restarted by its w:startOverride
            self.started.add(num_id)
            for level, start in starts.items():
                counters[level] = start - 1
            for level in list(counters):
                if level > max(starts) and level not in starts:
                    del counters[level]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            # w:lvlRestart N: restarts after level N (1-based) or a higher one; 0: never restarts
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""  # a bullet (●, ) is not a heading number, nor text to keep
        text = level.text
        for k in range(9, -1, -1):  # "%10" does not exist; %1..%9 are levels 0..8
            token = f"%{k + 1}"
            if token in text:
                lvl = levels.get(k)
                n = counters.get(k, lvl.start if lvl else 1)
                fmt = "decimal" if level.legal and k != ilvl else (lvl.fmt if lvl else "decimal")
                text = text.replace(token, format_number(n, fmt))
        return text


def paragraph_list(ppr, style_list) -> tuple[str | None, int]:
    """(numId, ilvl) of a paragraph: its own ``w:numPr``, else its style's (``style_list``)."""
    num_pr = ppr.find(W + "numPr") if ppr is not None else None
    if num_pr is not None:
        num_id = _val(num_pr, "numId")
        ilvl = _int(_val(num_pr, "ilvl"), 0)
        if num_id is None and style_list:
            return style_list[0], ilvl
        return num_id, ilvl
    if style_list:
        return style_list
    return None, 0
