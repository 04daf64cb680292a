"""Property: the summary's steps of two reports' texts, each stretch the same in both given to align
as one stand-in when the texts differ only in place, are exactly align's steps of all the texts that
are not "same" — for texts reworded, replaced, repeated, inserted, deleted and moved."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov_report.align import SAME, Item, align
from lawgov_report.yearover.comparetexts import _changed_steps

# a few texts, so some repeat, and rewordings of them (similar enough to be paired)
WORDS = ["依法行政工作稳步推进。", "普法宣传深入开展。", "行政执法更加规范。", "复议应诉水平提高。", "法治政府建设扎实。"]


def item(text: str, title: bool = False) -> Item:
    return Item(("标题", text), text, "标题") if title else Item(text, text, "text")


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.booleans(), st.integers(0, 3)), min_size=0, max_size=30)


def build(spec) -> list[Item]:
    return [item(word + "甲" * n, title) for word, title, n in spec]


@st.composite
def pairs(draw):
    old = draw(texts)
    new = list(old)
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["reword", "replace", "insert", "delete", "move"]))
        if kind == "insert" or not new:
            new.insert(draw(st.integers(0, len(new))), (draw(st.sampled_from(WORDS)), False, draw(st.integers(4, 6))))
            continue
        at = draw(st.integers(0, len(new) - 1))
        word, title, n = new[at]
        if kind == "reword":
            new[at] = (word, title, n + draw(st.integers(4, 9)))  # a text found nowhere else
        elif kind == "replace":
            new[at] = (draw(st.sampled_from(WORDS)), title, draw(st.integers(0, 3)))  # maybe one found elsewhere
        elif kind == "delete":
            del new[at]
        else:
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(at))
    return build(old), build(new)


class Texts:
    """Items as _changed_steps reads a report's texts: their keys, one Item, all of them."""

    def __init__(self, items: list[Item]):
        self.keys, self.item, self.items = [i.key for i in items], items.__getitem__, lambda: items


def changed_steps(old: list[Item], new: list[Item]):
    return _changed_steps(Texts(old), Texts(new))


def steps(found) -> list[tuple]:
    return [(s.kind, s.old, s.new, s.partner, s.reworded) for s in found]


@settings(max_examples=400, deadline=None)
@given(pairs())
def test_changed_steps_are_aligns_steps_that_are_not_same(pair):
    old, new = pair
    assert steps(changed_steps(old, new)) == steps(s for s in align(old, new) if s.kind != SAME)


def test_texts_reworded_in_place_are_paired_as_reworded():
    old = build([(w, False, 0) for w in WORDS] * 3)
    new = list(old)
    new[1], new[13] = item(WORDS[1] + "甲甲甲甲甲"), item(WORDS[3] + "乙乙乙乙乙")
    assert steps(changed_steps(old, new)) == [("changed", 1, 1, None, False), ("changed", 13, 13, None, False)]


def test_a_stretch_the_same_in_both_still_parts_two_gaps():
    """Two texts reworded and swapped around one the same in both: each is found moved and reworded,
    not paired with the text across the one that did not change."""
    a, b, same = WORDS[0], WORDS[1], WORDS[2]
    old = build([(a, False, 1), (same, False, 0), (b, False, 1)])
    new = build([(b, False, 6), (same, False, 0), (a, False, 6)])
    assert steps(changed_steps(old, new)) == steps(s for s in align(old, new) if s.kind != SAME)
    assert all(s.partner is not None for s in changed_steps(old, new))  # each moved
