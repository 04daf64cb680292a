"""Import of reports the import was not written against (tests/corpus/import-unseen/ and
tests/support/unseen_docx.py): shaped as other governments publish them, written without looking at
the import's own fixtures. Each one goes through the CLI (`import`, then `check`), renders back to
its source's text paragraph by paragraph, and has its statistics as figures, not typed digits."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import unseen_docx
from support.roundtrip import INDENT, canonical, rendered_lines, text_lines

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "import-unseen"
FIVE_PARTS = ["主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况"]

# What a reader sees in each report. parts: the top-level headings as the YAML has them; figures:
# (as typed in the source, value, unit, approx) -- each must be a figure, and no text may still
# carry it typed; not_figures: (value, unit) that are not statistics (an age band, a hotline).
EXPECT = {
    "linjiang-city-2022.txt": dict(
        issuer="临江市人民政府", year=2022, recipient=None, closing=[], signature="临江市人民政府",
        date=datetime.date(2023, 2, 27), title=["{{ issuer }}关于{{ year }}年度法治政府建设情况的报告"],
        parts=FIVE_PARTS + ["{{ year + 1 }}年主要安排", "其他需要报告的情况"],
        figures=[("4%", 4, "%", ""), ("98.6%", 98.6, "%", ""), ("2.3万户", 2.3, "万户", ""),
                 ("1,280余条", 1280, "条", "余"), ("10,465件", 10465, "件", ""),
                 ("5,386.7万元", 5386.7, "万元", ""), ("97%以上", 97, "%", "以上"), ("517件", 517, "件", ""),
                 ("12.4%", 12.4, "%", ""), ("6项", 6, "项", "")],
        # "一、二季度受疫情影响……" starts a paragraph: numerals listed, not the heading "一、"
        paragraphs={"存在的不足和原因": ["一、二季度受疫情影响"]}),
    "changning-market-2023.txt": dict(
        issuer="长宁县市场监督管理局", year=2023, recipient="县人民政府：", closing=["特此报告。"],
        signature="长宁县市场监督管理局", date=datetime.date(2024, 1, 12),
        title=["{{ issuer }}", "关于{{ year }}年法治政府建设工作情况的报告"],
        parts=["主要工作开展情况", "存在的问题", "下一步工作打算"],
        figures=[("286件", 286, "件", ""), ("182.6万元", 182.6, "万元", ""), ("1,356户", 1356, "户", ""),
                 ("3,240余户次", 3240, "户次", "余"), ("97.8%", 97.8, "%", ""), ("2,875件", 2875, "件", ""),
                 ("22场次", 22, "场次", ""), ("8,000余人次", 8000, "人次", "余"),
                 ("不少于4次", 4, "次", "不少于")],  # a plan item standing alone as a heading
        not_figures=[(12315, ""), (3, "")]),
    "donghu-district-2021.txt": dict(
        issuer="东湖区人民政府", year=2021, recipient=None, closing=[], signature="东湖区人民政府",
        date=datetime.date(2022, 3, 1),
        parts=["{{ year }}年法治政府建设主要举措和成效", "存在的主要问题", "{{ year + 1 }}年工作安排"],
        # Four levels, "(一)" half-width; "（1）" and "1." items that are whole sentences.
        tree=["{{ year }}年法治政府建设主要举措和成效", "  依法全面履行政府职能", "    深化行政审批制度改革",
              "      推进“一件事一次办”改革。", "      推进证明事项告知承诺制。", "    加强事中事后监管",
              "      全区开展跨部门联合抽查任务{{ 35 }}次，检查市场主体{{ 2,480 }}户。"],
        figures=[("60%以上", 60, "%", "以上"), ("4.6万件", 4.6, "万件", ""), ("35次", 35, "次", ""),
                 ("2,480户", 2480, "户", ""), ("1,150人次", 1150, "人次", ""), ("99.2%", 99.2, "%", ""),
                 ("126件", 126, "件", ""), ("212件", 212, "件", ""), ("5,632条", 5632, "条", "")]),
    "qingxi-county-2022.txt": dict(
        issuer="青溪县人民政府", year=2022, recipient=None, closing=[], signature="青溪县人民政府",
        date=datetime.date(2023, 3, 20), title=["青溪县{{ year }}年法治政府建设年度报告"],
        parts=FIVE_PARTS + ["{{ year + 1 }}年主要工作安排"],
        points={"高位推动法治政府建设。": 3, "依法有效化解社会矛盾纠纷。": 3,
                "党政主要负责人履行推进法治建设第一责任人职责情况": 3, "{{ year + 1 }}年主要工作安排": 3},
        figures=[("5％", 5, "%", ""), ("1,286项", 1286, "项", ""), ("91.5％", 91.5, "%", ""),
                 ("1.37亿元", 1.37, "亿元", ""), ("486万元", 486, "万元", ""), ("160余家", 160, "家", "余"),
                 ("264起", 264, "起", ""), ("59件次", 59, "件次", ""), ("3,652件", 3652, "件", ""),
                 ("98.7％", 98.7, "%", "")]),
    "anping-emergency-2023.txt": dict(
        issuer="安平县应急管理局", year=2023, recipient="县委全面依法治县委员会办公室：", closing=[],
        signature="安平县应急管理局", date=datetime.date(2023, 12, 28),
        attachments=["安平县应急管理局{{ year }}年度行政执法数据统计表", "安平县应急管理局{{ year }}年度普法责任清单",
                     "安平县应急管理局权责清单调整情况说明"],
        parts=["主要工作及成效", "存在的问题", "下一步工作计划"],
        figures=[("1,027家次", 1027, "家次", ""), ("3,418项", 3418, "项", ""), ("64起", 64, "起", ""),
                 ("213.5万元", 213.5, "万元", ""), ("100％", 100, "%", ""), ("36场次", 36, "场次", ""),
                 ("1,600余人次", 1600, "人次", "余"), ("1.3万人", 1.3, "万人", ""), ("19名", 19, "名", ""),
                 ("5名以上", 5, "名", "以上")],
        not_figures=[(12, "")]),  # "5·12" is a day's name
    "heyang-justice-2020-gb18030.txt": dict(
        issuer="河阳县司法局", year=2020, recipient="县委全面依法治县委员会办公室：", closing=["专此报告。"],
        signature="河阳县司法局", date=datetime.date(2021, 1, 8), remark="GB18030",  # CRLF, trailing spaces
        parts=["法治政府建设工作开展情况", "存在的问题", "{{ year + 1 }}年工作打算"],
        figures=[("130余条", 130, "条", "余"), ("38件", 38, "件", ""), ("120余场次", 120, "场次", "余"),
                 ("4.8万份", 4.8, "万份", ""), ("865.4万元", 865.4, "万元", ""), ("2,318件", 2318, "件", ""),
                 ("99%以上", 99, "%", "以上"), ("1,126人", 1126, "人", ""), ("96.5%", 96.5, "%", "")]),
    "xishan-district-2023.docx": dict(
        issuer="西山区人民政府", year=2023, recipient="区委全面依法治区委员会：", closing=["特此报告。"],
        signature="西山区人民政府", date=datetime.date(2024, 2, 6),
        parts=FIVE_PARTS + ["{{ year + 1 }}年主要安排"],
        tree=["主要举措和成效", "  加强党对法治政府建设的领导", "  推进政府职能依法全面履行", "    深化“放管服”改革",
              "    优化法治化营商环境", "  提升行政执法质量和效能", "  依法化解矛盾纠纷"],
        figures=[("28.6万件", 28.6, "万件", ""), ("99.3%", 99.3, "%", ""), ("1,240户次", 1240, "户次", ""),
                 ("38%以上", 38, "%", "以上"), ("650余次", 650, "次", "余"), ("3,862件", 3862, "件", ""),
                 ("1,024.8万元", 1024.8, "万元", ""), ("9.7%", 9.7, "%", ""), ("18%", 18, "%", "")],
        not_figures=[(35, "岁")]),  # "35岁以下执法人员": an age band, not a statistic
    "beiling-justice-2022.docx": dict(
        issuer="北岭县司法局", year=2022, recipient="县委全面依法治县委员会办公室：", closing=[],
        signature="北岭县司法局", date=datetime.date(2023, 1, 16),  # typed with trailing spaces
        title=["{{ issuer }}\n关于{{ year }}年度法治政府建设情况的报告"],  # Heading 1, a soft line break
        parts=FIVE_PARTS + ["{{ year + 1 }}年主要安排"],
        tree=["主要举措和成效", "  统筹推进法治政府建设", "  加强合法性审查", "  深化普法和公共法律服务"],
        points={"存在的不足和原因": 2, "{{ year + 1 }}年主要安排": 3},
        figures=[("2轮", 2, "轮", ""), ("100%", 100, "%", ""), ("230余条", 230, "条", "余"),
                 ("11.5%", 11.5, "%", ""), ("140余场次", 140, "场次", "余"), ("2.6万人次", 2.6, "万人次", ""),
                 ("1,187.3万元", 1187.3, "万元", ""), ("1,942件", 1942, "件", ""), ("98%以上", 98, "%", "以上")]),
    "yuntai-county-2021.docx": dict(
        issuer="云台县人民政府", year=2021, recipient="市人民政府：", closing=["特此报告。"],
        signature="云台县人民政府", date=datetime.date(2022, 1, 20),
        title=["{{ issuer }}", "关于{{ year }}年度法治政府建设工作情况的报告"],
        parts=["{{ year }}年工作开展情况", "存在的问题", "{{ year + 1 }}年工作计划"],
        tree=["{{ year }}年工作开展情况", "  抓实组织领导。", "  抓好依法决策。", "  抓严执法监督。", "  抓细普法宣传。"],
        points={"抓好依法决策。": 3, "存在的问题": 2},
        figures=[("6%", 6, "%", ""), ("120余份", 120, "份", "余"), ("1,358人", 1358, "人", ""),
                 ("86场次", 86, "场次", ""), ("不少于1,000人次", 1000, "人次", "不少于")]),
    # Running numbers typed (1. 2. under （一）, 3. 4. under （二）), qualifiers before numbers, year
    # ranges, a date inside the text, no issuer anywhere, "现将……报告如下：" right under the title.
    "fengcheng-county-2022.txt": dict(
        issuer="（请填写发文机关）", year=2022, recipient=None, closing=[], signature=None,
        date=datetime.date(2022, 12, 28), title=["关于{{ year }}年度法治政府建设情况的报告"],
        parts=["推进法治政府建设的主要举措和成效", "存在的不足和原因",
               "党政主要负责人履行推进法治建设第一责任人职责情况", "{{ year + 1 }}年主要安排"],
        continued=["深化“放管服”改革", "规范行政执法行为"],
        figures=[("超过600人", 600, "人", "超过"), ("约95%", 95, "%", "约"), ("近40场次", 40, "场次", "近"),
                 ("不少于260条", 260, "条", "不少于"), ("近48万件", 48, "万件", "近"), ("190万元", 190, "万元", ""),
                 ("99.6%以上", 99.6, "%", "以上"), ("约30%", 30, "%", "约"), ("近480批次", 480, "批次", "近"),
                 ("不足20%", 20, "%", "不足"), ("超过90%", 90, "%", "超过"), ("320余件", 320, "件", "余")],
        not_figures=[(2007, ""), (2021, ""), (10, "家"), (20, "家"), (35, "岁"), (15, "")],
        literal=["2007—2021年", "10—20家", "2022年3月15日", "（2021—2025年）"]),
    # Word: 标题 1-3 numbered by a 多级列表, 1. 2. running on under （二）, a title in two centred
    # 小标宋 paragraphs, revisions and comments.
    "nanhu-district-2021.docx": dict(
        issuer="南湖区人民政府", year=2021, recipient="区委全面依法治区委员会：", closing=[],
        signature="南湖区人民政府", date=datetime.date(2021, 12, 20),
        title=["{{ issuer }}", "{{ year }}年度法治政府建设工作总结暨{{ year + 1 }}年工作思路"],
        parts=["全年工作完成情况", "工作中存在的不足", "区政府主要负责人履行推进法治建设第一责任人职责情况",
               "{{ year + 1 }}年工作思路"],
        tree=["全年工作完成情况", "  着力提升依法决策质量", "    规范决策程序", "    发挥法律顾问作用",
              "  着力推进严格规范公正文明执法", "    深化综合行政执法改革", "    加强执法监督检查", "  着力化解行政争议"],
        continued=["着力推进严格规范公正文明执法"],
        figures=[("1,300余条", 1300, "条", "余"), ("48.7亿元", 48.7, "亿元", ""), ("76.5%", 76.5, "%", ""),
                 ("11.2%", 11.2, "%", "")],
        revisions=3),
    # WPS: numbering on each paragraph, run-in headings numbered only by Word, no recipient, dated
    # 2019年12月18日 and planning for 2020 (so the year is 2019).
    "qinghe-justice-2019.docx": dict(
        issuer="清河市司法局", year=2019, recipient=None, closing=[], signature="清河市司法局",
        date=datetime.date(2019, 12, 18), title=["{{ issuer }}", "关于法治政府建设工作开展情况的报告"],
        parts=["基本情况", "主要问题", "{{ year + 1 }}年工作打算"],
        tree=["基本情况", "  坚持统筹协调，压实法治建设责任。", "  坚持推进依法行政，提升执法规范化水平。",
              "  坚持普法惠民，营造尊法学法氛围。"],
        figures=[("1,460人次", 1460, "人次", ""), ("130余场", 130, "场", "余"), ("近5万份", 5, "万份", "近"),
                 ("超过20万人次", 20, "万人次", "超过")],
        revisions=0),
}

# "1.5万余份": the figure model prints 数值 + 余 + 单位, so 万 (a magnitude inside the unit) and
# the 余 after it cannot both be kept by one figure; the import leaves "余份" typed in the text.
WAN_YU = {"linjiang-city-2022.txt": "2.1万余件", "changning-market-2023.txt": "1.5万余份",
          "anping-emergency-2023.txt": "2.2万余份", "donghu-district-2021.txt": "1.2万余户",
          "yuntai-county-2021.docx": "3.6万余份"}


def _source(name: str, folder: Path) -> tuple[Path, list[str]]:
    """The report file and its paragraphs as a reader sees them."""
    if name.endswith(".docx"):
        import docx

        stem = name[: -len(".docx")]
        path = unseen_docx.BUILDERS[stem](folder / name, unseen_docx.REPORTS[stem])
        if stem in unseen_docx.RAW_LEVELS:  # Word's own numbers are not in the text: as Word prints them
            return path, unseen_docx.printed_lines(unseen_docx.REPORTS[stem], unseen_docx.RAW_LEVELS[stem])
        return path, [p.text.lstrip(INDENT) for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    path = CORPUS / name
    return path, text_lines(path)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawgov_report", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """name -> (source lines, YAML path, CLI result, report), each imported once through the CLI."""
    from lawgov_report.pipeline import load_report

    folder = tmp_path_factory.mktemp("unseen")
    out = {}
    for name in EXPECT:
        path, lines = _source(name, folder)
        target = folder / (Path(name).stem + ".yaml")
        result = _cli("import", str(path), "-o", str(target))
        report = load_report(target).report if result.returncode == 0 else None
        out[name] = (lines, target, result, report)
    return out


def test_corpus_lists_every_report():
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(n for n in EXPECT if n.endswith(".txt"))
    assert sorted(f"{n}.docx" for n in unseen_docx.BUILDERS) == sorted(n for n in EXPECT if n.endswith(".docx"))
    assert (CORPUS / "heyang-justice-2020-gb18030.txt").read_bytes().decode("gb18030")
    with pytest.raises(UnicodeDecodeError):  # really saved as GB18030, as Notepad's ANSI does
        (CORPUS / "heyang-justice-2020-gb18030.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_import_and_check_pass(name, imported):
    lines, target, result, _ = imported[name]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "重新生成后与原文逐段一致" in result.stdout, result.stdout
    assert "未识别" not in result.stdout + target.read_text(encoding="utf-8")
    if "remark" in EXPECT[name]:
        assert EXPECT[name]["remark"] in result.stdout
    checked = _cli("check", str(target))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 个错误" in checked.stdout or "未发现问题" in checked.stdout, checked.stdout


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_renders_back_to_the_source_text(name, imported, tmp_path):
    from lawgov_report.pipeline import render_file

    lines, target, result, _ = imported[name]
    assert result.returncode == 0, result.stderr
    render_file(target, tmp_path)
    got = rendered_lines(tmp_path / (target.stem + ".docx"))
    # Spaces typed after 署名 or 成文日期 are noise, as the indentation before a line is.
    assert [canonical(x).rstrip() for x in got] == [canonical(x).rstrip() for x in lines]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_frame_and_structure(name, imported):
    expect = EXPECT[name]
    report = imported[name][3]
    assert report is not None
    assert (report.issuer, report.year, report.recipient, report.closing, report.signature, report.date) == (
        expect["issuer"], expect["year"], expect["recipient"], expect["closing"], expect["signature"], expect["date"])
    assert report.attachments == expect.get("attachments", [])
    if "title" in expect:
        assert report.title == expect["title"]
    assert [s.title for s in report.sections] == expect["parts"]
    if "tree" in expect:
        tree = []

        def walk(sections, depth):
            for s in sections:
                tree.append("  " * depth + _numbers_shown(s.title, report.figures))
                walk(s.sections, depth + 1)

        walk(report.sections, 0)
        assert tree[: len(expect["tree"])] == expect["tree"]
    sections = {}

    def index(items):
        for s in items:
            sections[s.title] = s
            index(s.sections)

    index(report.sections)
    for title, count in expect.get("points", {}).items():
        assert sum(len(p.points) for p in sections[title].paragraphs) == count, title
    for title, starts in expect.get("paragraphs", {}).items():
        for start in starts:
            assert [p for p in sections[title].paragraphs if p.text.startswith(start)], (title, start)


def _numbers_shown(text: str, figures) -> str:
    """A title with each quoted figure shown by its number ("{{ 35 }}"), names being the import's choice."""
    def show(m):
        name, _, filt = m[1].partition("|")
        figure = figures.get(name.strip())
        if figure is None:
            return m[0]
        value = f"{figure.value:,}" if filt.strip() == "thousands" else f"{figure.value}"
        return "{{ " + value + " }}"

    return re.sub(r"\{\{\s*([^}]*?)\s*\}\}", lambda m: m[0] if m[1].startswith("year") else show(m), text)


