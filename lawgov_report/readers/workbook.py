"""A filled-in form (数据填报表) read with openpyxl: which figure each typed cell is for, and where it is.

Workbooks come back from Excel and WPS edited by people: rows sorted or moved, columns and sheets
added, cells merged, numbers typed as text, formulas. So nothing is found by position: the header
row is found by its words (本年 and 指标/数据名 in a unit's form; 文件 and 单位 in a county's form or
a batch roll-up), each row by its 数据名 or 指标 (unit form) or its 文件 and 单位 (county form), and
each county column by its header (``受理行政复议案件（件）``: label and unit, or a figure's name). A
merged cell's value belongs to its top-left cell; a key (指标, 文件) spans the whole merge. Formulas
are read by the value Excel or WPS cached when saving.

openpyxl is imported here and only here, when a form is read: it costs ~300 ms to import, which the
render path never pays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import ReportError

UNIT, COUNTY = "unit", "county"
_SKIP_SHEETS = ("上年", "缺失数据")  # reference sheets of our forms and roll-up: never read
_HEADER_UNIT = re.compile(r"^(.*?)\s*[（(]([^（）()]*)[）)]\s*$")
_SCAN_ROWS = 30  # the header is near the top


@dataclass
class FormValue:
    """One filled-in cell: where it is, what identifies its figure and report, and what it holds."""

    where: str  # 填报表.xlsx:数据!F12
    row: int  # 1-based row on the sheet
    value: object  # as cached: a number, a text, None
    number_format: str = "General"
    formula: str | None = None  # the cell's formula, if it has one
    name: str = ""  # 数据名 (unit form); a county column's header when it names a figure
    label: str = ""  # 指标 (unit form) or the label of a county column's header
    unit: str | None = None  # 单位 (unit form) or the unit in a county column's header
    file: str = ""  # 文件 (county form)
    unit_name: str = ""  # 单位 (county form): the reporting unit


@dataclass
class Form:
    """A form as read: its kind (unit | county), the sheet read and every non-empty value cell."""

    file: str
    kind: str
    sheet: str
    values: list[FormValue] = field(default_factory=list)
    report_file: str = ""  # a unit form's “报告文件：…” line: the report it was made for


def _text(value) -> str:
    return "" if value is None else str(value).strip()


_MERGE = re.compile(r'<mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _Sheet:
    """One sheet's non-empty cells, read once in openpyxl's streaming (read-only) mode, and its merges.

    Read-only mode reads only the sheet asked for and builds no object model: a county form of 200
    units reads in a third of the time. It does not report merged cells, so they are read from the
    sheet's XML (``<mergeCell ref="A1:G1"/>``), which is all that is needed of them."""

    def __init__(self, book, sheet, with_formulas):
        self.title = sheet.title
        self.cells: dict[tuple[int, int], tuple] = {}  # (row, col) -> (value, number format, coordinate)
        self.max_row = 0
        sheet.reset_dimensions()  # never trust a stored dimension: some writers get it wrong
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) is not None:
                    self.cells[(cell.row, cell.column)] = (cell.value, cell.number_format or "General",
                                                           cell.coordinate)
                    self.max_row = max(self.max_row, cell.row)
        self.top_left: dict[tuple[int, int], tuple[int, int]] = {}
        with book._archive.open(sheet._worksheet_path) as part:
            for m in _MERGE.finditer(part.read().decode("utf-8", "replace")):
                r1, c1 = int(m.group(2)), _col(m.group(1))
                r2, c2 = (int(m.group(4)), _col(m.group(3))) if m.group(3) else (r1, c1)
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        self.top_left[(r, c)] = (r1, c1)
        self.formulas = with_formulas
        self.max_row = max([self.max_row, *(r for r, _ in with_formulas)])

    def value(self, row: int, col: int):
        return self.cells.get((row, col), (None,))[0]

    def key(self, row: int, col: int) -> str:
        """A key cell's text: a merge spreads it over every row it covers."""
        return _text(self.value(*self.top_left.get((row, col), (row, col))))

    def own(self, row: int, col: int) -> bool:
        """Whether the cell holds its own value (it is not inside a merge, below or right of its top-left)."""
        return self.top_left.get((row, col), (row, col)) == (row, col)


def _open(path: Path, data_only: bool):
    from openpyxl import load_workbook

    return load_workbook(path, read_only=True, data_only=data_only)


