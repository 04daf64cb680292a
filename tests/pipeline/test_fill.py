"""``form`` and ``fill``: a fill-in workbook out, openpyxl types into it as a clerk would, and the values
come back into the YAML's text with every comment kept; bad cells are named, and nothing is written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from support.office import soffice_convert


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=180)


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def draft(example, tmp_path_factory):
    """``new`` makes 2021 from the example; ``form`` writes its form."""
    folder = tmp_path_factory.mktemp("fill")
    target = folder / "lushan-2021.yaml"
    assert run("new", example, "-o", target).returncode == 0
    form = folder / "填报表.xlsx"
    result = run("form", target, "-o", form)
    assert result.returncode == 0, result.stderr
    return target, form


def rows_by_name(sheet) -> dict[str, int]:
    header = next(r for r in range(1, 10) if sheet.cell(r, 6).value == "本年")
    return {sheet.cell(r, 8).value: r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 8).value}


def copy_draft(draft, tmp_path) -> tuple[Path, Path]:
    target, form = draft
    shutil.copy(target, tmp_path / target.name)
    return tmp_path / target.name, form


def filled(form: Path, out: Path, values: dict, everything: bool = False, edit=None) -> Path:
    """The form with ``values`` typed into the 本年 cells of those figures (by openpyxl, as a clerk's
    Excel would); ``everything`` fills the other blank ones with last year's values."""
    book = load_workbook(form)
    sheet = book["数据"]
    rows = rows_by_name(sheet)
    for name, value in values.items():
        sheet.cell(rows[name], 6).value = value
    if everything:
        for name, r in rows.items():
            cell = sheet.cell(r, 6)
            if cell.value is None and cell.protection.locked is False:
                cell.value = sheet.cell(r, 5).value
    if edit is not None:
        edit(book, sheet, rows)
    book.save(out)
    return out


def test_the_issue_scenario_fill_keeps_comments_and_render_prints_the_values(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    before = report.read_text(encoding="utf-8")
    book = filled(form, tmp_path / "填好.xlsx",
                  {"受理复议案件数": 20, "参考执法人员数": "1,900", "复议咨询人次": "350余"}, everything=True)
    result = run("fill", report, book)
    assert result.returncode == 0, result.stderr
    assert "受理复议案件数（受理行政复议案件）：（空） → 20" in result.stdout
    assert "→ 1900" in result.stdout and "→ 350余" in result.stdout
    after = report.read_text(encoding="utf-8")
    assert comments(after) == comments(before)  # every comment line, in order
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n")) if a != b]
    assert len(before.split("\n")) == len(after.split("\n"))
    assert all(a.startswith("  ") and ": {" in a or a.rstrip().endswith(":") or "value" in a for a, _ in changed)
    assert "受理复议案件数: {value: 20, previous: 18, unit: 起}" in after
    # The rendered report prints them.
    out = tmp_path / "out"
    rendered = run("render", report, "-o", out)
    assert rendered.returncode == 0, rendered.stderr
    text = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", out / "lushan-2021.docx"],
                          capture_output=True, text=True, check=True).stdout
    assert "受理行政复议案件 20 起" in text
    assert "1900名行政执法人员" in text
    assert "解答当事人咨询 350余人次" in text


