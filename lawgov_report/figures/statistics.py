"""The statistics table (主要数据统计表): the figures grouped by category, one row each.

Both the .xlsx appendix and the Word table on the 附件 page are laid out from this table, so they
show the same rows, numbers and wording. Columns: 序号 / 类别 / 指标 / 单位 / 本年, and where any
figure has a previous-year value 上年 / 增减 / 增幅; 备注 where any figure has a note. A number's
display is one Excel number format (``#,##0.0"余"``), and :func:`display` writes it as Excel, WPS and
LibreOffice show it, so the Word table reads exactly as the spreadsheet does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER, PERCENTAGE, FigureValue, round_half_up

OTHER = "其他"  # the category of a figure that names none
GROWTH_FORMAT = '+0.0%;-0.0%;0.0%'


@dataclass(frozen=True)
class Column:
    """A column: its key, its header (表头) and whether it holds numbers (right-aligned)."""

    key: str
    header: str
    numeric: bool = False


@dataclass
class Row:
    """One figure's row; the first row of a category carries how many rows the category spans."""

    number: int  # 序号
    category: str
    figure: FigureValue
    category_rows: int = 0  # on the first row of a category: its row count; 0 on the others


@dataclass
class StatisticsTable:
    """The table: its title, issuer, columns and rows, category by category."""

    title: str
    issuer: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]


def statistics_table(figures: dict[str, FigureValue], title: str, issuer: str = "") -> StatisticsTable:
    """The figures grouped by category, categories in order of first appearance."""
    groups: dict[str, list[FigureValue]] = {}
    for figure in figures.values():
        groups.setdefault(figure.category or OTHER, []).append(figure)
    columns = [Column("number", "序号"), Column("category", "类别"), Column("label", "指标"),
               Column("unit", "单位"), Column("value", "本年", True)]
    if any(f.previous is not None for f in figures.values()):
        columns += [Column("previous", "上年", True), Column("delta", "增减", True), Column("growth", "增幅", True)]
    if any(f.note for f in figures.values()):
        columns.append(Column("note", "备注"))
    table = StatisticsTable(title, issuer, columns)
    for category, members in groups.items():
        for i, figure in enumerate(members):
            table.rows.append(Row(len(table.rows) + 1, category, figure, len(members) if i == 0 else 0))
    return table


def number_format(figure: FigureValue, marker: bool = True) -> str:
    """The Excel number format of a figure's values: grouping, its decimals, its 余/以上 marker."""
    return _number_format(figure.digits, figure.approx, marker)


@functools.lru_cache(maxsize=256)  # a handful of (decimals, marker) pairs; the 附件 table asks 6,000 times
def _number_format(digits: int, approx: str, marker: bool) -> str:
    code = "#,##0" + ("." + "0" * digits if digits else "")
    literal = "".join(c for c in approx if c not in '"\\;')  # these would break the format code
    if marker and literal:
        code = f'"{literal}"{code}' if approx in MARKERS_BEFORE_NUMBER else f'{code}"{literal}"'
    return code


def previous_format(figure: FigureValue) -> str:
    """The 上年 column's number format: last year's own 约数 marker (40余), not this year's (约600)."""
    return _number_format(figure.digits, figure.previous_approx, True)


def delta_format(figure: FigureValue) -> str:
    """增减 shows its sign: +12, -3, 0."""
    plain = number_format(figure, marker=False)
    return f"+{plain};-{plain};{plain}"


def delta(figure: FigureValue):
    """本年 - 上年, or None without a previous value."""
    if figure.previous is None or figure.value is None:
        return None
    result = figure.value - figure.previous
    return round(result, 10) if isinstance(result, float) else result


def growth(figure: FigureValue):
    """(本年 - 上年) / 上年; None for a percentage (its change is 增减, in points) or a zero base."""
    if figure.kind == PERCENTAGE or not figure.previous or figure.value is None:
        return None
    return (figure.value - figure.previous) / figure.previous


def has_growth(figure: FigureValue) -> bool:
    """Whether the 增幅 cell holds a formula (it does whenever there is a previous value)."""
    return figure.kind != PERCENTAGE and figure.previous is not None