def read_form(path: str | Path) -> Form:
    """Read a form; raises :class:`ReportError` for a file that cannot be read or is not a form."""
    path = Path(path)
    if not path.is_file():
        raise ReportError.single(str(path), "找不到填报表文件", message_en="form not found")
    try:
        book = _open(path, True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an .xlsx
        hint = ("这是旧的 .xls 格式：用 Excel 或 WPS 打开，另存为 .xlsx 后再试" if path.suffix.lower() == ".xls"
                else "用 Excel 或 WPS 打开它，另存为 .xlsx 工作簿后再试")
        raise ReportError.single(str(path), "无法读取：不是 .xlsx 工作簿，或文件已损坏", hint=hint,
                                 message_en=f"cannot read workbook: {exc!r}") from None
    try:
        for sheet in book.worksheets:
            if sheet.title.startswith(_SKIP_SHEETS) or not hasattr(sheet, "_worksheet_path"):
                continue  # a reference sheet, or a chart sheet
            found = _header(sheet)
            if found is None:
                continue
            kind, header_row, columns = found
            grid = _Sheet(book, sheet, _formulas(path, sheet.title))
            form = Form(str(path), kind, sheet.title)
            for row in range(1, header_row):
                for col in range(1, max(columns.values()) + 1):
                    found_file = re.search(r"报告文件：\s*(\S+)", _text(grid.value(row, col)))
                    if found_file:
                        form.report_file = found_file.group(1)
            (_read_unit if kind == UNIT else _read_county)(form, path.name, grid, header_row, columns)
            return form
    finally:
        book.close()
    raise ReportError.single(
        str(path), "这不是 lawgov-report 的数据填报表：没有找到表头（单位表要有“指标”“本年”两列，"
                   "全县表要有“单位”“文件”两列）",
        hint="用 lawgov-report form 生成填报表，填好后再读入；不要删改表头那一行",
        message_en="not a form: no header row found")


def _formulas(path: Path, title: str) -> dict[tuple[int, int], str]:
    """(row, col) -> formula of every formula cell of the sheet; read only when the package has one."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            if not any(b"<f" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")):
                return {}
    except (zipfile.BadZipFile, OSError, KeyError):
        return {}
    book = _open(path, False)
    try:
        sheet = book[title]
        sheet.reset_dimensions()
        out = {}
        for row in sheet.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if isinstance(value, str) and value.startswith("="):
                    out[(cell.row, cell.column)] = value
                elif value is not None and hasattr(value, "text"):  # an array formula
                    out[(cell.row, cell.column)] = str(value.text)
        return out
    finally:
        book.close()


def _header(sheet):
    """(kind, header row, {header text: column}) of a form sheet, or None."""
    sheet.reset_dimensions()
    for row in sheet.iter_rows(min_row=1, max_row=_SCAN_ROWS):
        texts = {_text(c.value): c.column for c in row if getattr(c, "value", None) is not None and _text(c.value)}
        if not texts:
            continue
        number = next(c.row for c in row if getattr(c, "value", None) is not None)
        if "本年" in texts and ("指标" in texts or "数据名" in texts):
            return UNIT, number, texts
        if "文件" in texts and "单位" in texts:
            return COUNTY, number, texts
    return None


def _value_cell(book_name: str, grid: _Sheet, row: int, col: int) -> FormValue | None:
    value, number_format, coordinate = grid.cells.get((row, col), (None, "General", ""))
    formula = grid.formulas.get((row, col))
    if (value is None or isinstance(value, str) and not value.strip()) and formula is None:
        return None
    from openpyxl.utils import get_column_letter

    coordinate = coordinate or f"{get_column_letter(col)}{row}"
    return FormValue(f"{book_name}:{grid.title}!{coordinate}", row, value, number_format, formula)


def _read_unit(form: Form, book_name: str, grid: _Sheet, header_row: int, columns: dict) -> None:
    value_col = columns["本年"]
    for row in range(header_row + 1, grid.max_row + 1):
        if not grid.own(row, value_col):
            continue  # inside a merge, below its top-left: no value of its own
        found = _value_cell(book_name, grid, row, value_col)
        if found is None:
            continue
        found.name = grid.key(row, columns["数据名"]) if "数据名" in columns else ""
        found.label = grid.key(row, columns["指标"]) if "指标" in columns else ""
        found.unit = grid.key(row, columns["单位"]) if "单位" in columns else None
        form.values.append(found)


def split_header(header: str) -> tuple[str, str | None]:
    """``受理行政复议案件（件）`` -> (受理行政复议案件, 件); a header without brackets has no unit."""
    m = _HEADER_UNIT.match(header)
    return (m.group(1), m.group(2)) if m else (header, None)


def _read_county(form: Form, book_name: str, grid: _Sheet, header_row: int, columns: dict) -> None:
    from lawgov_report.compose.catalogue import COUNTY_FIXED

    figure_columns = {header: col for header, col in columns.items() if header not in COUNTY_FIXED}
    for row in range(header_row + 1, grid.max_row + 1):
        file, unit_name = grid.key(row, columns["文件"]), grid.key(row, columns["单位"])
        for header, col in figure_columns.items():
            if not grid.own(row, col):
                continue
            found = _value_cell(book_name, grid, row, col)
            if found is None:
                continue
            found.label, found.unit = split_header(header)
            found.name = header
            found.file, found.unit_name = file, unit_name
            form.values.append(found)
