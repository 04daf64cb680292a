"""``check``, ``schema`` and ``init``: the seed's own slips, the schema for editors, a blank report,
every mistake in one run, and texts that cannot leave the sandbox or blow up."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from lawgov_report.cli import main


def cli(*args, cwd=None):
    result = subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def line_of(path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


# -- the Lushan example: the seed's own slips are warnings, at the lines that typed them -------------

@pytest.fixture(scope="module")
def example_findings(example):
    result = cli("check", example)
    assert result.returncode == 0, result.stdout  # warnings only
    return result.stdout


def test_seed_halfwidth_comma(example, example_findings):
    line = line_of(example, "今年以来,共解答")
    assert re.search(rf"^{re.escape(str(example))}:{line}:\d+: 警告 .*半角逗号“,”：“今年以来,共解答",
                     example_findings, re.M), example_findings


@pytest.mark.parametrize("number", ["320", "18", "1"])
def test_seed_spaces_around_numbers(example, example_findings, number):
    needle = {"320": "咨询 {{ 复议咨询人次", "18": "案件 {{ 受理复议案件数", "1": "应诉 {{ 出庭应诉案件数"}[number]
    line = line_of(example, needle)
    assert re.search(rf"^{re.escape(str(example))}:{line}:\d+: 警告 .*多了空格：“[^”]* ?{number}", example_findings,
                     re.M), example_findings


def test_seed_mixed_percent_signs(example, example_findings):
    line = line_of(example, "％")
    assert re.search(rf"^{re.escape(str(example))}:{line}:\d+: 警告 .*百分号不统一：这里用“％”", example_findings,
                     re.M), example_findings


def test_seed_lacks_two_of_the_five_mandated_parts(example, example_findings):
    line = line_of(example, "sections:")
    for number, name in ((3, "第一责任人"), (5, "其他需要报告的情况")):
        assert re.search(rf"^{re.escape(str(example))}:{line}:1: 警告 sections: .*第{number}项.*{name}",
                         example_findings, re.M), example_findings
    for number in (1, 2, 4):  # 主要工作 / 存在的问题 / 工作计划 cover the other three
        assert f"第{number}项" not in example_findings


def test_findings_are_sorted_with_a_summary(example_findings, example):
    lines = [l for l in example_findings.splitlines() if l.startswith(str(example))]
    positions = [tuple(map(int, l[len(str(example)) + 1:].split(":")[:2])) for l in lines]
    assert positions == sorted(positions)
    assert example_findings.splitlines()[-1] == f"发现 0 个错误、{len(lines)} 个警告"


def test_strict_fails_on_warnings(example):
    assert cli("check", "--strict", example).returncode == 1


def test_render_prints_the_same_warnings_and_still_writes(example, tmp_path, example_findings):
    result = cli("render", example, "-o", tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "lushan-2020.docx").exists()
    assert "半角逗号" in result.stderr and "第3项" in result.stderr


# -- every mistake in one run -----------------------------------------------------------------------

def test_a_typing_slip_does_not_hide_the_files_other_mistakes(tmp_path):
    src = tmp_path / "r.yaml"
    src.write_text("issuer: 县政府\nyear：2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
                   "      - 受理{{ 受理数 }}件\n    run_in: 是\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(src)])
    assert result.exit_code == 1
    errors = [l for l in result.output.splitlines() if ": 错误" in l]
    assert [l.split(":")[1] for l in errors] == ["2", "6", "7"], result.output
    assert "全角冒号" in errors[0] and "受理数" in errors[1] and "run_in" in errors[2]


def test_one_tab_among_spaces_does_not_hide_the_mistakes_after_it(tmp_path):
    """A tab in a file indented with spaces: its width is guessed from the next line, so the check
    reads on (the new user's file: five mistakes, of which two were reported)."""
    src = tmp_path / "r.yaml"
    src.write_text('issuer: 甲县人民政府\nyear：2020\nsections:\n  - title: 主要工作\n    paragraphs:\n'
                   '\t  - "开展工作{{ 乙 }}次。"\n      - "数 {{ 甲 | ith_unit }}"\nfigures:\n  甲: 18起\n', encoding="utf-8")
    result = cli("check", src)
    errors = [line for line in result.stdout.splitlines() if ": 错误" in line]
    assert [line.split(".yaml:")[1].split(":")[0] for line in errors] == ["2", "6", "6", "7", "9"], result.stdout
    assert "Tab" in errors[1] and "“乙”" in errors[2] and "ith_unit" in errors[3] and "18起" in errors[4]


def test_an_unknown_filter_beside_an_unknown_key_is_located(tmp_path):
    """Found by test_check_fuzz: with the model invalid, finding a text's names compiled it, and an
    unknown filter escaped as a Jinja traceback."""
    src = tmp_path / "r.yaml"
    src.write_text('issuer: 甲县人民政府\nyear: 2020\nbogus: 1\nsections:\n  - title: 主要工作\n    paragraphs:\n'
                   '      - "开展工作{{ 甲|ith_unit }}次。"\n      - "{{ 甲 is odd2 }}"\nfigures:\n  甲: 9\n',
                   encoding="utf-8")
    result = cli("check", src)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": 错误" in line]
    assert [line.split(":")[1] for line in errors] == ["3", "7", "8"], result.stdout
    assert "“|ith_unit”" in errors[1] and "是不是要写：|with_unit" in result.stdout
    assert "“is odd2”" in errors[2] and "is odd" in result.stdout


