"""Editing a report's YAML text in place: each text keeps its quoting style, list items go and come
with their own lines only, keys are added where they belong, comments stay."""

from __future__ import annotations

import yaml

from lawgov_report.source.yamlpatch import Patch
from lawgov_report.source.yamlsource import load_text

TEXT = """# 报告
year: 2020   # 年度
preamble:
  - "{{ year }}年，双引号。"
  - '单引号的''话'
  - 普通的话
sections:
  - title: 工作   # 标题
    paragraphs:
      - |
        块文字第一行
      # 这条注释属于下一项
      - 第二段
"""


def edited(*edits) -> str:
    source = load_text(TEXT, "t.yaml")
    patch = Patch(source)
    for edit in edits:
        getattr(patch, edit[0])(*edit[1:])
    return patch.apply()


def test_texts_keep_their_quoting_style():
    out = edited(("set_text", ("preamble", 0), "{{ year }}年，改了。"), ("set_text", ("preamble", 1), "改'了"),
                 ("set_text", ("preamble", 2), "也改了"),
                 ("set_text", ("sections", 0, "paragraphs", 0, "text"), "块文字改了\n"))
    assert '  - "{{ year }}年，改了。"\n' in out
    assert "  - '改''了'\n" in out
    assert "  - 也改了\n" in out
    assert "      - |\n        块文字改了\n" in out
    assert out.count("#") == TEXT.count("#")
    data = yaml.safe_load(out)
    assert data["sections"][0]["paragraphs"][0] == "块文字改了\n"


def test_list_items_are_deleted_and_inserted_by_their_own_lines():
    out = edited(("delete_item", ("preamble", 1)), ("insert_item", ("preamble",), 2, 3, "新的一段"),
                 ("insert_item", ("sections", 0, "paragraphs"), None, 2, {"points": ["甲", "乙"]}))
    data = yaml.safe_load(out)
    assert data["preamble"] == ["{{ year }}年，双引号。", "新的一段", "普通的话"]
    assert data["sections"][0]["paragraphs"][-1] == {"points": ["甲", "乙"]}
    assert "      # 这条注释属于下一项\n      - 第二段\n" in out


def test_a_key_is_added_after_its_neighbour_and_a_comment_above_an_item():
    out = edited(("add_key", (), "date", "2021-03-05", "year"),
                 ("comment_before", ("sections", 0, "title"), "审阅批注：请核实"))
    assert "year: 2020   # 年度\ndate: 2021-03-05\n" in out
    assert "  # 审阅批注：请核实\n  - title: 工作   # 标题\n" in out
    assert str(yaml.safe_load(out)["date"]) == "2021-03-05"