def _texts(report) -> list[str]:
    out = [p if isinstance(p, str) else p.text for p in report.preamble]

    def walk(sections):
        for s in sections:
            out.append(s.title)
            for p in s.paragraphs:
                out.extend([p] if isinstance(p, str) else [p.text or "", *p.points, p.tail or ""])
            walk(s.sections)

    walk(report.sections)
    return [t for t in out if t]


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_statistics_become_figures(name, imported):
    report = imported[name][3]
    assert report is not None
    have = {(f.value, f.unit, f.approx) for f in report.figures.values()}
    texts = [re.sub(r"\{\{.*?\}\}", "\x00", t) for t in _texts(report)]
    for typed, value, unit, approx in EXPECT[name]["figures"]:
        assert (value, unit, approx) in have, typed
        m = re.search(r"[\d,.]+", typed)  # the digits with what is typed after them ("5名", not "5·12")
        literal = re.compile(rf"(?<![\d,.]){re.escape(m[0])}{re.escape(typed[m.end():m.end() + 1])}")
        assert not [t for t in texts if literal.search(t)], f"{typed} is still typed in the text"
    for value, unit in EXPECT[name].get("not_figures", []):
        assert not [f for f in report.figures.values() if f.value == value and (not unit or f.unit == unit)]


@pytest.mark.xfail(strict=True, reason="model: a figure prints 数值+约数+单位, so “1.5万余份” (万 is part of the "
                   "unit, 余 stands after it) cannot keep its 余 in the figure; the import keeps “余份” as text")