@pytest.mark.parametrize("model_valid", [True, False])
def test_a_misspelt_name_is_pointed_at_where_it_stands_in_the_text(tmp_path, model_valid):
    """Not at the start of the text: a clerk looks for the name in a long line."""
    lines = ['      - "受理案件很多，共受理 {{ 甲 }} 件，另有 {{ 受理案件 }} 件。"', '      - "带单位的数 {{ 甲 | 带单 }}。"']
    src = tmp_path / "r.yaml"
    src.write_text("issuer: 甲县人民政府\nyear: 2020\n" + ("" if model_valid else "bogus: 1\n")
                   + "sections:\n  - title: 主要工作\n    paragraphs:\n" + "\n".join(lines) + "\nfigures:\n  甲: 9\n",
                   encoding="utf-8")
    result = cli("check", src)
    errors = [e for e in result.stdout.splitlines() if ": 错误" in e and "bogus" not in e]
    columns = {e.split("“")[1].split("”")[0]: int(e.split(".yaml:")[1].split(":")[1]) for e in errors}
    assert columns == {"受理案件": lines[0].index("受理案件 }}") + 1, "|带单": lines[1].index("带单 }}") + 1}, result.stdout


def test_json_format(example):
    data = json.loads(cli("check", "--format", "json", example).stdout)
    assert data["errors"] == 0 and data["warnings"] == len(data["diagnostics"]) > 0
    assert {"file", "line", "col", "severity", "path", "message", "hint", "message_en"} <= set(data["diagnostics"][0])


# -- the sandbox -----------------------------------------------------------------------------------

ATTACKS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 'x'.center(999999999) }}",
    "{{ 'a' * 1000 * 1000 * 1000 }}",
    "{{ (range(100000) | list) * 100000 }}",
    "{{ ((2 ** 100) ** 100) ** 100 }}",
    "{{ '%0999999999d' % 1 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% set x = 1 %}",
    "{{ lipsum(100000) }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
]


@pytest.mark.parametrize("text", ATTACKS, ids=range(len(ATTACKS)))
def test_clerk_text_cannot_escape_or_blow_up(text):
    from lawgov_report.compose.texts import TextError, TextRenderer

    start = time.perf_counter()
    with pytest.raises(TextError):
        TextRenderer().render(text, {"year": 2020})
    assert time.perf_counter() - start < 1.0  # "{:>999999999}".format took 7 s and 1 GB before


def test_ordinary_expressions_still_work():
    from lawgov_report.compose.texts import TextRenderer

    render = TextRenderer().render
    assert render("{{ year + 1 }}年", {"year": 2020}) == "2021年"
    assert render("{% if n > 2 %}多{% else %}少{% endif %}", {"n": 3}) == "多"
    assert render("{{ (a / b * 100) | round(1) }}%", {"a": 1, "b": 3}) == "33.3%"


# -- schema ----------------------------------------------------------------------------------------

def test_schema_file_is_what_the_command_prints(root):
    printed = cli("schema").stdout
    assert (root / "schema" / "report.schema.json").read_text(encoding="utf-8") == printed, \
        "regenerate: lawgov-report schema > schema/report.schema.json"


def test_schema_is_in_chinese_and_complete():
    from lawgov_report.source.schema import report_schema

    schema = report_schema()
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert cjk.search(schema["title"]) and cjk.search(schema["description"])
    for name, definition in [("Report", schema), *schema["definitions"].items()]:
        assert cjk.search(definition["title"]), name
        for key, prop in definition["properties"].items():
            assert cjk.search(prop.get("title", "")) and cjk.search(prop.get("description", "")), f"{name}.{key}"


def test_schema_accepts_the_example_and_rejects_a_misspelt_key(example):
    import jsonschema  # a test dependency (pyproject: test extras)
    import yaml

    from lawgov_report.source.schema import report_schema

    validator = jsonschema.Draft7Validator(report_schema(), format_checker=jsonschema.FormatChecker())
    # An editor's YAML reads 2021-03-05 as a string (YAML 1.2): compare like with like.
    data = json.loads(json.dumps(yaml.safe_load(example.read_text(encoding="utf-8")), default=str))
    assert list(validator.iter_errors(data)) == []
    data["secitons"] = data.pop("sections")
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("secitons" in m for m in messages) and any("sections" in m for m in messages)
    assert example.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/report.schema.json")


# -- init ------------------------------------------------------------------------------------------