def test_a_cell_that_is_not_a_number_is_named_and_nothing_is_written(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    before = report.read_bytes()
    book = filled(form, tmp_path / "填报表.xlsx", {"受理复议案件数": "十八起左右", "复议咨询人次": "#DIV/0!",
                                                  "参考执法人员数": 1900, "展出版面数": "约一百"})
    rows = rows_by_name(load_workbook(book)["数据"])
    result = run("fill", report, book)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"填报表.xlsx:数据!F{rows['受理复议案件数']}: 错误 受理复议案件数: “十八起左右”不是数字" in result.stderr
    assert f"填报表.xlsx:数据!F{rows['复议咨询人次']}: 错误 复议咨询人次:" in result.stderr
    assert f"填报表.xlsx:数据!F{rows['展出版面数']}: 错误 展出版面数:" in result.stderr
    assert "发现 3 个错误" in result.stderr
    assert report.read_bytes() == before


def test_county_form_fills_one_units_row_and_leaves_the_others(draft, tmp_path):
    report, _ = draft
    folder = tmp_path / "县"
    (folder / "乡镇").mkdir(parents=True)
    copies = [folder / "县政府.yaml", folder / "司法局.yaml", folder / "乡镇" / "张店镇.yaml"]
    text = report.read_text(encoding="utf-8")
    for path, unit in zip(copies, ["鲁山县人民政府", "鲁山县司法局", "张店镇人民政府"]):
        path.write_text(text.replace("issuer: 鲁山县人民政府", f"issuer: {unit}", 1), encoding="utf-8")
    town = copies[2].read_text(encoding="utf-8")  # the town lacks a figure the others share
    copies[2].write_text(re.sub(r"\n  展出版面数: .*", "", town), encoding="utf-8")
    before = {p: p.read_bytes() for p in copies}
    form = tmp_path / "全县.xlsx"
    result = run("form", folder, "-o", form)
    assert result.returncode == 0, result.stderr
    book = load_workbook(form)
    assert book.sheetnames[:2] == ["数据", "上年"]
    sheet = book["数据"]
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["序号", "单位", "年度", "文件"]
    assert "受理行政复议案件（件）" in header  # the catalogue's figures first ...
    assert "展出版面（幅）" in header  # ... then those the reports share outside it
    previous = book["上年"]
    column = header.index("受理行政复议案件（件）") + 1
    assert {previous.cell(r, column).value for r in range(4, 7)} == {18}
    row = next(r for r in range(4, 7) if sheet.cell(r, 4).value.endswith("司法局.yaml"))
    sheet.cell(row, column).value = 33
    book.save(form)
    result = run("fill", folder, form)
    assert result.returncode == 0, result.stderr
    assert "司法局.yaml：1 个数据" in result.stdout
    assert "受理复议案件数: {value: 33, previous: 18, unit: 起}" in copies[1].read_text(encoding="utf-8")
    assert copies[0].read_bytes() == before[copies[0]] and copies[2].read_bytes() == before[copies[2]]
    # A value in a shared column of a report that lacks the figure adds it, with its label and unit.
    town_row = next(r for r in range(4, 7) if sheet.cell(r, 4).value.endswith("张店镇.yaml"))
    sheet.cell(town_row, header.index("展出版面（幅）") + 1).value = "150余"
    book.save(form)
    result = run("fill", folder, form)
    assert result.returncode == 0, result.stderr
    assert "（新增）" in result.stdout
    assert "  展出版面数: {label: 展出版面, value: 150, unit: 幅, approx: 余}" in copies[2].read_text(encoding="utf-8")


def test_the_form_is_protected_validated_and_printable(draft):
    _, form = draft
    book = load_workbook(form)
    sheet = book["数据"]
    rows = rows_by_name(sheet)
    assert sheet.protection.sheet
    assert sheet.cell(rows["受理复议案件数"], 6).protection.locked is False
    assert sheet.cell(rows["受理复议案件数"], 5).protection.locked is True
    rate = sheet.cell(rows["复议结案率"], 6)
    assert rate.protection.locked is True and str(rate.value).startswith("=")
    assert sheet.column_dimensions["H"].hidden
    assert sheet.page_setup.paperSize == 9 and "填写说明" in sheet["A3"].value
    checks = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert checks[f"F{rows['受理复议案件数']}"].type == "whole"
    assert checks[f"F{rows['备案率']}"].formula2 == "100"


def test_cells_as_people_type_them_merged_sorted_percent_full_width(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)

    def edit(book, sheet, rows):
        r = rows["展出版面数"]
        sheet.merge_cells(start_row=r, start_column=6, end_row=r, end_column=7)  # value in the top-left
        satisfied = sheet.cell(rows["企业满意度"], 6)
        satisfied.value, satisfied.number_format = 0.985, "0.0%"  # Excel's "98.5%"
        # rows sorted the other way round (a clerk's sort), and an extra column and sheet
        last = sheet.max_row
        first = min(rows.values())
        values = [[sheet.cell(r, c).value for c in range(1, 9)] for r in range(first, last + 1)]
        formats = [sheet.cell(r, 6).number_format for r in range(first, last + 1)]
        sheet.unmerge_cells(start_row=r, start_column=6, end_row=r, end_column=7)
        for i, (row_values, fmt) in enumerate(zip(reversed(values), reversed(formats))):
            for c, v in enumerate(row_values, start=1):
                sheet.cell(first + i, c).value = v
            sheet.cell(first + i, 6).number_format = fmt
            sheet.cell(first + i, 9).value = 999  # a column of the clerk's own
        moved = first + len(values) - 1 - (r - first)
        sheet.merge_cells(start_row=moved, start_column=6, end_row=moved, end_column=7)
        book.create_sheet("说明", 0)["A1"] = "本年"

    book = filled(form, tmp_path / "f.xlsx", {"展出版面数": "１４０余", "普法材料份数": "6.2万", "执法主体数": " 57 ",
                                             "备案率": "98%", "受惠企业数": "超过120"}, edit=edit)
    result = run("fill", report, book)
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "展出版面数: {label: 展出版面, value: 140, previous: 130, previous_approx: 余, unit: 幅, approx: 余" in text
    assert "普法材料份数: {value: 62000, previous: 58000, previous_approx: 余}" in text  # (typed plain: exact)
    assert "执法主体数: {value: 57, previous: 56}" in text
    assert "备案率: {value: 98, previous: 100}" in text
    assert "企业满意度: {label: 企业满意度, value: 98.5," in text
    assert re.search(r"受惠企业数: \{[^}]*value: 120,[^}]*approx: 超过", text)
    assert "→ 超过120" in result.stdout and "→ 140余" in result.stdout  # each word where the prose puts it


def test_a_negative_count_is_refused_as_check_would_refuse_it(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    before = report.read_bytes()
    book = filled(form, tmp_path / "负数.xlsx", {"执法主体数": -5, "受理复议案件数": "9", "普法材料份数": "-3"})
    result = run("fill", report, book)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "不能是负数" in line]
    assert len(errors) == 2 and all(re.search(r"负数\.xlsx:数据!F\d+", line) for line in errors), result.stderr
    assert report.read_bytes() == before  # nothing written while any cell is wrong


def test_formulas_typed_by_a_clerk_are_read_by_their_cached_values(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    book = filled(form, tmp_path / "公式.xlsx", {"受理复议案件数": "=10+8", "复议结案数": 17})
    uncached = run("fill", report, book)
    assert uncached.returncode == 1 and "没有计算结果" in uncached.stderr  # openpyxl caches no values
    saved = soffice_convert(book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")  # as an office suite saves it
    result = run("fill", report, saved)
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "受理复议案件数: {value: 18, previous: 18, unit: 起}" in text
    assert "复议结案数: {value: 17," in text
    assert "与上年相同" in result.stdout  # 18 again: worth a second look


def test_a_workbook_that_is_not_a_form_and_a_derived_cell_overwritten(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    before = report.read_bytes()
    other = tmp_path / "other.xlsx"
    book = Workbook()
    book.active["A1"] = "姓名"
    book.save(other)
    result = run("fill", report, other)
    assert result.returncode == 1 and "不是 lawgov-report 的数据填报表" in result.stderr
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    result = run("fill", report, junk)
    assert result.returncode == 1 and "无法读取" in result.stderr and "Traceback" not in result.stderr
    overwritten = filled(form, tmp_path / "rate.xlsx", {"复议结案率": 50})
    result = run("fill", report, overwritten)
    assert result.returncode == 1 and "计算指标" in result.stderr
    assert report.read_bytes() == before


def test_a_blank_form_changes_nothing(draft, tmp_path):
    report, form = copy_draft(draft, tmp_path)
    before = report.read_bytes()
    result = run("fill", report, form)
    assert result.returncode == 0, result.stderr
    assert report.read_bytes() == before


def test_a_unit_form_read_into_another_report_is_pointed_out(draft, tmp_path):
    report, form = draft
    other = tmp_path / "另一份.yaml"
    shutil.copy(report, other)
    result = run("fill", other, form, "--dry-run")
    assert result.returncode == 0 and "是为“lushan-2021.yaml”生成的" in result.stderr


def test_libreoffice_recalculates_the_form(draft, tmp_path):
    """The derived figures are live: LibreOffice computes the rate from the cells a clerk filled."""
    import csv

    _, form = draft
    book = filled(form, tmp_path / "算.xlsx", {"受理复议案件数": 20, "复议结案数": 19})
    converted = soffice_convert(book, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "csv")
    rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    rate = next(row for row in rows if len(row) > 7 and row[7] == "复议结案率")
    assert float(rate[5]) == 95.0  # computed by LibreOffice from the two filled cells
    assert not any(cell.startswith(("#", "Err:")) for row in rows for cell in row)


def test_the_form_of_a_finished_report_reads_back_as_it_is(example, tmp_path):
    """Values already there (with their 余 and 以上 shown by the cell format) come back unchanged."""
    report = tmp_path / "lushan-2020.yaml"
    shutil.copy(example, report)
    form = tmp_path / "form.xlsx"
    assert run("form", report, "-o", form).returncode == 0
    sheet = load_workbook(form)["数据"]
    assert sheet.cell(rows_by_name(sheet)["复议咨询人次"], 6).number_format.endswith('"余"')
    result = run("fill", report, form)
    assert result.returncode == 0, result.stderr
    assert "没有新的数值" in result.stdout
    assert report.read_bytes() == example.read_bytes()


def test_a_new_units_form_offers_the_catalogue_and_fill_adds_what_is_filled(tmp_path):
    report = tmp_path / "新单位.yaml"
    assert run("init", "-o", report).returncode == 0
    form = tmp_path / "新单位-填报表.xlsx"
    result = run("form", report)  # beside the report, by default
    assert result.returncode == 0 and "指标目录中的" in result.stdout and form.exists()
    book = filled(form, tmp_path / "填好.xlsx", {"受理复议案件数": 12, "复议结案数": "12"})
    result = run("fill", report, book)
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "  受理复议案件数: 12\n  复议结案数: 12\n" in text  # in the form's order, as the README writes them
    check = run("check", report)
    assert "没有填写数值" not in check.stdout + check.stderr