@pytest.mark.parametrize("name", sorted(WAN_YU))
def test_wan_yu_keeps_its_marker_in_the_figure(name, imported):
    report = imported[name][3]
    typed = WAN_YU[name]
    value = float(re.match(r"[\d.]+", typed)[0])
    assert [f for f in report.figures.values() if f.value == value and f.approx == "余"], typed


def _cut_labels(lines: list[str], labels: list[str]) -> list[str]:
    """The labels that are not whole words where the source writes them, judged by the segmenter
    (rjieba, jieba's dictionary) on each source paragraph: a label must start and end where a
    word does, at one of its places in the text."""
    import rjieba

    bounds = []
    for line in lines:
        ends, pos = {0}, 0
        for word in rjieba.cut(line):
            pos += len(word)
            ends.add(pos)
        bounds.append((line, ends))

    def whole(label: str, parts: int = 3) -> bool:
        places = [(start, ends) for line, ends in bounds for start in _find_all(line, label)]
        if label in _GLUE or any(start in ends and start + len(label) in ends for start, ends in places):
            return True
        # A label import composes ("受理35件" after "收到行政复议申请38件": 受理行政复议申请) is
        # whole words of the text too, joined by 的 or the noun a measure word counts (单位, 次数).
        return parts > 1 and any(whole(label[:k], 1) and whole(label[k:], parts - 1) for k in range(1, len(label)))

    return [label for label in labels if not whole(label)]


