"""The .xlsx writer: the statistics appendix (主要数据统计表) as a print-ready spreadsheet.

Rows and wording come from statistics.py, the same table as the Word appendix. Values are numbers;
a derived figure is an Excel formula over the cells of the figures it uses (formulas.py), and 增减
and 增幅 are formulas too, so the sheet stays right when a clerk corrects a number in Excel or WPS.
Print-ready: A4, a title row, the header row repeated on every printed page and frozen on screen,
黑体 header and 仿宋 body, thin borders, column widths and row heights that fit Chinese text.
"""

from __future__ import annotations

import functools
import math

from lawgov_report.figures.values import FigureValue
from lawgov_report.figures.formulas import parse, to_excel
from lawgov_report.figures.statistics import (GROWTH_FORMAT, Row, StatisticsTable, cell_texts, delta, delta_format,
                                      growth, has_growth, number_format, previous_format, statistics_table,
                                      text_width)
from lawgov_report.writers.spreadsheet import Formula, Sheet, Style, Workbook, column_letter

SHEET = "统计表"
TITLE_ROW, UNIT_ROW, HEADER_ROW = 1, 2, 3
UNITS_PER_CHAR = 2.3  # one 12 pt Chinese character, in widths of the default font's (宋体 11) digit
PAD = 1.6  # a cell's inner margins, in the same units
LINE_PT, ROW_PAD_PT = 16, 6  # height of one 12 pt line and a row's top and bottom space
MAX_CHARS = {"category": 4, "label": 16, "note": 12, "unit": 3}  # longer text wraps

_ALIGN = {"number": "center", "category": "center", "label": "left", "unit": "center", "note": "left"}
_TITLE = Style(font="黑体", size=16, bold=True, border=False, halign="center")
_ISSUER = Style(font="仿宋", size=12, border=False, halign="left")
_HEADER = Style(font="黑体", size=12, halign="center", wrap=True)


@functools.lru_cache(maxsize=64)  # a handful of distinct styles; one object each is cheap to look up
def _body(halign: str = "center", numfmt: str = "General") -> Style:
    """仿宋 body cells; right-aligned numbers are indented off the border."""
    return Style(font="仿宋", size=12, halign=halign, wrap=True, numfmt=numfmt, indent=1 if halign == "right" else 0)


def to_bytes(figures: dict[str, FigureValue], title: str, issuer: str = "") -> bytes:
    """The .xlsx file's bytes for the figures of one report."""
    from lawgov_report.writers.package import core_properties

    table = statistics_table(figures, title, issuer)
    book = Workbook(title, issuer)
    _Layout(table).write(book.add_sheet(SHEET))
    # The render's date, as in the .docx (SOURCE_DATE_EPOCH makes it reproducible).
    return book.to_bytes(core=core_properties(title, issuer, title))


class _Layout:
    """Lays out one statistics table: widths, the cells of each row and the heights they need."""

    def __init__(self, table: StatisticsTable):
        self.table = table
        self.keys = table.keys
        self.letter = {key: column_letter(i) for i, key in enumerate(self.keys)}
        first = HEADER_ROW + 1
        self.row_of = {row.figure.name: first + i for i, row in enumerate(table.rows)}
        self._refs: dict[str, dict[str, str]] = {}  # column -> figure name -> its cell there
        self.texts = [cell_texts(row, self.keys) for row in table.rows]
        self.widths = self._widths()

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

    def write(self, sheet: Sheet) -> None:
        table, ncols = self.table, len(self.table.columns)
        end = column_letter(ncols - 1)
        sheet.widths = {i: self.widths[key] for i, key in enumerate(self.keys)}
        sheet.default_height = 15  # every row below has its own height
        sheet.freeze_at = f"A{HEADER_ROW + 1}"  # the header stays on screen ...
        sheet.print_title_rows = (HEADER_ROW - 1, HEADER_ROW - 1)  # ... and on every printed page
        sheet.append([table.title] + [None] * (ncols - 1), _TITLE, height=36)
        sheet.merges.append(f"A{TITLE_ROW}:{end}{TITLE_ROW}")
        if table.issuer:
            sheet.append([f"填报单位：{table.issuer}"], _ISSUER, height=22)
            sheet.merges.append(f"A{UNIT_ROW}:{end}{UNIT_ROW}")
        else:
            sheet.append([])  # the row stays empty
        sheet.append([column.header for column in table.columns], _HEADER, height=24)
        rows = [self.row(row, texts) for row, texts in zip(table.rows, self.texts)]
        heights = [height for _, _, height in rows]
        self.category_merges(sheet, heights)
        for (values, styles, _), height in zip(rows, heights):
            sheet.append(values, styles, height)

    def row(self, row: Row, texts: list[str]) -> tuple[list, list[Style], int]:
        """One figure's cells, their styles and the row's height."""
        r = self.row_of[row.figure.name]
        figure = row.figure
        values_format = number_format(figure)
        cells, styles, lines = [], [], 1
        for key, text in zip(self.keys, texts):
            style, value = None, None
            if key == "number":
                value = row.number
            elif key == "category":
                value = text if row.category_rows else None
                if row.category_rows == 1:
                    lines = max(lines, self.lines(key, text))
            elif key in ("label", "unit", "note"):
                value = text or None
                lines = max(lines, self.lines(key, text))
            elif key == "value":
                style = _body("right", values_format)
                value = self.value(figure.value, figure.formula, "value")
            elif key == "previous":
                style = _body("right", previous_format(figure))
                value = self.value(figure.previous, figure.formula if figure.previous_formula else None, "previous")
            elif key == "delta":
                style = _body("right", delta_format(figure))
                if figure.previous is not None:
                    value = Formula(f"{self.letter['value']}{r}-{self.letter['previous']}{r}", delta(figure))
            elif key == "growth":
                style = _body("right", GROWTH_FORMAT)
                if has_growth(figure):
                    now, before = f"{self.letter['value']}{r}", f"{self.letter['previous']}{r}"
                    # A zero base has no growth rate: an empty cell, never #DIV/0!.
                    rate = growth(figure)
                    value = Formula(f'IF({before}=0,"",({now}-{before})/{before})', "" if rate is None else rate)
            cells.append(value)
            styles.append(style if style is not None else _body(_ALIGN.get(key, "right")))
        return cells, styles, lines * LINE_PT + ROW_PAD_PT

    def value(self, number, formula: str | None, column: str):
        """A figure's number, or its formula over the same column of the figures it uses."""
        if formula is not None and number is not None:
            refs = self._refs.get(column)
            if refs is None:  # once a column: made for each formula, a 50x report's took 40 ms
                letter = self.letter[column]
                refs = self._refs[column] = {name: f"{letter}{row}" for name, row in self.row_of.items()}
            # The value computed here is cached in the cell, for readers that do not recalculate
            # (openpyxl, previewers, phones); Excel and WPS recalculate on open (fullCalcOnLoad).
            return Formula(to_excel(parse(formula), refs), number)
        return number

    def category_merges(self, sheet: Sheet, heights: list[int]) -> None:
        letter = self.letter["category"]
        for i, row in enumerate(self.table.rows):
            if row.category_rows > 1:
                first = self.row_of[row.figure.name]
                last = first + row.category_rows - 1
                sheet.merges.append(f"{letter}{first}:{letter}{last}")
                # The merged cell is as tall as its rows together: add height if the name needs it.
                need = self.lines("category", row.category) * LINE_PT + ROW_PAD_PT
                have = sum(heights[i:i + row.category_rows])
                if need > have:
                    heights[i + row.category_rows - 1] += need - have
