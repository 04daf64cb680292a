"""Matching two sequences by content (比对对齐): what stayed, what was reworded, what moved.

Used for the sections and items of two reports (``compare``) and for the paragraphs and table rows of
two rendered documents (``writers.redline``). Items are matched by a key (equal keys: the same item)
and a text (similar texts: the same item reworded); position only keeps the result in order, so an
item that moved is found where it went, not reported as a different item. Four passes:

1. anchors: the longest in-order runs of equal keys (difflib, with no junk heuristic);
2. moves: equal keys left over on both sides;
3. rewordings: in each gap between anchors, the in-order pairing of similar texts of the same shape
   that is most similar in total;
4. moved and reworded: similar texts still left over anywhere (a summary says "moved"; a redline
   shows them as deleted there and inserted here).

The steps come out in one merged order: within each gap, what only the old side has, then what only
the new side has. Dropping the added steps gives the old order exactly; dropping the removed ones
gives the new order exactly; a redline relies on that.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from itertools import compress, count
from operator import ne
from typing import Hashable, NamedTuple

from lawgov_report.stretches import common_ends, long_block

SAME, CHANGED, REMOVED, ADDED = "same", "changed", "removed", "added"

# Two texts of the same shape are "the same item reworded" from this similarity on (difflib ratio).
REWORDED = 0.5
# Beyond this many candidate pairs in one gap, rewordings are not looked for (it would be slow, and a
# gap that large is a rewrite, shown as one).
_MAX_GAP_PAIRS = 60_000
# An unchanged stretch this short between two changes is folded into them, so a rewritten phrase
# reads as one deletion and one insertion, not as confetti of shared characters (的, 法, 。).
SHORT_EQUAL = 1
# Beyond this many units (characters, or tokens of a paragraph), texts are compared sentence by
# sentence first: difflib is quadratic, and a 100,000-character 附件 table compared by characters
# took minutes.
LONG = 2000
_SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]|[^。！？；!?;\n]+")
SENTENCE_ENDS = frozenset("。！？；!?;\n")
_CLAUSE = re.compile(r"[^，。；：、！？,;:!?\n]*[，。；：、！？,;:!?\n]|[^，。；：、！？,;:!?\n]+")


class Item(NamedTuple):
    """One thing to match: ``key`` must be equal to match exactly; ``text`` may be similar.

    (A named tuple: a redline of a 50x report makes 10,000, and a frozen dataclass's ``__init__``
    took twice as long.)"""

    key: Hashable
    text: str
    shape: Hashable = None  # only items of the same shape may be paired as rewordings


@dataclass
class Step:
    """One step of the merged alignment.

    ``same``/``changed``: ``old`` and ``new`` both set, in order. ``removed``/``added``: one side set;
    ``partner`` is the index on the other side when the item moved (``reworded`` if it also changed).
    """

    kind: str
    old: int | None = None
    new: int | None = None
    partner: int | None = None
    reworded: bool = False

    @property
    def moved(self) -> bool:
        return self.partner is not None


def similarity(a: str, b: str, exact: bool = True, counts: dict | None = None) -> float:
    """How alike two texts are, 0..1, character by character (Chinese has no word boundaries).

    ``exact=False``: only whether they reach REWORDED matters; a value at or above it may be a
    lower bound (what their common start and end alone give). ``counts``: each text's units
    counted, kept between calls (a gap of k changed paragraphs compares k x k pairs)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    texts = a, b
    if len(a) + len(b) > LONG:  # long texts (a whole table, a page-long paragraph): by sentence
        a, b = _SENTENCE.findall(a), _SENTENCE.findall(b)
    total = len(a) + len(b)
    # A reworded paragraph keeps its start and end: those match directly, and difflib (quadratic in
    # what it is given) sees only the middle that changed. Profiled on a 50x report's redline,
    # comparing whole texts took most of its time.
    head, tail = common_ends(a, b)
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    if not exact and 2.0 * (head + tail) / total >= REWORDED:
        return 2.0 * (head + tail) / total
    # Upper bounds first: below the threshold, the exact value is not needed.
    value = 2.0 * (head + tail + min(len(middle_a), len(middle_b))) / total
    if value < REWORDED:
        return value
    if not exact and isinstance(middle_a, str):
        # A lower bound without difflib: its first matching block is the middles' longest common
        # stretch, at least as long as any run of clauses of one found whole in the other. Most
        # reworded paragraphs reach REWORDED so; difflib's walk over them took a third of the
        # alignment. (Tried before the counts' upper bound, which a text reaching it always passes:
        # counting the characters of two paragraphs changed in two places cost more than this.)
        value = 2.0 * (head + tail + _shared_stretch(middle_a, middle_b)) / total
        if value >= REWORDED:
            return value
    # (units in common, as multisets: the common ends plus the middles' ones, so whole texts'
    # counts, computed once per text, give the same bound)
    count_a, count_b = (_counted(text, units, counts) for text, units in zip(texts, (a, b)))
    value = 2.0 * _in_common(count_a, count_b) / total
    if value < REWORDED:
        return value
    in_place = _in_place(middle_a, middle_b) if isinstance(middle_a, list) else None
    if in_place is not None:
        # (sentences changed in place, as the rows of a 附件 table whose figures changed: difflib's
        # blocks are the equal ones side by side; its matcher took a 50x table 7-13 ms)
        return 2.0 * (head + tail + len(in_place)) / total
    # (sentences: the runs' matcher, the same blocks; a 50x report's 附件 tables, 1,950 rows each,
    # took a fifth of its redline's body through difflib's walk)
    matcher = (_RunMatcher if isinstance(middle_a, list) else SequenceMatcher)(None, middle_a, middle_b, autojunk=False)
    matches = sum(block.size for block in matcher.get_matching_blocks())
    return 2.0 * (head + tail + matches) / total


