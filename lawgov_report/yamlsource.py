"""Reading a clerk's YAML file safely, keeping the line and column of every value.

The file is decoded (UTF-8, UTF-8 with BOM, or GB18030 as saved by older Windows tools), composed
into nodes with the C parser when available, and then built into plain Python data by hand, so that
every value's position is kept (for messages), duplicate keys are caught (PyYAML silently keeps the
last one), and aliases cannot expand into a "billion laughs" bomb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from lawgov_report.errors import ERROR, WARNING, Diagnostic, ReportError

try:  # libyaml is ~8x faster than the pure-Python loader
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000

Path_ = tuple  # a path into the data: ("sections", 2, "title")


@dataclass
class Source:
    """A loaded YAML file: its data, and where each value and key stands in the text."""

    file: str
    text: str
    data: object
    positions: dict = field(default_factory=dict)  # path -> (line, col) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, col) of the key
    nodes: dict = field(default_factory=dict)  # path -> ScalarNode, for lint of raw scalars
    warnings: list = field(default_factory=list)

    def locate(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if key and path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def diagnostic(self, path: tuple, message: str, severity: str = ERROR, hint: str = "",
                   key: bool = False, message_en: str = "") -> Diagnostic:
        line, col = self.locate(path, key=key)
        return Diagnostic(self.file, line, col, severity, format_path(path), message, hint, message_en)


def format_path(path: tuple) -> str:
    """``("sections", 2, "title")`` -> ``sections[2].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def decode(raw: bytes, file: str) -> tuple[str, list[Diagnostic]]:
    """Bytes of a clerk's file -> text; UTF-8 (with or without BOM) or GB18030; CRLF is normalised."""
    notes: list[Diagnostic] = []
    if b"\x00" in raw[:8192]:
        raise ReportError.single(
            file, "这不是文本文件（含有二进制内容），无法读取", 1, 1,
            hint="请确认选择的是 .yaml 报告文件，而不是 Word/Excel 文件",
            message_en="not a text file (binary content)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: exc.start].count(b"\n") + 1
            raise ReportError.single(
                file, "文件编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）", line, 1,
                hint="请用记事本“另存为”，编码选择“UTF-8”后再试",
                message_en="unknown encoding") from None
        notes.append(Diagnostic(file, 1, 1, WARNING, "", "文件以 GBK/GB18030 编码保存，已按 GBK 读取",
                                "建议用记事本“另存为”，编码选择“UTF-8”", "file is GBK-encoded"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, notes


_PROBLEM_ZH = {
    "mapping values are not allowed here": "此处不能出现“:”（冒号后要有空格；文字中含冒号时请给整段文字加引号）",
    "found character '\\t' that cannot start any token": "不能用 Tab 键缩进，请改用空格",
    "could not find expected ':'": "缺少“:”（键和值之间要用半角冒号加空格分隔）",
    "did not find expected key": "缩进不一致或缺少“- ”，找不到下一个键",
    "did not find expected '-' indicator": "列表缩进不一致，找不到“- ”",
    "found unexpected end of stream": "文件意外结束（引号或括号没有配对）",
    "found undefined alias": "引用了未定义的锚点（&/*）",
    "found duplicate anchor": "锚点（&）重复定义",
    "expected <block end>, but found '-'": "列表项“- ”的缩进与上一级不一致",
    "while scanning a quoted scalar": "引号没有配对",
    "expected <block end>, but found '<scalar>'": "缩进不一致：这一行的缩进与上一行的层级对不上",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致：这一行的缩进与上一行的层级对不上",
    "found a tab character that violates indentation": "不能用 Tab 键缩进，请改用空格",
    "found a tab character where an indentation space is expected": "不能用 Tab 键缩进，请改用空格",
}


_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*：")


def _syntax_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> ReportError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    zh = _PROBLEM_ZH.get(problem) or _PROBLEM_ZH.get(context)
    if zh is None:
        if "\t" in text.splitlines()[line - 1] if line - 1 < len(text.splitlines()) else False:
            zh = _PROBLEM_ZH["found character '\\t' that cannot start any token"]
        else:
            zh = f"YAML 格式错误：{problem or context}"
    hint = ""
    lines = text.split("\n")
    # The parser notices a full-width colon or a tab only later; point at the line that has it.
    for number in range(min(line, len(lines)), 0, -1):
        src = lines[number - 1]
        if _FULLWIDTH_KEY.match(src):
            return ReportError([Diagnostic(
                file, number, src.index("：") + 1, ERROR, "", "键后面用了全角冒号“：”，YAML 只认半角冒号“: ”",
                "把“：”改成英文冒号加空格“: ”", "full-width colon after a key")])
        if src[: len(src) - len(src.lstrip())].count("\t"):
            return ReportError([Diagnostic(
                file, number, 1, ERROR, "", _PROBLEM_ZH["found character '\\t' that cannot start any token"],
                "把行首的 Tab 换成空格", "tab indentation")])
        if number < line - 3:
            break
    return ReportError([Diagnostic(file, line, col, ERROR, "", zh, hint, f"YAML syntax: {problem or context}")])


class _Builder:
    """Turns composed nodes into Python data, recording positions and catching duplicate keys."""

    def __init__(self, file: str):
        self.file = file
        self.constructor = SafeConstructor()
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.nodes: dict = {}
        self.errors: list[Diagnostic] = []
        self.count = 0

    def build(self, node, path: tuple):
        self.count += 1
        if self.count > MAX_NODES:
            raise ReportError.single(
                self.file, f"文件内容展开后过大（超过 {MAX_NODES} 个值），可能含有递归或反复的别名（*）", 1, 1,
                message_en="too many values after alias expansion")
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            self.nodes[path] = node
            try:
                return self.constructor.construct_object(node, deep=True)
            except (ConstructorError, ValueError) as exc:
                self.errors.append(Diagnostic(self.file, *self.positions[path], ERROR, format_path(path),
                                              f"无法识别的值：{exc}", message_en=str(exc)))
                return node.value
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                    self.errors.append(Diagnostic(self.file, line, col, ERROR, format_path(path),
                                                  "键必须是简单文字", message_en="complex key"))
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.errors.append(Diagnostic(
                        self.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1, ERROR,
                        format_path(path), "不支持合并键“<<”", message_en="merge keys are not supported"))
                    continue
                key = key_node.value
                kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in out:
                    first = self.key_positions[path + (key,)]
                    self.errors.append(Diagnostic(
                        self.file, *kpos, ERROR, format_path(path + (key,)),
                        f"键“{key}”重复出现（第一次在第 {first[0]} 行），后写的会覆盖先写的",
                        "删除或合并其中一处", f"duplicate key {key!r}"))
                    continue
                self.key_positions[path + (key,)] = kpos
                out[key] = self.build(value_node, path + (key,))
            return out
        raise ReportError.single(self.file, "无法识别的 YAML 结构", *self.positions[path])


def load_text(text: str, file: str) -> Source:
    """Parse YAML text into a :class:`Source`; raises :class:`ReportError` on any mistake."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(file, text, exc) from None
    except yaml.YAMLError as exc:
        raise ReportError.single(file, f"YAML 格式错误：{exc}", 1, 1) from None
    if node is None:
        raise ReportError.single(file, "文件是空的", 1, 1, message_en="empty file")
    builder = _Builder(file)
    data = builder.build(node, ())
    if builder.errors:
        raise ReportError(builder.errors)
    return Source(file, text, data, builder.positions, builder.key_positions, builder.nodes)


def load_file(path: str | Path, display: str | None = None) -> Source:
    """Read and parse a report file, refusing files too large to be a report."""
    path = Path(path)
    file = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportError.single(file, f"文件过大（{size // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB），不像是一份报告",
                                     message_en="file too large")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError.single(file, "找不到文件", message_en="file not found") from None
    except IsADirectoryError:
        raise ReportError.single(file, "这是一个文件夹，不是文件", message_en="is a directory") from None
    except OSError as exc:
        raise ReportError.single(file, f"无法读取文件：{exc.strerror}", message_en=str(exc)) from None
    text, notes = decode(raw, file)
    source = load_text(text, file)
    source.warnings.extend(notes)
    return source
