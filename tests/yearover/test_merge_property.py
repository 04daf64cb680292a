"""Property (issue 17): for many generated review edits of the example (rewordings, figures changed
wherever they are quoted, sentences added, 一是 items deleted with the rest renumbered, paragraphs
added), rendering the merged YAML gives back the reviewed document's text, paragraph for paragraph.
The reviewed .docx is written by our writer from the edited paragraphs and read back by merge."""

from __future__ import annotations

import copy

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
from lawgov_report.yearover.merge import merge

# No digits, no 是 or numerals (they would read as 一是 or a heading number), no 余/多 (figure markers).
ALPHABET = "法治政府建设依法行政执法监督复议应诉普法宣传落实推进工作规范的了，；、"
OPS = ("reword", "figure", "sentence", "delete_point", "add_paragraph")


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


def _edit(document: d.Document, figures: list[str], ops) -> d.Document:
    """The reviewed document: the body blocks' texts edited, as a reviewer would."""
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
            value.value = value.value + 1 + int(where * 50)
            for other in texts.values():
                for atom in other:
                    if atom.kind == FIGURE and atom.expr == name:
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
        elif op == "add_paragraph":
            added.append((which % len(blocks), "新增" + words + "。"))
    out = []
    for i, block in enumerate(blocks):
        if block.kind == d.TITLE or block.kind == d.DATE:
            out.append(block)
        else:
            out.append(d.Block(block.kind, [d.Span("".join(a.text for a in texts[id(block)]))], level=block.level))
        for after, text in added:
            if after == i and block.kind in (d.BODY, d.HEADING) and i + 1 < len(blocks):
                out.append(d.Block(d.BODY, [d.Span(text)]))
    rest = document.blocks[document.blocks.index(blocks[-1]) + 1:]
    return d.Document(out + rest, document.meta, document.figure_values)


edits = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 500), st.floats(0, 1),
                           st.text(ALPHABET, min_size=1, max_size=8)), min_size=1, max_size=4)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=edits)
def test_rendering_the_merged_yaml_gives_back_the_reviewed_text(base, tmp_path_factory, ops):
    example, template, document, figures = base
    reviewed = _edit(document, figures, ops)
    path = tmp_path_factory.mktemp("prop") / "reviewed.docx"
    path.write_bytes(docx_writer.to_bytes(reviewed, template.reference_docx))
    merged = merge(load_file(example), path)
    assert not [f for f in merged.findings if f.kind == "mismatch"], merged.findings
    source = load_text(merged.text, str(example))
    again = build(validate(source), template, source)
    expected = [b.text for b in body_blocks(reviewed) if b.text]
    assert [b.text for b in body_blocks(again)] == expected


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
