"""Raw scalars: what YAML silently made of what the clerk typed (yes → true, 010 → 8, 1:30 → 90 …).

YAML reads an unquoted value by its look: ``no`` is false, ``2021-03-05`` a date, ``010`` the octal
number 8, ``1:30`` the number 90, ``1.10`` the number 1.1. Two uses here:

- :func:`explain` words a validation error in terms of what was typed (``“320人次”：数值和单位
  要分开写``), so the clerk sees the cause and not only "应为数字";
- :func:`lint` finds the silent conversions validation accepts (``value: 010`` is a valid 8) and
  placeholders left in any text (XX, ××, TODO, 待补充).
"""

from __future__ import annotations

import datetime
import re

from lawgov_report.errors import ERROR, WARNING, Diagnostic
from lawgov_report.numerals import from_chinese
from lawgov_report.source import yamlfast
from lawgov_report.source.yamlnodes import ScalarView
from lawgov_report.source.yamlsource import Source, format_path

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_NUMBER_WITH_WORDS = re.compile(
    r"\s*(约|近|超过|超|共|达)?\s*(-?[0-9０-９][0-9０-９,，.．]*)\s*(余|多|以上|左右|余万)?\s*(%|％|[^\s\d%％]+)?\s*")
_KEY_WITH_FULLWIDTH_COLON = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*：")
# Placeholders left in a text. Every alternative begins with a plain character (XX+ rather than
# X{2,}, 待填写|请填写 rather than [待请]填写), so the regex engine skips straight to the few characters
# that can begin one: 13x faster on a report's texts than the plainer spelling, the same matches.
PLACEHOLDER = re.compile(r"XX+|xxx+|××+|╳╳+|\*\*\*+|TODO|TBD|待补充|待填写|请填写|待填|请补充|待定|＿＿+|___+|□□+|○○+"
                         r"|？？+|\?\?+|\[\s*\]|（\s*）|【[^】]{0,12}】")
# What PLACEHOLDER finds in a value, this finds in the file's text (see text_may_hold): \s* takes
# the line breaks and indentation a folded value reads as one space, and 【[^】]* what {0,12}
# counted after folding.
_PLACEHOLDER_IN_TEXT = re.compile(PLACEHOLDER.pattern.replace("【[^】]{0,12}】", "【[^】]*】"))
# What validate's content_problems looks for in the values: control characters (written as YAML
# escapes), direction overrides, full-width braces. Kept here so that one search of the file's
# text answers for both checks (text_may_hold).
CONTROL_CHARS = "".join(chr(code) for low, high in ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0x2028, 0x202E),
                                                    (0x2066, 0x2069), (0xFFFE, 0xFFFF)) for code in range(low, high + 1))
SUSPECT = re.compile(f"[{CONTROL_CHARS}｛｝]")
# Those of them a text yamlfast reads may hold (it reads none that holds one of the others), and a
# pattern that finds them or a placeholder: alternatives that each begin with a character, so that
# the search skips to the characters that can begin one.
_BESIDE_YAMLFAST = "".join(c for c in CONTROL_CHARS + "｛｝" if not yamlfast.UNSUPPORTED_CHARACTERS.match(c))
_SUSPECT_BESIDE_YAMLFAST = re.compile(f"[{_BESIDE_YAMLFAST}]")
_PLACEHOLDER_OR_SUSPECT = re.compile("|".join([_PLACEHOLDER_IN_TEXT.pattern, *map(re.escape, _BESIDE_YAMLFAST)]))
_scanned: tuple = ("", None, (False, False))  # the text text_may_hold searched last, its reader's kind, its answer


