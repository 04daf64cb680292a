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


def _open(path: Path, data_only: bool):
    from openpyxl import load_workbook

    return load_workbook(path, data_only=data_only)


def read_form(path: str | Path) -> Form:
    """Read a form; raises :class:`ReportError` for a file that cannot be read or is not a form."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ReportError.single(str(path), "找不到填报表文件", message_en="form not found")
    try:
        book = _open(path, True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not an .xlsx
        hint = ("这是旧的 .xls 格式：用 Excel 或 WPS 打开，另存为 .xlsx 后再试" if path.suffix.lower() == ".xls"
                else "用 Excel 或 WPS 打开它，另存为 .xlsx 工作簿后再试")
        raise ReportError.single(str(path), "无法读取：不是 .xlsx 工作簿，或文件已损坏", hint=hint,
                                 message_en=f"cannot read workbook: {exc!r}") from None
    for sheet in book.worksheets:
        if sheet.title.startswith(_SKIP_SHEETS):
            continue
        found = _header(sheet)
        if found is None:
            continue
        kind, header_row, columns = found
        formulas = _open(path, False)[sheet.title] if _has_formulas(path) else None
        form = Form(str(path), kind, sheet.title)
        for row in sheet.iter_rows(min_row=1, max_row=header_row - 1, values_only=True):
            for cell in row:
                found_file = re.search(r"报告文件：\s*(\S+)", _text(cell))
                if found_file:
                    form.report_file = found_file.group(1)
        (_read_unit if kind == UNIT else _read_county)(form, name, sheet, formulas, header_row, columns)
        return form
    raise ReportError.single(
        str(path), "这不是 lawgov-report 的数据填报表：没有找到表头（单位表要有“指标”“本年”两列，"
                   "全县表要有“单位”“文件”两列）",
        hint="用 lawgov-report form 生成填报表，填好后再读入；不要删改表头那一行",
        message_en="not a form: no header row found")


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of the package has a formula (then it is read again, for the formulas)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return any(b"<f" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def _header(sheet):
    """(kind, header row, {header text: column}) of a form sheet, or None."""
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, _SCAN_ROWS)):
        texts = {_text(c.value): c.column for c in row if _text(c.value)}
        if "本年" in texts and ("指标" in texts or "数据名" in texts):
            return UNIT, row[0].row, texts
        if "文件" in texts and "单位" in texts:
            return COUNTY, row[0].row, texts
    return None


class _Merged:
    """Merged ranges of a sheet: the top-left cell of the range a cell belongs to."""

    def __init__(self, sheet):
        self.top_left = {}
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.top_left[(r, c)] = (rng.min_row, rng.min_col)

    def key(self, sheet, row: int, col: int) -> str:
        """A key cell's text: a merge spreads it over every row it covers."""
        r, c = self.top_left.get((row, col), (row, col))
        return _text(sheet.cell(r, c).value)


def _value_cell(form: Form, book_name: str, sheet, formulas, row: int, col: int) -> FormValue | None:
    cell = sheet.cell(row, col)
    formula = None
    if formulas is not None:
        raw = formulas.cell(row, col).value
        if isinstance(raw, str) and raw.startswith("="):
            formula = raw
        elif raw is not None and not isinstance(raw, (str, int, float, bool)) and hasattr(raw, "text"):
            formula = str(raw.text)  # an array formula
    if cell.value is None and formula is None:
        return None
    if isinstance(cell.value, str) and not cell.value.strip() and formula is None:
        return None
    return FormValue(f"{book_name}:{sheet.title}!{cell.coordinate}", row, cell.value, cell.number_format or "General",
                     formula)


def _read_unit(form: Form, book_name: str, sheet, formulas, header_row: int, columns: dict) -> None:
    merged = _Merged(sheet)
    value_col = columns["本年"]
    for row in range(header_row + 1, sheet.max_row + 1):
        if merged.top_left.get((row, value_col), (row, value_col)) != (row, value_col):
            continue  # inside a merge, below its top-left: no value of its own
        found = _value_cell(form, book_name, sheet, formulas, row, value_col)
        if found is None:
            continue
        found.name = merged.key(sheet, row, columns["数据名"]) if "数据名" in columns else ""
        found.label = merged.key(sheet, row, columns["指标"]) if "指标" in columns else ""
        found.unit = merged.key(sheet, row, columns["单位"]) if "单位" in columns else None
        form.values.append(found)


def split_header(header: str) -> tuple[str, str | None]:
    """``受理行政复议案件（件）`` -> (受理行政复议案件, 件); a header without brackets has no unit."""
    m = _HEADER_UNIT.match(header)
    return (m.group(1), m.group(2)) if m else (header, None)


def _read_county(form: Form, book_name: str, sheet, formulas, header_row: int, columns: dict) -> None:
    from lawgov_report.compose.catalogue import COUNTY_FIXED

    merged = _Merged(sheet)
    figure_columns = {header: col for header, col in columns.items() if header not in COUNTY_FIXED}
    for row in range(header_row + 1, sheet.max_row + 1):
        file = merged.key(sheet, row, columns["文件"])
        unit_name = merged.key(sheet, row, columns["单位"])
        for header, col in figure_columns.items():
            if merged.top_left.get((row, col), (row, col)) != (row, col):
                continue
            found = _value_cell(form, book_name, sheet, formulas, row, col)
            if found is None:
                continue
            found.label, found.unit = split_header(header)
            found.name = header
            found.file, found.unit_name = file, unit_name
            form.values.append(found)
