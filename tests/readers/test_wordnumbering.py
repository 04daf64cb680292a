"""Word's automatic numbering as Word counts it (numbering.xml read by readers/wordnumbering.py)."""

from __future__ import annotations

import pytest
from lxml import etree

from lawgov_report.readers.wordnumbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering(levels, overrides="") -> Numbering:
    lvl = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
                  f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text, start, extra) in enumerate(levels))
    xml = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="7">{lvl}</w:abstractNum>'
           f'<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
           f'<w:num w:numId="2"><w:abstractNumId w:val="7"/>{overrides}</w:num></w:numbering>')
    return Numbering(etree.fromstring(xml))


@pytest.mark.parametrize("n,fmt,want", [(3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"),
                                        (3, "decimal", "3"), (2, "ideographTraditional", "乙"),
                                        (4, "decimalEnclosedCircle", "④"), (3, "upperLetter", "C"),
                                        (4, "lowerRoman", "iv"), (5, "decimalFullWidth", "５"),
                                        (2, "chineseLegalSimplified", "贰"), (1, "bullet", "")])
def test_formats(n, fmt, want):
    assert format_number(n, fmt) == want


def test_levels_count_and_restart_as_in_word():
    lists = numbering([("chineseCounting", "%1、", 1, ""), ("chineseCounting", "（%2）", 1, ""),
                       ("decimal", "%3.", 1, '<w:lvlRestart w:val="1"/>')])
    got = [lists.number("1", ilvl) for ilvl in (0, 1, 2, 2, 1, 2, 0, 1, 2)]
    # "1." restarts only under a new "一、" (lvlRestart 1): 1. 2. under （一）, 3. under （二）.
    assert got == ["一、", "（一）", "1.", "2.", "（二）", "3.", "二、", "（一）", "1."]


def test_bullets_are_not_numbers():
    lists = numbering([("bullet", "\uf06c", 1, ""), ("decimal", "%2.", 1, "")])
    assert [lists.number("1", 0), lists.number("1", 1), lists.number("1", 0)] == ["", "1.", ""]


def test_a_level_text_may_quote_the_levels_above():
    lists = numbering([("decimal", "%1.", 1, ""), ("decimal", "%1.%2", 1, ""), ("decimal", "第%3条", 5, "")])
    assert [lists.number("1", i) for i in (0, 1, 1, 2, 0, 1)] == ["1.", "1.1", "1.2", "第5条", "2.", "2.1"]


def test_lists_of_one_definition_count_together_until_a_start_override():
    lists = numbering([("chineseCounting", "（%1）", 1, "")],
                      '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    assert [lists.number("1", 0), lists.number("1", 0), lists.number("2", 0), lists.number("2", 0)] == [
        "（一）", "（二）", "（一）", "（二）"]
    assert lists.number("0", 0) == "" and lists.number("9", 0) == ""  # no list, an unknown list
