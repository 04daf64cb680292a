"""The statistics appendix .xlsx: recalculated by LibreOffice it holds every statistic of the seed,
no error values, derived cells equal to Python's, and it reads exactly as the Word appendix table."""

from __future__ import annotations

import csv
import re
import textwrap
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest

from lawgov_report.pipeline import render_file
from support.office import soffice_convert

CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1"
RESAVE = "xlsx:Calc MS Excel 2007 XML"
ERROR_VALUES = ("#DIV/0!", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#NUM!", "Err:")
HEADER_ROW = 3


def python_values(path: Path, template=None) -> dict:
    """The FigureValues Python computes for a report (what the prose prints)."""
    from lawgov_report.compose.build import build
    from lawgov_report.pipeline import load_report, resolve_template

    loaded = load_report(path)
    return build(loaded.report, resolve_template(loaded, template), loaded.source).figure_values


class Rendered:
    """A report rendered to .docx and .xlsx, and the .xlsx as LibreOffice recalculates it."""

    def __init__(self, source: Path, outdir: Path):
        render_file(source, outdir)
        self.source = source
        self.docx = outdir / f"{source.stem}.docx"
        self.xlsx = outdir / f"{source.stem}.xlsx"
        self.sheet = openpyxl.load_workbook(self.xlsx).active  # as we wrote it: formulas
        resaved = soffice_convert(self.xlsx, RESAVE, outdir / "resaved")
        self.values = openpyxl.load_workbook(resaved, data_only=True).active  # recalculated
        text = soffice_convert(self.xlsx, CSV, outdir / "csv").read_text(encoding="utf-8")
        self.csv_text = text
        self.csv = list(csv.reader(text.splitlines()))
        self.python = python_values(source)

    def row_of(self, name: str) -> int:
        """The sheet row of a figure, found by its label (rows are grouped by category)."""
        label = self.python[name].label
        return next(c.row for c in self.sheet["C"] if c.value == label and c.row > HEADER_ROW)

    def word_table(self) -> list[list[str]]:
        [table] = docx.Document(str(self.docx)).tables
        return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def lushan(example, tmp_path_factory):
    return Rendered(example, tmp_path_factory.mktemp("xlsx"))


def seed_statistics(root: Path) -> Counter:
    """Every number the seed states as a statistic (not a date, a year or the name 12·4)."""
    text = (root / "seeds" / "lushan-2020-report.txt").read_text(encoding="utf-8")
    found = Counter()
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        after, before = text[m.end(): m.end() + 1], text[m.start() - 1: m.start()]
        if after in "月日年" or "·" in (after, before):
            continue  # a date, a year, the name of 12·4
        if after in ".）" and before in ("（", "\n", ""):
            continue  # a typed heading number: （1）, 1.
        found[float(m.group())] += 1
    return found


def as_number(shown: str) -> float | None:
    """A cell as displayed ("13,000余", "98以上", "100.0") -> its number."""
    m = re.fullmatch(r"([+-]?[\d,]+(?:\.\d+)?)(?:余|多|以上|左右)?%?", shown)
    return float(m.group(1).replace(",", "")) if m else None


def test_every_seed_statistic_is_in_the_recalculated_sheet(lushan, root):
    wanted = seed_statistics(root)
    assert sum(wanted.values()) >= 38 and wanted[100.0] == 3 and wanted[13000.0] == 1
    body = lushan.csv[HEADER_ROW:]
    shown = Counter(as_number(row[4]) for row in body)
    missing = wanted - shown
    assert not missing, missing
    assert lushan.csv[HEADER_ROW - 1] == ["序号", "类别", "指标", "单位", "本年"]


def test_no_error_values(lushan):
    for marker in ERROR_VALUES:
        assert marker not in lushan.csv_text
    for row in lushan.values.iter_rows(values_only=True):
        assert not any(isinstance(v, str) and v.startswith(("#", "Err:")) for v in row), row


def test_derived_cells_are_formulas_equal_to_python(lushan):
    derived = [name for name, v in lushan.python.items() if v.formula]
    assert derived == ["复议结案率"]
    for name, value in lushan.python.items():
        r = lushan.row_of(name)
        written = lushan.sheet.cell(r, 5).value
        if value.formula:
            rows = {lushan.row_of("复议结案数"), lushan.row_of("受理复议案件数")}
            assert written == f"=(E{lushan.row_of('复议结案数')}/E{lushan.row_of('受理复议案件数')})*100", rows
        else:
            assert written == value.value
        assert lushan.values.cell(r, 5).value == pytest.approx(value.value, abs=1e-9), name
        assert lushan.values.cell(r, 3).value == value.label


def test_the_sheet_reads_as_the_word_table(lushan):
    """One table, two writers: LibreOffice's display of the sheet equals the Word appendix table."""
    word = lushan.word_table()
    sheet = lushan.csv[HEADER_ROW - 1:]
    assert len(sheet) == len(word) == len(lushan.python) + 1
    category = ""
    for sheet_row, word_row in zip(sheet, word):
        category = sheet_row[1] or category  # a merged category shows in its first row only
        assert [sheet_row[0], category, *sheet_row[2:]] == word_row


def test_title_issuer_and_print_setup(lushan):
    ws = lushan.sheet
    assert ws["A1"].value == "2020年度法治政府建设主要数据统计表" and ws["A2"].value == "填报单位：鲁山县人民政府"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:E1" in merged and "B4:B7" in merged  # the title; 学法培训 over its four rows
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area == "'统计表'!$A$1:$E$42"
    assert "&P" in ws.oddFooter.center.text


def test_fonts_borders_formats_widths(lushan):
    ws = lushan.sheet
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.b
    for cell in ws[HEADER_ROW]:
        assert cell.font.name == "黑体" and cell.alignment.horizontal == "center"
    last = HEADER_ROW + len(lushan.python)
    inside_merges = {c for r in ws.merged_cells.ranges for row in ws.iter_rows(
        min_row=r.min_row, max_row=r.max_row, min_col=r.min_col, max_col=r.max_col) for c in row
        if (c.row, c.column) != (r.min_row, r.min_col)}
    for row in ws.iter_rows(min_row=HEADER_ROW, max_row=last):
        for cell in row:
            if cell in inside_merges:
                continue  # openpyxl keeps only a merged range's outer borders on these
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert all(s.style == "thin" for s in sides), cell.coordinate
            if cell.row > HEADER_ROW:
                assert cell.font.name == "仿宋", cell.coordinate
    number = lushan.row_of
    assert ws.cell(number("法治春联份数"), 5).number_format == '#,##0"余"'
    assert ws.cell(number("企业满意度"), 5).number_format == '#,##0"以上"'
    assert ws.cell(number("复议结案率"), 5).number_format == "#,##0"  # as the prose: 100
    assert ws.cell(number("法治讲座场次"), 5).number_format == "#,##0"
    assert ws.cell(number("法治讲座场次"), 3).alignment.wrap_text
    # Chinese labels fit: the 指标 column holds 14 characters of 12 pt text a line (2.3 units each).
    assert ws.column_dimensions["C"].width >= 14 * 2.3
    for name, value in lushan.python.items():
        chars = len(value.label)
        lines = -(-chars // 16)
        assert ws.row_dimensions[number(name)].height >= 16 * lines, name


PREVIOUS = """\
    issuer: 某县司法局
    year: 2021
    sections:
      - title: "{{ 受理复议案件数 }}{{ 复议结案数 }}{{ 复议结案率 }}{{ 备案率 }}{{ 新增 }}{{ 普法活动场次 }}{{ 合计 }}"
    figures:
      受理复议案件数: {value: 20, previous: 16}
      复议结案数: {value: 19, previous: 16}
      复议结案率:
      备案率: {value: 98.5, previous: 100}
      新增: {label: 新增事项, value: 3, previous: 0, category: 其他, note: 上年未开展}
      普法活动场次: {value: 37, previous: 40, previous_approx: 多, approx: 余}
      合计: {label: 复议和普法合计, formula: 受理复议案件数 + 普法活动场次 * 1, category: 其他}
    """


@pytest.fixture(scope="module")
def with_previous(tmp_path_factory):
    folder = tmp_path_factory.mktemp("previous")
    source = folder / "previous.yaml"
    source.write_text(textwrap.dedent(PREVIOUS), encoding="utf-8")
    return Rendered(source, folder / "out")


def test_previous_year_columns_are_formulas(with_previous):
    from lawgov_report.figures.statistics import delta, growth

    r = with_previous
    assert [c.value for c in r.sheet[HEADER_ROW]] == ["序号", "类别", "指标", "单位", "本年", "上年", "增减", "增幅", "备注"]
    row = r.row_of("复议结案率")
    assert r.sheet.cell(row, 5).value == f"=(E{r.row_of('复议结案数')}/E{r.row_of('受理复议案件数')})*100"
    assert r.sheet.cell(row, 6).value == f"=(F{r.row_of('复议结案数')}/F{r.row_of('受理复议案件数')})*100"
    assert r.sheet.cell(row, 7).value == f"=E{row}-F{row}"
    assert r.sheet.cell(r.row_of("新增"), 8).value == f'=IF(F{r.row_of("新增")}=0,"",(E{r.row_of("新增")}-F{r.row_of("新增")})/F{r.row_of("新增")})'
    for name, value in r.python.items():
        i = r.row_of(name)
        got = [r.values.cell(i, c).value for c in (5, 6, 7, 8)]
        assert got[0] == pytest.approx(value.value) and got[1] == pytest.approx(value.previous), name
        assert got[2] == pytest.approx(delta(value)), name
        assert (got[3] in (None, "")) if growth(value) is None else got[3] == pytest.approx(growth(value)), name
    for marker in ERROR_VALUES:
        assert marker not in r.csv_text


def test_previous_year_display_matches_word(with_previous):
    word = with_previous.word_table()
    sheet = with_previous.csv[HEADER_ROW - 1:]
    assert word[0] == sheet[0]
    by_label = {row[2]: row for row in sheet[1:]}
    assert by_label["行政复议法定期限结案率"][4:8] == ["95", "100", "-5", ""]  # a rate changes in points
    # each year its own 约数 marker (previous_approx), in the .xlsx and in the Word table alike
    assert by_label["开展普法活动"][4:8] == ["37余", "40多", "-3", "-7.5%"]
    assert by_label["新增事项"][4:9] == ["3", "0", "+3", "", "上年未开展"]  # no growth from zero
    category = ""
    for sheet_row, word_row in zip(sheet, word, strict=True):
        category = sheet_row[1] or category
        assert [sheet_row[0], category, *sheet_row[2:]] == word_row
    from lawgov_report.compose.appendix import TYPE_WIDTH

    table = docx.Document(str(with_previous.docx)).tables[0]
    widths = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
              for c in table._tbl.tblGrid.iterchildren()]
    # Nine columns take 小四 (12 pt) text, so no column is narrower than two characters and its margins.
    assert len(widths) == 9 and sum(widths) == TYPE_WIDTH and min(widths) >= 2 * 240 + 216
    sizes = {run.font.size.pt for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs}
    assert sizes == {12}


def test_equal_input_gives_equal_bytes(example, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1614902400")
    render_file(example, tmp_path / "a")
    render_file(example, tmp_path / "b")
    assert (tmp_path / "a" / "lushan-2020.xlsx").read_bytes() == (tmp_path / "b" / "lushan-2020.xlsx").read_bytes()


FORMULAS = {
    "整除": "甲 // 乙", "负整除": "-甲 // 乙", "余数": "丙 % 乙", "负乘方": "-甲 ** 2", "比率": "甲 / 乙 * 100",
    "减负": "甲 - -丙", "括号": "(甲 + 乙) * 丙 / 4", "倒数": "2 ** -1 * 甲", "再算": "整除 + 括号",
}


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formulas")
    source = folder / "formulas.yaml"
    lines = ["issuer: 某县人民政府", "year: 2021", "sections:", "  - title: 计算",
             "figures:", "  甲: {label: 甲, value: 7}", "  乙: {label: 乙, value: 2}", "  丙: {label: 丙, value: -3}"]
    lines += [f"  {name}: {{label: {name}, formula: \"{formula}\"}}" for name, formula in FORMULAS.items()]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Rendered(source, folder / "out")


def test_every_operator_means_the_same_in_excel(formulas):
    """Python's value of each formula equals what LibreOffice computes from the written formula."""
    expected = {"整除": 3, "负整除": -4, "余数": 1, "负乘方": 49, "比率": 350, "减负": 4, "括号": -6.75,
                "倒数": 3.5, "再算": -3.75}
    for name, want in expected.items():
        value = formulas.python[name]
        assert value.value == pytest.approx(want), name
        row = formulas.row_of(name)
        assert str(formulas.sheet.cell(row, 5).value).startswith("="), name
        assert formulas.values.cell(row, 5).value == pytest.approx(want), (name, formulas.sheet.cell(row, 5).value)
    for marker in ERROR_VALUES:
        assert marker not in formulas.csv_text
