"""The roll-up (汇总.xlsx) has the county form's columns, so it goes out as next year's form and comes
back through ``fill``."""

from __future__ import annotations

import subprocess
import sys

from openpyxl import load_workbook


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def test_rollup_has_the_shared_figures_and_comes_back_through_fill(example, tmp_path):
    last, this = tmp_path / "2020", tmp_path / "2021"
    last.mkdir()
    text = example.read_text(encoding="utf-8")
    units = {"甲": "甲县人民政府", "乙": "乙县人民政府", "丙": "丙县人民政府"}
    for stem, unit in units.items():
        own = text.replace("issuer: 鲁山县人民政府", f"issuer: {unit}", 1)
        if stem == "丙":  # a figure only this report has: not a shared column
            own = own.replace("  督查组数:", "  独有指标: {label: 独有指标, value: 5, unit: 个}\n  督查组数:", 1)
            own = own.replace("{{ 督查组数 }}个督查组", "{{ 督查组数 }}个督查组（{{ 独有指标 }}）", 1)
        (last / f"{stem}.yaml").write_text(own, encoding="utf-8")
    result = run("batch", last, "-o", tmp_path / "out", "-j", "1")
    assert result.returncode == 0, result.stderr
    summary = tmp_path / "out" / "汇总.xlsx"
    sheet = load_workbook(summary)["汇总"]
    header = [c.value for c in sheet[2]]
    assert "受理行政复议案件（件）" in header and "展出版面（幅）" in header  # catalogue, then shared
    assert not any(h.startswith("独有指标") for h in header)
    assert str(sheet.cell(3, header.index("行政复议法定期限结案率（%）") + 1).value).startswith("=IFERROR(")
    # printed: too many columns to shrink onto one page's width; 序号 and 单位 repeat on every page across
    assert len(header) > 16 and not sheet.page_setup.fitToWidth and not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_cols == "$A:$B" and sheet.print_title_rows == "$2:$2"
    # the title heads every page after the first (on the first, its own row, past the repeated columns)
    assert sheet.HeaderFooter.differentFirst and "法治政府建设主要数据汇总表" in sheet.oddHeader.center.text
    assert sheet["C1"].value == "法治政府建设主要数据汇总表" and sheet["A1"].value is None
    this.mkdir()
    for stem in units:
        assert run("new", last / f"{stem}.yaml", "-o", this / f"{stem}.yaml").returncode == 0
    before = {stem: (this / f"{stem}.yaml").read_bytes() for stem in units}
    book = load_workbook(summary)
    sheet = book["汇总"]
    row = next(r for r in range(3, 6) if sheet.cell(r, 2).value == "乙县人民政府")
    for r in range(3, 6):  # the other units' rows come back blank: untouched
        for c in range(5, len(header) + 1):
            if r != row:
                sheet.cell(r, c).value = None
    sheet.cell(row, header.index("展出版面（幅）") + 1).value = "150余"
    book.save(tmp_path / "next.xlsx")
    result = run("fill", this, tmp_path / "next.xlsx")
    assert result.returncode == 0, result.stderr
    filled = (this / "乙.yaml").read_text(encoding="utf-8")
    assert "展出版面数: {label: 展出版面, value: 150, previous: 130, previous_approx: 余, unit: 幅, approx: 余" in filled
    assert "受理复议案件数: {value: 18, previous: 18, unit: 起}" in filled  # last year's, kept as sent
    assert (this / "甲.yaml").read_bytes() == before["甲"] and (this / "丙.yaml").read_bytes() == before["丙"]
