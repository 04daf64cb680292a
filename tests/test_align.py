"""align's matcher: the same matching blocks as difflib's, found from diagonal runs."""

import random
from difflib import SequenceMatcher

import pytest

from lawgov_report.align import _RunMatcher


def _pair(rng: random.Random) -> tuple[list[int], list[int]]:
    """Two sequences like two drafts: repeated stretches (a report's sections under new names),
    items inserted, deleted and replaced, sometimes halves swapped (a section moved)."""
    alphabet = rng.choice([2, 3, 5, 20, 200])
    old = [rng.randrange(alphabet) for _ in range(rng.randint(0, 400))]
    if rng.random() < 0.5:
        old = old[: rng.randint(0, 50)] * rng.randint(1, 10)
    new = list(old)
    for _ in range(rng.randint(0, 20)):
        at = rng.randrange(len(new) + 1)
        roll = rng.random()
        if roll < 0.3:
            new.insert(at, rng.randrange(alphabet))
        elif new and roll < 0.6:
            del new[min(at, len(new) - 1)]
        elif new:
            new[min(at, len(new) - 1)] = rng.randrange(alphabet)
    if rng.random() < 0.2:
        new = new[len(new) // 2:] + new[: len(new) // 2]
    return old, new


@pytest.mark.parametrize("small,scan,long", [(_RunMatcher._SMALL, _RunMatcher._SCAN, _RunMatcher._LONG),
                                             (0, 10**9, _RunMatcher._LONG), (0, 3, _RunMatcher._LONG),
                                             (0, 10**9, 1), (0, 10**9, 3), (0, 10**9, 1000),
                                             (10**9, 0, _RunMatcher._LONG)])
def test_same_blocks_as_difflib(monkeypatch, small, scan, long):
    # (0, huge): every range decided by the runs; (0, 3): most handed back to the walk midway;
    # (huge, 0): every range walked (_RunMatcher._walk: difflib's walk within the range);
    # long 1: every run listed at once; 3: short runs listed when a range needs them; 1000: no run long
    # enough to be listed at first
    monkeypatch.setattr(_RunMatcher, "_SMALL", small)
    monkeypatch.setattr(_RunMatcher, "_SCAN", scan)
    monkeypatch.setattr(_RunMatcher, "_LONG", long)
    rng = random.Random(small * 7 + scan + long)
    for _ in range(400):
        old, new = _pair(rng)
        expected = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
        assert _RunMatcher(None, old, new, autojunk=False).get_matching_blocks() == expected


def test_long_runs_are_the_runs_that_long():
    rng = random.Random(5)
    for _ in range(300):
        old, new = _pair(rng)
        matcher = _RunMatcher(None, old, new, autojunk=False)
        every = matcher._diagonal_runs()
        for least in (1, 2, 3, 7, 16):
            assert matcher._long_runs(least) == [run for run in every if run[0] >= least]


def test_reused_matcher_forgets_old_runs():
    matcher = _RunMatcher(None, list(range(100)), list(range(100)), autojunk=False)
    assert matcher.get_matching_blocks()[0].size == 100
    matcher.set_seq2([5] * 100)
    assert matcher.get_matching_blocks() == SequenceMatcher(None, list(range(100)), [5] * 100,
                                                            autojunk=False).get_matching_blocks()


def _scored_pairing(old, new, olds, news):
    """_reworded_in_order as it was: every pair scored exactly, then the best in-order pairing."""
    from lawgov_report.align import REWORDED, best_pairing, similarity

    score = [[0.0] * len(news) for _ in olds]
    for a, o in enumerate(olds):
        for b, n in enumerate(news):
            if old[o].shape == new[n].shape:
                s = similarity(old[o].text, new[n].text)
                score[a][b] = s if s >= REWORDED else 0.0
    return best_pairing(score, olds, news)


def test_rewordings_paired_as_when_every_pair_was_scored():
    """Pairs that reach REWORDED without competing are taken without their exact scores; the
    pairing is the one scoring every pair gives, chains and competing pairs alike."""
    from lawgov_report.align import Item, _reworded_in_order

    rng = random.Random(11)
    stems = ["依法行政工作扎实推进成效明显", "执法监督规范有序全面落实", "普法宣传深入开展群众满意", "复议应诉能力提升"]
    chains = 0
    for _ in range(300):
        def text():
            stem = rng.choice(stems)
            cut = rng.randrange(len(stem))
            return stem[:cut] + rng.choice(["", "进一步", "全年", "。"]) + stem[cut + rng.randint(0, 2):]
        old = [Item(("o", i), text(), rng.choice("ab")) for i in range(rng.randint(0, 5))]
        new = [Item(("n", i), text(), rng.choice("ab")) for i in range(rng.randint(0, 5))]
        olds, news = list(range(len(old))), list(range(len(new)))
        pairs = _reworded_in_order(old, new, olds, news)
        assert pairs == _scored_pairing(old, new, olds, news)
        chains += len(pairs) == min(len(old), len(new)) > 1
    assert chains  # (the shortcut was taken, not only the scoring)


def test_units_in_common_as_counters_intersection():
    from collections import Counter

    from lawgov_report.align import _in_common

    rng = random.Random(5)
    for _ in range(200):
        a, b = (Counter(rng.choices("甲乙丙丁戊己庚辛", k=rng.randint(0, 30))) for _ in range(2))
        assert _in_common(a, b) == sum((a & b).values())


def test_gap_reworded_side_by_side_paired_as_when_every_pair_was_scored():
    """A gap of k items each lightly reworded in turn (figures changed in a run of paragraphs) is
    paired in turn without comparing across; the pairing is the one scoring every pair gives, also
    where the side-by-side sum is too low to decide and every pair is compared."""
    from lawgov_report.align import Item, _reworded_in_order, _side_by_side_wins

    rng = random.Random(18)
    stem = "".join(rng.choices("依法行政工作扎实推进成效明显执法监督规范有序", k=60))

    def reworded(text: str, changes: int) -> str:
        chars = list(text)
        for _ in range(changes):
            chars[rng.randrange(len(chars))] = rng.choice("一二三四五六七八九")
        return "".join(chars)

    taken = 0
    for _ in range(300):
        k = rng.randint(2, 5)
        texts = [reworded(stem, rng.randint(0, 30)) for _ in range(k)]
        old = [Item(("o", i), t, "p") for i, t in enumerate(texts)]
        new = [Item(("n", i), reworded(t, rng.randint(0, 20)), rng.choice("pppq")) for i, t in enumerate(texts)]
        olds = news = list(range(k))
        assert _reworded_in_order(old, new, olds, news) == _scored_pairing(old, new, olds, news)
        taken += _side_by_side_wins(old, new, olds, news, {})
    assert 0 < taken < 300  # (both the shortcut and the full comparison were exercised)
    # Each item half its counterpart (0.5) and wholly the next one: pairing across wins.
    blocks = ["".join(rng.choices("甲乙丙丁戊己庚辛壬癸", k=20)) for _ in range(6)]
    old = [Item(("o", i), blocks[i] + blocks[i + 1], "p") for i in range(3)]
    new = [Item(("n", i), blocks[i + 1] + blocks[i + 2], "p") for i in range(3)]
    olds = news = [0, 1, 2]
    assert _reworded_in_order(old, new, olds, news) == _scored_pairing(old, new, olds, news) == [(1, 0), (2, 1)]


def test_common_ends_and_trimmed_opcodes_as_unit_by_unit():
    from lawgov_report.align import _trimmed_opcodes
    from lawgov_report.stretches import common_ends

    rng = random.Random(7)
    for _ in range(2000):
        a = rng.choices("甲乙丙", k=rng.randint(0, 12))
        b = rng.choices("甲乙丁", k=rng.randint(0, 12))
        if rng.random() < 0.5:
            b = a[: rng.randint(0, len(a))] + b + a[rng.randint(0, len(a)):]
        head, limit = 0, min(len(a), len(b))
        while head < limit and a[head] == b[head]:
            head += 1
        tail = 0
        while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        assert common_ends(a, b) == common_ends("".join(a), "".join(b)) == (head, tail)
        middle = SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
        expected = ([("equal", 0, head, 0, head)] if head else []) + \
            [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in middle.get_opcodes()] + \
            ([("equal", len(a) - tail, len(a), len(b) - tail, len(b))] if tail else [])
        assert _trimmed_opcodes(a, b) == expected


def _middle_by_difflib(a, b) -> list:
    """_trimmed_opcodes as its definition: common ends matched directly, difflib on the middle."""
    from lawgov_report.stretches import common_ends

    head, tail = common_ends(a, b)
    middle = SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
    return ([("equal", 0, head, 0, head)] if head else []) + \
        [(t, i1 + head, i2 + head, j1 + head, j2 + head) for t, i1, i2, j1, j2 in middle.get_opcodes()] + \
        ([("equal", len(a) - tail, len(a), len(b) - tail, len(b))] if tail else [])


def test_middles_split_at_their_longest_block_as_difflib():
    """A long middle split at its longest block (stretches.long_block, found by string search) and its
    parts compared alone gives difflib's opcodes: drafts of every size with a few edits, over small
    alphabets (many candidate blocks, ties) and large ones, as units and as (format, unit) keys."""
    from lawgov_report.align import _trimmed_opcodes, opcodes
    from lawgov_report.stretches import long_block

    rng = random.Random(18)
    found = 0
    for _ in range(600):
        old, new = _pair(rng)
        if rng.random() < 0.5:
            old, new = ([("f", x) if x % 2 else str(x) for x in side] for side in (old, new))
        assert _trimmed_opcodes(old, new) == opcodes(old, new) == _middle_by_difflib(old, new)
    for _ in range(1500):
        a = "".join(rng.choices("甲乙丙丁"[:rng.randint(1, 4)], k=rng.randint(1, 300)))
        b = list(a)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(b) + 1)
            b[at:at + rng.randint(0, 3)] = rng.choices("甲乙丙丁戊", k=rng.randint(0, 3))
        b = "".join(b)
        assert _trimmed_opcodes(a, b) == _middle_by_difflib(a, b)
        if a and b and (block := long_block(a, b)) is not None:
            found += 1
            assert block == tuple(SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)))
    assert found > 500