def display(value, code: str) -> str:
    """``value`` as a spreadsheet shows it under the number format ``code`` (the subset used here)."""
    if value is None:
        return ""
    sections = _sections(code) if ";" in code else ()  # most codes have one section (one cache look-up less)
    if len(sections) == 3:
        section = sections[0] if value > 0 else sections[1] if value < 0 else sections[2]
        sign = ""
        if section[:1] in "+-":
            sign, section = section[0], section[1:]
        return sign + display(abs(value), section)
    lead, literal, percent, digits, grouped = _section_parts(code)
    if type(value) is int and not percent and not digits and abs(value) < 2 ** 53:
        text = f"{value:,}" if grouped else str(value)  # what the rounding below gives a whole number
    else:
        number = Decimal(repr(float(value))) * (100 if percent else 1)
        rounded = round_half_up(float(number), digits)
        text = f"{rounded:,.{digits}f}" if grouped else f"{rounded:.{digits}f}"
        if text.lstrip("-").strip("0.,") == "":
            text = text.lstrip("-")  # spreadsheets show -0.0 as 0.0
    return lead + text + ("%" if percent else "") + literal


def displayed(values: list, codes: list[str]) -> list[str]:
    """:func:`display` of each value under its code; a whole number under a one-section code without
    decimals (most of a 附件: 2,000 cells of a 50x report) written here, without a call for each."""
    plain: dict[str, tuple | None] = {}  # code -> (lead, literal, grouped), None: display() it
    out = []
    for value, code in zip(values, codes):
        if type(value) is int and -2 ** 53 < value < 2 ** 53:
            parts = plain.get(code, False)
            if parts is False:
                lead, literal, percent, digits, grouped = _section_parts(code)
                parts = plain[code] = None if ";" in code or percent or digits else (lead, literal, grouped)
            if parts is not None:
                lead, literal, grouped = parts
                out.append(f"{lead}{value:,}{literal}" if grouped else f"{lead}{value}{literal}")
                continue
        out.append(display(value, code))
    return out


# A format code is read once, not for every cell: the 附件 table of a 50x report shows 6,000 numbers
# in a dozen formats.
@functools.lru_cache(maxsize=256)
def _sections(code: str) -> tuple[str, ...]:
    return tuple(code.split(";"))


@functools.lru_cache(maxsize=256)
def _section_parts(code: str) -> tuple[str, str, bool, int, bool]:
    """One section of a format code: the text before and after the number, %, decimals, grouping."""
    literal = lead = ""
    if code.startswith('"'):  # "超过"#,##0: a qualifier written before the number
        lead, _, code = code[1:].partition('"')
    if code.endswith('"'):
        code, _, literal = code[:-1].rpartition('"')
    percent = code.endswith("%")
    body = code.rstrip("%")
    digits = len(body.split(".")[1]) if "." in body else 0
    return lead, literal, percent, digits, "," in body


def cell_texts(row: Row, keys: list[str]) -> list[str]:
    """The row's cells as the spreadsheet shows them after recalculation."""
    figure = row.figure
    code = number_format(figure)
    texts = {
        "number": str(row.number),
        "category": row.category,
        "label": figure.label,
        "unit": figure.unit,
        "value": display(figure.value, code),
        "previous": display(figure.previous, previous_format(figure)),
        "delta": display(delta(figure), delta_format(figure)) if figure.previous is not None else "",
        "growth": display(growth(figure), GROWTH_FORMAT) if has_growth(figure) else "",
        "note": figure.note or "",
    }
    return [texts[key] for key in keys]


def table_texts(table: StatisticsTable) -> list[list[str]]:
    """Every row's cells, as :func:`cell_texts` gives them, made a column at a time: the 附件 of a
    50x report has 2,000 rows, and a row at a time took twice as long (a dict of every column each)."""
    return [list(cells) for cells in zip(*table_columns(table))]


def table_columns(table: StatisticsTable) -> list[list[str]]:
    """Every column's cells (in the order of ``table.keys``), as :func:`cell_texts` gives them."""
    rows = table.rows
    figures = [row.figure for row in rows]
    codes = [number_format(figure) for figure in figures]
    columns = {
        "number": lambda: [str(row.number) for row in rows],
        "category": lambda: [row.category for row in rows],
        "label": lambda: [figure.label for figure in figures],
        "unit": lambda: [figure.unit for figure in figures],
        "value": lambda: displayed([figure.value for figure in figures], codes),
        "previous": lambda: [display(figure.previous, previous_format(figure)) for figure in figures],
        "delta": lambda: [display(delta(figure), delta_format(figure)) if figure.previous is not None else ""
                          for figure in figures],
        "growth": lambda: [display(growth(figure), GROWTH_FORMAT) if has_growth(figure) else ""
                           for figure in figures],
        "note": lambda: [figure.note or "" for figure in figures],
    }
    return [columns[key]() for key in table.keys]


_WIDE = re.compile("[\u2e80-\U0010ffff—…“”‘’·]")


def text_width(text: str) -> float:
    """Width in full-width characters: CJK and full-width punctuation 1, digits and Latin 0.5."""
    if text.isascii():
        return len(text) * 0.5
    wide = len(_WIDE.findall(text))
    return (len(text) - wide) * 0.5 + wide
