"""A list item indented too far is folded by YAML into the text above: found at its line and column.

``- 一是……`` then ``  - 二是……`` two spaces (or one) deeper is, to YAML, one plain text over
two lines; the document would print “……95％。 - 认真落实……”. These read real files through
the loader and the ``check`` command; texts that merely contain “ - ” must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_report.cli import main
from lawgov_report.errors import ReportError
from lawgov_report.source.yamlsource import load_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "check"
ITEMS = """\
issuer: 某县人民政府
year: 2020
sections:
  - title: 主要举措和成效
    paragraphs:
      - 一是畅通行政复议渠道，法定期限结案率95％。
{second}
      - 三是加强行政执法与刑事司法有机衔接。
"""


def _load(tmp_path, text: str, name: str = "报告.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, load_file(path)


@pytest.mark.parametrize("extra", [1, 2, 4])
def test_item_indented_too_far_is_an_error_at_its_dash(tmp_path, extra):
    second = " " * (6 + extra) + "- 二是认真落实行政首长出庭应诉制度。"
    path = tmp_path / "报告.yaml"
    path.write_text(ITEMS.format(second=second), encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_file(path)
    [diag] = caught.value.diagnostics
    assert (diag.line, diag.col) == (7, 6 + extra + 1)
    assert f"多缩进了 {extra} 个空格" in diag.message
    assert diag.hint.startswith("这一项缩进多了，和上一项对齐")
    # The rest of the file is read as meant, three items, so the other checks go on from there.
    paragraphs = caught.value.source.data["sections"][0]["paragraphs"]
    assert paragraphs == ["一是畅通行政复议渠道，法定期限结案率95％。", "二是认真落实行政首长出庭应诉制度。",
                          "三是加强行政执法与刑事司法有机衔接。"]


def test_dash_then_chinese_without_a_space_is_found_too(tmp_path):
    path = tmp_path / "报告.yaml"
    path.write_text(ITEMS.format(second="        -二是认真落实行政首长出庭应诉制度。"), encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_file(path)
    assert [(d.line, d.col) for d in caught.value.diagnostics] == [(7, 9)]
    assert caught.value.source.data["sections"][0]["paragraphs"][1] == "二是认真落实行政首长出庭应诉制度。"


def test_a_wrapped_item_and_one_too_far_under_points():
    """The slip after a text the clerk wrapped over two lines, in a points list, as in the corpus."""
    corpus = CORPUS / "item-indented-too-far.yaml"
    result = CliRunner().invoke(main, ["check", str(corpus)])
    assert result.exit_code == 1
    assert f"{corpus}:11:13: 错误" in result.output
    assert "提示：这一项缩进多了，和上一项对齐" in result.output
    assert "发现 1 个错误" in result.output


@pytest.mark.parametrize("second", [
    "      - 二是召开“2020 - 2021年度”工作推进会。",  # “ - ” inside a line
    "        二是认真落实，\n        - 不是列表项，而是引号里的文字",  # (quoted below)
    "      - |\n        二是认真落实：\n        - 块文字里的一行",  # a | block keeps its lines
    "      - 二是结案率提高了\n        -5个百分点以外的……",  # a minus sign before a number
])
def test_text_with_a_dash_is_not_taken_for_an_item(tmp_path, second):
    if second.startswith("        二是"):
        second = '      - "二是认真落实，\n        - 不是列表项，而是引号里的文字"'
    path, source = _load(tmp_path, ITEMS.format(second=second))
    assert len(source.data["sections"][0]["paragraphs"]) == 3


def test_thousands_comma_in_a_one_line_figure_is_explained_at_the_number():
    """``{value: 1,900, unit: 人}`` (the one-line style ``new`` writes) reads as ``value: 1`` and
    a key ``900``; it gets the block form's message, at the number's column."""
    corpus = CORPUS / "thousands-separator-flow.yaml"
    result = CliRunner().invoke(main, ["check", str(corpus)])
    assert result.exit_code == 1
    assert f"{corpus}:22:33: 错误 figures.受理数.value: 应为数字：“1,800”里有千分位逗号" in result.output
    assert "提示：写成 1800" in result.output
    assert "未知的键" not in result.output


@pytest.mark.parametrize("value, shown", [("1,234,567", "1,234,567"), ("12,345.5", "12,345.5")])
def test_thousands_comma_groups_all_join(tmp_path, value, shown):
    path = tmp_path / "数据.yaml"
    path.write_text(f"figures:\n  人数: {{label: 人数, value: {value}, unit: 人}}\n", encoding="utf-8")
    source = load_file(path)
    assert source.data["figures"]["人数"] == {"label": "人数", "value": shown, "unit": "人"}
    assert source.locate(("figures", "人数", "value")) == (2, 26)  # at the number's first digit


def test_a_spaced_comma_is_a_separate_key_still(tmp_path):
    """``1, 900`` is not a thousands comma for certain: left to the unknown-key message."""
    path, source = _load(tmp_path, "figures:\n  人数: {label: 人数, value: 1, 900, unit: 人}\n")
    assert source.data["figures"]["人数"]["value"] == 1
    assert "900" in source.data["figures"]["人数"]