def test_a_lower_bound_is_one():
    """similarity(exact=False) may answer a lower bound (the common ends, or a run of clauses found
    whole in the other text); it is never above the exact figure, and on the same side of REWORDED."""
    from lawgov_report.align import REWORDED, similarity

    rng = random.Random(5)
    clauses = ["依法行政，", "执法监督。", "复议应诉；", "普法宣传、", "规范性文件审查：", "共18件", "ABC", "！"]
    for _ in range(2000):
        a = "".join(rng.choice(clauses) for _ in range(rng.randint(1, 12)))
        b = list(a)
        for _ in range(rng.randint(0, 6)):  # characters and clauses changed, added and removed
            at = rng.randint(0, len(b))
            b[at:at + rng.randint(0, 4)] = rng.choice(clauses + ["", "新"])
        b = "".join(b)
        bound, exact = similarity(a, b, exact=False), similarity(a, b)
        assert bound <= exact + 1e-12
        assert (bound >= REWORDED) == (exact >= REWORDED)


def _changed_in_place(rng, most: int) -> tuple[list[int], list[int]]:
    """Two sequences of up to ``most`` items with repeated keys, some items changed in place: to a key
    the other side may also have (0-9), or to one it has nowhere (100 and up on one side, 200 and up
    on the other)."""
    size = rng.randint(0, most)
    old = [rng.randint(0, 4) for _ in range(size)]
    new = list(old)
    for i in range(size):
        if rng.random() < 0.3:
            new[i] = rng.randint(0, 9) if rng.random() < 0.3 else 100 + rng.randint(0, 30)
        if rng.random() < 0.1:
            old[i] = 200 + rng.randint(0, 30)
    return old, new


