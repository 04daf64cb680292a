"""Import (``lawgov-report import``): the seed and the example come back, numbers become figures,
and the CLI speaks Chinese, writes atomically and never overwrites without --force."""

from __future__ import annotations

import datetime

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.roundtrip import rendered_lines


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=180)


def _texts(report) -> list[str]:
    out = list(report.preamble)

    def walk(sections):
        for s in sections:
            out.append(s.title)
            for p in s.paragraphs:
                out.extend([p.text, *p.points, p.tail])
            walk(s.sections)

    walk(report.sections)
    return out + list(report.closing) + list(report.attachments)


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    from lawgov_report.readers import import_report
    from lawgov_report.pipeline import load_report

    folder = tmp_path_factory.mktemp("seed")
    imported = import_report(Path(__file__).resolve().parents[2] / "seeds" / "lushan-2020-report.txt")
    target = folder / "lushan-2020.yaml"
    target.write_text(imported.yaml, encoding="utf-8")
    return target, load_report(target).report


def test_seed_renders_back_to_the_seed(seed_import, seed_paragraphs, tmp_path):
    """import(seed), then render: the text equals the seed's, with the golden test's rule."""
    from lawgov_report.pipeline import render_file

    target, _ = seed_import
    render_file(target, tmp_path)
    assert rendered_lines(tmp_path / "lushan-2020.docx", keep_blank=True) == seed_paragraphs


def test_seed_statistics_are_the_examples_figures(seed_import, example):
    """Every statistic of the seed becomes a figure the text quotes: the same numbers, in the same
    places, as the hand-made example (whatever their names)."""
    from lawgov_report.compose.build import figure_values
    from lawgov_report.pipeline import load_report, resolve_template

    _, report = seed_import
    loaded = load_report(example)
    tpl = resolve_template(loaded, None)
    ours = figure_values(report, None, "", tpl)[0]
    theirs = figure_values(loaded.report, None, "", tpl)[0]
    assert _quoted_values(report, ours) == _quoted_values(loaded.report, theirs)
    assert len(report.figures) == 38
    for text in _texts(report):
        bare = re.sub(r"\{\{.*?\}\}", "", text)
        for m in re.finditer(r"\d+(?:\.\d+)?%?", bare):  # what digits remain are dates and names
            before, after = bare[m.start() - 1: m.start()], bare[m.end(): m.end() + 1]
            assert after in ("月", "日") or "·" in (before, after), (m.group(), text[:40])
    assert "{{ year }}年主要工作" in _texts(report) and "{{ year + 1 }}年工作计划" in _texts(report)


def _quoted_values(report, values) -> list:
    """The values the texts quote, in reading order: the report's numbers, whatever their names."""
    out = []
    for text in _texts(report):
        for name in re.findall(r"\{\{\s*([^\s|}]+)", text):
            if name not in ("year", "issuer"):
                out.append((values[name].number, values[name].approx))
    return out


def test_example_rendering_imports_back_to_the_example(rendered, example, tmp_path):
    """import(render(example)) gives back the example's model: structure, texts, figure values."""
    from lawgov_report.compose.build import build, figure_values
    from lawgov_report.readers import import_report
    from lawgov_report.readers.verify import rendered_paragraphs
    from lawgov_report.pipeline import load_report, resolve_template

    imported = import_report(rendered)
    target = tmp_path / "back.yaml"
    target.write_text(imported.yaml, encoding="utf-8")
    back, original = load_report(target), load_report(example)
    assert "未识别" not in imported.yaml

    def shape(sections, level=1):
        return [(s.title, s.numbering, bool(s.paragraphs), [len(p.points) for p in s.paragraphs],
                 shape(s.sections)) for s in sections]

    assert shape(back.report.sections) == shape(original.report.sections)
    for field in ("issuer", "year", "title", "recipient", "closing", "attachments", "signature", "date", "note"):
        assert getattr(back.report, field) == getattr(original.report, field), field
    built = [build(x.report, resolve_template(x, None), x.source) for x in (back, original)]
    assert rendered_paragraphs(built[0]) == rendered_paragraphs(built[1])
    values = [figure_values(x.report, None, "", resolve_template(x, None))[0] for x in (back, original)]
    assert _quoted_values(back.report, values[0]) == _quoted_values(original.report, values[1])


