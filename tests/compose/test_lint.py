"""lint reuses what build made of the report (its rendered texts, the body's last line found from the
data) and finds exactly what it finds on its own: same warnings, same places, same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawgov_report.compose.build import build
from lawgov_report.compose.findings import _BODY_ROOTS, Findings, body_end
from lawgov_report.compose.lint import lint
from lawgov_report.compose.templates import resolve_template
from lawgov_report.errors import ReportError
from lawgov_report.pipeline.load import Loaded
from lawgov_report.source.validate import validate
from lawgov_report.source.yamlsource import load_file, load_text

ROOT = Path(__file__).resolve().parent.parent.parent
REPORTS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/corpus/check/*.yaml"),
                  *ROOT.glob("tests/corpus/hostile/*.yaml")])


def loaded(path: Path):
    """The source of ``path`` as check reads it, recovered from its slips; None when it cannot be read."""
    try:
        return load_file(path)
    except ReportError as exc:
        return getattr(exc, "source", None)


def built(source):
    """(report, template, document) when the report validates and builds, else None."""
    try:
        report = validate(source)
        template = resolve_template(Loaded(source, report), None, ())
        return report, template, build(report, template, source)
    except ReportError:
        return None


def slips_in_every_text(text: str) -> str:
    """The example with slips lint knows in its texts, one of them naming build's private ``__failed__``."""
    return (text.replace("强化组织领导", "强化组织 2019年领导")
            .replace("坚持高标准部署。", "坚持高标准部署, 03月05日{{ __failed__ }})中")
            .replace("加大督促检查力度。", "加大督促检查力度{{ year - 1 }}年 {{ 受惠企业数 }} 家,"))


# The reports that build (the others are linted without a document, as check does) and those that
# can be read at all: chosen here, so that a corpus file outside them is not a skipped test.
READABLE = [path for path in REPORTS if loaded(path) is not None]
BUILDING = [path for path in READABLE if built(loaded(path)) is not None]


def test_the_corpora_give_both_kinds():
    assert len(BUILDING) >= 10 and len(READABLE) - len(BUILDING) >= 10 and len(REPORTS) > len(READABLE)


@pytest.mark.parametrize("edition", ["print", "web"])
@pytest.mark.parametrize("path", BUILDING, ids=lambda p: p.name)
def test_lint_with_builds_texts_finds_what_it_finds_alone(path, edition):
    source = loaded(path)
    report, template, document = built(source)
    alone = lint(report, source, template, edition=edition)
    assert lint(report, source, template, document.figure_values, edition=edition,
                rendered=document.texts) == alone


def test_a_text_naming_builds_private_names_is_linted_as_before(example):
    source = load_text(slips_in_every_text(example.read_text(encoding="utf-8")), "slips.yaml")
    report, template, document = built(source)
    alone = lint(report, source, template)
    assert any("半角括号" in d.message and d.path == "sections[0].sections[0].paragraphs[0].points[0]"
               for d in alone)  # ")中" in the raw text, which lint checks as it cannot render it
    assert lint(report, source, template, document.figure_values, rendered=document.texts) == alone


def scanned_end(source) -> int:
    """The body's last line as a pass over every value finds it."""
    return max((node.end_mark.line for path, node in source.nodes.items() if path and path[0] in _BODY_ROOTS),
               default=-1)


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_body_end_from_the_data_is_the_scanned_one(path):
    source = loaded(path)
    assert body_end(source) == scanned_end(source)


@pytest.mark.parametrize("tail", [
    "closing:\n  - 结束语\n  - *n\n  - []\n  - {}\n",  # an alias last: its value stands earlier in the file
    "closing: []\nattachments:\n  - |\n    附件一\n\n    附件二\n\n",  # a block text ending past blank lines
    "note:\n",  # an empty value
])
def test_body_end_with_aliases_and_empty_parts(example, tail):
    text = example.read_text(encoding="utf-8")
    if "*n" in tail:
        text = text.replace("issuer: 鲁山县人民政府", "issuer: &n 鲁山县人民政府")
    source = load_text(text.rstrip("\n") + "\n" + tail, "tail.yaml")
    assert body_end(source) == scanned_end(source)
    if "*n" in tail:
        assert body_end(source) == source.text.split("\n").index("  - 结束语")


def test_findings_count_lines_as_the_source_does(example):
    """Slips located forwards, backwards and across lines (CRLF, block texts) get Source.line_col's place."""
    import random

    text = example.read_text(encoding="utf-8")
    source = load_text(text.replace("\n", "\r\n") + "closing:\r\n  - |\r\n    一\r\n\r\n    二\r\n", "crlf.yaml")
    findings = Findings(source, "")
    places = list(range(0, len(source.text), 7)) + [0, len(source.text)]
    random.Random(18).shuffle(places)
    places += sorted(places)
    assert [findings._line_col(i) for i in places] == [source.line_col(i) for i in places]


