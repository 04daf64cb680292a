"""Property (issue 17): for many generated review edits of the example (rewordings, figures changed
wherever they are quoted, sentences added, 一是 items deleted with the rest renumbered, paragraphs
added), rendering the merged YAML gives back the reviewed document's text, paragraph for paragraph.
The reviewed .docx is written by our writer from the edited paragraphs and read back by merge."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgov_report import document as d
from lawgov_report.compose.build import build, text_renderer
from lawgov_report.compose.numbering import point_marker
from lawgov_report.pipeline import load_report, resolve_template
from lawgov_report.readers.atoms import FIGURE, GENERATED, LITERAL, atoms_of, split_points
from lawgov_report.readers.merge import body_blocks
from lawgov_report.source.validate import validate
from lawgov_report.source.yamlsource import load_file, load_text
from lawgov_report.writers import docx as docx_writer
from lawgov_report.writers import redline
from lawgov_report.yearover.merge import merge
from support.yearover import bumped

# No digits, no 是 or numerals (they would read as 一是 or a heading number), no 余/多 (figure markers).
ALPHABET = "法治政府建设依法行政执法监督复议应诉普法宣传落实推进工作规范的了，；、"
OPS = ("reword", "figure", "sentence", "delete_sentence", "delete_point", "add_paragraph", "delete_section",
       "add_section")


@pytest.fixture(scope="module")
def base(example):
    loaded = load_report(example)
    template = resolve_template(loaded, None)
    document = build(loaded.report, template, loaded.source, provenance=True)
    in_formulas = " ".join(str(f.formula) for f in document.figure_values.values() if f.formula is not None)
    figures = sorted({a.expr for b in body_blocks(document) for a in atoms_of(b) if a.kind == FIGURE
                      and a.expr in document.figure_values and document.figure_values[a.expr].formula is None
                      and a.expr not in in_formulas})
    return example, template, document, figures


def _edit(document: d.Document, figures: list[str], ops, changed: dict | None = None) -> d.Document:
    """The reviewed document: the body blocks' texts edited, as a reviewer would; ``changed`` gets
    each figure changed and its new value."""
    blocks = [b for b in body_blocks(document)]
    texts = {id(b): atoms_of(b) for b in blocks}
    added: list[tuple[int, str]] = []
    for op, which, where, words in ops:
        block = blocks[which % len(blocks)]
        atoms = texts[id(block)]
        literals = [a for a in atoms if a.kind == LITERAL and len(a.text) >= 4]
        if op == "reword" and literals:
            atom = literals[which % len(literals)]
            a = int(where * (len(atom.text) - 2))
            atom.text = atom.text[:a] + words + atom.text[a + 2:]
        elif op == "sentence" and literals:
            literals[-1].text += words + "。"
        elif op == "figure" and figures:
            name = figures[which % len(figures)]
            value = copy.copy(document.figure_values[name])
            value.value = bumped(value.value, 1 + int(where * 50), value.unit == "%")
            if changed is not None:
                changed[name] = value.value
            for other in texts.values():
                for atom in other:
                    if atom.kind == FIGURE and atom.expr == name and atom.text:  # not in deleted text
                        atom.text = text_renderer().render("{{" + name + "}}", {name: value})
        elif op == "delete_point":
            _, points = split_points(atoms)
            if len(points) >= 2:
                k = which % len(points)
                marker, body = points[k]
                for atom in [marker, *body]:
                    atom.text = ""
                for n, (later, _) in enumerate(points[k + 1:], start=k + 1):
                    later.text = point_marker(n)
        elif op == "delete_sentence" and literals:
            atom = literals[which % len(literals)]
            sentences = [x for x in atom.text.split("。")]
            if len(sentences) > 2:
                k = which % (len(sentences) - 1)
                atom.text = "。".join(sentences[:k] + sentences[k + 1:])
        elif op == "add_paragraph":
            added.append((which % len(blocks), "新增" + words + "。"))
        elif (op == "add_section" and block.kind == d.HEADING and block.level >= 2
              and which % len(blocks) not in [a for a, _ in added]):
            number = atoms[0].text
            added.append((which % len(blocks), number + "新增标题" + words + "。"))
        elif op == "delete_section":
            _delete_section(blocks, texts, which)
    out = []
    for i, block in enumerate(blocks):
        text = "".join(a.text for a in texts[id(block)])
        if text:
            out.append(d.Block(block.kind, [d.Span(text)], level=block.level))
        for after, new in added:
            if after == i and block.kind in (d.BODY, d.HEADING) and i + 1 < len(blocks) and text:
                if new.startswith(("（", "1", "2", "3", "4", "5", "6", "7", "8", "9")) and block.kind == d.HEADING:
                    # a new heading right after this one, its number the next of the same style
                    new = _next_number(block, texts) + new[len(texts[id(block)][0].text):]
                    if _sibling_follows(blocks, texts, i):
                        continue  # renumbering the siblings after it is delete_section's business
                    out.append(d.Block(d.HEADING, [d.Span(new)], level=block.level))
                elif not new.startswith(("（", "1", "2", "3", "4", "5", "6", "7", "8", "9")):
                    out.append(d.Block(d.BODY, [d.Span(new)]))
    rest = document.blocks[document.blocks.index(blocks[-1]) + 1:]
    return d.Document(out + rest, document.meta, document.figure_values)


def _section(block: d.Block) -> tuple | None:
    origin = next((sp.origin for sp in block.spans if sp.origin is not None), None)
    if origin is None or origin.path[0] != "sections":
        return None
    if block.kind == d.HEADING:
        return origin.path[:-1]
    last = max(i for i, part in enumerate(origin.path) if part == "paragraphs")
    return origin.path[:last]


def _delete_section(blocks, texts, which) -> None:
    """Delete a whole section (heading and everything under it) and renumber the siblings after it."""
    headings = [b for b in blocks if b.kind == d.HEADING and texts[id(b)][0].text]
    if not headings:
        return
    heading = headings[which % len(headings)]
    path = _section(heading)
    siblings = [b for b in blocks if b.kind == d.HEADING and _section(b) is not None
                and _section(b)[:-1] == path[:-1] and texts[id(b)][0].text]
    if len(siblings) < 2:
        return
    later = [b for b in siblings if _section(b)[-1] > path[-1]]
    numbers = [texts[id(b)][0].text for b in siblings if _section(b)[-1] >= path[-1]]
    for block in blocks:
        if (_section(block) or ())[:len(path)] == path:
            for atom in texts[id(block)]:
                atom.text = ""
    for block, number in zip(later, numbers):
        texts[id(block)][0].text = number


def _next_number(block, texts) -> str:
    """The number after the heading's number as it now stands (after any renumbering)."""
    import re

    from lawgov_report.compose.numbering import heading_number
    from lawgov_report.numerals import from_chinese
    from lawgov_report.readers.merge import heading_style

    current = texts[id(block)][0].text
    style = heading_style(current)
    digits = re.sub(r"[（）、.]", "", current)
    n = int(digits) if digits.isdigit() else from_chinese(digits)
    return heading_number(style, n + 1)


