"""Fill-in workbooks (数据填报表): the figures of a report, or of a county's reports, to fill in Excel or WPS.

A unit's form has one row per figure (序号 / 类别 / 指标 / 单位 / 上年 / 本年 / 备注, and a hidden 数据名
column that ``fill`` matches rows by); a county's form one row per report and one column per shared
figure, with last year's values on a second sheet. Only the cells to fill in are unlocked (the sheet
is protected without a password: a guard against slips, not a lock); derived figures are live
formulas with the value Python computed cached; data validation asks for numbers (≥ 0, 0–100 for a
rate) but only warns, since "320余" and "超过600" are welcome; instructions stand on the sheet; A4.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from lawgov_report.compose.catalogue import COUNTY_FIXED
from lawgov_report.figures.formulas import FormulaError, compute, names as formula_names, parse, to_excel
from lawgov_report.figures.statistics import number_format, previous_format, statistics_table
from lawgov_report.figures.values import PERCENT_UNITS, PERCENTAGE, FigureValue, is_growth
from lawgov_report.source.model import Figure
from lawgov_report.writers.ooxml import escape, escape_attr
from lawgov_report.writers.spreadsheet import Formula, Sheet, Style, Workbook, column_letter, text_width

SHEET = "数据"  # the sheet fill reads
PREVIOUS_SHEET = "上年"  # for reference only; fill never reads it
UNIT_HEADERS = ["序号", "类别", "指标", "单位", "上年", "本年", "备注", "数据名"]
NAME_HEADER, VALUE_HEADER, FILE_HEADER = "数据名", "本年", "文件"
TO_FILL = "FFF2CC"  # the light yellow of cells to fill in
COMPUTED = "EDEDED"

_TITLE = Style(font="方正小标宋简体", size=16, border=False, halign="center")
_META = Style(font="仿宋_GB2312", size=12, border=False, halign="left")
_HELP = Style(font="仿宋_GB2312", size=10.5, border=False, halign="left", valign="top", wrap=True)
_HEADER = Style(font="黑体", size=11, halign="center", wrap=True, fill="F2F2F2")
_TEXT = Style(font="仿宋_GB2312", size=11, halign="left", wrap=True)
_CENTER = Style(font="仿宋_GB2312", size=11, halign="center", wrap=True)
_NAME = Style(font="宋体", size=9, halign="left")

UNIT_HELP = ("填写说明：1. 只在“本年”一栏（浅黄色）填写本年数值，其他单元格已锁定；不知道的留空，留空的数据不会改动报告。"
             "2. 填阿拉伯数字，可带千分位（1,900）；约数照写，如 320余、600多、超过600、98%以上；"
             "百分比填 98 或 98%。3. 灰色的“本年”由公式自动算出，不用填写。"
             "4. 要排序、加列或加工作表时，先“撤销工作表保护”（没有密码）；不要改“指标”和最后一列“数据名”的文字。"
             "5. 填完保存后交回，由 lawgov-report fill 读入报告。")
COUNTY_HELP = ("填写说明：每个单位填自己的一行（浅黄色单元格），填阿拉伯数字；约数照写，如 320余、超过600、98%以上；"
               "不知道的留空，留空的不会改动报告。灰色列由公式算出。第二张工作表“上年”是上一年度的数值，仅供参考。"
               "要排序时先“撤销工作表保护”（没有密码）；不要改“文件”一列和表头。")


@dataclass(frozen=True)
class Validation:
    """A data validation (数据有效性) on a range: what may be typed, the tip shown, the warning given.

    ``kind``: whole | decimal; ``operator``: between | greaterThanOrEqual …; ``strict`` stops a
    wrong entry, else Excel and WPS warn and let the clerk keep it (a form takes "320余" too)."""

    sqref: str
    kind: str = "decimal"
    operator: str = "greaterThanOrEqual"
    formula1: str = "0"
    formula2: str | None = None
    title: str = ""  # at most 32 characters in Excel
    prompt: str = ""  # at most 255
    error: str = ""
    strict: bool = False

    def xml(self) -> str:
        attrs = (f'type="{self.kind}" errorStyle="{"stop" if self.strict else "warning"}" operator="{self.operator}" '
                 'allowBlank="1" showInputMessage="1" showErrorMessage="1"')
        if self.title:
            attrs += f' errorTitle="{escape_attr(self.title[:32])}" promptTitle="{escape_attr(self.title[:32])}"'
        if self.error:
            attrs += f' error="{escape_attr(self.error[:255])}"'
        if self.prompt:
            attrs += f' prompt="{escape_attr(self.prompt[:255])}"'
        second = f"<formula2>{escape(self.formula2)}</formula2>" if self.formula2 is not None else ""
        return (f'<dataValidation {attrs} sqref="{self.sqref}"><formula1>{escape(self.formula1)}</formula1>'
                f"{second}</dataValidation>")



def column_header(label: str, unit: str) -> str:
    """The header of a figure's column in a county form or roll-up: ``受理行政复议案件（件）``."""
    return f"{label}（{unit}）" if unit else label