def test_in_place_anchors_are_difflibs_blocks():
    """Two sides differing only in place (as many items; a differing item's key nowhere on the other
    side): the anchors found side by side are difflib's matching blocks, repeated keys and all."""
    import random
    from difflib import SequenceMatcher

    from lawgov_report.align import _in_place

    rng = random.Random(18)
    taken = 0
    for _ in range(20_000):
        old, new = _changed_in_place(rng, 14)
        if rng.random() < 0.1 and old:
            new.pop(rng.randrange(len(old)))
        found = _in_place(old, new)
        if found is None:
            continue
        taken += 1
        blocks = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
        assert found == [(a + t, b + t) for a, b, k in blocks for t in range(k)], (old, new)
    assert taken > 5_000


def test_in_place_opcodes_are_difflibs():
    """Where the blocks are the equal items side by side (_in_place), the opcodes made from them are
    difflib's: _trimmed_opcodes takes them for units changed in place without a matcher."""
    from lawgov_report.align import _in_place, _in_place_opcodes

    rng = random.Random(11)
    taken = 0
    for _ in range(20_000):
        old, new = _changed_in_place(rng, 16)
        found = _in_place(old, new)
        if found is None:
            continue
        taken += 1
        assert _in_place_opcodes(len(old), found) == SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert taken > 5_000


