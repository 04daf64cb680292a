"""Figures: kinds, approximate markers, the formatting filters, the template's 指标目录 (catalogue)
and derived figures, through real report files and the real pipeline."""

from __future__ import annotations

import textwrap

import pytest

from lawgov_report.compose.build import build, context
from lawgov_report.errors import ReportError
from lawgov_report.figures.values import FigureValue, chinese_number
from lawgov_report.source.model import Figure
from lawgov_report.pipeline import load_report, resolve_template
from lawgov_report.compose.texts import TextRenderer

HEAD = "issuer: 某县人民政府\nyear: 2020\n"


def report_file(tmp_path, body: str, figures: str, name: str = "r.yaml"):
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body) + "figures:\n" + textwrap.indent(textwrap.dedent(figures), "  "),
                    encoding="utf-8")
    return path


def built(path, template=None):
    loaded = load_report(path)
    return build(loaded.report, resolve_template(loaded, template), loaded.source)


def body_text(document) -> list[str]:
    return [b.text for b in document.blocks if b.kind in ("body", "heading")]


def errors_of(path, template=None) -> list:
    with pytest.raises(ReportError) as info:
        built(path, template)
    return info.value.diagnostics


def line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def fv(**kw) -> FigureValue:
    return FigureValue("x", Figure.model_validate(kw))


# --- the filters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,figure,want", [
    ("{{ x }}", dict(value=320, approx="余", unit="人次"), "320余"),
    ("{{ x | with_unit }}", dict(value=320, approx="余", unit="人次"), "320余人次"),
    ("{{ x | 带单位 }}", dict(value=98, approx="以上", unit="%"), "98%以上"),
    ("{{ x | thousands }}份", dict(value=58000, approx="余", unit="份"), "58,000余份"),
    ("{{ x | 千分位 }}", dict(value=1234567.5), "1,234,567.5"),
    ("{{ x | chinese }}个督查组", dict(value=4), "四个督查组"),
    ("{{ x | 中文数字 }}", dict(value=13000, approx="余"), "一万三千余"),
    ("{{ x | percent }}", dict(value=100, unit="%"), "100%"),
    ("{{ x | 百分比 }}", dict(value=98, unit="%", approx="以上"), "98%以上"),
    ("{{ x | percent }}", dict(value=0.985), "98.5%"),
    ("{{ x | percent(1) }}", dict(value=94.44444, unit="%"), "94.4%"),
    ("{{ x }}", dict(value=94.44444, unit="%", digits=1), "94.4"),
    ("{{ x }}", dict(value=94.0, unit="%", digits=1), "94.0"),  # as the table and the workbook show it
    ("{{ x }}", dict(value=2.675, digits=2), "2.68"),  # half away from zero, as spreadsheets round
    # Qualifiers written before the number are printed there, by every filter.
    ("{{ x }}项", dict(value=600, approx="超过", unit="项"), "超过600项"),
    ("{{ x | with_unit }}", dict(value=480, approx="近", unit="批次"), "近480批次"),
    ("{{ x | thousands }}人", dict(value=1200, approx="不少于", unit="人"), "不少于1,200人"),
    ("{{ x | chinese }}场", dict(value=30, approx="逾"), "逾三十场"),
    ("{{ x | percent }}", dict(value=30, unit="%", approx="约"), "约30%"),
])
def test_filters(text, figure, want):
    assert TextRenderer().render(text, {"x": fv(**figure)}) == want


@pytest.mark.parametrize("n,want", [(0, "零"), (10, "十"), (12, "十二"), (105, "一百零五"), (110, "一百一十"),
                                    (1010, "一千零一十"), (1798, "一千七百九十八"), (20300, "二万零三百"),
                                    (110000, "十一万"), (100000500, "一亿零五百"), (98.5, "九十八点五")])
def test_chinese_numbers(n, want):
    assert chinese_number(n) == want


@pytest.mark.parametrize("figure,kind,digits", [
    (dict(value=18), "integer", 0), (dict(value=98.5), "decimal", 1), (dict(value=100, unit="%"), "percentage", 0),
    (dict(value=3, kind="小数", digits=2), "decimal", 2), (dict(value=97.25, unit="％"), "percentage", 2),
])
def test_kinds_are_inferred_or_declared(figure, kind, digits):
    value = fv(**figure)
    assert (value.kind, value.digits) == (kind, digits)


