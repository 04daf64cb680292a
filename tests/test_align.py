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


@pytest.mark.parametrize("small,scan", [(_RunMatcher._SMALL, _RunMatcher._SCAN), (0, 10**9), (0, 3)])
def test_same_blocks_as_difflib(monkeypatch, small, scan):
    # (0, huge): every range decided by the runs; (0, 3): most handed back to difflib's walk midway
    monkeypatch.setattr(_RunMatcher, "_SMALL", small)
    monkeypatch.setattr(_RunMatcher, "_SCAN", scan)
    rng = random.Random(small * 7 + scan)
    for _ in range(400):
        old, new = _pair(rng)
        expected = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
        assert _RunMatcher(None, old, new, autojunk=False).get_matching_blocks() == expected


def test_reused_matcher_forgets_old_runs():
    matcher = _RunMatcher(None, list(range(100)), list(range(100)), autojunk=False)
    assert matcher.get_matching_blocks()[0].size == 100
    matcher.set_seq2([5] * 100)
    assert matcher.get_matching_blocks() == SequenceMatcher(None, list(range(100)), [5] * 100,
                                                            autojunk=False).get_matching_blocks()