def test_cli_import_then_render(tmp_path, root):
    seed = root / "seeds" / "lushan-2020-report.txt"
    result = run("import", seed, "-o", tmp_path / "lushan.yaml")
    assert result.returncode == 0, result.stderr
    assert f"已生成 {tmp_path / 'lushan.yaml'}" in result.stdout
    assert "逐段一致" in result.stdout and "数据 38 项" in result.stdout
    text = (tmp_path / "lushan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 由 lawgov-report import") and "issuer: 鲁山县人民政府  # 发文机关" in text
    assert run("render", tmp_path / "lushan.yaml", "-o", tmp_path).returncode == 0


def test_cli_keeps_an_existing_output_without_force(tmp_path, root):
    seed = root / "seeds" / "lushan-2020-report.txt"
    target = tmp_path / "lushan.yaml"
    target.write_text("precious", encoding="utf-8")
    result = run("import", seed, "-o", target)
    assert result.returncode == 1
    assert "已存在" in result.stderr and "--force" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    assert run("import", seed, "-o", target, "--force").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("#")


def test_cli_default_output_beside_the_source(tmp_path, root):
    source = tmp_path / "2020年报告.txt"
    source.write_bytes((root / "seeds" / "lushan-2020-report.txt").read_bytes())
    result = run("import", source)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "2020年报告.yaml").is_file() and source.read_bytes()[:6] == "鲁山".encode()


BROKEN = [
    # (file name, bytes, keyword in the message)
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为"),
    ("fake.docx", b"PK\x03\x04 not really a zip", "不是有效的 .docx"),
    ("empty.txt", b"\n \n\xe3\x80\x80\n", "没有文字"),
    ("binary.txt", b"\x00\x01\x02abc", "二进制"),
    ("sheet.xlsx", b"PK\x03\x04", "无法导入 .xlsx"),
]


@pytest.mark.parametrize("name,data,keyword", BROKEN, ids=[b[0] for b in BROKEN])
def test_cli_refuses_what_it_cannot_read_in_chinese(tmp_path, name, data, keyword):
    source = tmp_path / name
    source.write_bytes(data)
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 1
    assert keyword in result.stderr and str(source) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_cli_missing_file_and_output_name(tmp_path):
    result = run("import", tmp_path / "nope.txt", "-o", tmp_path / "out.yaml")
    assert result.returncode == 1 and "找不到文件" in result.stderr
    result = run("import", tmp_path / "nope.txt", "-o", tmp_path / "out.docx")
    assert result.returncode == 1 and ".yaml" in result.stderr


def test_cli_reports_what_it_could_not_place(tmp_path, root):
    text = (root / "tests" / "corpus" / "import" / "masthead-docnumber-note.txt").read_text(encoding="utf-8")
    source = tmp_path / "with-appendix.txt"  # an 附件 page that is not the statistics table
    source.write_text(text.rstrip("\n") + "\n附件1\n\n叶县2020年度法治政府建设工作台账\n", encoding="utf-8")
    lines = source.read_text(encoding="utf-8").split("\n")
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 0, result.stderr
    assert f"{source}:{lines.index('附件1') + 1}: 警告 未识别（附件页" in result.stderr
    assert "未识别 2 处" in result.stdout