def test_long_texts_changed_in_place_as_difflib_scores_them():
    """similarity of two long texts (a 附件 table's rows, a page of sentences) whose sentences changed
    in place is what difflib's blocks over the sentences give, without running its matcher."""
    from lawgov_report.align import _SENTENCE, _in_place, similarity
    from lawgov_report.stretches import common_ends

    rng = random.Random(12)
    rows = [f"{rng.choice('甲乙丙丁')}项工作{i}\t{rng.randint(0, 9)}件\n" for i in range(400)]
    taken = 0
    for _ in range(300):
        k = rng.randint(150, 300)  # (past LONG characters: by sentence)
        old = rng.sample(rows, k) if rng.random() < 0.7 else rng.choices(rows, k=k)
        new = [f"新{rng.randint(0, 99)}件\n" if rng.random() < rng.choice([0.05, 0.3]) else row for row in old]
        a, b = "".join(old), "".join(new)
        sa, sb = _SENTENCE.findall(a), _SENTENCE.findall(b)
        head, tail = common_ends(sa, sb)
        blocks = SequenceMatcher(None, sa[head:len(sa) - tail], sb[head:len(sb) - tail], autojunk=False)
        expected = 2.0 * (head + tail + sum(m.size for m in blocks.get_matching_blocks())) / (len(sa) + len(sb))
        assert similarity(a, b) == expected or a == b
        taken += _in_place(sa[head:len(sa) - tail], sb[head:len(sb) - tail]) is not None
    assert taken > 50  # (the shortcut taken, and the matcher too)


def test_align_in_place_gives_aligns_steps_with_runs_as_ranges():
    """align_in_place: two sequences differing only in place give align's own steps, each run of
    items the same as one range; any other two give None. Rewordings (similar texts of one shape)
    paired within and across the gaps are among them."""
    import random

    from lawgov_report.align import SAME, Item, Step, align, align_in_place

    rng = random.Random(7)
    texts = ["依法行政工作", "依法行政工作推进", "行政执法监督", "行政执法监督检查", "普法宣传", "复议应诉"]
    taken = 0
    for _ in range(3_000):
        old, new = _changed_in_place(rng, 16)
        if rng.random() < 0.1 and old:
            new.pop(rng.randrange(len(old)))
        olds = [Item(k, texts[k % len(texts)], k % 2) for k in old]
        news = [Item(k, texts[(k + 1) % len(texts)], k % 2) for k in new]
        steps = align_in_place(old, new, olds.__getitem__, news.__getitem__)
        whole = align(olds, news)
        if steps is None:
            differ = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
            assert len(old) != len(new) or {old[i] for i in differ} & set(new) or {new[i] for i in differ} & set(old)
            continue
        taken += 1
        expanded = [s for step in steps for s in ([Step(SAME, i, i) for i in step] if isinstance(step, range) else [step])]
        assert expanded == whole
    assert taken > 500
