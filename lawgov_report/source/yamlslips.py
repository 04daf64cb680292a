"""Typing slips in a clerk's YAML (全角冒号、全角空格、Tab 缩进……), found line by line with their repairs.

A clerk typing YAML with a Chinese input method slips in predictable ways: a full-width colon
(``year：2020``), a full-width space or a tab as indentation, no space after the colon, a text
starting with ``{{`` left unquoted. The parser notices such a slip late and vaguely (often on the
next line, in English); this scan finds every one at its own line and column and says how to fix
it. Each slip carries the repaired line, so the loader can parse the repaired text and go on to
report the file's other mistakes in the same run. This module also words the parser's own errors
in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULL_WIDTH_SPACE = "\u3000"


@dataclass(frozen=True)
class Slip:
    """One typing slip: where it is, what to tell the clerk, and the line as it should read."""

    line: int
    col: int
    message: str
    hint: str
    message_en: str
    repaired: str | None  # the whole repaired line, or None when the intent is not certain
    alternative: str | None = None  # a second reading, tried when the first does not parse


_INDENT = re.compile(r"^[ \t\u3000]*")
# A line that opens a block scalar (| or >): the lines indented under it are text, not structure.
_BLOCK_OPENER = re.compile(r"(?:^|:|-)[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?$")
_ASCII_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_KEY_FULLWIDTH_COLON = re.compile(rf"^([ ]*(?:-[ ]+)?)({_ASCII_KEY})[ \t]*：[ \t\u3000]*(.*)$")
# A Chinese key (a figure's name) with a full-width colon, followed by nothing or a flow mapping;
# prose such as “例如：……” has text right after the colon and is left alone.
_CJK_KEY_FULLWIDTH_COLON = re.compile(
    r"^([ ]*)([^\s\-#\"'{}\[\],:：|>&*!%@`][^\s#\"'{}\[\],:：]{0,29})：[ \t\u3000]*"
    r"(\{.*|#.*|[-+]?[0-9０-９][0-9０-９.,．]*[ ]*(?:余|多|以上)?[ ]*(?:%|％|[^\s\d#：:，。；]{1,4})?(?:[ ]+#.*)?)?$")
_DASH_FULLWIDTH = re.compile(r"^([ ]*)-\u3000+(.*)$")
_DASH_NO_SPACE = re.compile(rf"^([ ]*)-({_ASCII_KEY}:(?:[ ].*)?)$")
_COLON_FULLWIDTH_SPACE = re.compile(rf"^([ ]*(?:-[ ]+)?)({_ASCII_KEY}):\u3000+(.*)$")
_COLON_NO_SPACE = re.compile(rf"^([ ]*)({_ASCII_KEY}):([^\s/:].*)$")
_UNQUOTED_BRACES = re.compile(rf"^([ ]*(?:-[ ]+)?(?:{_ASCII_KEY}:[ ]+)?)(\{{\{{.*?)(?:[ ]+#[ ].*)?$")


def quote(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scan(text: str) -> list[Slip]:
    """Every typing slip in ``text``, at most one per line, in line order."""
    lines = text.split("\n")
    tabs_only = all(not line.startswith(" ") for line in lines if line.strip())
    slips: list[Slip] = []
    block_indent: int | None = None
    for number, line in enumerate(lines, start=1):
        indent = _INDENT.match(line).group(0)
        if block_indent is not None:
            if not line.strip() or len(indent) > block_indent:
                continue
            block_indent = None
        stripped = line[len(indent):]
        if not stripped or stripped.startswith("#"):
            continue
        slip = _slip(number, line, indent, tabs_only)
        if slip is not None and slip.repaired is None and "\t" in indent:
            slip = _tab_readings(slip, line, indent, lines[number:])
        if slip is not None:
            slips.append(slip)
            line = slip.repaired or line
        if _BLOCK_OPENER.search(line.split(" #")[0].rstrip()) and not line.lstrip().startswith(("'", '"')):
            block_indent = len(_INDENT.match(line).group(0))
    return slips


def _tab_readings(slip: Slip, line: str, indent: str, following: list[str]) -> Slip:
    """A tab among space-indented lines: read it as wide as makes the line line up with the next
    one (a sibling, most often), else as two or four spaces, so that the check goes on past it.
    The clerk is still told of the tab; only the rest of the file's mistakes depend on the guess."""
    rest = line[len(indent):]
    widths = [2, 4]
    nxt = next((x for x in following if x.strip() and not x.lstrip().startswith("#") and "\t" not in x), None)
    if nxt is not None:
        target = len(nxt) - len(nxt.lstrip(" "))
        fitting = [w for w in range(1, 9) if len(indent.replace("\t", " " * w)) == target]
        widths = fitting[:1] + widths
    readings = list(dict.fromkeys(indent.replace("\t", " " * w) + rest for w in widths))
    return Slip(slip.line, slip.col, slip.message, slip.hint, slip.message_en, readings[0], readings[1])