@functools.lru_cache(maxsize=None)  # one object per look: the workbook finds a style by identity first
def _value_style(numfmt: str = "General", fill: str | None = None, locked: bool = True) -> Style:
    return Style(font="Times New Roman", size=11, halign="right", numfmt=numfmt, fill=fill, locked=locked)


def _validation(ref: str, label: str, unit: str, kind: str | None, growth: bool = False) -> Validation:
    """Numbers only, ≥ 0 (whole for a count), 0–100 for a share; any sign for a change (增长率, 增减);
    a warning, never a refusal."""
    tip = "填阿拉伯数字；约数照写，如 320余、超过600"
    percent = kind == PERCENTAGE or unit in PERCENT_UNITS
    if growth:  # a change may be negative, and a growth rate may pass 100
        return Validation(ref, "decimal", "between", "-1E+300", "1E+300", label,
                          f"{tip}；增长率、增减可以是负数{'，可以超过 100' if percent else ''}",
                          "应为数字。约数如“超过20”可以保留，确定吗？")
    if percent:
        return Validation(ref, "decimal", "between", "0", "100", label, f"{tip}；百分比填 0～100，如 98 或 98%",
                          "应为 0～100 之间的数字（百分比）。约数如“98%以上”可以保留，确定吗？")
    whole = kind is None or kind == "integer"
    return Validation(ref, "whole" if whole else "decimal", "greaterThanOrEqual", "0", None, label,
                      f"{tip}（单位：{unit}）" if unit else tip,
                      f"应为不小于 0 的{'整数' if whole else '数'}。约数如“320余”可以保留，确定吗？")


def computed_values(figures: dict[str, Figure]) -> dict[str, tuple]:
    """(value, previous) of every figure, derived ones computed where all their inputs are known."""
    out = {name: (f.value, f.previous) for name, f in figures.items() if f.formula is None}
    trees = {}
    for name, figure in figures.items():
        if figure.formula is not None:
            try:
                trees[name] = parse(figure.formula)
            except FormulaError:
                out[name] = (None, None)
    for _ in range(len(trees) + 1):  # in dependency order, however they are listed
        for name, tree in trees.items():
            inputs = formula_names(tree)
            if name in out or not all(n in out for n in inputs):
                continue
            pair = []
            for i in (0, 1):
                try:
                    number = compute(tree, {n: out[n][i] for n in inputs})
                    pair.append(int(number) if isinstance(number, float) and number.is_integer()
                                else round(number, 10) if isinstance(number, float) else number)
                except (ArithmeticError, TypeError, ValueError):
                    pair.append(None)
            out[name] = tuple(pair)
    return {name: out.get(name, (None, None)) for name in figures}