_GLUE = ("的", "单位", "人员", "次数", "（下限）", "（上限）")


def _find_all(text: str, part: str):
    start = text.find(part)
    while start != -1:
        yield start
        start = text.find(part, start + 1)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_figure_labels_are_whole_words(name, imported):
    lines, _, _, report = imported[name]
    labels = [f.label for f in report.figures.values()]
    cut = _cut_labels(lines, labels)
    assert len(cut) * 10 <= len(labels), cut


def test_whole_words_across_the_corpus(imported):
    """Over every unseen report together: at most 1 label in 10 is cut inside a word."""
    cut, total = [], 0
    for lines, _, _, report in imported.values():
        labels = [f.label for f in report.figures.values()]
        total += len(labels)
        cut += _cut_labels(lines, labels)
    assert total > 150 and len(cut) * 10 <= total, cut


@pytest.mark.parametrize("name", [n for n in sorted(EXPECT) if "literal" in EXPECT[n] or "not_figures" in EXPECT[n]])
def test_ranges_and_dates_stay_as_typed(name, imported):
    report = imported[name][3]
    texts = _texts(report)
    for typed in EXPECT[name].get("literal", []):
        assert [t for t in texts if typed in t], typed
    years = [f for f in report.figures.values() if f.unit == "年" or (isinstance(f.value, int) and 1900 < f.value < 2100)]
    assert not years