def _slip(number: int, line: str, indent: str, tabs_only: bool) -> Slip | None:
    if "\t" in indent:
        # A file indented with tabs only can be read as two spaces a tab; mixed, the intent is unclear.
        repaired = indent.replace("\t", "  ") + line[len(indent):] if tabs_only and " " not in indent else None
        return Slip(number, indent.index("\t") + 1, "不能用 Tab 键缩进，请改用空格",
                    "把行首的 Tab 换成空格（每级两个空格）", "tab used for indentation", repaired)
    if FULL_WIDTH_SPACE in indent:
        # A full-width space is two columns wide: as indentation it meant two spaces, or none at all.
        repaired = indent.replace(FULL_WIDTH_SPACE, "  ") + line[len(indent):]
        return Slip(number, indent.index(FULL_WIDTH_SPACE) + 1, "行首用了全角空格（中文输入法下的空格）缩进",
                    "切换到英文输入法，用半角空格缩进", "full-width space used for indentation", repaired,
                    indent.replace(FULL_WIDTH_SPACE, "") + line[len(indent):])
    m = _DASH_FULLWIDTH.match(line)
    if m:
        return Slip(number, len(m[1]) + 2, "“-”后面是全角空格，这一项不会被当作列表项",
                    "把“-”后面的全角空格改成半角空格", "full-width space after '-'", f"{m[1]}- {m[2]}")
    m = _DASH_NO_SPACE.match(line)
    if m:
        return Slip(number, len(m[1]) + 2, "“-”后面缺少空格，这一项不会被当作列表项",
                    "在“-”后面加一个空格", "no space after '-'", f"{m[1]}- {m[2]}")
    m = _KEY_FULLWIDTH_COLON.match(line) or _CJK_KEY_FULLWIDTH_COLON.match(line)
    if m:
        rest = m[3] or ""
        return Slip(number, line.index("：") + 1, f"键“{m[2]}”后面用了全角冒号“：”，YAML 只认半角冒号“: ”",
                    "切换到英文输入法，把“：”改成冒号加空格“: ”", "full-width colon after a key",
                    f"{m[1]}{m[2]}: {rest}".rstrip() if rest else f"{m[1]}{m[2]}:")
    m = _COLON_FULLWIDTH_SPACE.match(line)
    if m:
        return Slip(number, len(m[1]) + len(m[2]) + 2, f"键“{m[2]}”的冒号后面是全角空格",
                    "把冒号后面的全角空格改成半角空格", "full-width space after a colon",
                    f"{m[1]}{m[2]}: {m[3]}")
    m = _COLON_NO_SPACE.match(line)
    if m:
        return Slip(number, len(m[1]) + len(m[2]) + 1, f"键“{m[2]}”的冒号后面缺少空格",
                    "在冒号后面加一个空格：“键: 值”", "no space after a colon", f"{m[1]}{m[2]}: {m[3]}")
    m = _UNQUOTED_BRACES.match(line)
    if m:
        value = m[2].rstrip()
        return Slip(number, len(m[1]) + 1, "以“{{”开头的文字必须整段加引号，否则会被当作键值对",
                    f"写成 {quote(value)}", "text starting with '{{' must be quoted", f"{m[1]}{quote(value)}")
    return None


def glued_items(lines: list[str], dash_col: int, first_line: int, last_line: int) -> list[Slip]:
    """List items indented too far under a plain, multi-line item of a block sequence.

    ``- 一是……`` followed by ``   - 二是……`` indented one or more spaces deeper than the ``-`` of its
    sequence is not a second item: YAML reads it as a continuation line of the text above and
    folds it in, so the two items come out as one paragraph with a literal “ - ” inside, and the
    parser says nothing. ``first_line``..``last_line`` (0-based) are the lines the item's text
    spans and ``dash_col`` (0-based) the column of its sequence's ``-``; a continuation line that
    begins with ``- `` (or ``-`` and Chinese text) is reported, with the line moved back to the
    sequence's column as the repair. A “ - ” inside a line, a quoted text or a ``|`` block is not
    a continuation line and is never looked at."""
    slips = []
    for index in range(first_line + 1, last_line + 1):
        line = lines[index]
        rest = line.lstrip(" ")
        if not (rest.startswith("- ") or rest[:1] == "-" and rest[1:2] >= "\u2e80"):
            continue
        indent = len(line) - len(rest)
        extra = indent - dash_col
        if extra <= 0:  # cannot happen in a continuation line; a guard all the same
            continue
        slips.append(Slip(index + 1, indent + 1,
                          f"这一项比上一项多缩进了 {extra} 个空格，被当成了上一项文字的续行：两项会连成一段，中间夹着“ - ”",
                          f"这一项缩进多了，和上一项对齐（“-”前面留 {dash_col} 个空格）",
                          "list item indented too far: folded into the item above",
                          " " * dash_col + "- " + rest[1:].lstrip(" \u3000")))
    return slips