def _shared_stretch(a: str, b: str) -> int:
    """The length of a stretch of ``a`` found whole in ``b``: the longest run of ``a``'s clauses
    (each with its closing mark) that ``b`` holds together, found greedily."""
    pieces = _CLAUSE.findall(a)
    best = i = 0
    while i < len(pieces):
        j, joined = i, ""
        while j < len(pieces) and joined + pieces[j] in b:
            joined += pieces[j]
            j += 1
        best = max(best, len(joined))
        i = max(j, i + 1)
    return best


def _in_common(count_a: Counter, count_b: Counter) -> int:
    """How many units two counted texts share (the size of ``count_a & count_b``), over the units
    both have: Counter's ``&`` looks up every unit of one in the other, each missing one through a
    Python-level ``__missing__``, and took a quarter of a 50x report's redline alignment."""
    both = count_a.keys() & count_b.keys()
    return sum(map(min, map(count_a.__getitem__, both), map(count_b.__getitem__, both)))


def _counted(text: str, units, counts: dict | None) -> Counter:
    """``units`` (``text``'s characters or sentences) counted, or as counted before."""
    if counts is None:
        return Counter(units)
    key = (isinstance(units, list), text)
    if key not in counts:
        counts[key] = Counter(units)
    return counts[key]


class _RunMatcher(SequenceMatcher):
    """difflib's matcher (no junk) giving the same matching blocks, found from the diagonal runs.

    difflib finds each block by walking every occurrence of every item of the range it is given; a
    report 50 times the seed repeats each key 50 times, and its summary's anchors took 130 ms. Here
    the maximal runs of equal items are listed once, longest first; a range's longest block is the
    longest run cut to the range (ties: the one ending first in ``a``, then in ``b``, as difflib
    picks), and the search stops at the first run shorter than the best so far. A small range, or
    one the long runs do not decide, is left to difflib's own walk.

    Only the long runs (``_LONG`` items or more) are listed at first: a 50x report's summary has
    30,000 runs, nearly all one to ten items long where the sections repeat, and listing them all
    took most of its comparison; its ranges are decided by its 50 long ones. A range whose longest
    match is shorter has every run listed then, once. (Eight, not sixteen: a redline's body, its
    paragraphs changed here and there, has its longest runs of unchanged ones 8 to 12 long, and
    listing its 7,800 runs took two thirds of its alignment.)"""

    _SCAN = 400  # runs looked at before handing a range to difflib's walk
    _SMALL = 64  # ranges this short on either side: difflib's walk is cheap
    _LONG = 8  # runs listed at first: this long or longer

    _runs = None
    _all_listed = False  # whether _runs holds the short runs too

    def set_seq1(self, a):
        super().set_seq1(a)
        self._runs = None

    def set_seq2(self, b):
        super().set_seq2(b)
        self._runs = None

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        ahi = len(self.a) if ahi is None else ahi
        bhi = len(self.b) if bhi is None else bhi
        if ahi - alo <= self._SMALL or bhi - blo <= self._SMALL:
            return self._walk(alo, ahi, blo, bhi)
        if self._runs is None:
            self._runs, self._all_listed = self._long_runs(self._LONG), False
        best, best_end, whole = 0, None, False  # whole: the best is a run found whole in the range
        for seen, (length, i0, j0) in enumerate(self._runs):
            if length < best or (whole and length == best):
                # (the runs as long as a whole best one come after it, ending later: none can win the
                # tie; the 49 of a 50x summary's were each looked at by each of its 49 large ranges)
                break
            if seen == self._SCAN:
                return self._walk(alo, ahi, blo, bhi)
            start, end = max(0, alo - i0, blo - j0), min(length, ahi - i0, bhi - j0)
            if end - start > best or (end - start == best > 0 and (i0 + end, j0 + end) < best_end):
                best, best_end, whole = end - start, (i0 + end, j0 + end), end - start == length
        else:
            if best < self._LONG and not self._all_listed:
                # a run not listed (shorter than _LONG) may be longer than the best found here
                self._runs, self._all_listed = self._diagonal_runs(), True
                return self.find_longest_match(alo, ahi, blo, bhi)
        if best == 0:
            return self._walk(alo, ahi, blo, bhi)
        return Match(best_end[0] - best, best_end[1] - best, best)

    def _walk(self, alo: int, ahi: int, blo: int, bhi: int) -> Match:
        """difflib's own walk (no junk), over only the occurrences of each item inside the range:
        difflib steps through every occurrence before ``blo``, and a 50x report repeats each key
        50 times, so a small range between two anchors cost as much as a large one."""
        a, b, b2j = self.a, self.b, self.b2j
        besti, bestj, bestsize = alo, blo, 0
        j2len: dict = {}
        for i in range(alo, ahi):
            where = b2j.get(a[i])
            if not where:
                j2len = {}
                continue
            j2lenget = j2len.get
            newj2len = {}
            for j in where[bisect_left(where, blo):bisect_left(where, bhi)]:
                k = newj2len[j] = j2lenget(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            j2len = newj2len
        # (difflib's extension by equal items on each end: nothing to add without junk)
        while besti > alo and bestj > blo and a[besti - 1] == b[bestj - 1]:
            besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
        while besti + bestsize < ahi and bestj + bestsize < bhi and a[besti + bestsize] == b[bestj + bestsize]:
            bestsize += 1
        return Match(besti, bestj, bestsize)

    def _long_runs(self, least: int) -> list[tuple[int, int, int]]:
        """The maximal runs of at least ``least`` equal items, in :meth:`_diagonal_runs`' order.

        Such a run covers two of every (``least`` // 2)-th item of ``a`` in a row: the matches of
        one that the next one also has, ``step`` items on (a set intersection, not a walk over the
        matches of each item, which repeat 50 times in a 50x report), are where runs are taken up."""
        if least < 2:
            return self._diagonal_runs()
        a, b, b2j = self.a, self.b, self.b2j
        size_a, size_b, step = len(a), len(b), least // 2
        at: dict = {}  # item -> the set of its places in b
        before: dict = {}  # item -> the set of the places step items before it in b
        runs = []
        for i in range(step - 1, size_a - step, step):
            item, ahead = a[i], a[i + step]
            if item not in b2j or ahead not in b2j:
                continue
            if item not in at:
                at[item] = set(b2j[item])
            if ahead not in before:
                before[ahead] = {j - step for j in b2j[ahead]}
            for j in at[item] & before[ahead]:
                if a[i:i + step + 1] != b[j:j + step + 1]:
                    continue  # the two matches are on different runs
                if i >= step and j >= step and a[i - step:i] == b[j - step:j]:
                    continue  # taken up a row before, on this diagonal
                back = 0
                while back < i and back < j and a[i - back - 1] == b[j - back - 1]:
                    back += 1
                length, limit = back + step + 1, min(size_a - i, size_b - j) + back
                while length < limit and a[i - back + length] == b[j - back + length]:
                    length += 1
                if length >= least:
                    runs.append((length, i - back, j - back))
        runs.sort(key=lambda run: (-run[0], run[1], run[2]))
        return runs

    def _diagonal_runs(self) -> list[tuple[int, int, int]]:
        """Every maximal run of equal items as (length, start in a, start in b), longest first
        (ties: by start in a, then in b).

        Gathered by length, each length's runs found in that order: sorting the 30,000 runs of a
        50x report's summary as tuples cost more than finding them."""
        a, b, b2j = self.a, self.b, self.b2j
        size_a, size_b = len(a), len(b)
        by_length: dict[int, list] = {}
        previous = object()  # a[i - 1]: nothing before the first
        for i, item in enumerate(a):
            for j in b2j.get(item, ()):
                if j and b[j - 1] == previous:
                    continue  # inside a run already counted
                length, limit = 1, min(size_a - i, size_b - j)
                while length < limit and a[i + length] == b[j + length]:
                    length += 1
                by_length.setdefault(length, []).append((length, i, j))
            previous = item
        runs = []
        for length in sorted(by_length, reverse=True):
            runs += by_length[length]
        return runs


def _anchors(old: list[Item], new: list[Item]) -> list[tuple[int, int]]:
    # Keys as small integers: difflib looks each up many times, and a key is a tuple of long texts.
    numbers: dict = {}
    old_keys = [numbers.setdefault(i.key, len(numbers)) for i in old]
    new_keys = [numbers.setdefault(i.key, len(numbers)) for i in new]
    in_place = _in_place(old_keys, new_keys)
    if in_place is not None:
        return in_place
    matcher = _RunMatcher(None, old_keys, new_keys, autojunk=False)
    pairs = []
    for a, b, size in matcher.get_matching_blocks():
        pairs.extend(zip(range(a, a + size), range(b, b + size)))
    return pairs


def _in_place(old_keys: list, new_keys: list) -> list[tuple[int, int]] | None:
    """The matching blocks' pairs when the two sides differ only in place: as many items, and each
    item that differs from its counterpart has a key the other side has nowhere (a figure changed
    in a paragraph, a row of the 附件 table). None otherwise.

    Then difflib's blocks are the runs of equal items side by side: no block can hold an item that
    differs (its key is not on the other side), so each lies between two of them, where both sides
    are the same; a block off the diagonal there has the same one on it, starting earlier or as
    long, and difflib takes the longest, earliest in the first side, then in the second. Finding
    the runs of a 50x report's body and 附件 table with difflib took its redline ~12 ms."""
    if len(old_keys) != len(new_keys):
        return None
    differ = [i for i, (a, b) in enumerate(zip(old_keys, new_keys)) if a != b]
    if {old_keys[i] for i in differ} & set(new_keys) or {new_keys[i] for i in differ} & set(old_keys):
        return None
    return [(i, i) for i, (a, b) in enumerate(zip(old_keys, new_keys)) if a == b]


def _gaps(anchors: list[tuple[int, int]], n_old: int, n_new: int):
    """The (old range, new range) between consecutive anchors, including before the first and after
    the last, where both sides have something (only those can hold a pair; most anchors follow one
    another, and making their empty ranges cost a 50x summary 2 ms)."""
    prev_o, prev_n = -1, -1
    for o, n in [*anchors, (n_old, n_new)]:
        if o > prev_o + 1 and n > prev_n + 1:
            yield range(prev_o + 1, o), range(prev_n + 1, n)
        prev_o, prev_n = o, n


def _reworded_in_order(old: list[Item], new: list[Item], olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """The in-order pairing of similar items (same shape, similarity >= REWORDED) with the largest total."""
    if not olds or not news or len(olds) * len(news) > _MAX_GAP_PAIRS:
        return []
    counts: dict = {}
    if len(olds) == len(news) > 1 and _side_by_side_wins(old, new, olds, news, counts):
        return list(zip(olds, news))
    # First only which pairs reach REWORDED (cheap: bounds, common ends). When no two of them
    # compete (each pair after the last in both orders, as a paragraph reworded here and there in
    # a run of them), the best pairing takes them all, whatever their similarities; only pairs that
    # compete need the exact figure difflib gives. Computing it for every pair took most of a 50x
    # report's redline alignment.
    similar = [(a, b) for a, o in enumerate(olds) for b, n in enumerate(news)
               if old[o].shape == new[n].shape and similarity(old[o].text, new[n].text, False, counts) >= REWORDED]
    if all(a2 > a1 and b2 > b1 for (a1, b1), (a2, b2) in zip(similar, similar[1:])):
        return [(olds[a], news[b]) for a, b in similar]
    score = [[0.0] * len(news) for _ in olds]
    for a, b in similar:
        score[a][b] = similarity(old[olds[a]].text, new[news[b]].text, True, counts)
    return best_pairing(score, olds, news)


def _side_by_side_wins(old: list[Item], new: list[Item], olds: list[int], news: list[int], counts: dict) -> bool:
    """Whether pairing a gap's k items with the other side's k items in turn is the best pairing,
    known without looking at any other pair: each pair reaches REWORDED, and their similarities
    (lower bounds of them) add up to more than k - 1, which no pairing of fewer pairs (each at most
    1) can reach; and it is the only in-order pairing of k pairs. A gap of k paragraphs each reworded
    a little is common (figures changed in a run of them), and comparing each with the k - 1 others
    took a 50x report's redline alignment 30 ms."""
    total = 0.0
    for o, n in zip(reversed(olds), reversed(news)):  # (added up as best_pairing adds them)
        if old[o].shape != new[n].shape:
            return False
        value = similarity(old[o].text, new[n].text, False, counts)
        if value < REWORDED:
            return False
        total = value + total
    return total > len(olds) - 1


def best_pairing(score: list[list[float]], olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """The in-order pairing of ``olds`` with ``news`` whose scores (0: not a pair) add up most."""
    # best[a][b]: the best total using olds[a:] and news[b:]
    rows, cols = len(olds), len(news)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for a in range(rows - 1, -1, -1):
        for b in range(cols - 1, -1, -1):
            take = score[a][b] + best[a + 1][b + 1] if score[a][b] else 0.0
            best[a][b] = max(take, best[a + 1][b], best[a][b + 1])
    pairs, a, b = [], 0, 0
    while a < rows and b < cols:
        if score[a][b] and best[a][b] == score[a][b] + best[a + 1][b + 1]:
            pairs.append((olds[a], news[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def align(old: list[Item], new: list[Item]) -> list[Step]:
    """Align two sequences; see the module docstring for the passes and the order of the steps."""
    anchors = _anchors(old, new)
    matched_old = {o for o, _ in anchors}
    matched_new = {n for _, n in anchors}
    # Pass 2: moves, equal keys left over (the i-th leftover of a key on each side pair up).
    waiting: dict = {}
    for n in range(len(new)):
        if n not in matched_new:
            waiting.setdefault(new[n].key, []).append(n)
    moves: dict[int, tuple[int, bool]] = {}  # old index -> (new index, reworded)
    for o in range(len(old)):
        if o not in matched_old and waiting.get(old[o].key):
            n = waiting[old[o].key].pop(0)
            moves[o] = (n, False)
    moved_new = {n for n, _ in moves.values()}
    # Pass 3: rewordings inside each gap, kept in order, so they become anchors too.
    changed: list[tuple[int, int]] = []
    for olds, news in _gaps(anchors, len(old), len(new)):
        free_old = [o for o in olds if o not in moves]
        free_new = [n for n in news if n not in moved_new]
        changed.extend(_reworded_in_order(old, new, free_old, free_new))
    all_anchors = sorted([(o, n, SAME) for o, n in anchors] + [(o, n, CHANGED) for o, n in changed])
    paired_old = {o for o, _, _ in all_anchors} | set(moves)
    paired_new = {n for _, n, _ in all_anchors} | moved_new
    # Pass 4: moved and reworded, anywhere.
    left_new = [n for n in range(len(new)) if n not in paired_new]
    left_old = [o for o in range(len(old)) if o not in paired_old]
    if len(left_old) * len(left_new) > _MAX_GAP_PAIRS:
        left_old = []  # a rewrite that large is shown as deleted and inserted
    for o in left_old:
        best, best_n = REWORDED, None
        for n in left_new:
            if old[o].shape == new[n].shape:
                s = similarity(old[o].text, new[n].text)
                if s >= best and (best_n is None or s > best):
                    best, best_n = s, n
        if best_n is not None:
            moves[o] = (best_n, True)
            left_new.remove(best_n)
    partner_of_new = {n: (o, reworded) for o, (n, reworded) in moves.items()}
    steps: list[Step] = []
    prev_o, prev_n = -1, -1
    for o_end, n_end, kind in [*all_anchors, (len(old), len(new), None)]:
        if o_end > prev_o + 1:  # (most anchors follow the one before on both sides)
            for o in range(prev_o + 1, o_end):
                n, reworded = moves.get(o, (None, False))
                steps.append(Step(REMOVED, o, None, n, reworded))
        if n_end > prev_n + 1:
            for n in range(prev_n + 1, n_end):
                o, reworded = partner_of_new.get(n, (None, False))
                steps.append(Step(ADDED, None, n, o, reworded))
        if kind is not None:
            steps.append(Step(kind, o_end, n_end))  # (by position: keywords cost 0.3 ms a 50x summary)
        prev_o, prev_n = o_end, n_end
    return steps


def align_in_place(old_keys: list, new_keys: list, old_item, new_item) -> list[range | Step] | None:
    """:func:`align`'s steps of two sequences that differ only in place, each run of items the
    same on both sides given as its range; None for any other two sequences.

    Only in place: as many items, and no key of an item that differs from its counterpart found
    anywhere on the other side (figures changed in a report's sentences or its 附件 table). align
    anchors every item the same where it stands then (_in_place) and sees only the gaps between
    anchors, so each run of them goes to it as one stand-in of its own, and the steps of the items
    that differ come out as from the whole sequences. ``old_item(i)``/``new_item(i)``: the Item of
    an item that differs (made only for those). Aligning all of a 50x report's 2,000 rows or 2,300
    texts for their 150-270 changes cost more than twice as much as this."""
    if len(old_keys) != len(new_keys):
        return None
    differ = list(compress(count(), map(ne, old_keys, new_keys)))
    if not {old_keys[i] for i in differ}.isdisjoint(new_keys) or \
            not {new_keys[i] for i in differ}.isdisjoint(old_keys):
        return None
    places: list[int | range] = []  # what each item given to align stands for
    done = 0
    for i in [*differ, len(old_keys)]:
        if i > done:
            places.append(range(done, i))
        if i < len(old_keys):
            places.append(i)
        done = i + 1
    # (a run's stand-in: its range as key, equal only to itself on the other side)
    steps = align([Item(p, "") if isinstance(p, range) else old_item(p) for p in places],
                  [Item(p, "") if isinstance(p, range) else new_item(p) for p in places])
    at = places.__getitem__
    return [places[s.old] if s.kind == SAME and isinstance(places[s.old], range) else
            Step(s.kind, s.old if s.old is None else at(s.old), s.new if s.new is None else at(s.new),
                 s.partner if s.partner is None else at(s.partner), s.reworded) for s in steps]


def fold_short_equal(ops: list, short: int = SHORT_EQUAL) -> list:
    """Fold an equal stretch of at most ``short`` units lying between two changes into them."""
    out: list = []
    for i, op in enumerate(ops):
        tag, i1, i2, j1, j2 = op
        between = 0 < i < len(ops) - 1 and ops[i - 1][0] != "equal" and ops[i + 1][0] != "equal"
        if tag == "equal" and between and i2 - i1 <= short:
            tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _, a1, _, b1, _ = out.pop()
            out.append(("replace", a1, i2, b1, j2))
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def sentence_spans(units: list, text_of=lambda unit: unit) -> list[tuple[int, int]]:
    """``units`` cut after each sentence end (。！？； or a line break), as (start, end) spans
    that cover them all, in order."""
    spans, start = [], 0
    for i, unit in enumerate(units):
        if text_of(unit) in SENTENCE_ENDS:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(units):
        spans.append((start, len(units)))
    return spans


def opcodes(old: list, new: list) -> list:
    """difflib's opcodes from ``old`` to ``new``; past LONG units, sentence by sentence first, then
    unit by unit within the sentences that changed (so a 50,000-character paragraph takes
    milliseconds, not seconds, and reads the same where few sentences changed)."""
    if len(old) + len(new) <= LONG:
        return _trimmed_opcodes(old, new)
    text_of = (lambda unit: unit[-1] if isinstance(unit, tuple) else unit)  # a (format …, unit) or a unit
    old_spans, new_spans = sentence_spans(old, text_of), sentence_spans(new, text_of)
    matcher = SequenceMatcher(None, [tuple(old[a:b]) for a, b in old_spans],
                              [tuple(new[a:b]) for a, b in new_spans], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a1 = old_spans[i1][0] if i1 < len(old_spans) else len(old)
        a2 = old_spans[i2 - 1][1] if i2 > i1 else a1
        b1 = new_spans[j1][0] if j1 < len(new_spans) else len(new)
        b2 = new_spans[j2 - 1][1] if j2 > j1 else b1
        if tag == "replace" and (a2 - a1) + (b2 - b1) <= LONG:
            inner = _trimmed_opcodes(old[a1:a2], new[b1:b2])
            out.extend((t, x1 + a1, x2 + a1, y1 + b1, y2 + b1) for t, x1, x2, y1, y2 in inner)
        else:
            out.append((tag, a1, a2, b1, b2))
    return out


def whole_opcodes(old, new) -> list:
    """difflib's opcodes of two whole texts (or lists of units), as its matcher gives them up to
    LONG units; past it, :func:`opcodes`' (sentence by sentence first), a sentence's equal ends
    joined to the equal sentences beside it. For readers of the changes (the summary's excerpt,
    a reviewed paragraph's atoms): a 50,000-character paragraph compared unit by unit held `diff`
    for 16 s."""
    if len(old) + len(new) <= LONG:
        return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list = []
    for op in opcodes(old, new):
        if out and op[0] == out[-1][0] == "equal":
            op = ("equal", out.pop()[1], op[2], op[3], op[4])
        out.append(op)
    return out


def _trimmed_opcodes(old, new) -> list:
    """difflib's opcodes, with the common start and end matched directly and only the middle given
    to difflib (quadratic in what it is given; most changed paragraphs differ in a few places).
    ``old``, ``new``: lists, or strings (one character an item)."""
    head, tail = common_ends(old, new)
    middle = _middle_opcodes(old[head:len(old) - tail], new[head:len(new) - tail])
    out = [("equal", 0, head, 0, head)] if head else []
    # (the middle starts and ends with a difference, so its ops never continue an equal end)
    out.extend((tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle)
    if tail:
        out.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return out


def _middle_opcodes(old, new) -> list:
    """difflib's opcodes of two middles (each empty, or differing from the other at both ends).

    Compared as strings, one character an item (equal items alike: only which items are equal
    matters to difflib), searched and compared in C; split at their longest block where
    :func:`stretches.long_block` finds it, the parts on either side compared alike. difflib's blocks are
    its longest one (maximal: it cannot go on either way) and then the blocks of the parts before
    and after it, each found alone, so the opcodes are the parts' with that block between. Several
    figures changed in a paragraph leave a middle of hundreds of units, most of it one stretch;
    indexing it for difflib cost a 50x report's redline 4 %."""
    if not old or not new:
        return [("delete", 0, len(old), 0, 0)] if old else [("insert", 0, 0, 0, len(new))] if new else []
    # Nothing in common (a number changed in a table's cell: most changed cells): difflib's one
    # op, without building its matcher, which cost a 50x report's redline 6 ms.
    disjoint = ("replace", 0, len(old), 0, len(new))
    if isinstance(old, str) and isinstance(new, str):
        a, b = old, new
        block = long_block(a, b)  # (first: it needs no set of the characters)
        if block is None and set(a).isdisjoint(b):
            return [disjoint]
    else:
        items = set(old)
        if items.isdisjoint(new):
            return [disjoint]
        items.update(new)
        code = dict(zip(items, map(chr, range(len(items)))))
        a, b = "".join(map(code.__getitem__, old)), "".join(map(code.__getitem__, new))
        block = long_block(a, b)
    if block is not None:
        i, j, size = block
        after = _trimmed_opcodes(a[i + size:], b[j + size:])
        return [*_trimmed_opcodes(a[:i], b[:j]), ("equal", i, i + size, j, j + size),
                *((tag, i1 + i + size, i2 + i + size, j1 + j + size, j2 + j + size)
                  for tag, i1, i2, j1, j2 in after)]
    if (in_place := _in_place(a, b)) is not None:
        # Units changed in place (numbers changed in a paragraph, "15名" -> "16名"): difflib's
        # blocks are the equal units side by side, so its opcodes alternate equal and replace; a
        # matcher for each such middle cost a 50x report's redline ~3 ms.
        return _in_place_opcodes(len(a), in_place)
    # (past a few dozen units, from the runs of equal units: two changes far apart in a
    # paragraph leave its whole stretch between them to compare)
    matcher = SequenceMatcher if len(a) <= _RunMatcher._SMALL else _RunMatcher
    return matcher(None, a, b, autojunk=False).get_opcodes()


def _in_place_opcodes(size: int, pairs: list[tuple[int, int]]) -> list:
    """difflib's opcodes for two sequences of ``size`` items whose matching blocks are ``pairs``
    (:func:`_in_place`): the runs of equal items, and between them the items replaced side by side."""
    out, at = [], 0
    for i, _ in [*pairs, (size, size)]:
        if i > at:
            out.append(("replace", at, i, at, i))
        if i < size:
            if out and out[-1][0] == "equal" and out[-1][2] == i:
                out[-1] = ("equal", out[-1][1], i + 1, out[-1][3], i + 1)
            else:
                out.append(("equal", i, i + 1, i, i + 1))
        at = i + 1
    return out
