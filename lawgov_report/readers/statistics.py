"""The 附件 statistics table of an imported report (主要数据统计表): its rows, which name the figures.

A report rendered by this engine, or kept in its layout, ends with a table 序号 | 类别 | 指标 | 单位 |
本年 [| 上年 | 增减 | 增幅] [| 备注]. Its 指标 column is what the clerk called each figure and its
上年 column last year's value, which the prose does not say: import takes both for the figure whose
value and unit the row has, rather than naming it from the words around its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgov_report.readers.draft import SourceParagraph

_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?")
_HEADERS = {"指标": "label", "指标名称": "label", "项目": "label", "单位": "unit", "本年": "value", "数值": "value",
            "本年度": "value", "上年": "previous", "上年度": "previous", "类别": "category"}


@dataclass
class StatisticsRow:
    """One row of the table: 指标, 单位, 本年 and 上年 (with their 约数 marks, 80余), 类别."""

    label: str
    unit: str
    value: int | float
    previous: int | float | None = None
    previous_approx: str = ""
    category: str = ""
    used: bool = False


def _number(cell: str) -> tuple[int | float | None, str]:
    """The number a cell shows and the 约数 mark around it ("80余" -> (80, "余"))."""
    m = _NUMBER.search(cell)
    if m is None:
        return None, ""
    digits = m.group().replace(",", "")
    value = float(digits) if "." in digits else int(digits)
    return value, (cell[:m.start()] + cell[m.end():]).replace("%", "").replace("％", "").strip()


def read_rows(pages: list[SourceParagraph], year: int | None = None) -> list[StatisticsRow]:
    """The statistics rows of the 附件 pages: the first table whose header has 指标 and 本年 (or the
    report's year, 2020年; the year before it is 上年)."""
    headers = dict(_HEADERS)
    if year:
        for suffix in ("", "年", "年度"):
            headers[f"{year}{suffix}"], headers[f"{year - 1}{suffix}"] = "value", "previous"
    rows: list[StatisticsRow] = []
    columns: dict[str, int] | None = None
    category = ""
    for p in pages:
        if p.role != "table":
            if columns is not None and rows:
                break  # the table ended
            continue
        cells = [c.strip() for c in p.text.split("\t")]
        if columns is None:
            found = {headers[c]: i for i, c in enumerate(cells) if c in headers}
            if "label" in found and "value" in found:
                columns = found
            continue
        if len(cells) <= max(columns.values()):
            continue
        value, _ = _number(cells[columns["value"]])
        label = cells[columns["label"]]
        if value is None or not label:
            continue
        if "category" in columns and cells[columns["category"]]:
            category = cells[columns["category"]]  # a merged 类别 cell shows on its first row only
        previous, previous_approx = _number(cells[columns["previous"]]) if "previous" in columns else (None, "")
        rows.append(StatisticsRow(label, cells[columns["unit"]] if "unit" in columns else "", value, previous,
                                  previous_approx, category))
    return rows


def take(rows: list[StatisticsRow], value: int | float, unit: str, words: str) -> StatisticsRow | None:
    """The row not yet taken that shows ``value`` in ``unit`` (% and ％ alike), and take it: of
    several (100% 备案率, 100% 合法率), the one whose 指标 shares most characters with ``words``, the
    sentence's own name for the number; else the first, as the table lists figures in the text's order."""
    unit = "%" if unit == "％" else unit
    candidates = [row for row in rows if not row.used and row.value == value
                  and (row.unit.replace("％", "%") == unit or not row.unit)]
    if not candidates:
        return None
    row = max(candidates, key=lambda r: len(set(r.label) & set(words)))  # max keeps the first of a tie
    row.used = True
    return row