def text_may_hold(source: Source) -> tuple[bool, bool]:
    """Whether a value of ``source`` may hold (a placeholder, a SUSPECT character): False when the
    file's text holds none and writes no \\ (an escape of a double-quoted value, which then holds
    what the text does not).

    A value is its text as typed but for the white space of folded lines (and, in a file read
    after repairing its slips, for the keys' colons, the indentation and the quoting that
    yamlslips repairs), so a pattern that spans no white space but what \\s takes finds in the
    file's text everything it finds in the values. One search of the text spares making
    Source.scalar_texts, every value joined (2-3 ms at 50x the seed). Both answers come from one
    search, which rawscalars.lint makes and validate finds made, for the same text (2.3 -> 1.3
    ms at 50x the seed): a text is remembered by identity, never by its content, with the reader
    that read it (the answer depends on which did)."""
    global _scanned
    text, fast = source.text, isinstance(source.nodes, ScalarView)
    if text is _scanned[0] and fast is _scanned[1]:
        return _scanned[2]
    if "\\" in text:
        answer = (True, True)
    elif fast:
        found = _PLACEHOLDER_OR_SUSPECT.search(text)
        if found is None:
            answer = (False, False)
        elif _SUSPECT_BESIDE_YAMLFAST.match(found.group()):  # (none is found before it, nor a placeholder)
            answer = (_PLACEHOLDER_IN_TEXT.search(text, found.start()) is not None, True)
        else:
            answer = (True, _SUSPECT_BESIDE_YAMLFAST.search(text, found.start()) is not None)
    else:  # read by PyYAML: any character may stand in the text
        answer = (_PLACEHOLDER_IN_TEXT.search(text) is not None, SUSPECT.search(text) is not None)
    _scanned = (text, fast, answer)
    return answer


def _node(source: Source, path: tuple):
    """The scalar node at ``path``, or at its parent when the model reshaped a scalar into a record
    (``受理数: 320人次`` is read as ``{value: "320人次"}``)."""
    return source.nodes.get(tuple(path)) or source.nodes.get(tuple(path)[:-1])


def _typed(node) -> str:
    return node.value if node is not None else ""


def explain(source: Source, path: tuple, error: dict) -> tuple[str, str, str] | None:
    """(message, hint, message_en) for a validation error, in terms of what was typed; or None."""
    kind = error["type"]
    value = error.get("input")
    node = _node(source, path)
    typed = _typed(node)
    plain = node is not None and not node.style  # libyaml gives "" for a plain scalar, PyYAML None
    if kind == "missing" or kind == "extra_forbidden":
        return None
    if value is None:
        return ("这里没有填写内容", "在冒号后面填写，或者删除这一行", "nothing was filled in")
    if kind.startswith(("int", "float")):
        return _explain_number(typed if node is not None else str(value), value, plain, path)
    if kind.startswith("date"):
        return _explain_date(typed or str(value))
    if kind in ("string_type", "list_type", "model_type", "model_attributes_type", "dict_type"):
        if isinstance(value, bool) and plain:
            return (f"“{typed}”被 YAML 读成了“是/否”（{str(value).lower()}），而这里要写文字",
                    f"给它加上引号：\"{typed}\"", f"{typed!r} was read as a boolean")
        if isinstance(value, datetime.date) and plain:
            return (f"“{typed}”被 YAML 读成了日期，而这里要写文字", f"给它加上引号：\"{typed}\"",
                    f"{typed!r} was read as a date")
        if isinstance(value, (int, float)) and plain and kind == "string_type":
            shown = f"（读成了 {value}）" if str(value) != typed else ""
            return (f"“{typed}”被 YAML 读成了数字{shown}，而这里要写文字", f"给它加上引号：\"{typed}\"",
                    f"{typed!r} was read as a number")
        if isinstance(value, str) and kind != "string_type":
            m = _KEY_WITH_FULLWIDTH_COLON.match(value)
            if m:
                return (f"键“{m[1]}”后面用了全角冒号“：”，整行被当作了一段文字",
                        "切换到英文输入法，把“：”改成冒号加空格“: ”", "full-width colon after a key")
    return None


