"""The .xlsx writer: the statistics appendix (主要数据统计表) as a print-ready spreadsheet.

Rows and wording come from statistics.py, the same table as the Word appendix. Values are numbers;
a derived figure is an Excel formula over the cells of the figures it uses (formulas.py), and 增减
and 增幅 are formulas too, so the sheet stays right when a clerk corrects a number in Excel or WPS.
Print-ready: A4, a title row, the header row repeated on every printed page and frozen on screen,
黑体 header and 仿宋 body, thin borders, column widths and row heights that fit Chinese text.
"""

from __future__ import annotations

import math

from lawgov_report.figures import FigureValue
from lawgov_report.formulas import parse, to_excel
from lawgov_report.statistics import (GROWTH_FORMAT, Row, StatisticsTable, cell_texts, delta_format, has_growth,
                                      number_format, statistics_table, text_width)
from lawgov_report.writers.ooxml import escape
from lawgov_report.writers.spreadsheetml import (MAIN_NS, REL_NS, CellStyle, Font, SharedStrings, Styles,
                                                 column_letter, package, workbook_xml)

SHEET = "统计表"
TITLE_ROW, UNIT_ROW, HEADER_ROW = 1, 2, 3
DEFAULT_FONT = Font("宋体", 11)  # column widths are counted in this font's digits
TITLE_FONT = Font("黑体", 16, bold=True)
HEADER_FONT = Font("黑体", 12)
BODY_FONT = Font("仿宋", 12)
UNITS_PER_CHAR = 2.3  # one 12 pt Chinese character, in widths of the default font's digit
PAD = 1.6  # a cell's inner margins, in the same units
LINE_PT, ROW_PAD_PT = 16, 6  # height of one 12 pt line and a row's top and bottom space
MAX_CHARS = {"category": 4, "label": 16, "note": 12, "unit": 3}  # longer text wraps

_ALIGN = {"number": "center", "category": "center", "label": "left", "unit": "center", "note": "left"}


def to_bytes(figures: dict[str, FigureValue], title: str, issuer: str = "") -> bytes:
    """The .xlsx file's bytes for the figures of one report."""
    from lawgov_report.writers.package import core_properties

    table = statistics_table(figures, title, issuer)
    sheet = _Sheet(table)
    print_area = f"$A$1:${column_letter(len(table.columns))}${HEADER_ROW + len(table.rows)}"
    workbook = workbook_xml(SHEET, print_area, f"${HEADER_ROW}:${HEADER_ROW}")
    core = core_properties(title, issuer, title)
    return package(sheet.xml(), workbook, sheet.styles.xml(), sheet.strings.xml(), core)