@pytest.mark.parametrize("typed, found", [
    ("依法受理行政复议案件19起", "19"),  # the figure is 18: the sentence was edited by hand
    ("依法受理行政复议案件共19起", "19"),
    ("依法受理行政复议案件 19 起", "19"),
    ("依法受理行政复议案件18起", None),  # the same number: not a disagreement
    ("依法受理行政复议案件{{ 受理复议案件数 }}起", None),
    ("依法受理行政复议案件19件", None),  # another unit: not this figure
    ("2019年依法受理案件19起", None),  # no figure's label before it
])
def test_a_number_typed_after_a_figures_label_that_disagrees_is_pointed_at(example, tmp_path, typed, found):
    text = example.read_text(encoding="utf-8")
    placed = "依法受理行政复议案件 {{ 受理复议案件数 }} 起"
    assert placed in text
    path = tmp_path / "typed.yaml"
    path.write_text(text.replace(placed, typed, 1), encoding="utf-8")
    source = load_file(path)
    report, template, document = built(source)
    findings = [d for d in lint(report, source, template, document.figure_values, str(path), "web")
                if "正文直接写了" in d.message]
    if found is None:
        assert not findings
        return
    [finding] = findings
    line = path.read_text(encoding="utf-8").split("\n")[finding.line - 1]
    assert line[finding.col - 1:].startswith(found + ("起" if "19起" in typed else ""))
    assert "受理复议案件数" in finding.message and "18起" in finding.message and "{{ 受理复议案件数 }}" in finding.hint


def slips_of_every_kind(text: str) -> str:
    """The example with a slip of each kind the per-text checks know, at texts' edges and inside,
    in headings, points and bodies (so that each of _suspects' tests has something to find)."""
    import re

    text = text.replace("with_unit }}。", "with_unit }}%。").replace("认真", "认真.", 1)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        point = re.match(r"(\s+)- (?!title|points|text)[^#:]*$", line)
        if "- title: " in line and "#" not in line and i % 2 == 0:
            line = line.replace("- title: ", "- title: （一）", 1)
        elif "- title: " in line and "#" not in line:
            line = line[:-1] if line.endswith("。") else line.replace('工作"', '工作；"')
        elif point and i % 5 == 0:
            line = line.replace("- ", "- 一是", 1)
        elif point and i % 5 == 1 and "'" not in line:
            line = f"{point[1]}- ''\n{point[1]}- ' {line.lstrip()[2:]} '"
        elif i % 7 == 0:
            line = line.replace("，", ",", 1).replace("。", "。。", 1)
        elif i % 7 == 1:
            line = line.replace("{{ year }}年", "2018年 05月 7日", 1)
        elif i % 7 == 2:
            line = line.replace("%", "％", 1).replace("共", "共 ", 1)
        lines[i] = line
    return "\n".join(lines)


@pytest.mark.parametrize("edition", ["print", "web"])
@pytest.mark.parametrize("path", [None, *BUILDING], ids=lambda p: p.name if p else "slips-of-every-kind")
def test_the_texts_checked_are_all_that_can_have_a_finding(path, edition, example, monkeypatch):
    """Checking only the texts _suspects names finds what checking every text finds."""
    import lawgov_report.compose.lint as lint_module

    source = loaded(path) if path else load_text(slips_of_every_kind(example.read_text(encoding="utf-8")), "s.yaml")
    report, template, document = built(source)
    few = lint(report, source, template, document.figure_values, edition=edition, rendered=document.texts)
    if path is None:
        assert len({d.message_en.split(" ")[0] for d in few}) >= 13
    monkeypatch.setattr(lint_module, "_suspects", lambda texts, *_: range(len(texts)))
    assert lint(report, source, template, document.figure_values, edition=edition, rendered=document.texts) == few


@pytest.mark.parametrize("written", ["2019年", "20１９年", "201９年"])
def test_a_stale_year_typed_with_full_width_digits_is_found(example, written):
    """The year check reads any decimal digit (int() reads ２０１９); the search that picks the texts
    to check must not leave a year typed half in full width out (found by a reviewer's fuzzing)."""
    text = example.read_text(encoding="utf-8").replace("今年以来，县政府常务会议", f"{written}，县政府常务会议", 1)
    source = load_text(text, "y.yaml")
    report, template, document = built(source)
    found = lint(report, source, template, document.figure_values, rendered=document.texts)
    assert any(d.message == "文中写的是“2019年”，而报告年度是 2020 年" and d.line == 35 for d in found), found


def test_empty_paragraphs_are_found_in_document_order_at_every_level():
    """Each paragraph with no text, points or tail (white space is none), at its own path: a
    section's before its sub-sections', a section's sub-sections' before the next section's."""
    text = """issuer: 某县人民政府
year: 2020
sections:
  - title: 一
    paragraphs: ['', {text: ' ', tail: '  '}, 正文, {points: []}]
    sections:
      - title: 甲
        paragraphs: [{tail: 结尾}, '']
        sections:
          - title: 子
            paragraphs: ['　']
  - title: 二
    paragraphs: [{points: [一项]}, '']
"""
    source = load_text(text, "e.yaml")
    report = validate(source)
    found = [d.path for d in lint(report, source) if d.message_en == "empty paragraph"]
    assert found == ["sections[0].paragraphs[0]", "sections[0].paragraphs[1]", "sections[0].paragraphs[3]",
                     "sections[0].sections[0].paragraphs[1]", "sections[0].sections[0].sections[0].paragraphs[0]",
                     "sections[1].paragraphs[1]"]