def unit_form(figures: dict[str, Figure], title: str, issuer: str, file: str,
              catalogue: dict[str, Figure] | None = None) -> bytes:
    """The fill-in workbook of one report: its figures (completed from the 指标目录), then the 指标目录's
    indicators it does not have yet (a value filled in for one adds it to the report)."""
    offered = {name: None for name in (catalogue or {}) if name not in figures}
    figures = {**figures, **{name: catalogue[name] for name in offered}}
    values = computed_values(figures)
    shown = {name: FigureValue(name, f, values[name][0], values[name][1]) for name, f in figures.items()}
    table = statistics_table(shown, title, issuer)
    book = Workbook(title, issuer)
    sheet = book.add_sheet(SHEET)
    first = 5  # 1-based row of the first figure: title, unit, instructions, header above it
    row_of = {row.figure.name: first + i for i, row in enumerate(table.rows)}
    labels = [row.figure.label for row in table.rows]
    sheet.widths = {0: 6, 1: 12, 2: max(24.0, min(44.0, max(map(text_width, labels), default=0) + 2)),
                    3: 8, 4: 13, 5: 13, 6: 26, 7: 18}
    sheet.hidden_columns = {7}
    sheet.freeze_at = f"A{first}"
    sheet.print_title_rows = (first - 2, first - 2)
    sheet.protected = True
    sheet.append([title] + [None] * 6, _TITLE, height=34)
    sheet.merges.append("A1:G1")
    sheet.append([f"填报单位：{issuer}　　报告文件：{file}"] + [None] * 6, _META, height=22)
    sheet.merges.append("A2:G2")
    sheet.append([UNIT_HELP] + [None] * 6, _HELP, height=92)
    sheet.merges.append("A3:G3")
    sheet.append(UNIT_HEADERS, _HEADER, height=24)
    for row in table.rows:
        fv, r = row.figure, row_of[row.figure.name]
        figure = figures[fv.name]
        note = fv.note or ("指标目录中的指标，报告里还没有；有数就填" if fv.name in offered else "")
        if figure.formula is not None:
            refs = {n: row_of[n] for n in row_of}
            try:
                tree = parse(figure.formula)
                now = Formula(live_formula(tree, {n: f"F{i}" for n, i in refs.items()}),
                              "" if fv.value is None else fv.value)
                before = (Formula(live_formula(tree, {n: f"E{i}" for n, i in refs.items()}), fv.previous)
                          if fv.previous is not None else None)
            except (FormulaError, KeyError):
                now, before = fv.value, fv.previous
            note = (note + "；" if note else "") + f"公式：{figure.formula}，自动计算"
            value_style = _value_style(number_format(fv), COMPUTED)
        else:
            now, before = fv.value, fv.previous
            # A value already there shows its 余/以上 as the prose prints it, and reads back with it.
            value_style = _value_style(number_format(fv) if fv.value is not None else "General", TO_FILL, False)
            sheet.validations.append(_validation(f"F{r}", fv.label, fv.unit, figure.kind, fv.growth))
        sheet.append([row.number, row.category, fv.label, fv.unit, before, now, note or None, fv.name],
                     [_CENTER, _CENTER, _TEXT, _CENTER, _value_style(previous_format(fv)), value_style, _TEXT, _NAME],
                     height=max(20, 16 * max(_lines(fv.label, sheet.widths[2]), _lines(note, sheet.widths[6])) + 6))
    return book.to_bytes()


def live_formula(tree, refs: dict[str, str]) -> str:
    """A derived figure's Excel formula, empty until every figure it uses is filled in (not 0.0, not #DIV/0!)."""
    used = sorted(set(refs[n] for n in formula_names(tree)))
    return f'IF(COUNT({",".join(used)})<{len(used)},"",IFERROR({to_excel(tree, refs)},""))'


