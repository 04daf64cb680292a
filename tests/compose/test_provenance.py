"""Provenance: a build that asks for it knows, for every span, the YAML text it came from and what
each {{ }} printed; the Document and the .docx it writes are the same as a plain build's."""

from __future__ import annotations

import io
import zipfile

from lawgov_report import document as d
from lawgov_report.compose.build import build
from lawgov_report.pipeline import load_report, resolve_template
from lawgov_report.writers import docx as docx_writer


def _builds(example):
    loaded = load_report(example)
    template = resolve_template(loaded, None)
    plain = build(loaded.report, template, loaded.source)
    traced = build(loaded.report, template, loaded.source, provenance=True)
    return loaded, template, plain, traced


def test_provenance_changes_nothing_of_the_document_or_the_docx(example):
    _, template, plain, traced = _builds(example)
    assert plain.paragraphs() == traced.paragraphs() and plain.meta == traced.meta
    assert [(b.kind, b.level, b.heading_spans, [(s.text, s.generated) for s in b.spans]) for b in plain.blocks] == \
        [(b.kind, b.level, b.heading_spans, [(s.text, s.generated) for s in b.spans]) for b in traced.blocks]
    parts = []
    for doc in (plain, traced):
        with zipfile.ZipFile(io.BytesIO(docx_writer.to_bytes(doc, template.reference_docx))) as zf:
            parts.append(zf.read("word/document.xml"))
    assert parts[0] == parts[1]
    assert all(s.origin is None for b in plain.blocks for s in b.spans)


def test_every_clerk_span_knows_its_yaml_text_and_its_figures(example):
    loaded, _, _, traced = _builds(example)
    body = [b for b in traced.blocks if b.kind in (d.BODY, d.HEADING)]
    for block in body:
        for span in block.spans:
            assert span.generated or span.origin is not None, (block.text, span.text)
            if span.origin is not None:
                assert "".join(p for p, _ in span.origin.pieces) == span.text
                path = span.origin.path
                assert path in loaded.source.extents or path[:-1] in loaded.source.extents
    exam = next(s for b in body for s in b.spans if "1798名" in s.text)
    assert exam.origin.path == ("sections", 0, "sections", 5, "paragraphs", 0, "points", 3)
    assert ("1798", "参考执法人员数") in exam.origin.pieces and ("2020", "year") in exam.origin.pieces
    assert "{{ 参考执法人员数 }}" in exam.origin.source
