"""Last year's 约数 marker (``previous_approx``) through the years: ``new`` sets it from last year's
``approx`` in every layout a figure takes (and replaces the year before's); ``diff`` shows each side's
marker and names a 上年 that is not what last year's report says."""

from __future__ import annotations

import subprocess
import sys
from openpyxl import load_workbook

from lawgov_report.pipeline import load_report
from support.figures import figures_report

LAST = figures_report({
    "场次": "{value: 40, approx: 余}  # 普法活动",
    "人次": "{value: 320, previous: 300, previous_approx: 近, approx: 多}",
    "份数": "{value: 58000, previous: 50000, previous_approx: 约}",
    "块": "\n    label: 宣传版面\n    value: 130\n    unit: 幅\n    approx: 以上",
    "件数": "18",
    "讲座": "{value: 30, approx: 超过}",
}, year=2020, extra="  - title: 2021年工作计划\n    paragraphs:\n      - 继续做好普法工作。")


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_new_moves_each_marker_to_previous_approx_and_drops_the_year_befores(tmp_path):
    last = tmp_path / "2020.yaml"
    last.write_text(LAST, encoding="utf-8")
    draft = tmp_path / "2021.yaml"
    result = run("new", last, "-o", draft)
    assert result.returncode == 0, result.stderr
    text = draft.read_text(encoding="utf-8")
    assert "场次: {value: null, previous: 40, previous_approx: 余, approx: 余}  # 普法活动" in text
    assert "人次: {value: null, previous: 320, previous_approx: 多, approx: 多}" in text  # 近 was 2019's
    assert "份数: {value: null, previous: 58000}" in text  # 2020 said 58000 plainly: 2019's 约 is gone
    assert "    previous: 130\n    previous_approx: 以上\n" in text  # block layout
    figures = load_report(draft).report.figures
    assert [(figures[n].previous, figures[n].previous_approx) for n in ("场次", "人次", "份数", "块", "件数", "讲座")] \
        == [(40, "余"), (320, "多"), (58000, ""), (130, "以上"), (18, ""), (30, "超过")]


def test_diff_shows_markers_and_a_previous_that_is_not_last_years(tmp_path):
    last = tmp_path / "2020.yaml"
    last.write_text(LAST, encoding="utf-8")
    this = tmp_path / "2021.yaml"
    this.write_text(figures_report({"场次": "{value: 600, previous: 40, previous_approx: 余, approx: 约}",
                                    "人次": "{value: 320, previous: 320, previous_approx: 多, approx: 余}",
                                    "件数": "{value: 20, previous: 17}",
                                    "讲座": "{value: 30, previous: 30, approx: 超过}"}), encoding="utf-8")
    deltas = tmp_path / "对比.xlsx"
    result = run("diff", last, this, "--xlsx", deltas)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "场次：40余 → 约600，+560（+1400.0%）" in out
    assert "人次：320多 → 320余" in out and "+0" not in out  # the marker alone changed
    assert "讲座" not in out.split("数据：")[1].split("正文：")[0].replace("上年数值 讲座", "")  # 超过30 both years
    # each 上年 checked against last year's report, marker included
    assert f"{this}:8:3: 上年数值 件数：17，而 {last} 是 18" in out
    assert f"{this}:9:3: 上年数值 讲座：30，而 {last} 是 超过30" in out
    assert "上年数值 场次" not in out and "上年数值 人次" not in out
    sheet = load_workbook(deltas).active
    row = next(r for r in sheet.iter_rows(min_row=4) if r[2].value == "场次")
    assert (row[5].value, row[5].number_format, row[6].value, row[6].number_format) == (40, '0"余"', 600, '"约"0')