def _sibling_follows(blocks, texts, i) -> bool:
    path = _section(blocks[i])
    return any(b.kind == d.HEADING and _section(b) is not None and _section(b)[:-1] == path[:-1]
               and _section(b)[-1] > path[-1] and texts[id(b)][0].text for b in blocks[i + 1:])


edits = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 500), st.floats(0, 1),
                           st.text(ALPHABET, min_size=1, max_size=8)), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=edits, tracked=st.booleans())
def test_rendering_the_merged_yaml_gives_back_the_reviewed_text(base, tmp_path_factory, ops, tracked):
    example, template, document, figures = base
    changed: dict = {}
    reviewed = _edit(document, figures, ops, changed)
    path = tmp_path_factory.mktemp("prop") / "reviewed.docx"
    if tracked:  # the same edits as Word tracked changes (our redline: accept all = the reviewed text)
        path.write_bytes(redline.to_bytes(document, reviewed, template.reference_docx, template.reference_docx))
    else:
        path.write_bytes(docx_writer.to_bytes(reviewed, template.reference_docx))
    merged = merge(load_file(example), path)
    assert not [f for f in merged.findings if f.kind == "mismatch"], merged.findings
    source = load_text(merged.text, str(example))
    again = build(validate(source), template, source)
    expected = [b.text for b in body_blocks(reviewed) if b.text]
    assert [b.text for b in body_blocks(again)] == expected
    for name, (_, new) in merged.figures.items():  # the value itself, not only the text it renders
        assert new == changed[name] and again.figure_values[name].value == new
    assert not re.search(r"\d\{\{|\}\}\d", merged.text)  # no digit of an edit left beside a {{ }}


def test_the_generated_edits_do_change_the_report(base, tmp_path):
    """The property above is not vacuous: one fixed set of edits changes texts, a figure, a list."""
    example, template, document, figures = base
    ops = [("reword", 7, 0.5, "依法"), ("figure", 3, 0.2, "法"), ("delete_point", 6, 0.0, "法"),
           ("sentence", 12, 0.0, "推进工作"), ("add_paragraph", 3, 0.0, "规范")]
    reviewed = _edit(document, figures, ops)
    path = tmp_path / "reviewed.docx"
    path.write_bytes(docx_writer.to_bytes(reviewed, template.reference_docx))
    merged = merge(load_file(example), path)
    assert merged.figures and merged.texts >= 2 and merged.deleted == 1 and merged.inserted == 1
    assert not [f for f in merged.findings if f.kind == "mismatch"], merged.findings


def test_two_paragraphs_added_under_a_heading_that_runs_in(base, tmp_path):
    """Found by the property: the second paragraph must not set run_in: false twice."""
    example, template, document, figures = base
    blocks = body_blocks(document)
    plan_item = next(i for i, b in enumerate(blocks) if b.text.startswith("1.紧紧围绕"))
    reviewed = _edit(document, figures, [("add_paragraph", plan_item, 0.0, "甲"), ("add_paragraph", plan_item, 0.0, "乙")])
    path = tmp_path / "reviewed.docx"
    path.write_bytes(docx_writer.to_bytes(reviewed, template.reference_docx))
    merged = merge(load_file(example), path)
    assert merged.text.count("run_in: false") == 1
    assert not [f for f in merged.findings if f.kind == "mismatch"], merged.findings
