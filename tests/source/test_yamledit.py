"""Editing a report's YAML text in place: every shape a figure takes, comments and layout kept."""

from __future__ import annotations

import pytest

from lawgov_report.errors import ReportError
from lawgov_report.source.yamledit import encode_like, set_figure_value
from lawgov_report.source.yamlsource import load_text

TEXT = """\
# 数据
figures:
  a: 18   # 指标目录
  b: 98%
  c: {value: null, previous: 3, approx: 余}  # 待填写本年数值
  d:
    label: 丁   # 名称
    value:  # 待填写本年数值
    previous: 3
  e:
  f: {approx: 余, value: 3}
  h:
    value: null  # 待填写本年数值
year: 2021
"""


@pytest.mark.parametrize("name, value, approx, line", [
    ("a", 19, None, "  a: 19   # 指标目录"),
    ("a", 19, "余", "  a: {value: 19, approx: 余}   # 指标目录"),
    ("b", 97.5, None, "  b: 97.5%"),
    ("c", 4, None, "  c: {value: 4, previous: 3, approx: 余}"),
    ("c", 4, "", "  c: {value: 4, previous: 3}"),
    ("c", 4, "以上", "  c: {value: 4, previous: 3, approx: 以上}"),
    ("d", 5, None, "    value: 5"),
    ("e", 6, None, "  e: 6"),
    ("f", 2, "", "  f: {value: 2}"),
    ("g", 7, None, "  g: 7"),
    ("h", 8, None, "    value: 8"),
])
def test_each_shape_takes_its_value_and_keeps_the_rest(name, value, approx, line):
    out = set_figure_value(TEXT, name, value, approx)
    assert line in out.split("\n")
    figure = load_text(out, "x").data["figures"][name]
    assert (figure.get("value") if isinstance(figure, dict) else figure) in (value, f"{value}%")
    assert out.count("# ") == TEXT.count("# ") - (1 if name in "cdh" else 0)  # only 待填写 goes
    assert out.endswith("year: 2021\n")


def test_a_block_approx_is_added_and_removed():
    out = set_figure_value(TEXT, "d", 5, "多")
    assert "    approx: 多" in out
    assert "approx" not in set_figure_value(out, "d", 5, "").split("  e:")[0].split("  d:")[1]


def test_aliases_are_refused_not_corrupted():
    text = "figures:\n  a: &x {value: 1}\n  b: *x\n"
    with pytest.raises(ReportError):
        set_figure_value(text, "b", 2)  # its text is a's


def test_encoding_and_line_ends_are_kept():
    original = "year: 2021\r\n数据: 1\r\n".encode("gb18030")
    assert encode_like(original, "year: 2021\n数据: 2\n") == "year: 2021\r\n数据: 2\r\n".encode("gb18030")
    assert encode_like(b"\xef\xbb\xbfa: 1\n", "a: 2\n") == b"\xef\xbb\xbfa: 2\n"