def test_masthead_and_imprint_are_recognised(tmp_path):
    """A printed report's 版头 (份号, 紧急程度, 标志, 发文字号 with 签发人) and 版记 become keys."""
    source = tmp_path / "printed.txt"
    source.write_text("000012\n特急\n叶县人民政府文件\n\n叶政文〔2021〕8号　　　签发人：王刚\n\n叶县人民政府\n"
                      "关于2020年度法治政府建设情况的报告\n\n一、主要举措和成效\n　　全年召开会议。\n\n叶县人民政府\n"
                      "2021年3月5日\n\n抄送：县委办公室，县人大常委会办公室。\n叶县人民政府办公室　　2021年3月6日印发\n",
                      encoding="utf-8")
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 0, result.stderr
    from lawgov_report.pipeline import load_report

    report = load_report(tmp_path / "out.yaml").report
    assert report.doc_number == "叶政文〔2021〕8号"
    assert (report.masthead.mark, report.masthead.signers) == (["叶县人民政府文件"], ["王刚"])
    assert (report.masthead.copy_number, report.masthead.urgency) == ("000012", "特急")
    assert report.imprint.cc == ["县委办公室", "县人大常委会办公室"]
    assert (report.imprint.printed_by, report.imprint.printed_on) == ("叶县人民政府办公室", datetime.date(2021, 3, 6))
    assert report.title == ["{{ issuer }}", "关于{{ year }}年度法治政府建设情况的报告"] or not report.title
    assert "未识别" not in result.stdout


def test_gb18030_is_said(tmp_path, root):
    source = root / "tests" / "corpus" / "import" / "ruzhou-justice-bureau-gbk.txt"
    result = run("import", source, "-o", tmp_path / "out.yaml")
    assert result.returncode == 0, result.stderr
    assert "GB18030" in result.stdout


# Figures: what a phrase becomes, and what it must not become.
FIGURES = [
    ("依法受理行政复议案件18起。", "依法受理行政复议案件{{ 受理复议案件数 }}起。", (18, "起", "")),
    ("解答当事人咨询 320余人次，", "解答当事人咨询 {{ 解答当事人咨询数 }}人次，", (320, "人次", "余")),
    ("满意度98%以上。", "满意度{{ 满意度 | with_unit }}。", (98, "%", "以上")),
    ("结案率100％。", "结案率{{ 结案率 }}％。", (100, "%", "")),
    ("发放法治春联13,000余份。", "发放法治春联{{ 发放法治春联数 | thousands }}份。", (13000, "份", "余")),
    ("调解成功率96.2%。", "调解成功率{{ 调解成功率 }}%。", (96.2, "%", "")),
    ("8月11日召开推进会，围绕“12·4”国家宪法日。", "8月11日召开推进会，围绕“12·4”国家宪法日。", None),
    ("印发《2020年工作方案》，鲁政〔2020〕5号。", "印发《{{ year }}年工作方案》，鲁政〔2020〕5号。", None),
    ("2019年、2020年和2021年，第3季度，5G基站。", "{{ year - 1 }}年、{{ year }}年和{{ year + 1 }}年，第3季度，5G基站。", None),
    ("投入1.50万元。", "投入1.50万元。", None),  # 1.50 would print as 1.5: left as typed
    ("写作{{ 不是数据 }}和{% 也不是 %}。", "写作{{ \"{{\" }} 不是数据 }}和{{ \"{%\" }} 也不是 %}。", None),
]


@pytest.mark.parametrize("text,quoted,figure", FIGURES, ids=[f[0][:8] for f in FIGURES])
def test_numbers_in_prose_become_figures(text, quoted, figure):
    from lawgov_report.compose.build import text_renderer
    from lawgov_report.compose.catalogue import catalogue
    from lawgov_report.figures.values import FigureValue
    from lawgov_report.source.model import Figure
    from lawgov_report.readers.draft import Draft
    from lawgov_report.readers.figures import Extractor
    from lawgov_report.compose.templates import load_template

    entries = catalogue(load_template(None))
    draft = Draft("x", year=2020)
    got = Extractor(draft, entries).text(text, "类别")
    assert got == quoted
    if figure is None:
        assert draft.figures == {}
    else:
        (name, fig), = draft.figures.items()
        assert (fig["value"], fig["unit"], fig["approx"]) == figure
    context = {"year": 2020, **{n: FigureValue(n, Figure(**f)) for n, f in draft.figures.items()}}
    assert text_renderer().render(got, context) == text  # every character comes back