class _Sheet:
    """Lays out one statistics table as sheet XML, collecting strings and styles on the way."""

    def __init__(self, table: StatisticsTable):
        self.table = table
        self.keys = table.keys
        self.letter = {key: column_letter(i) for i, key in enumerate(self.keys, start=1)}
        self.styles = Styles(DEFAULT_FONT)
        self.strings = SharedStrings()
        self.rows: dict[int, list[str]] = {}
        self.heights: dict[int, float] = {}
        self.merges: list[str] = []
        first = HEADER_ROW + 1
        self.row_of = {row.figure.name: first + i for i, row in enumerate(table.rows)}
        self.texts = [cell_texts(row, self.keys) for row in table.rows]
        self.widths = self._widths()

    # Cells -----------------------------------------------------------------------------------
    def text(self, row: int, key_or_col: str, text: str, style: CellStyle) -> None:
        ref = f"{self.letter.get(key_or_col, key_or_col)}{row}"
        self.rows.setdefault(row, []).append(
            f'<c r="{ref}" s="{self.styles(style)}" t="s"><v>{self.strings(text)}</v></c>')

    def number(self, row: int, key: str, value, style: CellStyle) -> None:
        self.rows.setdefault(row, []).append(
            f'<c r="{self.letter[key]}{row}" s="{self.styles(style)}"><v>{value!r}</v></c>')

    def formula(self, row: int, key: str, formula: str, style: CellStyle) -> None:
        self.rows.setdefault(row, []).append(
            f'<c r="{self.letter[key]}{row}" s="{self.styles(style)}"><f>{escape(formula)}</f></c>')

    def blank(self, row: int, key_or_col: str, style: CellStyle) -> None:
        """An empty cell that still carries its borders (and the inside of merged ranges)."""
        ref = f"{self.letter.get(key_or_col, key_or_col)}{row}"
        self.rows.setdefault(row, []).append(f'<c r="{ref}" s="{self.styles(style)}"/>')

    # Layout ----------------------------------------------------------------------------------
    def _widths(self) -> dict[str, float]:
        widths = {}
        for i, column in enumerate(self.table.columns):
            chars = max([text_width(column.header)] + [text_width(t[i]) for t in self.texts])
            chars = min(max(chars, 2), MAX_CHARS.get(column.key, chars))
            widths[column.key] = round(chars * UNITS_PER_CHAR + PAD, 1)
        return widths

    def lines(self, key: str, text: str) -> int:
        per_line = max(1.0, (self.widths[key] - PAD) / UNITS_PER_CHAR)
        return max(1, math.ceil(text_width(text) / per_line - 1e-9))

    def layout(self) -> None:
        table, ncols = self.table, len(self.table.columns)
        end = column_letter(ncols)
        title = CellStyle(TITLE_FONT, border=False, wrap=False)
        self.text(TITLE_ROW, "A", table.title, title)
        for i in range(2, ncols + 1):
            self.blank(TITLE_ROW, column_letter(i), title)
        self.merges.append(f"A{TITLE_ROW}:{end}{TITLE_ROW}")
        self.heights[TITLE_ROW] = 36
        if table.issuer:
            self.text(UNIT_ROW, "A", f"填报单位：{table.issuer}", CellStyle(BODY_FONT, border=False, horizontal="left",
                                                                        wrap=False))
            self.merges.append(f"A{UNIT_ROW}:{end}{UNIT_ROW}")
        self.heights[UNIT_ROW] = 22
        header = CellStyle(HEADER_FONT)
        for column in table.columns:
            self.text(HEADER_ROW, column.key, column.header, header)
        self.heights[HEADER_ROW] = 24
        for row, texts in zip(table.rows, self.texts):
            self.row(row, texts)
        self.category_merges()

    def row(self, row: Row, texts: list[str]) -> None:
        r = self.row_of[row.figure.name]
        figure = row.figure
        values = number_format(figure)
        lines = 1
        for key, text in zip(self.keys, texts):
            style = CellStyle(BODY_FONT, horizontal=_ALIGN.get(key, "right"))
            if key == "number":
                self.number(r, key, row.number, style)
            elif key == "category":
                if row.category_rows:
                    self.text(r, key, text, style)
                else:
                    self.blank(r, key, style)
                if row.category_rows == 1:
                    lines = max(lines, self.lines(key, text))
            elif key in ("label", "unit", "note"):
                if text:
                    self.text(r, key, text, style)
                else:
                    self.blank(r, key, style)
                lines = max(lines, self.lines(key, text))
            elif key == "value":
                self.value(r, key, figure.value, figure.formula, "value", CellStyle(BODY_FONT, values, horizontal="right"))
            elif key == "previous":
                formula = figure.formula if figure.previous_formula else None
                self.value(r, key, figure.previous, formula, "previous", CellStyle(BODY_FONT, values, horizontal="right"))
            elif key == "delta":
                style = CellStyle(BODY_FONT, delta_format(figure), horizontal="right")
                if figure.previous is None:
                    self.blank(r, key, style)
                else:
                    self.formula(r, key, f"{self.letter['value']}{r}-{self.letter['previous']}{r}", style)
            elif key == "growth":
                style = CellStyle(BODY_FONT, GROWTH_FORMAT, horizontal="right")
                if has_growth(figure):
                    now, before = f"{self.letter['value']}{r}", f"{self.letter['previous']}{r}"
                    # A zero base has no growth rate: an empty cell, never #DIV/0!.
                    self.formula(r, key, f'IF({before}=0,"",({now}-{before})/{before})', style)
                else:
                    self.blank(r, key, style)
        self.heights[r] = lines * LINE_PT + ROW_PAD_PT

    def value(self, r: int, key: str, number, formula: str | None, column: str, style: CellStyle) -> None:
        """A figure's number, or its formula over the same column of the figures it uses."""
        if formula is not None and number is not None:
            letter = self.letter[column]
            refs = {name: f"{letter}{row}" for name, row in self.row_of.items()}
            self.formula(r, key, to_excel(parse(formula), refs), style)
        elif number is not None:
            self.number(r, key, number, style)
        else:
            self.blank(r, key, style)

    def category_merges(self) -> None:
        letter = self.letter["category"]
        for row in self.table.rows:
            if row.category_rows > 1:
                first = self.row_of[row.figure.name]
                last = first + row.category_rows - 1
                self.merges.append(f"{letter}{first}:{letter}{last}")
                # The merged cell is as tall as its rows together: add height if the name needs it.
                need = self.lines("category", row.category) * LINE_PT + ROW_PAD_PT
                have = sum(self.heights[r] for r in range(first, last + 1))
                if need > have:
                    self.heights[last] += need - have

    def xml(self) -> bytes:
        self.layout()
        ncols = len(self.table.columns)
        last_row = HEADER_ROW + len(self.table.rows)
        cols = "".join(f'<col min="{i}" max="{i}" width="{self.widths[k]}" customWidth="1"/>'
                       for i, k in enumerate(self.keys, start=1))
        rows = "".join(
            f'<row r="{r}" ht="{self.heights.get(r, 15)}" customHeight="1">{"".join(cells)}</row>'
            for r, cells in sorted(self.rows.items()))
        merges = "".join(f'<mergeCell ref="{m}"/>' for m in self.merges)
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{column_letter(ncols)}{last_row}"/>'
            f'<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="{HEADER_ROW}" '
            f'topLeftCell="A{HEADER_ROW + 1}" activePane="bottomLeft" state="frozen"/>'
            f'<selection pane="bottomLeft" activeCell="A{HEADER_ROW + 1}" sqref="A{HEADER_ROW + 1}"/>'
            f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            f'<sheetData>{rows}</sheetData><mergeCells count="{len(self.merges)}">{merges}</mergeCells>'
            '<printOptions horizontalCentered="1"/>'
            '<pageMargins left="0.6" right="0.6" top="0.8" bottom="0.8" header="0.3" footer="0.4"/>'
            '<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>'
            '<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>'
            '</worksheet>').encode("utf-8")
