"""Golden: the Lushan example renders to the seed's text, paragraph by paragraph."""

from __future__ import annotations

import subprocess

import docx

from support import appendix
from support.office import need


NOTE = "附件：" + appendix.TITLE
# What follows the report's body: a blank line, the 附件说明, then the 附件 page: "附件" on line 1, a
# blank line 2, the title on line 3 (GB/T 9704-2012 7.3.4, 7.3.7), then the statistics table.
TAIL = ["", NOTE, "附件", "", appendix.TITLE]


def test_docx_paragraphs_equal_seed(rendered, seed_paragraphs):
    paragraphs = [p.text for p in docx.Document(str(rendered)).paragraphs]
    body = paragraphs[: paragraphs.index(NOTE) - 1]  # everything before the 附件说明's blank line
    assert body == seed_paragraphs
    assert paragraphs[len(body):] == TAIL


def test_docx_appendix_table_follows_the_title(rendered):
    """One table, the last thing in the body, after the appendix title: the figures, row by row."""
    document = docx.Document(str(rendered))
    body = document.element.body
    kinds = [child.tag.rsplit("}", 1)[1] for child in body]
    assert kinds[-2:] == ["tbl", "sectPr"] and kinds.count("tbl") == 1
    title = body[len(kinds) - 3]
    assert "".join(t.text for t in title.iter("{*}t")) == appendix.TITLE
    [table] = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == appendix.HEADER
    assert cells[1:] == appendix.rows()
    assert cells[1] == ["1", "学法培训", "参加业务骨干培训的行政执法单位", "个", "43"]
    # a derived figure, as the prose writes it: 18 of 18 cases justify no decimals
    assert ["25", "行政复议与应诉", "行政复议法定期限结案率", "%", "100"] in cells


def test_pandoc_reads_the_same_text(rendered, seed_paragraphs):
    pandoc = need("pandoc")
    out = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "-s", "--wrap=none", str(rendered)],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    got = [line for line in out.split("\n") if line.strip()]
    # pandoc drops empty paragraphs and trailing spaces; -s prints the Title paragraphs it reads as metadata.
    want = [p.rstrip() for p in seed_paragraphs if p.strip()]
    assert got[: len(want)] == want
    assert got[len(want): len(want) + 3] == [NOTE, "附件", appendix.TITLE]
    # Then the table, drawn as text: a rule, the header, a rule, one line per figure, a rule.
    table = [line.split() for line in got[len(want) + 3:] if not set(line) <= {"-", " "}]
    assert table[0] == appendix.HEADER
    rows = appendix.rows()
    for index, (line, row) in enumerate(zip(table[1:], rows, strict=True)):
        first = index == 0 or rows[index - 1][1] != row[1]  # a merged category is printed once
        assert line == (row if first else [row[0], *row[2:]])


def test_every_statistic_is_a_figure(example):
    """No statistic of the seed is typed in a text: each is declared once under figures."""
    import re

    from lawgov_report.pipeline import load_report

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