def _explain_number(typed: str, value, plain: bool, path: tuple) -> tuple[str, str, str] | None:
    what = "年度" if path and path[-1] == "year" else "数值"
    if isinstance(value, bool):
        return (f"“{typed}”被 YAML 读成了“是/否”，而这里要写{what}", "写阿拉伯数字，如 18",
                f"{typed!r} was read as a boolean")
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return (f"{what}没有填写", "填写阿拉伯数字，或者删除这一行", "empty number")
    if not plain and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text) and what == "数值":
        return (f"数字“{text}”加了引号，就成了文字", f"去掉引号：{text}", "a quoted number is text")
    converted = text.translate(_FULL_WIDTH_DIGITS)
    if converted != text and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", converted):
        return (f"“{text}”用了全角数字（中文输入法下的数字）", f"切换到英文输入法，写成 {converted}",
                "full-width digits")
    number = from_chinese(text.removesuffix("年"))
    if number is not None:
        return (f"“{text}”是中文数字，这里要写阿拉伯数字", f"写成 {number}", "Chinese numerals")
    if re.fullmatch(r"0[0-9]+", text):
        return (f"“{text}”前面多了 0", f"写成 {int(text)}", "leading zero")
    if re.fullmatch(r"-?\d{1,3}([,，]\d{3})+(\.\d+)?", text):
        plain_number = re.sub(r"[,，]", "", text)
        return (f"“{text}”里有千分位逗号", f"写成 {plain_number}（正文里要显示逗号，用 {{{{ 数据名 | thousands }}}}）",
                "thousands separator")
    m = _NUMBER_WITH_WORDS.fullmatch(text)
    if m and (m[1] or m[3] or m[4]):
        number = m[2].translate(_FULL_WIDTH_DIGITS).replace(",", "").replace("，", "")
        if what == "年度":
            return (f"“{text}”里除了数字还有文字", f"只写数字：year: {number}", "text beside the number")
        last_year = bool(path) and path[-1] == "previous"  # 上年 40余: previous_approx, its own marker
        parts = [f"{'previous' if last_year else 'value'}: {number}"]
        if m[4]:
            parts.append(f"unit: \"{m[4]}\"" if m[4] in "%％" else f"unit: {m[4]}")
        approx = m[3] or (m[1] if m[1] in ("约", "近", "超过", "超") else "")  # as typed: approx: 超过
        if approx:
            parts.append(f"{'previous_approx' if last_year else 'approx'}: {approx}")
        return (f"“{text}”不是单纯的数字：数值、单位、约数要分开写", "写成 {" + ", ".join(parts) + "}",
                "number, unit and approximation must be separate")
    return None


def _explain_date(typed: str) -> tuple[str, str, str]:
    m = re.fullmatch(r"\s*(\d{4})\s*[./／年-]\s*(\d{1,2})\s*[./／月-]\s*(\d{1,2})\s*日?\s*", typed)
    if m:
        try:
            datetime.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return (f"日期“{typed}”不存在（月份或日期超出范围）", "检查月和日", "no such date")
        return (f"日期“{typed}”的写法不能识别", f"写成 {int(m[1])}-{int(m[2]):02d}-{int(m[3]):02d} 或 "
                f"{int(m[1])}年{int(m[2])}月{int(m[3])}日", "unrecognised date format")
    return (f"“{typed}”不是日期", "日期写成 2021-03-05 或 2021年3月5日", "not a date")


# -- silent conversions validation accepts ---------------------------------------------------------

def _scalar_reader(source: Source):
    """path -> ``(value, tag, style, …)`` of the scalar at that path, or None: from yamlfast's
    records when there are some (a node and its marks made for each of a 50x report's 2,300
    numbers cost more than reading them), else from the node."""
    nodes = source.nodes
    if isinstance(nodes, ScalarView):
        return nodes.scalar

    def scalar(path):
        node = nodes.get(path)
        return None if node is None else (node.value, node.tag, node.style)
    return scalar