@pytest.mark.parametrize("name", [n for n in sorted(EXPECT) if "continued" in EXPECT[n]])
def test_running_numbers_continue(name, imported, tmp_path):
    """Sub-headings numbered on across sections ("3." under （二）) keep their numbers: the YAML says
    `numbering: continue` there, and the rendered report prints the source's numbers."""
    lines, target, _, report = imported[name]
    continued = []

    def walk(sections):
        for s in sections:
            if s.numbering == "continue":
                continued.append(_numbers_shown(s.title, report.figures))
            walk(s.sections)

    walk(report.sections)
    assert continued == EXPECT[name]["continued"]
    assert "numbering: continue" in target.read_text(encoding="utf-8")


def test_qualifiers_reach_the_workbook(imported, tmp_path):
    """超过600人: 超过 is kept in the prose (round trip), the .docx table and the .xlsx cell's format."""
    import openpyxl

    from lawgov_report.pipeline import render_file

    _, target, _, report = imported["fengcheng-county-2022.txt"]
    render_file(target, tmp_path)
    sheet = openpyxl.load_workbook(tmp_path / (target.stem + ".xlsx")).active
    formats = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)) and '"' in cell.number_format:
                formats[cell.value] = cell.number_format
    for typed, value, _, approx in EXPECT["fengcheng-county-2022.txt"]["figures"]:
        if approx in ("超过", "近", "约", "不少于", "不足"):
            assert formats.get(value, "").startswith(f'"{approx}"'), (typed, formats.get(value))
    from lawgov_report.figures.statistics import display

    assert display(600, '"超过"#,##0') == "超过600"


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_no_attachment_is_invented(name, imported, tmp_path):
    """The rendered import has a 附件 line or page only where the source had one."""
    import docx

    from lawgov_report.pipeline import render_file

    lines, target, _, _ = imported[name]
    render_file(target, tmp_path)
    got = [p.text for p in docx.Document(str(tmp_path / (target.stem + ".docx"))).paragraphs]
    assert [x for x in got if x.startswith("附件")] == [x for x in lines if x.startswith("附件")]


