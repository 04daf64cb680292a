"""Where two texts agree: their common start and end, and the longest stretch they share.

Found by comparing slices (one C-level comparison each) and by string search, never character by
character in Python: align and the redline compare the middles of changed paragraphs this way,
coded one character a unit of change (align.opcodes).
"""

from __future__ import annotations


def common_ends(a, b) -> tuple[int, int]:
    """How many units ``a`` and ``b`` share at their start, and then at their end.

    Found by halving, comparing slices (one C-level comparison each), not unit by unit: the
    Python loop over a paragraph's 300 shared characters cost a 50x report's diff 15 ms."""
    limit = min(len(a), len(b))
    head = 0
    if limit and a[0] == b[0]:
        head, high = 1, limit  # a[:head] == b[:head]
        while head < high:
            middle = (head + high + 1) // 2
            if a[head:middle] == b[head:middle]:
                head = middle
            else:
                high = middle - 1
    tail, end_a, end_b = 0, len(a), len(b)
    if limit > head and a[-1] == b[-1]:
        tail, high = 1, limit - head  # a[end_a - tail:] == b[end_b - tail:]
        while tail < high:
            middle = (tail + high + 1) // 2
            if a[end_a - middle:end_a - tail] == b[end_b - middle:end_b - tail]:
                tail = middle
            else:
                high = middle - 1
    return head, tail


# (a stretch this long from the middle of the shorter text is looked for whole in the other)
_PROBE = 8


def long_block(a: str, b: str) -> tuple[int, int, int] | None:
    """difflib's longest matching block of ``a`` and ``b`` (no junk: the longest, then the first in
    ``a``, then in ``b``) as (start in a, start in b, size), when it is longer than half the
    shorter text; None when that is not found.

    A block longer than half of ``short`` (``a`` or ``b``) covers its middle: a probe from there
    found in ``long`` gives a block of size L; if L > len(short) / 2, every block at least as long
    holds short[len(short) - L:L] whole, so the maximal runs through each place ``long`` holds that
    stretch are all the candidates, and the best of them is difflib's."""
    a_short = len(a) <= len(b)
    short, long = (a, b) if a_short else (b, a)
    middle = len(short) // 2
    at = middle
    found = long.find(short[at:at + _PROBE])
    if found < 0:
        at = max(middle - _PROBE + 1, 0)
        found = long.find(short[at:middle + 1])
        if found < 0:
            return None
    start, _, size = run_through(short, long, at, found)
    if 2 * size <= len(short):
        return None
    core_at = len(short) - size
    core = short[core_at:size]
    best = None
    found = long.find(core)
    while found >= 0:
        start, other, size = run_through(short, long, core_at, found)
        i, j = (start, other) if a_short else (other, start)
        if best is None or (-size, i, j) < (-best[2], best[0], best[1]):
            best = (i, j, size)
        found = long.find(core, found + 1)
    return best


def run_through(a: str, b: str, i: int, j: int) -> tuple[int, int, int]:
    """The maximal run of equal characters through a[i] == b[j]: (start in a, start in b, size)."""
    forward = shared_start(a, b, i, j)
    back = shared_end(a, b, i, j)
    return i - back, j - back, back + forward


def shared_start(a: str, b: str, i: int, j: int) -> int:
    """How many characters a[i:] and b[j:] share at their start (by halving, as common_ends)."""
    low, high = 0, min(len(a) - i, len(b) - j)  # a[i:i + low] == b[j:j + low]
    if a[i:i + high] == b[j:j + high]:
        return high
    while low < high - 1:  # (a[i:i + high] differs from b[j:j + high])
        mid = (low + high) // 2
        if a[i + low:i + mid] == b[j + low:j + mid]:
            low = mid
        else:
            high = mid
    return low


def shared_end(a: str, b: str, i: int, j: int) -> int:
    """How many characters a[:i] and b[:j] share at their end."""
    low, high = 0, min(i, j)  # a[i - low:i] == b[j - low:j]
    if a[i - high:i] == b[j - high:j]:
        return high
    while low < high - 1:
        mid = (low + high) // 2
        if a[i - mid:i - low] == b[j - mid:j - low]:
            low = mid
        else:
            high = mid
    return low
