"""Figures typed into the prose by hand (手写数字): a number that disagrees with the report's figure.

The clerk's oldest slip: last year's report said "依法受理行政复议案件18起", this year the figure
受理复议案件数 is 21 and the 附件 table says 21, but the sentence was edited by hand and says 19. A
number typed right after a figure's label and followed by the figure's unit is that figure; where
it differs from the figure's value, lint says so at the number. Only exact label-number-unit
sequences count, so a date, a count the report has no figure for, or a reworded label stay silent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from lawgov_report.compose.linttexts import Joined

# A number typed in the text and its 约数 marker, followed (after spaces) by one of ``{starts}``,
# the first characters of the figures' units: years and dates (2020年, 5月) are not even matched.
# (No look-behind for the digit before it: that kept the engine from skipping to the next digit.)
_NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)(余|多)? *(?=[{starts}])"
# Words that may stand between a label and its number: 受理行政复议案件共21起, 覆盖率达100%.
_BETWEEN = ("共计", "共", "达到", "达", "为", "计", "约", "近", "超过")


def typed_figures(raws: Joined, figures: dict) -> list[tuple]:
    """(index of the text, needle, offset of the number in it, message, hint, english) for each
    number in the texts ``raws`` (what the clerk typed, joined) typed after a figure's label and
    before its unit whose value differs from the figure's."""
    # The texts that can hold one, found by one search over them all for a number's last digit
    # before a unit: a search per text cost a 50x report's lint 6 ms, the number pattern over all
    # the texts 1 ms (it backtracks at every digit of every date), this one 0.7 ms; and when it
    # finds none (most reports), the figures are not looked at one by one.
    try:  # the distinct units gathered in C, then their first characters (a Python step per figure: 0.3 ms)
        units = set(map(attrgetter("unit"), figures.values()))
    except AttributeError:  # a value that is not a figure: no unit
        units = {getattr(figure, "unit", "") for figure in figures.values()}
    units = {unit[:1] for unit in units} - {""}
    suspects = sorted(raws.holding(_last_digit(re.escape("".join(sorted(units)))))) if units else []
    if not suspects:
        return []
    by_label: dict[str, object] = {}
    for figure in figures.values():
        label, unit, value = getattr(figure, "label", ""), getattr(figure, "unit", ""), getattr(figure, "value", None)
        if label and unit and len(label) >= 2 and isinstance(value, (int, float)) and not isinstance(value, bool):
            by_label.setdefault(label, figure)
    if not by_label:
        return []
    lengths = sorted({len(label) for label in by_label}, reverse=True)
    starts = re.escape("".join({figure.unit[0] for figure in by_label.values()}))
    numbers = re.compile(_NUMBER.format(starts=starts))
    out = []
    for i in suspects:  # (those of the figures with a label and a value: the same or more)
        raw = raws.texts[i]
        for found in numbers.finditer(raw):
            problem = _disagreement(raw, found, by_label, lengths)
            if problem:
                out.append((i, *problem))
    return out


@lru_cache(maxsize=16)
def _last_digit(starts: str) -> re.Pattern:
    """A number's last character (a digit, or the comma [0-9,]* may end on) followed, as in _NUMBER,
    by a 约数 marker, spaces and one of ``starts``: what every match of _NUMBER holds (with those
    ``starts`` or fewer)."""
    return re.compile(f"[0-9,](?:余|多)? *(?=[{starts}])")


def _disagreement(raw: str, found: re.Match, by_label: dict, lengths: list[int]) -> tuple | None:
    """(needle, offset of the number in it, message, hint, english) when the number ``found`` in
    ``raw`` follows a figure's label, precedes its unit and is not its value."""
    after = found.end()
    if found.start() and raw[found.start() - 1] in "0123456789.," or _inside_braces(raw, found.start()):
        return None
    before = raw[max(0, found.start() - 40):found.start()].rstrip()
    for word in _BETWEEN:
        if before.endswith(word):
            before = before[: -len(word)].rstrip()
            break
    figure = next((by_label[before[-n:]] for n in lengths if before[-n:] in by_label), None)
    if figure is None or not raw.startswith(figure.unit, after):
        return None
    typed = float(found.group(1).replace(",", ""))
    if abs(typed - float(figure.value)) < 1e-9:
        return None
    shown = f"{figure.label}{found.group(1)}{found.group(2) or ''}{figure.unit}"
    value = _plain(figure.value)
    # found in the file by the label and the number, pointed at the number
    number = found.group(1) + (found.group(2) or "")
    needle = raw[max(0, found.start() - 40) + len(before) - len(figure.label):found.start() + len(number)]
    return (needle, len(needle) - len(number),
            f"正文直接写了“{shown}”，而数据“{figure.name}”是 {value}{figure.unit}，与附件表不一致",
            f"把这个数字改成 {{{{ {figure.name} }}}}，正文就随数据一起变",
            f"typed number {found.group(1)} disagrees with figure {figure.name} ({value})")


def _inside_braces(raw: str, at: int) -> bool:
    opened = raw.rfind("{{", 0, at)
    return opened >= 0 and raw.rfind("}}", opened, at) < 0


def _plain(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