HEADINGS = [
    ("一、主要工作", ("一、", 1, "一、")), ("十二、其他", ("一、", 12, "十二、")), ("一．总体情况", ("一、", 1, "一．")),
    ("（三）强化监督。一是", ("（一）", 3, "（三）")), ("(二)依法决策", ("（一）", 2, "(二)")),
    ("3.推进改革", ("1.", 3, "3.")), ("12、加强培训", ("1.", 12, "12、")), ("（1） 强化组织", ("（1）", 1, "（1） ")),
    ("(4)建立机制", ("（1）", 4, "(4)")), ("1.5万人参加", None), ("2020年，全县", None), ("一是加强", None),
]


@pytest.mark.parametrize("text,expected", HEADINGS, ids=[h[0] for h in HEADINGS])
def test_heading_numbers(text, expected):
    from lawgov_report.readers.numbers import heading_number

    assert heading_number(text) == expected


POINTS = [
    ("一是抓学习。二是抓培训。", ("", ["抓学习。", "抓培训。"])),
    ("统筹推进：一是深化改革；二是优化环境", ("统筹推进：", ["深化改革；", "优化环境"])),
    ("坚持统一是非标准，二是……", None),  # 统一是 is a word, not a point
    ("一是只有一项。", None),
]


@pytest.mark.parametrize("text,expected", POINTS, ids=[p[0][:6] for p in POINTS])
def test_enumerations_split_into_points(text, expected):
    from lawgov_report.readers.points import split_points

    assert split_points(text) == expected


def test_any_mix_of_report_lines_imports_and_renders(root):
    """Shuffled, cut and mixed lines of real reports: the import never fails, its YAML always
    validates and renders, and the text comes back (only a title the source lacked is added)."""
    import random
    import tempfile

    from lawgov_report.readers import import_report
    from lawgov_report.readers.paragraphs import decode_text
    from lawgov_report.readers.verify import check

    lines = []
    for path in [root / "seeds" / "lushan-2020-report.txt", *(root / "tests" / "corpus" / "import").glob("*.txt")]:
        lines += decode_text(path.read_bytes(), str(path))[0].replace("\r\n", "\n").split("\n")
    odd = ["{{ year }}", "{% if x %}", "一、", "（一）", "1.", "附件：", "附件", "特此报告。", "2021年3月5日",
           "a: b", "- x", "#注释", "'单引号", '"双引号', "（此件公开发布）", "一是二是", "100%以上", "0.5%"]
    rng = random.Random(20201)
    for case in range(60):
        sample = [rng.choice(lines + odd * 3) for _ in range(rng.randint(1, 30))]
        if case % 3 == 0:
            sample = [line[: rng.randint(0, len(line))] for line in sample]
        text = "\n".join(sample)
        if not text.strip(" \n\u3000\t"):
            continue
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "mix.txt"
            path.write_text(text, encoding="utf-8")
            imported = import_report(path)
            differences = check(imported.yaml, "mix.yaml", imported.draft.expected)
        issuer = re.search(r"^issuer: (.*?)  #", imported.yaml, re.M)[1].strip('"')
        year = re.search(r"^year: (\d+)", imported.yaml, re.M)[1]
        title = [] if imported.draft.title else [issuer, f"关于{year}年度法治政府建设情况的报告"]
        if not imported.draft.sections:  # no heading at all: the YAML asks for one
            title.append("（未识别到标题）")
        added = [f"生成的报告多出“{line}”" for line in title]
        assert [d for d in differences if d not in added] == [], (case, sample)


TEXTS = ["普通文字", "a\x85b", "x\x1ay", "行\u2028分隔", "tab\t制表", 'q"uote\\', "\x7f\x80\x9f", "\ufffe", "😀",
         "-开头", "true", "12", "a: b", "{{ year }}年", "中 #注释", " 前后空格 ", "", "%", "@x", "“引号”开头"]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_yaml_scalars_and_comments_read_back(text):
    """Whatever a report holds, the YAML written for it reads back as the same text."""
    from lawgov_report.readers.emit import _comment, scalar
    from lawgov_report.source.yamlsource import load_text

    source = load_text(f"# {_comment(text)}\nkey: {scalar(text)}\nflow: {{label: {scalar(text, flow=True)}}}\n", "t.yaml")
    assert source.data == {"key": text, "flow": {"label": text}}
