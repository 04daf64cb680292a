"""``fill`` and the figures' ranges and markers: the form ``lawgov-report form`` writes, typed into with
openpyxl as a clerk's Excel would, read back by ``fill``; then ``check`` and ``render`` on the result.

The draft is ``new``'s 2021 of the example (last year's 余 moves to previous_approx) and its form.
A share in % over 100 (or a derived one the new values push past 100) is an error at its cell and
nothing is written; a fraction typed for a percentage is a warning; a growth rate may do either; last
year's 约数 marker (``previous_approx``) stays when this year's changes, in the YAML and in the 上年
columns of the 附件 table, the .xlsx appendix and the form."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from openpyxl import load_workbook

from test_fill import copy_draft, draft, filled, rows_by_name, run  # noqa: F401 (draft: the fixture)


def cell_of(form: Path, name: str) -> str:
    return f"数据!F{rows_by_name(load_workbook(form)['数据'])[name]}"


def test_new_moves_last_years_marker_to_previous_approx(draft):
    text = draft[0].read_text(encoding="utf-8")
    assert "普法活动场次: {value: null, previous: 40, previous_approx: 余, approx: 余}" in text
    assert re.search(r"企业满意度: \{[^}]*previous: 98, previous_approx: 以上,", text)
    assert "执法主体数: {value: null, previous: 56}" in text  # no marker last year: none now


def test_shares_over_100_are_errors_at_their_cells_and_nothing_is_written(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    before = report.read_bytes()
    book = filled(form, tmp_path / "超过.xlsx", {"企业满意度": 106, "备案率": 180, "合法率": 0.98, "执法主体数": -5,
                                               "受理复议案件数": 18, "复议结案数": 20, "普法活动场次": 45})
    result = run("fill", report, book)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stderr

    def line(name: str) -> str:
        return next((l for l in out.splitlines() if f"超过.xlsx:{cell_of(form, name)}: " in l), "")

    assert "错误 企业满意度: “企业满意度”是 106%，超过了 100%" in line("企业满意度"), out
    assert "错误 备案率: “规范性文件报备率”是 180%，超过了 100%" in line("备案率"), out
    assert "不能是负数" in line("执法主体数"), out
    # the derived rate the two counts make, at its own (formula) cell, with the numbers it used
    assert "“行政复议法定期限结案率”算出来是 111.11%，超过了 100%" in line("复议结案率"), out
    assert "复议结案数 20、受理复议案件数 18" in out
    # a fraction typed for a percentage: a warning that suggests the number meant
    assert "警告 合法率:" in line("合法率") and "是不是要写 98？" in line("合法率"), out
    assert "百分比请填写百分数的数字部分" in out
    assert "发现 4 个错误" in out
    assert report.read_bytes() == before  # every problem at once, and nothing written


def test_a_fraction_is_written_with_a_warning_and_check_warns_at_its_line(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    book = filled(form, tmp_path / "小数.xlsx", {"合法率": 0.98}, everything=True)
    result = run("fill", report, book)
    assert result.returncode == 0, result.stderr
    assert "是不是要写 98？" in result.stderr
    text = report.read_text(encoding="utf-8")
    assert "合法率: {label: 规范性文件合法率, value: 0.98, previous: 100" in text
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith("  合法率:"))
    col = text.split("\n")[line - 1].index("0.98") + 1
    checked = run("check", report)
    assert checked.returncode == 0, checked.stderr
    assert f"{report}:{line}:{col}: 警告 figures.合法率.value: “合法率”是百分比（%），填的是 0.98：是不是要写 98？" \
        in checked.stdout + checked.stderr


def test_a_growth_rate_may_pass_100_and_go_negative(draft, tmp_path):
    report, _ = copy_draft(draft, tmp_path)
    text = report.read_text(encoding="utf-8")
    text = text.replace("  执法主体数:", "  复议案件增长率: {label: 行政复议案件同比增长率, value: null, previous: 12, unit: \"%\", "
                                        "category: 行政复议与应诉}\n  执法主体数:", 1)
    text = text.replace("  执法主体数:", "  增长点占比: {label: 新增长点占比, value: null, previous: 40, unit: \"%\", growth: false, "
                                        "category: 其他}\n  执法主体数:", 1)
    report.write_text(text, encoding="utf-8")
    form = tmp_path / "增长.xlsx"
    assert run("form", report, "-o", form).returncode == 0
    sheet = load_workbook(form)["数据"]
    rows = rows_by_name(sheet)
    rules = {str(v.sqref): (v.operator, v.formula1) for v in sheet.data_validations.dataValidation}
    assert rules[f"F{rows['复议案件增长率']}"] == ("between", "-1E+300")  # any number
    assert rules[f"F{rows['增长点占比']}"] == ("between", "0")  # growth: false: a share after all
    before = report.read_bytes()
    refused = run("fill", report, filled(form, tmp_path / "a.xlsx", {"复议案件增长率": 150, "增长点占比": 120}))
    assert refused.returncode == 1 and "增长点占比" in refused.stderr and "复议案件增长率" not in refused.stderr
    assert report.read_bytes() == before
    accepted = run("fill", report, filled(form, tmp_path / "b.xlsx", {"复议案件增长率": -20, "增长点占比": 35}))
    assert accepted.returncode == 0, accepted.stderr
    text = report.read_text(encoding="utf-8")
    assert "复议案件增长率: {label: 行政复议案件同比增长率, value: -20," in text
    checked = run("check", report)
    assert "复议案件增长率" not in checked.stdout + checked.stderr.replace("没有被正文引用", "")


def test_this_years_marker_leaves_last_years_in_the_tables(draft, tmp_path):
    """The issue: 约600 this year; the 上年 column still says 40余, in the Word table, the .xlsx and the form."""
    report, form = copy_draft(draft, tmp_path)
    assert load_workbook(form)["数据"][cell_of(form, "普法活动场次").replace("数据!F", "E")].number_format \
        == '#,##0"余"'  # the form's 上年 shows last year's marker
    book = filled(form, tmp_path / "约数.xlsx", {"普法活动场次": "约600", "企业满意度": 99}, everything=True)
    result = run("fill", report, book)
    assert result.returncode == 0, result.stderr
    assert "普法活动场次（开展普法活动）：（空） → 约600" in result.stdout
    text = report.read_text(encoding="utf-8")
    assert "普法活动场次: {value: 600, previous: 40, previous_approx: 余, approx: 约}" in text
    out = tmp_path / "out"
    rendered = run("render", report, "-o", out)
    assert rendered.returncode == 0, rendered.stderr
    [table] = docx.Document(str(out / "lushan-2021.docx")).tables
    header = [c.text for c in table.rows[0].cells]
    rows = {row.cells[2].text: [c.text for c in row.cells] for row in table.rows[1:]}
    now, last = header.index("本年"), header.index("上年")
    assert (rows["开展普法活动"][now], rows["开展普法活动"][last]) == ("约600", "40余")
    # a plain 99 is exact (it kept last year's 以上: a new user's 150 came out 150余); last year's is its own
    assert (rows["企业满意度"][now], rows["企业满意度"][last]) == ("99", "98以上")
    sheet = load_workbook(out / "lushan-2021.xlsx").active
    head = [c.value for c in sheet[3]]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[2].value == "开展普法活动")
    assert row[head.index("本年")].number_format == '"约"#,##0'
    assert row[head.index("上年")].number_format == '#,##0"余"'
    assert (row[head.index("本年")].value, row[head.index("上年")].value) == (600, 40)


def test_the_county_forms_previous_sheet_shows_last_years_marker(draft, tmp_path):
    folder = tmp_path / "县"
    folder.mkdir()
    report, _ = copy_draft(draft, folder)
    text = report.read_text(encoding="utf-8")  # this year's marker other than last year's
    report.write_text(text.replace("previous_approx: 余, approx: 余}", "previous_approx: 余, approx: 约}"), encoding="utf-8")
    form = tmp_path / "全县.xlsx"
    assert run("form", folder, "-o", form).returncode == 0
    sheet = load_workbook(form)["上年"]
    column = [c.value for c in sheet[3]].index("开展普法活动（场次）") + 1
    assert (sheet.cell(4, column).value, sheet.cell(4, column).number_format) == (40, '#,##0"余"')


def test_a_draft_made_before_previous_approx_keeps_last_years_marker(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    text = report.read_text(encoding="utf-8").replace(
        "普法活动场次: {value: null, previous: 40, previous_approx: 余, approx: 余}",
        "普法活动场次: {value: null, previous: 40, approx: 余}")
    report.write_text(text, encoding="utf-8")
    result = run("fill", report, filled(form, tmp_path / "旧.xlsx", {"普法活动场次": "约600"}))
    assert result.returncode == 0, result.stderr
    assert "previous_approx" in result.stdout  # said, not done silently
    assert "普法活动场次: {value: 600, previous: 40, approx: 约, previous_approx: 余}" in \
        report.read_text(encoding="utf-8")


def test_a_plain_number_is_exact_unless_it_is_the_reports_own(draft, tmp_path):
    """150 typed for a figure to fill in is 150, not last year's 150余; the report's own number
    read back plain (a roll-up sent out as a form shows no 余) keeps its marker."""
    report, form = copy_draft(draft, tmp_path)
    result = run("fill", report, filled(form, tmp_path / "a.xlsx", {"普法活动场次": 150, "展出版面数": "约600"}))
    assert result.returncode == 0, result.stderr
    assert "普法活动场次（开展普法活动）：（空） → 150\n" in result.stdout
    again = run("fill", report, filled(form, tmp_path / "b.xlsx", {"展出版面数": 600}))
    assert again.returncode == 0, again.stderr
    text = report.read_text(encoding="utf-8")
    assert "普法活动场次: {value: 150, previous: 40, previous_approx: 余}" in text
    assert "value: 600" in text and "approx: 约" in text.split("展出版面数:")[1].split("\n")[0]