def test_bad_filter_input_is_a_located_error(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: 工作
            paragraphs:
              - "{{ 单位 | chinese }}"
        """, "单位: {label: 单位, value: 3}\n")
    loaded = load_report(path)
    view = context(loaded.report, resolve_template(loaded, None), loaded.source)
    assert view["sections"][0]["paragraphs"][0]["text"] == "三"
    path = report_file(tmp_path, """\
        sections:
          - title: "{{ issuer | chinese }}"
        """, "单位: {label: 单位, value: 3}\n", "bad.yaml")
    [diag] = errors_of(path)
    assert (diag.line, "计算出错" in diag.message) == (4, True)


# --- shorthand, kinds and the catalogue ------------------------------------------------------------

def test_catalogue_figures_need_only_a_value(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: 复议
            paragraphs:
              - 受理{{ 受理复议案件数 | with_unit }}，结案{{ 复议结案数 }}件，结案率{{ 复议结案率 }}%，备案率{{ 备案率 }}%。
        """, """\
        受理复议案件数: {value: 18, unit: 起}
        复议结案数: 17
        复议结案率:
        备案率: 100%
        """)
    document = built(path)
    # 18 cases justify no decimals (one case moves the rate 5.6 points): 94, in the table too
    assert body_text(document)[-1] == "受理18起，结案17件，结案率94%，备案率100%。"
    values = document.figure_values
    assert values["受理复议案件数"].label == "受理行政复议案件" and values["受理复议案件数"].unit == "起"
    assert values["复议结案数"].category == "行政复议与应诉" and values["复议结案数"].unit == "件"
    assert values["复议结案率"].value == pytest.approx(17 / 18 * 100) and values["复议结案率"].kind == "percentage"
    assert values["备案率"].unit == "%" and values["备案率"].label == "规范性文件报备率"


def test_a_derived_catalogue_figure_names_its_missing_input(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: "结案率{{ 复议结案率 }}%"
        """, "受理复议案件数: 18\n复议结案率:\n")
    [diag] = errors_of(path)
    assert diag.line == line_of(path, "复议结案率:") and "复议结案数" in diag.message
    assert "指标目录" in diag.hint and "复议结案数: 数值" in diag.hint


def test_figure_mistakes_are_located_all_at_once(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: "{{ 甲 }}{{ 乙 }}{{ 丙 }}{{ 丁 }}"
        """, """\
        甲: 18起
        乙: {value: 2.5, kind: integer}
        丙: {value: 1, kind: 整型}
        丁:
        """)
    with pytest.raises(ReportError) as info:
        load_report(path)
    found = {d.path: d for d in info.value.diagnostics}
    assert "“18起”" in found["figures.甲.value"].message and found["figures.甲.value"].line == line_of(path, "甲:")
    assert "integer" in found["figures.丙.kind"].message
    # 乙 and 丁 are well-formed YAML: the kind and the missing value are found when the report is built
    path.write_text(path.read_text(encoding="utf-8").replace("甲: 18起", "甲: 18").replace("整型", "整数"),
                    encoding="utf-8")
    found = {d.path: d for d in errors_of(path)}
    assert "整数指标" in found["figures.乙.value"].message and found["figures.乙.value"].line == line_of(path, "乙:")
    assert "没有填写数值" in found["figures.丁"].message and found["figures.丁"].line == line_of(path, "丁:")


def test_extending_template_adds_to_the_catalogue(tmp_path, example):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "template.yaml").write_text(textwrap.dedent("""\
        name: mine
        extends: annual-report
        figures:
          受理复议案件数: {unit: 起}
          调解案件数: {label: 行政调解案件, unit: 件, category: 行政复议与应诉}
        """), encoding="utf-8")
    path = report_file(tmp_path, """\
        sections:
          - title: "{{ 受理复议案件数 | with_unit }}{{ 调解案件数 | with_unit }}"
        """, "受理复议案件数: 18\n调解案件数: 5\n")
    document = built(path, str(mine))
    assert body_text(document)[0].endswith("18起5件")
    values = document.figure_values
    assert values["受理复议案件数"].label == "受理行政复议案件"  # the parent's label, the child's unit
    assert values["调解案件数"].category == "行政复议与应诉"
    from lawgov_report.compose.templates import load_template

    meta = load_template(str(mine)).meta["figures"]
    assert meta["受理复议案件数"] == {"label": "受理行政复议案件", "unit": "起", "category": "行政复议与应诉"}
    assert "复议结案率" in meta and "调解案件数" in meta


