"""A cell of a filled-in form (数据填报表) as people type it, read as a figure's number and 约数 marker.

What comes in: numbers; text numbers (``1,900``, ``１９００``, ``1，900``, `` 20 ``); percentages
(``98%`` typed as text, or 0.98 in a percent-formatted cell, as Excel stores a typed ``98%``);
approximate numbers (``320余``, ``600多``, ``98%以上``, ``18左右``, ``超过600``, ``约600``, ``近40``, ``1.3万余``);
the figure's own unit typed after the number (``20起``); and a number whose number format shows a
marker (``#,##0"余"``, ``"超过"#,##0``: the form shows it, so it is part of what the clerk sees and
means).

Anything else ("十八起左右", "待定", "#DIV/0!") is a :class:`CellError` with a hint; the caller
places it at workbook:sheet!cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER

MARKERS = ("以上", "左右", "余", "多")  # markers after the number, as the prose writes them
# Words before the number are kept as the clerk wrote them (超过600 prints 超过600 in the prose, the
# 附件 table and the workbook); two that the prose does not use are read as the word it does.
_PREFIXES = {**{word: word for word in MARKERS_BEFORE_NUMBER}, "多于": "超过", "大于": "超过"}
_BY_LENGTH = sorted(_PREFIXES.items(), key=lambda kv: -len(kv[0]))  # 不超过 before 超过, 大约 before 约
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋，", "0123456789.-+,")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_ERRORS = ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")


@dataclass(frozen=True)
class CellNumber:
    """A number read from a cell, with the marker (余, 以上 …) the clerk wrote beside it ("" for none)."""

    value: int | float
    approx: str = ""


class CellError(ValueError):
    """A cell that is not a number, in Chinese, with a hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def _normalise(number: float) -> int | float:
    """98.0 -> 98; 0.1 * 100 -> 10 (no binary noise from a percent cell)."""
    number = round(number, 10)
    return int(number) if float(number).is_integer() else number


def format_marker(number_format: str) -> tuple[str, bool]:
    """(marker, percent) of an Excel number format: ``#,##0"余"`` -> ("余", False), ``0.0%`` -> ("", True)."""
    section = (number_format or "General").split(";")[0]
    literal = re.search(r'"([^"]*)"\s*$', section)
    marker = literal.group(1).strip() if literal and literal.group(1).strip() in MARKERS else ""
    before = re.match(r'\s*"([^"]*)"', section)  # "超过"#,##0: a word the form shows before the number
    if not marker and before and before.group(1).strip() in MARKERS_BEFORE_NUMBER:
        marker = before.group(1).strip()
    unquoted = re.sub(r'"[^"]*"|\\.', "", section)
    return marker, "%" in unquoted


def read_cell(value, number_format: str = "General", unit: str = "") -> CellNumber | None:
    """The number a cell holds (None for an empty cell); raises :class:`CellError` if it holds none."""
    if value is None:
        return None
    marker, percent = format_marker(number_format)
    if isinstance(value, bool):
        raise CellError(f"“{'TRUE' if value else 'FALSE'}”不是数字", "填写阿拉伯数字")
    if isinstance(value, (int, float)):
        return CellNumber(_normalise(value * 100 if percent else value), marker)
    if not isinstance(value, str):  # a date or time: Excel turned what was typed into one
        raise CellError(f"“{value}”被表格当成了日期或时间，不是数字",
                        "把单元格格式设为“常规”后重新输入数字")
    return _read_text(value, unit, marker)


# A number, perhaps a 约数 marker, then a unit of a few characters (not the row's: read as not a number).
_OTHER_UNIT = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)(余|多|以上|左右)?([\u4e00-\u9fff]{1,4})")


def _read_text(raw: str, unit: str, format_marker_: str) -> CellNumber | None:
    text = raw.translate(_FULL_WIDTH).replace("\u3000", " ").strip()
    if not text:
        return None
    shown = raw.strip() if len(raw.strip()) <= 20 else raw.strip()[:20] + "……"
    if text.upper() in _ERRORS:
        raise CellError(f"单元格显示错误值“{text}”，不是数字", "检查这个单元格的公式，或直接填写数字")
    text = text.replace(" ", "")
    approx = ""
    for word, meaning in _BY_LENGTH:
        if text.startswith(word):
            text, approx = text[len(word):], meaning
            break
    for marker in MARKERS:  # 98%以上: the marker may follow the unit
        if text.endswith(marker):
            if approx:
                raise CellError(f"“{shown}”前后都有约数词，只能有一个", "如 超过600 或 600余")
            text, approx = text[: -len(marker)], marker
            break
    if unit and unit not in "%％" and text.endswith(unit):
        text = text[: -len(unit)]
    for marker in MARKERS:  # 320余人次: the marker before the unit
        if not approx and text.endswith(marker):
            text, approx = text[: -len(marker)], marker
    percent = text.endswith(("%", "％"))
    if percent:
        text = text[:-1]
    scale = 1
    if text.endswith("万"):
        text, scale = text[:-1], 10_000
    if not _NUMBER.fullmatch(text):
        hint = "填写阿拉伯数字，约数写成 320余、超过600、98%以上"
        if re.search("[零〇一二两三四五六七八九十百千万]", text):
            hint = "用阿拉伯数字填写（如 18、18左右），不要写汉字数字"
        typed = _OTHER_UNIT.fullmatch(text)
        # 40家 where the unit is 个; 45余场 where it is 场次 (not 1.5亿元: a number word, not a unit)
        if typed and unit and typed.group(3)[0] not in "十百千万亿":
            number = typed.group(1) + (typed.group(2) or "")
            raise CellError(f"“{shown}”的单位与这一行的单位“{unit}”不同",
                            f"只填数字（如 {number}），单位已写在“单位”一栏；若单位确实变了，请改报告中这个数据的 unit")
        raise CellError(f"“{shown}”不是数字", hint)
    number = float(text.replace(",", "")) * scale
    if not any(c in text for c in ".") or (scale > 1 and number.is_integer()):
        number = int(round(number))
    return CellNumber(_normalise(number), approx or format_marker_)