def _number_paths(source: Source) -> list[tuple]:
    """The scalars that hold numbers, in file order, as (path, (value, tag, style, …)): year,
    figures.*.value / previous (or a figure's shorthand). Found through the data, not by testing
    the path of every scalar in the file."""
    data = source.data
    out: list[tuple] = []
    if not isinstance(data, dict):
        return out
    scalar = _scalar_reader(source)
    for key, value in data.items():
        if key == "year":
            found = scalar(("year",))
            if found is not None:
                out.append((("year",), found))
        elif key == "figures" and isinstance(value, (dict, list)):
            for name, figure in value.items() if isinstance(value, dict) else enumerate(value):
                if not isinstance(figure, dict):
                    found = scalar(("figures", name))  # the shorthand: the figure is its value
                    if found is not None:
                        out.append((("figures", name), found))
                    continue
                # its value and previous, in the order written (a mapping is never a scalar's node)
                fields = ("value",) if "previous" not in figure else [f for f in figure if f in _NUMBER_FIELDS]
                for field in fields:
                    path = ("figures", name, field)
                    found = scalar(path)
                    if found is not None:
                        out.append((path, found))
    return out


_NUMBER_FIELDS = ("value", "previous")


def lint(source: Source) -> list[Diagnostic]:
    """Findings about raw scalars that validation accepts but that are not what the clerk meant."""
    out: list[Diagnostic] = []
    for path, (value, tag, style, *_) in _number_paths(source):
        if style:  # quoted or block: YAML took it as text, validation says so
            continue
        typed = value.strip()
        if tag == _INT_TAG and typed.isdigit() and typed[0] != "0":
            continue  # most numbers: none of _silent_number's slips (and no call to find that out)
        finding = _silent_number(typed, tag)
        if finding:
            severity, message, hint, message_en = finding
            out.append(source.diagnostic(path, message, severity, hint, message_en=message_en))
    search = PLACEHOLDER.search
    # Most reports have none left: one search over the file's text, then one over all the values,
    # then value by value only if both find one.
    suspect = text_may_hold(source)[0] and search(source.scalar_texts)
    for path, node in source.nodes.items() if suspect else ():
        if node.tag != _STR_TAG or (path and path[0] == "template"):
            continue
        m = search(node.value)
        if m:
            line, col = _locate_in_node(source, node, m.group())
            out.append(Diagnostic(source.file, line, col, WARNING, format_path(path),
                                  f"还有待填写的占位内容“{m.group()}”", "把占位内容换成实际内容",
                                  f"placeholder {m.group()!r} left in the text"))
    return out


_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"


def _silent_number(typed: str, tag: str):
    if tag == "tag:yaml.org,2002:int":
        digits = typed.lstrip("+-")
        if digits.isdigit() and digits[0] != "0":  # most numbers: none of the slips below
            return None
        if re.fullmatch(r"0[0-7_]+", digits):
            as_read = int(digits.replace("_", ""), 8)
            return (ERROR, f"以 0 开头的“{typed}”被 YAML 当作八进制，读成了 {as_read}",
                    f"去掉前面的 0：写 {int(digits.replace('_', ''))}", "leading zero read as octal")
        if ":" in digits:
            return (ERROR, f"“{typed}”被 YAML 当作六十进制（时:分），读成了一个数",
                    "如果是时间，写在正文文字里；这里只写数字", "read as base-60")
        if digits.lower().startswith(("0x", "0b")):
            return (ERROR, f"“{typed}”被 YAML 当作十六/二进制数", "写成普通的十进制数字", "read as hex/binary")
        if "_" in digits:
            return (WARNING, f"“{typed}”里的下划线会被忽略", f"写成 {digits.replace('_', '')}", "underscore in number")
    if tag == "tag:yaml.org,2002:float" and re.fullmatch(r"[-+]?\d+\.\d*0", typed):
        return (WARNING, f"“{typed}”末尾的 0 会被去掉，读成 {float(typed):g}",
                "如需固定显示几位小数，给这个数据加上 digits（小数位数）", "trailing zero is dropped")
    return None


def _locate_in_node(source: Source, node, needle: str) -> tuple[int, int]:
    """The line and column of ``needle`` inside the text of ``node`` (else the node's start)."""
    return source.locate_snippet(node.start_mark.index, node.end_mark.index, needle,
                                 (node.start_mark.line + 1, node.start_mark.column + 1))
