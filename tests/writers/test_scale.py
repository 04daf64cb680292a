"""Costs that grow with the work: long paragraphs diffed by sentence, line lookup, bounded caches.

Times are measured in bench/bench_scale.py; these tests check that the fast paths give the right
answer."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from lawgov_report.align import LONG, opcodes, similarity
from lawgov_report.compose.texts import CACHE_SIZE, TextRenderer
from lawgov_report.source.yamlsource import load_text


def _apply(old: list, new: list, ops: list) -> tuple[list, list]:
    """Both sides rebuilt from the opcodes: they must cover old and new exactly, in order."""
    a, b = [], []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        a.extend(old[i1:i2])
        b.extend(new[j1:j2])
    return a, b


def _sentences(rng, n):
    return ["".join(rng.choice("依法行政执法监督复议应诉普法") for _ in range(rng.randint(5, 40))) + "。"
            for _ in range(n)]


def test_a_long_paragraph_is_diffed_by_sentence_then_by_character():
    rng = random.Random(3)
    sentences = _sentences(rng, 600)
    old = list("".join(sentences))
    changed = list(sentences)
    changed[100] = changed[100][:3] + "进一步" + changed[100][3:]
    del changed[300]
    changed.insert(450, "新增一句。")
    new = list("".join(changed))
    assert len(old) > LONG
    ops = opcodes(old, new)
    assert _apply(old, new, ops) == (old, new)
    inserted = ["".join(new[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag in ("insert", "replace")]
    assert "进一步" in inserted  # within the changed sentence, by character
    assert "新增一句。" in inserted
    assert sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal") > 0.95 * len(old)


def test_short_texts_are_diffed_by_character_between_their_common_ends():
    old, new = list("依法受理行政复议案件18起"), list("依法受理行政复议案件20起，结案18起")
    assert opcodes(old, new) == SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    rng = random.Random(11)
    for _ in range(200):
        a = [rng.choice("法治政府18") for _ in range(rng.randint(0, 30))]
        b = list(a)
        for _ in range(rng.randint(0, 4)):
            at = rng.randint(0, len(b))
            b[at:at + rng.randint(0, 3)] = [rng.choice("法治政府20") for _ in range(rng.randint(0, 3))]
        assert _apply(a, b, opcodes(a, b)) == (a, b)


def test_similarity_of_long_texts_is_by_sentence():
    rng = random.Random(5)
    sentences = _sentences(rng, 300)
    text = "".join(sentences)
    assert similarity(text, text.replace(sentences[7], "改写的一句。")) > 0.9
    assert similarity(text, "".join(_sentences(random.Random(6), 300))) < 0.5


def test_line_and_column_of_any_character():
    text = "year: 2020\nissuer: 鲁山县\npreamble:\n  - 第一段\n"
    source = load_text(text, "a.yaml")
    for index, char in enumerate(text):
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        assert source.line_col(index) == (line, col), (index, char)
    assert source.locate_snippet(text.index("第一段"), len(text), "一段", None) == (4, 6)
    assert source.locate_snippet(0, 5, "无此", (9, 9)) == (9, 9)


def test_text_caches_are_bounded():
    renderer = TextRenderer()
    for n in range(CACHE_SIZE + 50):
        assert renderer.render(f"第{n}段{{{{ x | with_unit }}}}", {"x": n}) == f"第{n}段{n}"
        renderer.quoted_names(f"第{n}段{{{{ x }}}}")
    assert renderer._template.cache_info().currsize <= CACHE_SIZE
    assert renderer.quoted_names.cache_info().currsize == CACHE_SIZE
    assert renderer._expression.cache_info().currsize == 1  # one expression, shared by every text


def test_a_text_sees_the_sandbox_globals_without_a_copy_of_the_context():
    renderer = TextRenderer()
    context = {"a": 3, "b": 4}
    assert renderer.render("{{ a * b }}件{% if a > 2 %}，多{% endif %}", context) == "12件，多"
    assert context == {"a": 3, "b": 4}
