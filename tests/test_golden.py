"""Golden: the Lushan example renders to the seed's text, paragraph by paragraph."""

from __future__ import annotations

import subprocess

import docx

from support.office import need


def test_docx_paragraphs_equal_seed(rendered, seed_paragraphs):
    paragraphs = [p.text for p in docx.Document(str(rendered)).paragraphs]
    assert paragraphs == seed_paragraphs


def test_pandoc_reads_the_same_text(rendered, seed_paragraphs):
    pandoc = need("pandoc")
    out = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "-s", "--wrap=none", str(rendered)],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    got = [line for line in out.split("\n") if line.strip()]
    # pandoc drops empty paragraphs and trailing spaces; -s prints the Title paragraphs it reads as metadata.
    want = [p.rstrip() for p in seed_paragraphs if p.strip()]
    assert got == want


def test_every_statistic_is_a_figure(example):
    """No statistic of the seed is typed in a text: each is declared once under figures."""
    import re

    from lawgov_report.render import load_report

    loaded = load_report(example)
    assert len(loaded.report.figures) >= 35
    texts = []

    def walk(sections):
        for s in sections:
            texts.append(s.title)
            for p in s.paragraphs:
                texts.extend([p.text, *p.points, p.tail])
            walk(s.sections)

    walk(loaded.report.sections)
    texts += loaded.report.preamble
    for text in texts:
        bare = re.sub(r"\{\{.*?\}\}", "", text)
        # What digits remain are dates (8月11日, 5月7日至5月20日) and names (12·4), not statistics.
        for m in re.finditer(r"\d+(?:\.\d+)?%?", bare):
            before, after = bare[m.start() - 1: m.start()], bare[m.end(): m.end() + 1]
            assert after in ("月", "日") or "·" in (before, after), (m.group(), text[:40])