def test_check_warns_about_the_placeholder_issuer_at_its_line(imported):
    _, target, result, _ = imported["fengcheng-county-2022.txt"]
    line = next(i for i, x in enumerate(target.read_text(encoding="utf-8").splitlines(), 1) if x.startswith("issuer:"))
    checked = _cli("check", "--strict", str(target))
    assert checked.returncode == 1, checked.stdout
    assert re.search(rf"{re.escape(str(target))}:{line}:\d+: 警告 issuer: .*请填写", checked.stdout), checked.stdout


@pytest.mark.parametrize("name", [n for n in sorted(EXPECT) if "revisions" in EXPECT[n]])
def test_revisions_and_comments_are_reported(name, imported):
    """Unaccepted revisions are counted in what import says; each comment is named there and kept as
    a YAML comment just above the text it was anchored to."""
    _, target, result, _ = imported[name]
    stem = name[: -len(".docx")]
    blocks = unseen_docx.REPORTS[stem]
    count = EXPECT[name]["revisions"]
    assert unseen_docx.revisions_of(blocks) == count
    assert (f"原文有 {count} 处未接受的修订" in result.stdout) == bool(count), result.stdout
    yaml_lines = target.read_text(encoding="utf-8").splitlines()
    comments = unseen_docx.comments_of(blocks)
    assert comments
    for author, text in comments:
        assert f"{author}：{text}" in result.stdout
        at = next(i for i, x in enumerate(yaml_lines) if x.lstrip().startswith("# 批注") and x.endswith(f"{author}：{text}"))
        anchor = f"⟨#{author}|{text}#⟩"
        part = next(p for b in blocks for p in b[1:] if isinstance(p, str) and anchor in p)
        words = unseen_docx.accepted(part[: part.index(anchor)])[-6:]  # the text just before the anchor
        nearby = "\n".join(yaml_lines[at + 1:at + 4])
        assert words in nearby, (words, nearby)


def test_round_trip_message_names_heading_numbers(imported):
    """Dropping `numbering: continue` renumbers 3. 4. as 1. 2.: the import's check names each."""
    from lawgov_report.readers import import_report
    from lawgov_report.readers.verify import check

    _, target, _, _ = imported["fengcheng-county-2022.txt"]
    done = import_report(CORPUS / "fengcheng-county-2022.txt")
    assert check(done.yaml, str(target), done.draft.expected) == []
    renumbered = check(done.yaml.replace("numbering: continue", "numbering: null"), str(target), done.draft.expected)
    assert renumbered == ["标题“提升政务服务效能。”原文编号“3.”，生成时编为“1.”", "标题“优化营商环境。”原文编号“4.”，生成时编为“2.”",
                          "标题“推行“三项制度”。”原文编号“5.”，生成时编为“1.”", "标题“加强执法监督。”原文编号“6.”，生成时编为“2.”"]
