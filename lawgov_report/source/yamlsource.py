"""Reading a clerk's YAML file safely, keeping the line and column of every value.

The file is decoded (UTF-8, UTF-8 with BOM, or GB18030 as saved by older Windows tools), composed
into nodes with the C parser when available (yamlcompose: aliases cannot expand into a "billion
laughs" bomb), and then built into plain Python data by hand, so that every value's position is
kept (for messages) and duplicate keys are caught (PyYAML silently keeps the last one).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from lawgov_report.errors import ERROR, Diagnostic, ReportError
from lawgov_report.source.textfile import decode  # noqa: F401 - part of this module's interface
from lawgov_report.source import yamlfast
from lawgov_report.source.yamlnodes import KeyView, NodeView, line_starts
from lawgov_report.source.yamlcompose import MAX_DEPTH, MAX_NODES, compose
from lawgov_report.source.yamlslips import FULL_WIDTH_SPACE, glued_items, problem_zh, repairs, scan

MAX_FILE_BYTES = 2 * 1024 * 1024

Path_ = tuple  # a path into the data: ("sections", 2, "title")


@dataclass
class Source:
    """A loaded YAML file: its data, and where each value and key stands in the text.

    Each value's node and each key's node is kept; their marks give the positions (for messages)
    and the extents (for editing the file in place). The dictionaries of positions and extents are
    made from them only when asked: a render that finds nothing to say never needs them, and making
    a position and an extent for every value took a large report's builder half its time."""

    file: str
    text: str
    data: object
    nodes: dict = field(default_factory=dict)  # path -> ScalarNode, for lint of raw scalars
    value_nodes: dict = field(default_factory=dict)  # path -> the node of every value, in file order
    key_nodes: dict = field(default_factory=dict)  # path -> the node of its key, for values in mappings
    warnings: list = field(default_factory=list)
    _line_starts: list | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def scalar_texts(self) -> str:
        """Every scalar's value, one a line: a check that finds nothing in it need not look value by
        value (control characters, placeholders; a text is a scalar's value)."""
        nodes = self.nodes
        if isinstance(nodes, NodeView):  # read by yamlfast: the values without making nodes
            return "\n".join(nodes.texts())
        return "\n".join([node.value for node in nodes.values()])

    @cached_property
    def positions(self) -> dict:
        """path -> (line, col) of the value."""
        return {path: _start(node) for path, node in self.value_nodes.items()}

    @cached_property
    def key_positions(self) -> dict:
        """path -> (line, col) of the key."""
        return {path: _start(node) for path, node in self.key_nodes.items()}

    @cached_property
    def extents(self) -> dict:
        """path -> (start, end) character offsets of the value in ``text``, so that a tool can edit
        the clerk's file in place and keep every comment (lawgov-report new)."""
        return {path: (node.start_mark.index, node.end_mark.index) for path, node in self.value_nodes.items()}

    def locate(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if key and path in self.key_nodes:
                return _position(self.key_nodes, path)
            if path in self.value_nodes:
                return _position(self.value_nodes, path)
            if not path:
                return (1, 1)
            path = path[:-1]

    def key_position(self, path: tuple) -> tuple[int, int] | None:
        """The line and column of the key of ``path``; None if it has no key."""
        return _position(self.key_nodes, path) if path in self.key_nodes else None

    def key_positions_of(self, paths: list[tuple]) -> list[tuple[int, int] | None]:
        """:meth:`key_position` of each of ``paths``."""
        if isinstance(self.key_nodes, KeyView):
            return self.key_nodes.positions(paths)
        return [self.key_position(path) for path in paths]

    def line_col(self, index: int) -> tuple[int, int]:
        """The line and column (from 1) of character ``index`` of the text.

        The line starts are found once per file and searched by bisection: counting newlines from
        the file's start for every warning made a report with 350 warnings quadratic in its size."""
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = line_starts(self.text)
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def locate_snippet(self, start: int, end: int, needle: str, fallback):
        """Where ``needle`` first occurs in ``text[start:end]``, as (line, col); else ``fallback``."""
        at = self.text.find(needle, start, max(end, start + len(needle)))
        if at < 0 or not needle:
            return fallback
        return self.line_col(at)

    def diagnostic(self, path: tuple, message: str, severity: str = ERROR, hint: str = "",
                   key: bool = False, message_en: str = "", needle: str = "") -> Diagnostic:
        """A finding at ``path``; with ``needle`` (a name inside a text), at the name itself."""
        line, col = self.locate(path, key=key)
        # a paragraph written as a plain string is read as its text: ("paragraphs", 0, "text")
        node = (self.nodes.get(tuple(path)) or self.nodes.get(tuple(path[:-1]))) if needle and path else None
        if node is not None:  # names live inside {{ }}: look from the first brace on
            start, end = node.start_mark.index, node.end_mark.index
            brace = self.text.find("{", start, end)
            line, col = self.locate_snippet(brace if brace >= 0 else start, end, needle, (line, col))
        return Diagnostic(self.file, line, col, severity, format_path(path), message, hint, message_en)


def _position(nodes, path: tuple) -> tuple[int, int]:
    """The line and column (from 1) where the node at ``path`` begins; from yamlfast's records
    without making a node and its marks (the diff's summary asks for 7,800 of them at 50x)."""
    if isinstance(nodes, NodeView):
        return nodes.position(path)
    return _start(nodes[path])


def _start(node) -> tuple[int, int]:
    """The line and column (from 1) where a node begins."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def format_path(path: tuple) -> str:
    """``("sections", 2, "title")`` -> ``sections[2].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _syntax_diagnostic(file: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """A parser error as a located Chinese diagnostic."""
    mark = exc.problem_mark or exc.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if at_end and exc.context_mark is not None:
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opens
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    last = text.rstrip("\n").count("\n") + 1
    if line > last:  # past the last line: the clerk's editor shows no such line
        line, col = last, len(text.rstrip("\n").rsplit("\n", 1)[-1]) + 1
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    zh, hint = problem_zh(problem, context)
    if "nesting depth" in problem:  # PyYAML >= 6.0.4 stops deep nesting itself, before our guard
        zh, hint = (f"嵌套层数过多（超过 {MAX_DEPTH} 层），不像是一份报告",
                    "检查括号 [ ] { } 是否成对、缩进是否正确")
    if not zh:
        zh = f"YAML 格式错误：{problem or context}"
    source_line = text.split("\n")[line - 1] if line <= last else ""
    key = re.match(r"^(\s*)[^\s:#'\"{}\[\],-][^:#]*?:(?:\s|$)", source_line)
    if problem.startswith("mapping values are not allowed") and key and col == len(key.group().rstrip()):
        # "key:" on its own line, yet taken as the continuation of the line above: it is indented
        # differently from its siblings.
        zh = "这一行的缩进与上一行对不上（多了或少了空格），被当成了上一行文字的一部分"
        hint = "让同一级的键左端对齐；如果上一行的文字里有“: ”，给那段文字加引号"
        col = len(key.group(1)) + 1
    if at_end and "文件" not in zh:
        zh += "（到了文件末尾：文件可能不完整）"
    return Diagnostic(file, line, col, ERROR, "", zh, hint, f"YAML syntax: {problem or context}")


_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Builder:
    """Turns composed nodes into Python data, keeping every value's and key's node (for positions)
    and catching duplicate keys."""

    def __init__(self, file: str, text: str = ""):
        self.file = file
        self.text = text
        self._lines: list[str] | None = None
        self.slips: list = []  # list items folded into the item above (yamlslips.glued_items)
        self.constructor = SafeConstructor()
        self.values: dict = {}  # path -> node of the value
        self.keys: dict = {}  # path -> node of the key
        self.nodes: dict = {}  # path -> ScalarNode
        self.errors: list[Diagnostic] = []

    def build(self, node, path: tuple):
        values = self.values
        values[path] = node
        if len(values) > MAX_NODES:  # every path is built once: this counts the values
            raise self._too_large()
        if isinstance(node, ScalarNode):
            self.nodes[path] = node
            if node.tag == _STR_TAG:  # most values are texts: no constructor needed
                return node.value
            return self._construct(node, path)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if not node.flow_style:
                self._glued(node)
            return self._sequence(node, path)
        raise ReportError.single(self.file, "无法识别的 YAML 结构", *_start(node))

    def _glued(self, node: SequenceNode) -> None:
        """Note the items of a block sequence indented so far that YAML folded them into the
        plain text of the item above (only a plain text spanning lines can have swallowed one)."""
        for child in node.value:
            if (isinstance(child, ScalarNode) and not child.style  # plain: None, or "" from libyaml
                    and child.end_mark.line > child.start_mark.line):
                if self._lines is None:
                    self._lines = self.text.split("\n")
                self.slips += glued_items(self._lines, node.start_mark.column,
                                          child.start_mark.line, child.end_mark.line)

    def _too_large(self) -> ReportError:
        return ReportError.single(
            self.file, f"文件内容展开后过大（超过 {MAX_NODES} 个值），可能含有递归或反复的别名（*）", 1, 1,
            message_en="too many values after alias expansion")

    def _construct(self, node, path: tuple):
        """A number, date, true/false … as the safe constructor reads it; a located error if it cannot."""
        try:
            if node.tag == _INT_TAG and node.value.isdigit() and node.value[0] != "0":
                return int(node.value)  # a plain count, most of a report's numbers: as construct_yaml_int reads it
            if node.tag == _BOOL_TAG:  # run_in: true: as construct_yaml_bool reads it, without its 1.6 µs
                return SafeConstructor.bool_values[node.value.lower()]
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as exc:
            if node.tag.endswith(":timestamp"):
                message, hint = f"日期“{node.value}”不存在（月份或日期超出范围）", "检查月和日"
            else:
                shown = node.value if len(node.value) <= 30 else node.value[:30] + "……"
                message, hint = f"无法识别的值“{shown}”", "如果是文字，给它加上引号"
            self.errors.append(Diagnostic(self.file, *_start(node), ERROR, format_path(path),
                                          message, hint, message_en=str(exc)))
            return node.value

    def _sequence(self, node, path: tuple) -> list:
        out = []
        values, nodes = self.values, self.nodes
        for i, child in enumerate(node.value):
            at = path + (i,)
            if type(child) is ScalarNode and child.tag == _STR_TAG:  # a text (a point): as in _mapping
                values[at] = nodes[at] = child
                if len(values) > MAX_NODES:
                    raise self._too_large()
                out.append(child.value)
            else:
                out.append(self.build(child, at))
        return out

    def _mapping(self, node, path: tuple) -> dict:
        out: dict = {}
        keys, values, nodes = self.keys, self.values, self.nodes
        pairs = _thousands_joined(node.value) if node.flow_style else node.value
        for key_node, value_node in pairs:
            if not isinstance(key_node, ScalarNode):
                self.errors.append(Diagnostic(
                    self.file, *_start(key_node), ERROR, format_path(path), "这里被当作了键值对：键必须是简单文字",
                    "以“{{”“{”“[”开头的文字要整段加引号，如 \"{{ year }}年……\"", message_en="complex key"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.errors.append(Diagnostic(
                    self.file, *_start(key_node), ERROR,
                    format_path(path), "不支持合并键“<<”", message_en="merge keys are not supported"))
                continue
            key = key_node.value
            if key[:1] == "-" or not key.isascii() and (FULL_WIDTH_SPACE in key or "：" in key):  # a slip?
                key, value_node = self._key_slip(key, _start(key_node), value_node, path)
            at = path + (key,)
            if key in out:
                first = _start(keys[at])
                self.errors.append(Diagnostic(
                    self.file, *_start(key_node), ERROR, format_path(at),
                    f"键“{key}”重复出现（第一次在第 {first[0]} 行），后写的会覆盖先写的",
                    "删除或合并其中一处", f"duplicate key {key!r}"))
                continue
            keys[at] = key_node
            if type(value_node) is ScalarNode and value_node.tag == _STR_TAG:
                # A text, most of a report's values: what build() does with it, without a call for
                # each of a 50x report's 20,000 values.
                values[at] = nodes[at] = value_node
                if len(values) > MAX_NODES:
                    raise self._too_large()
                out[key] = value_node.value
            else:
                out[key] = self.build(value_node, at)
        return out

    def _key_slip(self, key: str, kpos: tuple, value_node, path: tuple):
        """A key typed with a full-width space or colon: report it, and read it as meant."""
        if FULL_WIDTH_SPACE in key:
            self.errors.append(Diagnostic(
                self.file, kpos[0], kpos[1] + key.index(FULL_WIDTH_SPACE), ERROR, format_path(path),
                f"键“{key}”里有全角空格（中文输入法下的空格）", "切换到英文输入法，用半角空格",
                "full-width space in a key"))
            key = key.replace(FULL_WIDTH_SPACE, " ").strip()
        if "：" in key and isinstance(value_node, ScalarNode) and value_node.value == "":
            # {label：受理, value: 18} reads as the key "label：受理" with no value.
            name, _, rest = key.partition("：")
            self.errors.append(Diagnostic(
                self.file, kpos[0], kpos[1] + key.index("："), ERROR, format_path(path),
                f"键“{name.strip()}”后面用了全角冒号“：”，YAML 只认半角冒号“: ”",
                "切换到英文输入法，把“：”改成冒号加空格“: ”", "full-width colon after a key"))
            key, value_node = name.strip(), yaml.ScalarNode("tag:yaml.org,2002:str", rest.strip(),
                                                            value_node.start_mark, value_node.end_mark)
            value_node.tag = yaml.resolver.Resolver().resolve(ScalarNode, rest.strip(), (True, False))
        elif key.startswith("-") and len(key) > 1 and key[1] not in "-0123456789 ":
            self.errors.append(Diagnostic(
                self.file, kpos[0], kpos[1] + 1, ERROR, format_path(path), "“-”后面缺少空格，这一项不会被当作列表项",
                "在“-”后面加一个空格", "no space after '-'"))
        return key, value_node


_GROUP = re.compile(r"[0-9]{3}(?:\.[0-9]+)?")
_LEADING_GROUP = re.compile(r"-?[0-9]{1,3}(?:,[0-9]{3})*")


def _thousands_joined(pairs: list) -> list:
    """A flow mapping's pairs with a number's thousands commas put back: ``{value: 1,900, unit: 人}``
    reads as ``value: 1`` and a key ``900`` without a value. Each such key that follows a plain
    number right after its comma is folded back into that value, as the text ``1,900``: the value
    is then exactly what the block form ``value: 1,900`` gives, and is explained the same way (the
    number's own check names the thousands comma at its column) instead of as an unknown key."""
    out: list = []
    for key_node, value_node in pairs:
        if out and _is_group(key_node, value_node):
            last_key, last_value = out[-1]
            if (isinstance(last_value, ScalarNode) and not last_value.style
                    and _LEADING_GROUP.fullmatch(last_value.value)
                    # right after the comma, with no space: in a flow mapping nothing else can stand there
                    and key_node.start_mark.index == last_value.end_mark.index + 1):
                joined = ScalarNode(_STR_TAG, f"{last_value.value},{key_node.value}",
                                    last_value.start_mark, key_node.end_mark, style=None)
                out[-1] = (last_key, joined)
                continue
        out.append((key_node, value_node))
    return out


def _is_group(key_node, value_node) -> bool:
    return (isinstance(key_node, ScalarNode) and not key_node.style and _GROUP.fullmatch(key_node.value) is not None
            and isinstance(value_node, ScalarNode) and value_node.value == "" and not value_node.style)


def load_text(text: str, file: str, _recovering: bool = False, decoded: bool = False) -> Source:
    """Parse YAML text into a :class:`Source`; raises :class:`ReportError` on any mistake.

    The error carries, as ``source``, the data as far as it could be read (typing slips repaired,
    the first of duplicate keys kept), so that ``check`` can go on to report every other mistake.
    """
    read = yamlfast.read(text, file, MAX_NODES, decoded)  # the plain block YAML of nearly every report
    if read is not None:
        return Source(file, text, *read)
    return read_thoroughly(text, file, _recovering)


def read_thoroughly(text: str, file: str, _recovering: bool = False) -> Source:
    """:func:`load_text` through libyaml's composer and the builder: any YAML, and every mistake worded."""
    try:
        node = compose(text, file)
    except yaml.MarkedYAMLError as exc:
        parse_error = _syntax_diagnostic(file, text, exc)
        if _recovering:
            raise ReportError([parse_error]) from None
        raise _recover(text, file, scan(text), parse_error) from None
    except yaml.YAMLError as exc:
        raise ReportError.single(file, f"YAML 格式错误：{exc}", 1, 1, message_en=str(exc)) from None
    if node is None:
        raise ReportError.single(file, "文件是空的", 1, 1, hint="可以用 lawgov-report init 生成一份空白报告",
                                 message_en="empty file")
    builder = _Builder(file, text)
    data = builder.build(node, ())
    source = Source(file, text, data, builder.nodes, builder.values, builder.keys)
    if builder.errors or builder.slips:
        lines = {d.line for d in builder.errors}
        glued = {slip.line for slip in builder.slips}
        slips = sorted(builder.slips + [slip for slip in scan(text) if slip.line in lines and slip.line not in glued],
                       key=lambda slip: slip.line)
        if slips and not _recovering:
            raise _recover(text, file, slips, None)
        error = ReportError(builder.errors + [
            Diagnostic(file, s.line, s.col, ERROR, "", s.message, s.hint, s.message_en) for s in builder.slips])
        error.source = source
        raise error
    return source


def _recover(text: str, file: str, slips: list, parse_error: Diagnostic | None) -> ReportError:
    """Report every typing slip; then parse the repaired text to find the file's other mistakes."""
    diagnostics = [Diagnostic(file, s.line, s.col, ERROR, "", s.message, s.hint, s.message_en) for s in slips]
    slip_lines = {s.line for s in slips}
    source = None
    candidates = repairs(text, slips)
    first_failure: list[Diagnostic] | None = None
    for repaired in candidates:
        try:
            source = load_text(repaired, file, _recovering=True)
        except ReportError as exc:
            source = getattr(exc, "source", None)
            if source is None:  # this reading does not parse either: try the next one
                first_failure = first_failure or [d for d in exc.diagnostics if d.line not in slip_lines]
                continue
            diagnostics += [d for d in exc.diagnostics if d.line not in slip_lines]
        break
    else:
        diagnostics += first_failure or []
    if not candidates and parse_error is not None and (not slips or parse_error.line < min(slip_lines)):
        diagnostics.append(parse_error)  # an earlier mistake the slips do not explain
    if not diagnostics and parse_error is not None:
        diagnostics.append(parse_error)
    if source is not None:
        source.text = text  # same lines; the clerk's own text is what findings quote
    error = ReportError(diagnostics)
    error.source = source
    return error


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
    try:
        source = load_text(text, file, decoded=True)
    except ReportError as exc:
        exc.warnings = notes  # e.g. "saved as GBK": worth showing beside the errors
        if getattr(exc, "source", None) is not None:
            exc.source.warnings.extend(notes)
        raise
    source.warnings.extend(notes)
    return source
