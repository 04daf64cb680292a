"""A form's cell as people type it: numbers, text numbers, percentages, 约数, and what is not a number."""

from __future__ import annotations

import datetime

import pytest

from lawgov_report.readers.cells import CellError, CellNumber, read_cell


@pytest.mark.parametrize("value, fmt, unit, expected", [
    (20, "General", "起", CellNumber(20)),
    (20.0, "General", "", CellNumber(20)),
    ("1,900", "General", "", CellNumber(1900)),
    ("１９００", "General", "", CellNumber(1900)),
    ("1，900", "General", "", CellNumber(1900)),
    ("\u3000 20 ", "General", "", CellNumber(20)),
    ("98.5", "General", "", CellNumber(98.5)),
    ("98%", "General", "%", CellNumber(98)),
    ("98％以上", "General", "%", CellNumber(98, "以上")),
    (0.98, "0%", "%", CellNumber(98)),
    (0.985, "0.0%", "%", CellNumber(98.5)),
    ("320余", "General", "人次", CellNumber(320, "余")),
    ("320余人次", "General", "人次", CellNumber(320, "余")),
    ("600多", "General", "", CellNumber(600, "多")),
    ("超过600", "General", "", CellNumber(600, "超过")),  # kept as written: the prose prints 超过600
    ("约600", "General", "", CellNumber(600, "约")),
    ("大约600", "General", "", CellNumber(600, "大约")),
    ("不超过5%", "General", "%", CellNumber(5, "不超过")),
    ("近40场次", "General", "场次", CellNumber(40, "近")),
    ("多于600", "General", "", CellNumber(600, "超过")),
    (600, '"超过"#,##0', "", CellNumber(600, "超过")),
    ("18左右", "General", "起", CellNumber(18, "左右")),
    ("20起", "General", "起", CellNumber(20)),
    ("1.3万余", "General", "", CellNumber(13000, "余")),
    (320, '#,##0"余"', "", CellNumber(320, "余")),
    (None, "General", "", None),
    ("  ", "General", "", None),
])
def test_what_people_type_is_read(value, fmt, unit, expected):
    assert read_cell(value, fmt, unit) == expected


@pytest.mark.parametrize("value, words", [
    ("十八起左右", "汉字数字"),
    ("#DIV/0!", "错误值"),
    ("待定", "阿拉伯数字"),
    ("超过600余", "约数词"),
    (datetime.datetime(2021, 3, 5), "日期"),
    (True, "不是数字"),
    ("40家", "单位与这一行的单位“起”不同"),  # a unit typed, not the row's: not "不是数字"
    ("45余场", "如 45余"),
    ("1.5亿元", "不是数字"),  # a number word, not another unit: "只填 1.5" would be off by 10^8
])
def test_what_is_not_a_number_says_why(value, words):
    with pytest.raises(CellError) as caught:
        read_cell(value, "General", "起")
    assert words in caught.value.message + caught.value.hint