def repairs(text: str, slips: list[Slip]) -> list[str]:
    """``text`` with every slip repaired (same lines), first as most likely meant, then the other
    reading where a slip has one; empty if a slip cannot be repaired."""
    if not slips or any(s.repaired is None for s in slips):
        return []
    out = []
    for alternative in (False, True):
        if alternative and not any(s.alternative for s in slips):
            break
        lines = text.split("\n")
        for slip in slips:
            lines[slip.line - 1] = (slip.alternative if alternative else None) or slip.repaired
        out.append("\n".join(lines))
    return out


# The parser's problems in Chinese. Keys are libyaml's wording (problem, else context).
PROBLEMS_ZH = {
    "mapping values are not allowed here": "此处不能出现“: ”（文字中含有“冒号加空格”时，请给整段文字加引号）",
    "mapping values are not allowed in this context": "此处不能出现“: ”（文字中含有“冒号加空格”时，请给整段文字加引号）",
    "found character '\\t' that cannot start any token": "不能用 Tab 键缩进，请改用空格",
    "could not find expected ':'": "缺少“: ”（键和值之间要用英文冒号加空格分隔）",
    "did not find expected key": "缩进不一致，或文字没有加引号（以 { [ ' \" 开头的文字要整段加引号）",
    "did not find expected '-' indicator": "列表缩进不一致，找不到“- ”",
    "found unexpected end of stream": "文件意外结束：引号没有配对，或文件不完整（被截断）",
    "found undefined alias": "引用了未定义的锚点（* 前面没有对应的 &）",
    "found duplicate anchor": "锚点（&）重复定义",
    "expected <block end>, but found '-'": "列表项“- ”的缩进与上一级不一致",
    "while scanning a quoted scalar": "引号没有配对",
    "expected <block end>, but found '<scalar>'": "缩进不一致：这一行的缩进与上一行的层级对不上",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致：这一行的缩进与上一行的层级对不上",
    "expected <block end>, but found '<block sequence start>'": "缩进不一致：这一行的缩进与上一行的层级对不上",
    "found a tab character that violates indentation": "不能用 Tab 键缩进，请改用空格",
    "found a tab character where an indentation space is expected": "不能用 Tab 键缩进，请改用空格",
    "did not find expected ',' or '}'": "花括号“{ }”没有配对（文件可能不完整）",
    "did not find expected ',' or ']'": "方括号“[ ]”没有配对（文件可能不完整）",
    "but found another document": "一个文件只能写一份报告（多出了“---”之后的内容）",
    "found character that cannot start any token": "这里的字符（如 @ ` %）不能开头，请给整段文字加引号",
    "found unknown escape character": "双引号里的反斜杠“\\”有特殊含义：请改用单引号，或去掉反斜杠",
    "found unknown directive name": "以“%”开头的行有特殊含义：请给文字加引号",
    "did not find expected node content": "这里缺少内容，或文字没有加引号",
    "did not find expected <document start>": "这一行的缩进与上文对不上（顶格的键前面不能有空格）",
    "did not find expected comment or line break": "引号后面不能再接文字：引号要括住整段文字",
}

HINTS_ZH = {
    "did not find expected key": "检查这一行和上一行的缩进是否对齐；以 {{ 开头的文字写成 \"{{ year }}年……\"",
    "found unexpected end of stream": "检查引号是否成对，文件末尾是否完整",
    "did not find expected ',' or '}'": "检查 { 和 } 是否成对",
    "did not find expected ',' or ']'": "检查 [ 和 ] 是否成对",
    "but found another document": "删除多余的“---”，或把两份报告分成两个文件",
    "found unknown escape character": "写成单引号 'D:\\报告'，单引号里的反斜杠没有特殊含义",
    "found character that cannot start any token": "给整段文字加上引号",
    "mapping values are not allowed here": "给整段文字加上引号，或检查这一行的缩进",
    "mapping values are not allowed in this context": "给整段文字加上引号，或检查这一行的缩进",
    "could not find expected ':'": "检查上一行：键和值之间要有“: ”，冒号用英文半角",
}


def problem_zh(problem: str, context: str) -> tuple[str, str]:
    """(message, hint) in Chinese for a parser error, or ("", "") when it has no translation."""
    for key in (problem, context):
        if key in PROBLEMS_ZH:
            return PROBLEMS_ZH[key], HINTS_ZH.get(key, "")
    return "", ""
