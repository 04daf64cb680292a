"""Import round trips over reports shaped as other governments write them (tests/corpus/import/ and
tests/support/docx_fixtures.py): import, validate, render, and the text comes back the same; the
structure recognised is the one a reader sees; what could not be placed is kept as ``# 未识别``."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from support import docx_fixtures
from support.roundtrip import canonical, rendered_lines, text_lines

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "import"


def outline(report) -> list[str]:
    """The heading tree, two spaces a level: "  加强组织领导。"."""
    out = []

    def walk(sections, depth):
        for s in sections:
            out.append("  " * depth + s.title)
            walk(s.sections, depth + 1)

    walk(report.sections, 0)
    return out


# What a reader sees in each report. tree: the headings (titles as the YAML has them); run_in: titles
# whose form the YAML must state; figures: (text quoting it, value, unit, approx) that must be there.
EXPECT = {
    "baofeng-one-line-title.txt": dict(
        issuer="宝丰县人民政府", year=2021, recipient="平顶山市人民政府：", closing=["特此报告。"],
        signature="宝丰县人民政府", date=datetime.date(2022, 2, 18),
        title=["{{ issuer }}关于{{ year }}年度法治政府建设情况的报告"],
        tree=["主要举措和成效", "  加强组织领导。", "  推进依法决策。", "  规范行政执法。", "存在的问题",
              "{{ year + 1 }}年工作打算", "  持续深化依法行政。", "  加强执法队伍建设。"],
        points={"存在的问题": 2, "推进依法决策。": 2},
        figures=[(12, "项", ""), (260, "条", "余"), (95, "%", "以上")]),
    "ruzhou-justice-bureau-gbk.txt": dict(
        issuer="汝州市司法局", year=2020, recipient="市法治政府建设领导小组办公室:", closing=[],
        signature="汝州市司法局", date=datetime.date(2021, 1, 15),
        tree=["工作开展情况", "  深化法治宣传教育。", "  强化法律援助服务。", "  推进公共法律服务体系建设。",
              "存在的不足", "下一步工作打算", "  持续开展“八五”普法规划实施工作。", "  加强人民调解组织规范化建设。"],
        figures=[(150, "场次", "余"), (2.3, "万份", ""), (1200, "万元", "余"), (412, "个", "")],
        remark="GB18030"),
    "jiaxian-four-levels.txt": dict(
        issuer="郏县人民政府", year=2020, recipient=None, closing=[], signature=None, date=None,
        title=["{{ issuer }}", "关于{{ year }}年法治政府建设情况的报告"],
        tree=["{{ year }}年法治政府建设主要举措", "  深化“放管服”改革", "    优化营商环境。",
              "    推进证明事项告知承诺制。", "      开展专项清理。", "      建立动态调整机制。",
              "  严格规范公正文明执法", "存在的问题和不足", "{{ year + 1 }}年工作安排",
              "  加强行政执法队伍建设。", "  完善行政执法监督机制。"],
        run_in={"深化“放管服”改革": False, "严格规范公正文明执法": False},
        numbering={"{{ year + 1 }}年工作安排": "1."},
        figures=[(100, "%", ""), (20, "条", ""), (1, "个工作日", ""), (1263, "件", "")]),
    "xinhua-running-numbers.txt": dict(
        issuer="新华区人民政府", year=2020, recipient=None, closing=[], signature=None, date=None,
        tree=["主要工作", "  提高政治站位，压实工作责任。", "  完善制度体系，规范权力运行。", "    健全行政决策机制。",
              "    加强规范性文件管理。", "  创新执法方式，提升执法效能。", "    推行柔性执法。", "    强化执法监督。",
              "存在的问题", "{{ year + 1 }}年工作计划", "  加强法治政府建设统筹推进。", "  提高依法行政能力水平。"],
        drop_numbers=True,
        figures=[(9, "件", ""), (136, "件", ""), (27, "个", "")]),
    "weidong-enumerations.txt": dict(
        issuer="卫东区人民政府", year=2021, recipient="市人民政府：", closing=["专此报告。"],
        signature="卫东区人民政府", date=datetime.date(2022, 3, 10),
        tree=["主要举措和成效", "  全面履行政府职能。", "  加强重大行政决策管理。", "  强化法治队伍建设。",
              "  推进政务公开。", "存在的不足和原因", "{{ year + 1 }}年主要安排"],
        points={"全面履行政府职能。": 3, "强化法治队伍建设。": 11, "推进政务公开。": 0, "{{ year + 1 }}年主要安排": 3},
        figures=[(98.5, "%", ""), (1500, "人次", "余"), (1.2, "万", "")]),
    "masthead-docnumber-note.txt": dict(
        issuer="叶县人民政府", year=2020, recipient="县委、县人大常委会：", closing=["特此报告。"],
        signature="叶县人民政府", date=datetime.date(2021, 3, 5), note="（此件公开发布）",
        doc_number="叶政文〔2021〕8号", masthead={"mark": ["叶县人民政府文件"]},
        attachments=["叶县{{ year }}年度法治政府建设工作台账", "叶县{{ year + 1 }}年度法治政府建设工作要点"],
        tree=["主要举措和成效", "  加强法治政府建设统筹。", "  推进严格规范公正文明执法。", "存在的不足和原因",
              "党政主要负责人履行推进法治建设第一责任人职责情况", "{{ year + 1 }}年主要安排",
              "  加强法治政府建设示范创建。", "  深化行政复议体制改革。", "其他需要报告的情况"],
        figures=[(3, "次", ""), (5.6, "万件", ""), (99.8, "%", "")]),
    "pingdingshan-ecology-variants.txt": dict(
        issuer="平顶山市生态环境局", year=2021, recipient="市委全面依法治市委员会办公室：", closing=["特此报告。"],
        signature="平顶山市生态环境局", date=datetime.date(2022, 2, 10),
        tree=["主要做法和成效", "  主要做法：", "    完善制度建设。", "      健全合法性审查机制。", "      落实法律顾问制度。",
              "    推进“双随机、一公开”。", "  加强环境执法", "    严格执法监管。", "    规范执法程序。", "存在的问题",
              "{{ year + 1 }}年工作打算"],
        points={"{{ year + 1 }}年工作打算": 3},
        figures=[(6, "项", ""), (1036, "家次", ""), (100, "%", ""), (2300.5, "万元", "")]),
    "wugang-five-part.docx": dict(
        issuer="舞钢市人民政府", year=2021, recipient="平顶山市人民政府：", closing=[],
        signature="舞钢市人民政府", date=datetime.date(2022, 1, 25),
        attachments=["舞钢市{{ year }}年度法治政府建设重点工作台账", "舞钢市{{ year + 1 }}年度法治政府建设工作要点"],
        unplaced=["指标\t数量", "重大行政决策\t11"],
        tree=["主要举措和成效", "  健全依法决策机制", "  推进严格规范公正文明执法", "存在的不足和原因",
              "党政主要负责人履行推进法治建设第一责任人职责情况", "{{ year + 1 }}年主要安排",
              "  深入学习宣传贯彻习近平法治思想", "  持续推进行政执法规范化建设", "其他需要报告的情况"],
        run_in={"健全依法决策机制": False},
        figures=[(11, "项", ""), (2136, "件", ""), (3.5, "%", "")]),
    "lushan-market-bureau-wps.docx": dict(
        issuer="鲁山县市场监督管理局", year=2020, recipient="县法治政府建设领导小组：", closing=["专此报告。"],
        signature="鲁山县市场监督管理局", date=datetime.date(2021, 1, 20),
        attachments=["鲁山县市场监督管理局{{ year + 1 }}年度法治建设重点任务清单"],
        unplaced=["附件", "鲁山县市场监督管理局2021年度法治建设重点任务清单", "任务\t责任股室"],
        tree=["主要工作", "  加强组织领导。", "  规范执法行为。", "  强化普法宣传。", "存在问题", "下步打算",
              "  加强执法队伍建设。"],
        points={"规范执法行为。": 2},
        # GB/T 9704-2012 writes the date in Arabic numerals; the import says so in a comment.
        replaced={"二〇二一年一月二十日": "2021年1月20日"},
        figures=[(860, "户", ""), (132.6, "万元", ""), (1.5, "万", ""), (90, "%", "以上")]),
    "zhanhe-outline-numbered.docx": dict(
        issuer="湛河区人民政府", year=2020, recipient=None, closing=[], signature=None, date=None,
        tree=["全年主要工作", "  推进依法行政", "  化解矛盾纠纷", "    强化行政调解", "    加强行政复议",
              "存在的问题", "下一年度工作安排"],
        drop_numbers=True,
        figures=[(1320, "件", ""), (96.2, "%", ""), (24, "件", "")]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docx-fixtures")
    return folder


def _source(name: str, built: Path) -> tuple[Path, list[str]]:
    if name.endswith(".docx"):
        return docx_fixtures.build(name, built)
    path = CORPUS / name
    return path, text_lines(path)


def _imported(name: str, built: Path, tmp_path: Path):
    from lawgov_report.readers import import_report
    from lawgov_report.pipeline import load_report

    path, seen = _source(name, built)
    imported = import_report(path)
    target = tmp_path / (Path(name).stem + ".yaml")
    target.write_text(imported.yaml, encoding="utf-8")
    return path, seen, imported, target, load_report(target).report


def test_corpus_has_every_shape():
    assert len(EXPECT) >= 8
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(n for n in EXPECT if n.endswith(".txt"))
    assert sorted(docx_fixtures.BUILDERS) == sorted(n for n in EXPECT if n.endswith(".docx"))


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_round_trip_gives_the_same_text(name, built, tmp_path):
    from lawgov_report.pipeline import render_file

    expect = EXPECT[name]
    path, seen, imported, target, report = _imported(name, built, tmp_path)
    render_file(target, tmp_path)
    got = rendered_lines(tmp_path / (target.stem + ".docx"))
    skipped = set(expect.get("unplaced", []))  # the 版头 and 发文字号 render in the print edition
    want = [expect.get("replaced", {}).get(line, line) for line in seen if line not in skipped]
    drop = expect.get("drop_numbers", False)
    assert [canonical(x, drop) for x in got] == [canonical(x, drop) for x in want]
    assert imported.draft.expected  # the import's own check compares the same thing
    from lawgov_report.readers.verify import check

    assert check(imported.yaml, str(target), imported.draft.expected) == [
        f"原文“{k}”生成为“{v}”" for k, v in expect.get("replaced", {}).items()]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_structure_is_recognised(name, built, tmp_path):
    expect = EXPECT[name]
    _, _, imported, target, report = _imported(name, built, tmp_path)
    assert report.issuer == expect["issuer"]
    assert report.year == expect["year"]
    assert report.recipient == expect["recipient"]
    assert report.closing == expect["closing"]
    assert report.signature == expect["signature"]
    assert report.date == expect["date"]
    assert report.note == expect.get("note")
    assert report.doc_number == expect.get("doc_number")
    masthead = report.masthead.model_dump() if report.masthead else {}
    assert {k: v for k, v in masthead.items() if v} == expect.get("masthead", {})
    assert report.attachments == expect.get("attachments", [])
    if "title" in expect:
        assert report.title == expect["title"]
    assert outline(report) == expect["tree"]
    sections = {}

    def walk(items):
        for s in items:
            sections[s.title] = s
            walk(s.sections)

    walk(report.sections)
    for title, run_in in expect.get("run_in", {}).items():
        assert sections[title].run_in is run_in, title
    for title, numbering in expect.get("numbering", {}).items():
        assert sections[title].numbering == numbering, title
    for title, count in expect.get("points", {}).items():
        assert sum(len(p.points) for p in sections[title].paragraphs) == count, title
    from lawgov_report.pipeline.check import check_file  # `lawgov-report check`: no errors, warnings allowed

    assert [d.format() for d in check_file(str(target)).errors] == []
    text = imported.yaml
    for line in expect.get("unplaced", []):
        assert any(line in row and "# 未识别" in row for row in text.splitlines()), line
    if "remark" in expect:
        assert expect["remark"] in text.split("\n\n")[0]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_statistics_become_figures(name, built, tmp_path):
    """Every statistic is a figure the text quotes; dates and years stay out of the figures."""
    _, _, imported, _, report = _imported(name, built, tmp_path)
    values = {(f.value, f.unit, f.approx) for f in report.figures.values()}
    for value, unit, approx in EXPECT[name]["figures"]:
        assert (value, "%" if unit == "％" else unit, approx) in values
    quoted = set(re.findall(r"\{\{\s*([^\s|}]+)", imported.yaml.split("\nfigures:")[0]))
    assert set(report.figures) <= quoted
    for f in report.figures.values():
        assert not (isinstance(f.value, int) and 1949 <= f.value <= 2100 and f.unit == "年")


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_import_of_our_rendering_gives_the_same_model(name, built, tmp_path):
    """import(render(import(x))) == import(x): the engine's own .docx reads back to the same YAML data."""
    from lawgov_report.readers import import_report
    from lawgov_report.pipeline import load_report, render_file

    _, _, _, target, first = _imported(name, built, tmp_path)
    render_file(target, tmp_path / "out")
    again = import_report(tmp_path / "out" / (target.stem + ".docx"))
    second_file = tmp_path / "again.yaml"
    second_file.write_text(again.yaml, encoding="utf-8")
    second = load_report(second_file).report
    a, b = first.model_dump(), second.model_dump()
    a.pop("doc_number")  # the annual-report template prints no 版头, so no 发文字号 to read back
    b.pop("doc_number")
    assert a == b