def test_init_writes_a_blank_report_that_checks_as_incomplete(tmp_path):
    result = cli("init", "-o", "2024.yaml", "--year", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = tmp_path / "2024.yaml"
    assert (tmp_path / "report.schema.json").exists()
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=report.schema.json") and "year: 2024" in text
    checked = cli("check", report)
    assert checked.returncode == 0, checked.stdout  # structurally valid
    assert "错误" not in checked.stdout.split("发现")[0]
    placeholders = [l for l in checked.stdout.splitlines() if "待填写的占位内容" in l]
    assert len(placeholders) >= 8  # every part of the five still to write, and the issuer
    assert "××" in checked.stdout and "第3项" not in checked.stdout  # all five parts are there
    assert cli("check", "--strict", report).returncode == 1


def test_init_never_overwrites_without_force(tmp_path):
    report = tmp_path / "report.yaml"
    report.write_text("mine", encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.returncode == 1 and "已存在" in result.stderr and "--force" in result.stderr
    assert report.read_text(encoding="utf-8") == "mine"
    assert cli("init", "--force", "--issuer", "鲁山县人民政府", cwd=tmp_path).returncode == 0
    assert "issuer: 鲁山县人民政府" in report.read_text(encoding="utf-8")


def test_init_to_stdout_and_the_blank_report_renders(tmp_path):
    result = cli("init", "-o", "-")
    assert result.returncode == 0 and "sections:" in result.stdout
    src = tmp_path / "blank.yaml"
    src.write_text(result.stdout, encoding="utf-8")
    assert cli("render", src, "-o", tmp_path / "out").returncode == 0


# -- single 公文 rules, on small in-memory reports ------------------------------------------------------

FIVE_PARTS = """
  - title: 存在的不足和原因
    paragraphs: [不足。]
  - title: 党政主要负责人履行第一责任人职责情况
    paragraphs: [履职。]
  - title: 下一步工作计划
    paragraphs: [计划。]
  - title: 其他需要报告的情况
    paragraphs: [无。]
figures:
  受理数: {value: 18, unit: 件}
"""


def findings(body: str, year: int = 2020) -> list:
    from lawgov_report.pipeline.check import check_source
    from lawgov_report.source.yamlsource import load_text

    text = f"issuer: 某县人民政府\nyear: {year}\nsections:\n  - title: 主要举措和成效\n" + body + FIVE_PARTS
    # The web edition: these texts have no 署名 and 成文日期, which the print edition would warn about.
    checked = check_source(load_text(text, "r.yaml"), edition="web")
    return [(d.line, d.severity, d.message) for d in checked.diagnostics]


@pytest.mark.parametrize("body,needle,keyword", [
    ("    paragraphs: [3月05日召开会议。]\n", "05日", "日期补了零"),
    ("    paragraphs: [召开会议。。]\n", "。。", "标点重复"),
    ("    paragraphs: [\"受理{{ 受理数 | with_unit }}件。\"]\n", "with_unit", "单位重复"),
    ("    sections:\n      - title: 强化组织领导\n        paragraphs: [部署到位。]\n", "强化组织领导", "标题末尾要有句号"),
    ("    paragraphs:\n      - points: [一是加强部署。]\n", "一是", "一是"),
    ("    paragraphs: [2019年，我县开展工作。]\n", "2019年", "2019年"),
    ("    paragraphs: [会议(扩大)召开。]\n", "(扩大)", "半角括号"),
    ("    paragraphs: [\"\u3000\u3000我县开展工作。\"]\n", "我县", "开头有空格"),
    ("    paragraphs: [TODO]\n", "TODO", "占位"),
])
def test_lint_rule(body, needle, keyword):
    line = 4 + next(i for i, text in enumerate(body.split("\n"), start=1) if needle in text)
    found = findings(body)
    assert any(keyword in message and at == line for at, _, message in found), found


@pytest.mark.parametrize("body", [
    "    paragraphs: [截至2019年底，累计1,000件，比2019年增长12.5%。]\n",  # comparison years, 1,000, 12.5
    "    paragraphs: [\"受理{{ 受理数 }}件，8:30开庭。\"]\n",
    "    sections:\n      - title: 加强执法\n        sections:\n          - title: 严格监管。\n"
    "            paragraphs: [立案。]\n",  # a level-2 heading with only sub-headings is not run in
])
def test_lint_leaves_good_text_alone(body):
    assert [f for f in findings(body) if "没有被正文引用" not in f[2]] == []


def test_check_takes_a_folder_or_a_pattern(tmp_path, example):
    (tmp_path / "a.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("issuer: x\n", encoding="utf-8")
    for arg in (tmp_path, tmp_path / "*.yaml"):
        result = CliRunner().invoke(main, ["check", str(arg)])
        assert result.exit_code == 1
        assert f"{tmp_path / 'a.yaml'}:" in result.output and f"{tmp_path / 'b.yaml'}:" in result.output