def test_a_value_in_the_catalogue_is_located_in_template_yaml(tmp_path):
    mine = tmp_path / "bad-template"
    mine.mkdir()
    (mine / "template.yaml").write_text("name: bad\nextends: annual-report\nfigures:\n  受理数: {value: 3}\n"
                                        "  结案数: {unit: 3}\n", encoding="utf-8")
    path = report_file(tmp_path, "sections:\n  - title: 工作\n", "受理数: 1\n")
    found = {d.path: d for d in errors_of(path, str(mine))}
    assert found["figures.受理数"].file.endswith("template.yaml") and found["figures.受理数"].line == 4
    assert "不应填写数值" in found["figures.受理数"].message
    assert found["figures.结案数.unit"].line == 5 and "文字" in found["figures.结案数.unit"].message


# --- consistency: undefined, unquoted, derived -------------------------------------------------------

def test_undefined_figure_names_the_closest(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: 工作
            paragraphs:
              - 受理{{ 受理复议案件 }}件
        """, "受理复议案件数: 18\n复议咨询人次: 320\n")
    [diag] = errors_of(path)
    line = line_of(path, "受理{{")
    text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    assert (diag.line, diag.col) == (line, text.index("受理复议案件 }}") + 1)  # at the name, not the text's start
    assert diag.message == "引用了未定义的数据“受理复议案件”" and "受理复议案件数" in diag.hint


def test_unquoted_figure_is_a_warning_at_its_key(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: "{{ 甲 }}{{ figures.乙 }}{{ 率 }}"
        """, """\
        甲: {label: 甲, value: 1}
        乙: {label: 乙, value: 2}
        分子: {label: 分子, value: 3}
        分母: {label: 分母, value: 4}
        率: {label: 率, formula: 分子 / 分母 * 100}
        闲置: {label: 闲置, value: 5}
        """)
    document = built(path)
    [warning] = document.warnings
    assert warning.severity == "warning" and warning.path == "figures.闲置"
    assert (warning.line, warning.col) == (line_of(path, "闲置:"), 3)  # at the key
    assert "闲置" in warning.message and "{{ 闲置 }}" in warning.hint


def test_derived_errors_are_located(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: "{{ 率 }}{{ 甲 }}{{ 乙 }}{{ 丙 }}{{ 丁 }}"
        """, """\
        零: {label: 零, value: 0}
        一: {label: 一, value: 1}
        率: {label: 率, formula: 一 / 零 * 100}
        甲: {label: 甲, formula: 乙 + 1}
        乙: {label: 乙, formula: 甲 * 2}
        丙: {label: 丙, formula: "一 | round"}
        丁: {label: 丁, formula: 一 + 戊}
        """)
    found = {d.path: d for d in errors_of(path)}
    assert found["figures.率.formula"].message == "计算“率”时除数为零"
    assert found["figures.率.formula"].line == line_of(path, "率: {")
    cycle = [d for d in found.values() if "循环" in d.message]
    assert cycle and "甲→乙→甲" in cycle[0].message.replace("乙→甲→乙", "甲→乙→甲")
    assert "过滤器" in found["figures.丙.formula"].message
    assert "戊" in found["figures.丁.formula"].message
    assert not any("未定义的数据“率”" in d.message for d in found.values())  # no echo in the texts


@pytest.mark.parametrize("formula,want", [
    ("甲 + 乙 * 2", 7), ("(甲 + 乙) * 2", 10), ("-甲 ** 2", 9), ("乙 - -甲", 5), ("甲 // 乙", 1),
    ("-甲 // 乙", -2), ("-甲 % 乙", 1), ("甲 / 乙", 1.5), ("2 ** -1", 0.5),
])
def test_formula_semantics(formula, want):
    from lawgov_report.figures.formulas import compute, parse

    assert compute(parse(formula), {"甲": 3, "乙": 2}) == pytest.approx(want)


def test_derived_previous_year(tmp_path):
    path = report_file(tmp_path, """\
        sections:
          - title: "{{ 率 }}{{ 和 }}"
        """, """\
        分子: {label: 分子, value: 9, previous: 8}
        分母: {label: 分母, value: 10, previous: 0}
        率: {label: 率, formula: 分子 / 分母 * 100, unit: "%"}
        和: {label: 和, formula: 分子 + 分母}
        """)
    values = built(path).figure_values
    assert (values["率"].value, values["率"].previous) == (90, None)  # last year's base was 0: blank
    assert (values["和"].value, values["和"].previous, values["和"].previous_formula) == (19, 8, True)