def _lines(text: str, width: float) -> int:
    return max(1, -(-int(text_width(text)) // max(1, int(width - 1))))


@dataclass
class CountyColumn:
    """A figure's column in a county form: its name, header and, for a derived figure, its formula."""

    name: str
    label: str
    unit: str
    kind: str | None = None
    formula: str | None = None
    growth: bool = False  # a change (增长率, 增减): any sign, and past 100 in %

    @property
    def header(self) -> str:
        return column_header(self.label, self.unit)


@dataclass
class CountyRow:
    """One report in a county form: its unit, year, file and figures (name -> Figure, catalogue applied)."""

    unit: str
    year: int | None
    file: str
    figures: dict[str, Figure]


def county_columns(catalogue: dict[str, Figure], extra: list[tuple[str, str, str]]) -> list[CountyColumn]:
    """The catalogue's figures, then the shared ones outside it (``SharedFigures.extra``)."""
    return ([CountyColumn(n, f.label or n, f.unit, f.kind, f.formula, is_growth(n, f.label, f.growth))
             for n, f in catalogue.items()]
            + [CountyColumn(n, label, unit, growth=is_growth(n, label, None)) for n, label, unit in extra])


def figure_in(row_figures: dict[str, Figure], column: CountyColumn, catalogue: dict,
              by_label: dict | None = None) -> str | None:
    """The name of the report's figure in ``column``: by name for the catalogue, else by label and unit
    (``by_label``: the report's own figures by (label, unit), when the caller has it at hand)."""
    if column.name in catalogue:
        return column.name if column.name in row_figures else None
    if by_label is None:
        by_label = own_figures(row_figures, catalogue)
    return by_label.get((column.label, column.unit))


def own_figures(row_figures: dict[str, Figure], catalogue: dict) -> dict[tuple[str, str], str]:
    """(label, unit) -> name of a report's figures outside the catalogue (the first, where two share one)."""
    out: dict = {}
    for name, figure in row_figures.items():
        if name not in catalogue:
            out.setdefault((figure.label or name, figure.unit), name)
    return out


def county_form(rows: list[CountyRow], columns: list[CountyColumn], catalogue: dict[str, Figure],
                title: str) -> bytes:
    """The county's fill-in workbook: a row per report, a column per shared figure, 上年 beside it."""
    book = Workbook(title)
    for which in (0, 1):
        sheet = book.add_sheet(SHEET if which == 0 else PREVIOUS_SHEET)
        _county_sheet(sheet, rows, columns, catalogue,
                      title if which == 0 else f"{title}（上年数值，仅供参考）", which)
    return book.to_bytes()


def _county_sheet(sheet: Sheet, rows: list[CountyRow], columns: list[CountyColumn], catalogue: dict,
                  title: str, which: int) -> None:
    ncols = len(COUNTY_FIXED) + len(columns)
    last = column_letter(ncols - 1)
    letter = {c.name: column_letter(len(COUNTY_FIXED) + j) for j, c in enumerate(columns)}
    sheet.widths = {0: 6, 1: 24, 2: 8, 3: 30}
    for j, column in enumerate(columns, start=len(COUNTY_FIXED)):
        sheet.widths[j] = max(10.0, min(24.0, text_width(column.header) / 2 + 2))
    sheet.freeze_at = "E4"
    sheet.print_title_rows = (2, 2)
    sheet.landscape = True
    sheet.protected = True
    sheet.append([title] + [None] * (ncols - 1), _TITLE, height=32)
    sheet.merges.append(f"A1:{last}1")
    sheet.append([COUNTY_HELP if which == 0 else "上一年度的数值，仅供参考；填报请用“数据”工作表。"]
                 + [None] * (ncols - 1), _HELP, height=48 if which == 0 else 22)
    sheet.merges.append(f"A2:{last}2")
    sheet.append(COUNTY_FIXED + [c.header for c in columns], _HEADER, height=48)
    fixed = [_CENTER, _TEXT, _CENTER, _TEXT]
    for number, row in enumerate(rows, start=1):
        r = sheet.next_row + 1
        values = computed_values(row.figures)
        by_label = own_figures(row.figures, catalogue)
        cells, styles = [number, row.unit, row.year, row.file], list(fixed)
        for column in columns:
            name = figure_in(row.figures, column, catalogue, by_label)
            figure = row.figures.get(name) if name else None
            number_now = values[name][which] if name else None
            if column.formula is not None and (name is None or figure.formula is not None):
                try:
                    tree = parse(column.formula)
                    refs = {n: f"{letter[n]}{r}" for n in formula_names(tree)}
                    cells.append(Formula(live_formula(tree, refs), number_now if number_now is not None else ""))
                except (FormulaError, KeyError):
                    cells.append(number_now)
                styles.append(_value_style("General", COMPUTED))
                continue
            cells.append(number_now)
            shown = FigureValue(name, figure) if figure is not None and number_now is not None else None
            fmt = "General" if shown is None else number_format(shown) if which == 0 else previous_format(shown)
            styles.append(_value_style(fmt, TO_FILL if which == 0 else None, which == 1))
        sheet.append(cells, styles, height=20)
    if rows and which == 0:
        first, end = 4, 3 + len(rows)
        for column in columns:
            if column.formula is None:
                sheet.validations.append(_validation(f"{letter[column.name]}{first}:{letter[column.name]}{end}",
                                                     column.label, column.unit, column.kind, column.growth))
