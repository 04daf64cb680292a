"""A figure's range in the YAML: ``check`` (and ``render``, ``batch``) locate a share in % over 100 or
below 0, a derived share the inputs push past 100, and a fraction typed for a percentage; a growth rate
(``growth: true``, or 增长/同比 … in its name) is exempt; ``previous_approx`` is checked like ``approx``."""

from __future__ import annotations

import subprocess
import sys
from openpyxl import load_workbook

from support.figures import figures_report

REPORT = figures_report({
    "满意度": '{label: 群众满意度, value: 106, unit: "%"}',
    "备案率": "180",
    "合法率": '{value: 0.98, unit: "%"}',
    "案件增长率": '{value: 150, unit: "%"}',
    "案件数同比": '{value: -20, previous: 130, unit: "%"}',
    "占比": '{value: 1, previous: 95, unit: "%"}',
    "受理复议案件数": "18",
    "复议结案数": "{value: 20, previous: 3}",
    "复议结案率": "",
    "降幅": '{label: 投诉量变化, value: 120, previous: -5, unit: "%", growth: false}',
})


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def at(text: str, key: str, needle: str) -> tuple[int, int]:
    """(line, column) of ``needle`` on the line of figure ``key``."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(f"{key}:"):
            return number, line.index(needle, line.index(":")) + 1
    raise AssertionError(key)


def test_check_locates_each_out_of_range_share(tmp_path):
    report = tmp_path / "rates.yaml"
    report.write_text(REPORT, encoding="utf-8")
    text = report.read_text(encoding="utf-8")
    result = run("check", report)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout + result.stderr

    def finding(key: str, needle: str, rest: str) -> bool:
        line, col = at(text, key, needle)
        return f"{report}:{line}:{col}: {rest}" in out

    assert finding("满意度", "106", "错误 figures.满意度.value: “满意度”是 106%，超过了 100%"), out
    assert finding("备案率", "180", "错误 figures.备案率.value: “备案率”是 180%，超过了 100%"), out
    assert finding("合法率", "0.98", "警告 figures.合法率.value: “合法率”是百分比（%），填的是 0.98：是不是要写 98？"), out
    assert finding("占比", "1,", "警告 figures.占比.value: “占比”是百分比（%），填的是 1：是不是要写 100？"), out  # last year 95
    # growth: false overrides the name (变化): a share, refused above 100 and below 0 (上年 too)
    assert finding("降幅", "120", "错误 figures.降幅.value: “降幅”是 120%，超过了 100%"), out
    assert finding("降幅", "-5", "错误 figures.降幅.previous: “降幅”上年是 -5%，不能是负数"), out
    # the derived rate (its formula in the catalogue), at its key, with the numbers it used
    line, _ = at(text, "复议结案率", "")
    assert f"{report}:{line}:" in out and "“复议结案率”算出来是 111.11%，超过了 100%" in out
    assert "复议结案数 20、受理复议案件数 18" in out
    # changes may pass 100 and go below 0: by name (增长率, 同比)
    assert "案件增长率" not in out.replace("没有被正文引用", "") and "figures.案件数同比" not in out
    assert "发现 5 个错误" in out
    rendered = run("render", report, "-o", tmp_path / "out")
    assert rendered.returncode == 1 and not (tmp_path / "out" / "rates.docx").exists()


def test_the_examples_shares_pass_and_a_growth_key_does_what_it_says(example, tmp_path):
    assert "figures." not in run("check", example).stdout
    report = tmp_path / "growth.yaml"
    report.write_text(figures_report({"收案": '{label: 收案量较上年, value: 130, unit: "%", growth: true}',
                                      "减量": "{label: 少办案件, value: -3, unit: 件, growth: true}"}), encoding="utf-8")
    result = run("check", report)
    assert result.returncode == 0 and "发现 0 个错误" in result.stdout, result.stdout
    form = tmp_path / "form.xlsx"
    assert run("form", report, "-o", form).returncode == 0
    sheet = load_workbook(form)["数据"]
    rows = {sheet.cell(r, 8).value: r for r in range(5, sheet.max_row + 1)}
    rules = {str(v.sqref): (v.operator, v.formula1) for v in sheet.data_validations.dataValidation}
    assert rules[f"F{rows['收案']}"] == rules[f"F{rows['减量']}"] == ("between", "-1E+300")  # any sign, past 100


def test_previous_approx_is_checked_like_approx(tmp_path):
    typed = tmp_path / "typed.yaml"
    typed.write_text(figures_report({"人次": "{value: 50, previous: 40余}",
                                     "份数": "{value: 50, previous: 40, previous_approx: [余]}"}), encoding="utf-8")
    text = typed.read_text(encoding="utf-8")
    out = run("check", typed).stdout
    # 40余 typed as last year's value: the hint names last year's keys, not this year's
    assert "写成 {previous: 40, previous_approx: 余}" in out
    line, col = at(text, "份数", "[")
    assert f"{typed}:{line}:{col}: 错误 figures.份数.previous_approx: 应为文字" in out
    lone = tmp_path / "lone.yaml"
    lone.write_text(figures_report({"场次": "{value: 50, previous_approx: 余}"}), encoding="utf-8")
    text = lone.read_text(encoding="utf-8")
    out = run("check", lone).stdout
    line, col = at(text, "场次", "余")
    assert f"{lone}:{line}:{col}: 警告 figures.场次.previous_approx: “场次”写了上年约数标记“余”，但没有上年数值" in out
