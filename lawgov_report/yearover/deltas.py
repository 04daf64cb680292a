"""The figure comparison workbook (数据对比表): every figure of two reports, old, new, change, %.

The change and the percentage are real formulas over the two value cells, so a reviewer who
corrects a value in Excel or WPS sees them follow. A figure one side lacks leaves its cell blank,
and the formulas then stay blank too (never #DIV/0! or #VALUE!), as does the percentage of a change
from 0. Each formula carries the value Python computed, for readers that do not recalculate.
"""

from __future__ import annotations

import functools

from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER
from lawgov_report.yearover.compare import Comparison
from lawgov_report.writers.spreadsheet import Formula, Style, Workbook, cell_ref

_TITLE = Style(font="方正小标宋简体", size=16, border=False, halign="center")
_NOTE = Style(size=10, border=False, halign="left")
_HEAD = Style(font="黑体", size=12, halign="center", wrap=True, fill="F2F2F2")
_TEXT = Style(halign="left", wrap=True)
_CENTER = Style(halign="center")
_PERCENT = Style(halign="right", numfmt="+0.0%;-0.0%;0.0%")

@functools.lru_cache(maxsize=None)
def _number_styles(digits: int, approx: str = "") -> tuple[Style, Style]:
    """A figure's value (with its 约数 marker: 40余, 超过600) and its change, with its decimals (as its
    reports show it)."""
    plain = "0" + ("." + "0" * digits if digits else "")
    marker = "".join(c for c in approx if c not in '"\\;')  # these would break the format code
    shown = (f'"{marker}"{plain}' if approx in MARKERS_BEFORE_NUMBER else f'{plain}"{marker}"') if marker else plain
    return Style(halign="right", numfmt=shown), Style(halign="right", numfmt=f"+{plain};-{plain};{plain}")


_STATUS_ZH = {"changed": "变化", "same": "未变", "added": "新增", "removed": "删除", "unfilled": "未填写"}
_COLUMNS = ("序号", "类别", "数据名", "指标", "单位", "OLD", "NEW", "增减", "增幅", "状态")
_WIDTHS = (6, 14, 18, 30, 8, 12, 12, 12, 10, 8)


def _headers(comparison: Comparison) -> tuple[str, str]:
    if comparison.old_year != comparison.new_year:
        return f"{comparison.old_year}年", f"{comparison.new_year}年"
    return "原稿", "新稿"


def to_bytes(comparison: Comparison) -> bytes:
    """The workbook's bytes: a title, a note naming the two files, then one row per figure."""
    old_head, new_head = _headers(comparison)
    book = Workbook(title="数据对比表")
    sheet = book.add_sheet("数据对比")
    for col, width in enumerate(_WIDTHS):
        sheet.widths[col] = width
    last = len(_COLUMNS) - 1
    sheet.append([f"数据对比表（{old_head} → {new_head}）"] + [None] * last, [_TITLE] + [None] * last, height=30)
    sheet.merges.append(f"A1:{cell_ref(0, last)}")
    sheet.append([f"原：{comparison.old_file}；新：{comparison.new_file}"] + [None] * last,
                 [_NOTE] + [None] * last)
    sheet.merges.append(f"A2:{cell_ref(1, last)}")
    header = [old_head if c == "OLD" else new_head if c == "NEW" else c for c in _COLUMNS]
    head_row = sheet.append(header, _HEAD, height=24)
    sheet.freeze_at = cell_ref(head_row + 1, 0)
    sheet.print_title_rows = (head_row, head_row)
    for number, delta in enumerate(comparison.figures, start=1):
        r = sheet.next_row
        old_style = _number_styles(delta.old_digits, delta.old_approx)[0]
        new_style = _number_styles(delta.new_digits, delta.new_approx)[0]
        change_style = _number_styles(delta.digits)[1]
        old, new = cell_ref(r, 5), cell_ref(r, 6)
        change = Formula(f'IF(OR({old}="",{new}=""),"",{new}-{old})',
                         delta.change if delta.change is not None else "")
        percent = Formula(f'IF(OR({old}="",{new}="",{old}=0),"",({new}-{old})/{old})',
                          delta.percent / 100 if delta.percent is not None else "")
        sheet.append([number, delta.category or "", delta.name, delta.label, delta.unit, delta.old, delta.new,
                      change, percent, _STATUS_ZH[delta.status]],
                     [_CENTER, _TEXT, _TEXT, _TEXT, _CENTER, old_style, new_style, change_style, _PERCENT, _CENTER])
    return book.to_bytes()
