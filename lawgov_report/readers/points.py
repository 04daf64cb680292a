"""Enumerations inside a paragraph ("一是……二是……三是……"): split into points, markers removed.

The markers are generated again when the report is built, so a paragraph ``head + 一是 + p1 + 二是 +
p2`` becomes ``text: head, points: [p1, p2]`` and renders back to the same characters.
"""

from __future__ import annotations

from lawgov_report.compose.numbering import point_marker

# A marker starts a point only at the start of the text or after a pause, so that words such as
# "统一是" or "唯一是" are not taken for one.
_BEFORE = set("。；;：:，,！!？? \u3000\t）)”")
MAX_POINTS = 30


def _find(text: str, marker: str, start: int) -> int:
    pos = text.find(marker, start)
    while pos != -1:
        if pos == 0 or text[pos - 1] in _BEFORE:
            return pos
        pos = text.find(marker, pos + 1)
    return -1


def split_points(text: str) -> tuple[str, list[str]] | None:
    """``(text before 一是, [points])`` when the paragraph enumerates at least two points, else None."""
    if "一是" not in text or "二是" not in text:
        return None
    starts: list[int] = []
    pos = 0
    for n in range(1, MAX_POINTS + 1):
        marker = point_marker(n)
        found = _find(text, marker, pos)
        if found == -1:
            break
        starts.append(found)
        pos = found + len(marker)
    if len(starts) < 2:
        return None
    points = []
    for i, start in enumerate(starts):
        begin = start + len(point_marker(i + 1))
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        points.append(text[begin:end])
    if any(not p.strip() for p in points):
        return None  # "一是二是" with nothing between: not an enumeration
    return text[: starts[0]], points
