"""Figures typed into the prose by hand (手写数字): a number that disagrees with the report's figure.

The clerk's oldest slip: last year's report said "依法受理行政复议案件18起", this year the figure
受理复议案件数 is 21 and the 附件 table says 21, but the sentence was edited by hand and says 19. A
number typed right after a figure's label and followed by the figure's unit is that figure; where
it differs from the figure's value, lint says so at the number. Only exact label-number-unit
sequences count, so a date, a count the report has no figure for, or a reworded label stay silent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# A number typed in the text and its 约数 marker, followed (after spaces) by one of ``{starts}``,
# the first characters of the figures' units: years and dates (2020年, 5月) are not even matched.
# (No look-behind for the digit before it: that kept the engine from skipping to the next digit.)
_NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)(余|多)? *(?=[{starts}])"
# Words that may stand between a label and its number: 受理行政复议案件共21起, 覆盖率达100%.
_BETWEEN = ("共计", "共", "达到", "达", "为", "计", "约", "近", "超过")


def typed_figures(texts, figures: dict) -> list[tuple]:
    """(text, needle, offset of the number in it, message, hint, english) for each number in
    ``texts`` (lint Texts) typed after a figure's label and before its unit whose value differs
    from the figure's."""
    by_label: dict[str, object] = {}
    for figure in figures.values():
        label, unit, value = getattr(figure, "label", ""), getattr(figure, "unit", ""), getattr(figure, "value", None)
        if label and unit and len(label) >= 2 and isinstance(value, (int, float)) and not isinstance(value, bool):
            by_label.setdefault(label, figure)
    if not by_label:
        return []
    lengths = sorted({len(label) for label in by_label}, reverse=True)
    numbers = re.compile(_NUMBER.format(starts=re.escape("".join({figure.unit[0] for figure in by_label.values()}))))
    out = []
    # All the texts searched as one: a search per text cost a 50x report's lint 6 ms, one 1 ms.
    raws = [text.raw for text in texts]
    starts = list(accumulate((len(raw) + 1 for raw in raws), initial=0))
    for match in numbers.finditer("\n".join(raws)):
        i = bisect_right(starts, match.start()) - 1
        text, raw = texts[i], raws[i]
        found = numbers.match(raw, match.start() - starts[i])
        after = found.end()
        if found.start() and raw[found.start() - 1] in "0123456789.," or _inside_braces(raw, found.start()):
            continue
        before = raw[max(0, found.start() - 40):found.start()].rstrip()
        for word in _BETWEEN:
            if before.endswith(word):
                before = before[: -len(word)].rstrip()
                break
        figure = next((by_label[before[-n:]] for n in lengths if before[-n:] in by_label), None)
        if figure is None or not raw.startswith(figure.unit, after):
            continue
        typed = float(found.group(1).replace(",", ""))
        if abs(typed - float(figure.value)) < 1e-9:
            continue
        shown = f"{figure.label}{found.group(1)}{found.group(2) or ''}{figure.unit}"
        value = _plain(figure.value)
        # found in the file by the label and the number, pointed at the number
        number = found.group(1) + (found.group(2) or "")
        needle = raw[max(0, found.start() - 40) + len(before) - len(figure.label):found.start() + len(number)]
        out.append((text, needle, len(needle) - len(number),
                    f"正文直接写了“{shown}”，而数据“{figure.name}”是 {value}{figure.unit}，与附件表不一致",
                    f"把这个数字改成 {{{{ {figure.name} }}}}，正文就随数据一起变",
                    f"typed number {found.group(1)} disagrees with figure {figure.name} ({value})"))
    return out


def _inside_braces(raw: str, at: int) -> bool:
    opened = raw.rfind("{{", 0, at)
    return opened >= 0 and raw.rfind("}}", opened, at) < 0


def _plain(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
