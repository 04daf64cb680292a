"""One figure, one look: the same decimals in the prose, the 附件 table and the workbook.

A derived figure shows its declared ``digits``, else what its inputs justify; a formula cell of the
workbook carries the value computed here. Thousands grouping (13,000余 in the table) is the one
difference, and only where a filter asks for it in the prose.
"""

from __future__ import annotations

import re
import textwrap
import zipfile

import openpyxl
import pytest
from lxml import etree

from lawgov_report.pipeline import render_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEAD = "issuer: 某县人民政府\nyear: 2020\n"


def render(tmp_path, figures: str, prose: str):
    path = tmp_path / "r.yaml"
    body = f'sections:\n  - title: 工作\n    paragraphs:\n      - "{prose}"\n'
    path.write_text(HEAD + body + "figures:\n" + textwrap.indent(textwrap.dedent(figures), "  "), encoding="utf-8")
    render_file(path, tmp_path / "out")
    return tmp_path / "out" / "r.docx", tmp_path / "out" / "r.xlsx"


def docx_parts(path) -> tuple[str, list[list[str]]]:
    """The prose (every paragraph outside tables) and the 附件 table's rows below its header."""
    with zipfile.ZipFile(path) as zf:
        body = etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    text = lambda el: "".join(t.text or "" for t in el.iter(f"{W}t"))  # noqa: E731
    prose = "".join(text(p) for p in body.findall(f"{W}p"))
    rows = [[text(tc) for tc in tr.findall(f"{W}tc")] for tr in body.find(f"{W}tbl").findall(f"{W}tr")[1:]]
    return prose, rows


def cached(path, label: str):
    """The value a reader that does not recalculate sees in the 本年 cell of ``label``'s row."""
    sheet = openpyxl.load_workbook(path, data_only=True).active
    formats = openpyxl.load_workbook(path).active
    for row in sheet.iter_rows():
        if any(c.value == label for c in row):
            cell = sheet.cell(row[0].row, 5)
            return cell.value, formats[cell.coordinate].number_format


RATE = """\
    受理数: {label: 受理案件, value: %d, unit: 件}
    结案数: {label: 结案, value: %d, unit: 件}
    结案率: {label: 结案率, unit: "%%", kind: percentage, formula: 结案数 / 受理数 * 100%s}
"""


@pytest.mark.parametrize("cases,closed,digits,prose,table,number_format", [
    (18, 18, "", "100", "100", "#,##0"),  # 5.6 points a case: no decimals justified
    (18, 17, "", "94", "94", "#,##0"),
    (180, 171, "", "95.0", "95.0", "#,##0.0"),  # 0.56 a case: one decimal
    (1798, 1797, "", "99.94", "99.94", "#,##0.00"),  # never "100" for a case still open
    (18, 18, ", digits: 1", "100.0", "100.0", "#,##0.0"),  # declared: shown as declared, everywhere
])
def test_a_derived_rate_reads_the_same_everywhere(tmp_path, cases, closed, digits, prose, table, number_format):
    docx, xlsx = render(tmp_path, RATE % (cases, closed, digits), "受理{{ 受理数 }}件，结案率{{ 结案率 }}%。")
    text, rows = docx_parts(docx)
    assert f"结案率{prose}%。" in text
    assert next(r for r in rows if r[2] == "结案率")[4] == table
    value, fmt = cached(xlsx, "结案率")
    assert value == pytest.approx(closed / cases * 100) and fmt == number_format


def test_declared_decimals_in_prose_table_and_filters(tmp_path):
    docx, _ = render(tmp_path, "满意度: {label: 满意度, value: 98, previous: 97.5, unit: \"%\"}\n",
                     "满意度{{ 满意度 }}%，即{{ 满意度 | percent }}。")
    text, rows = docx_parts(docx)
    assert "满意度98.0%，即98.0%。" in text  # the previous value's decimal sets the figure's decimals
    assert rows[0][4] == "98.0"


def test_each_value_of_the_example_table_is_in_its_prose(example, tmp_path):
    """As the issue checks it: every 本年 cell occurs in the prose as written (grouping aside)."""
    render_file(example, tmp_path)
    text, rows = docx_parts(tmp_path / f"{example.stem}.docx")
    for row in rows:
        number = re.match(r"[\d,]+(?:\.\d+)?", row[4]).group(0).replace(",", "")
        marker = row[4][len(re.match(r"[\d,.]+", row[4]).group(0)):]
        shown = number + marker if marker in ("余", "多") else number
        assert shown in text, row
    assert "法定期限结案率100％" in text and next(r for r in rows if "结案率" in r[2])[4] == "100"


def test_the_comparison_shows_each_side_as_its_report_does(tmp_path):
    """``diff`` and its workbook: 100 (18 of 18) against 95.0 (171 of 180), the change in the finer."""
    import subprocess
    import sys

    paths = []
    for name, (cases, closed) in {"old": (18, 18), "new": (180, 171)}.items():
        folder = tmp_path / name
        folder.mkdir()
        render(folder, RATE % (cases, closed, ""), "受理{{ 受理数 }}件，结案率{{ 结案率 }}%。")
        paths.append(folder / "r.yaml")
    result = subprocess.run([sys.executable, "-m", "lawgov_report", "diff", *map(str, paths), "--xlsx",
                             str(tmp_path / "d.xlsx")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "结案率：100% → 95.0%，-5.0个百分点" in result.stdout + result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    row = next(r for r in sheet.iter_rows() if r[2].value == "结案率")
    assert [c.number_format for c in row[5:8]] == ["0", "0.0", "+0.0;-0.0;0.0"]
