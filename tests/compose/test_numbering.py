"""Heading numbers that run on across sections: ``numbering: continue`` on a section or a template."""

from __future__ import annotations


import docx
import pytest

from lawgov_report.compose.build import build
from lawgov_report.errors import ReportError
from lawgov_report.pipeline import load_report, render_file, resolve_template

REPORT = """\
issuer: 某县人民政府
year: 2021
sections:
  - title: 主要工作
    sections:
      - title: 依法决策
        sections:
          - title: 落实决策程序。
          - title: 加强合法性审查。
      - title: 严格执法
        numbering: {numbering}
        sections:
          - title: 推行三项制度。
          - title: 加强执法监督。
      - title: 化解纠纷
        numbering: {numbering}
        sections:
          - title: 做好行政复议。
  - title: 存在的问题
    sections:
      - title: 宣传不够
        sections:
          - title: 形式单一。
"""


def headings(path, template=None) -> list[str]:
    loaded = load_report(path)
    document = build(loaded.report, resolve_template(loaded, template), loaded.source)
    return [b.text for b in document.blocks if b.kind == "heading"]


def test_continue_numbers_on_from_the_previous_section(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(REPORT.format(numbering="continue"), encoding="utf-8")
    assert headings(path) == ["一、主要工作", "（一）依法决策", "1.落实决策程序。", "2.加强合法性审查。", "（二）严格执法",
                              "3.推行三项制度。", "4.加强执法监督。", "（三）化解纠纷", "5.做好行政复议。", "二、存在的问题",
                              "（一）宣传不够", "1.形式单一。"]
    render_file(path, tmp_path / "out")  # and python-docx reads the numbers in the written .docx
    text = [p.text for p in docx.Document(str(tmp_path / "out" / "r.docx")).paragraphs]
    assert "3.推行三项制度。" in text and "5.做好行政复议。" in text


def test_without_it_each_section_numbers_afresh(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(REPORT.replace("        numbering: {numbering}\n", ""), encoding="utf-8")
    assert [h for h in headings(path) if h[0].isdigit()] == ["1.落实决策程序。", "2.加强合法性审查。", "1.推行三项制度。",
                                                             "2.加强执法监督。", "1.做好行政复议。", "1.形式单一。"]


def test_a_template_numbers_on_everywhere(tmp_path, root):
    folder = tmp_path / "running"
    folder.mkdir()
    (folder / "template.yaml").write_text("extends: annual-report\nnumbering: continue\n", encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_text(REPORT.replace("        numbering: {numbering}\n", ""), encoding="utf-8")
    got = headings(path, str(folder))
    # Each section numbers on from the section before it at the same level: 二、's first sub-heading is
    # （四） after 一、's （三）; 宣传不够 has no section before it under 二、, so its 1. starts afresh.
    assert [h for h in got if h[0] in "（1234567"] == [
        "（一）依法决策", "1.落实决策程序。", "2.加强合法性审查。", "（二）严格执法", "3.推行三项制度。", "4.加强执法监督。",
        "（三）化解纠纷", "5.做好行政复议。", "（四）宣传不够", "1.形式单一。"]


def test_an_unknown_numbering_is_a_located_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(REPORT.format(numbering="contiue"), encoding="utf-8")
    with pytest.raises(ReportError) as info:
        load_report(path)
    assert any(d.line == 11 and "numbering" in d.path for d in info.value.diagnostics), info.value.diagnostics
