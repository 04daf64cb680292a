"""What the writer deflates is the body the redline and the tests read: the pieces' UTF-8 is
body_xml's, and a run-in heading made from its markup by level is the heading made run by run."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lawgov_report import document as d
from lawgov_report.pipeline.check import check_file
from lawgov_report.writers import docx
from lawgov_report.writers import ooxml as x

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("example", ["lushan-2020.yaml", "lushan-2020-print.yaml"])
def test_the_deflated_body_is_body_xml(example):
    checked = check_file(ROOT / "examples" / example)
    document, template = checked.document, checked.template
    body = docx.body_xml(document).encode("utf-8")
    assert b"".join(docx.body_parts(document, encoded=True)) == body
    written = docx.to_bytes(document, template.reference_docx, str(template.reference_path))
    with zipfile.ZipFile(io.BytesIO(written)) as zf:
        main = zf.read("word/document.xml")
    assert body in main and main.count(b"<w:p>") == body.count(b"<w:p>")


def _run_by_run(head: str, body: str, level: int) -> str:
    """A heading as runs: on its own, a paragraph of the heading's style; run in, the heading's words
    in its character style, the paragraph its outline level."""
    if not body:
        return docx._paragraph(f"Heading{level}", x.text_runs(head))
    rpr = f'<w:rPr><w:rStyle w:val="{x.HEADING_CHAR_STYLE[level]}"/></w:rPr>'
    return docx._paragraph(None, x.text_runs(head, rpr) + x.text_runs(body), f'<w:outlineLvl w:val="{level - 1}"/>')


@pytest.mark.parametrize("head, body", [
    ("一、", "依法全面履行政府职能。"), ("（二）A&B", "正文"), ("三、", "两行\n正文"), ("", "只有正文"),
    ("四、", "<b>"), ("五、", "控制\x01字符"), ("六、标题", ""), ("七、A&B", ""), ("", ""),
])
@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_a_heading_is_made_alike_whatever_its_text(head, body, level):
    block = d.Block(d.HEADING, [d.Span(head[:2], generated=True), d.Span(head[2:]), d.Span(body)], level, 2)
    assert docx._heading(block) == _run_by_run(head, body, level)


def test_is_plain_is_what_needs_escape_does_not_find():
    for code in range(0x110000):  # every character alone, then among Chinese text
        ch = chr(code)
        assert x.is_plain(ch) == (not x.NEEDS_ESCAPE.search(ch)), hex(code)
    for text in ["依法行政", "依法\u3000行政", "A&B", "两行\n文字", "a<b", "x>y", "\ufffe", "全角　空格&", ""]:
        assert x.is_plain(text) == (not x.NEEDS_ESCAPE.search(text)), text
