"""Composing a clerk's YAML text into nodes: safely (no alias bombs, no nesting that would crash
libyaml) and with libyaml's C composer when available, its per-node callbacks kept cheap."""

from __future__ import annotations

import operator
import re
from itertools import accumulate

import yaml
from yaml.nodes import ScalarNode, SequenceNode

from lawgov_report.errors import ReportError

MAX_NODES = 200_000
MAX_DEPTH = 64  # a report nests six levels at most; libyaml's composer would crash near 10 000

try:  # libyaml is ~8x faster than the pure-Python loader
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class Loader(_BaseLoader):
    """The safe loader, with the tag of each node resolved in fewer steps.

    libyaml's composer calls back into Python for every node: ``resolve`` for its tag, and
    ``descend_resolver``/``ascend_resolver`` for path resolvers, which the safe loader has none of.
    PyYAML's generic versions of these were a quarter of the composing time of a large report.
    ``resolve`` here (:func:`_resolver`) answers the same as PyYAML's: the implicit resolvers
    registered for the value's first character, tried in their order, else the default tag. Should
    path resolvers, or resolvers for any or a non-ASCII first character, ever be registered, PyYAML's
    own methods are used
    (tests/source/test_yamlsource_resolve.py compares the two)."""

    def __init__(self, stream):
        super().__init__(stream)
        if self.yaml_path_resolvers or any(first is None or first >= "\x80" for first in self.yaml_implicit_resolvers):
            base = super()
            self.resolve, self.descend_resolver, self.ascend_resolver = (
                base.resolve, base.descend_resolver, base.ascend_resolver)
        else:
            self.resolve = _resolver(self)

    # Nothing to do without path resolvers. libyaml's composer calls both for each of a 50x report's
    # 27,000 nodes: as C functions that do nothing of note (compare two objects; the empty tuple)
    # they cost no Python frame each, which two empty methods did (2 ms a 50x report).
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)


_KNOWN_LENGTH = 40  # values longer than a key or a number are not worth remembering


def _resolver(loader: Loader):
    """``loader.resolve`` as a plain function of the loader's resolvers, captured once.

    libyaml's composer calls it for each of a 50x report's 27,000 nodes. An attribute of the loader
    (whose classes include the C parser's) costs a walk of its classes each time: the method, which
    read four of them per call, and tried the regexes anew for every key, cost 9 ms; this, 5 ms."""
    matchers = {first: tuple((tag, regexp.match) for tag, regexp in resolvers)  # bound once
                for first, resolvers in loader.yaml_implicit_resolvers.items()}
    get = matchers.get
    scalar, sequence, mapping = loader.DEFAULT_SCALAR_TAG, loader.DEFAULT_SEQUENCE_TAG, loader.DEFAULT_MAPPING_TAG
    # This file's short values already resolved: its keys (title, text, name …) and numbers come back
    # thousands of times, each trying the regexes of its first letter. Held by the loader only.
    known: dict[str, str] = {}

    def resolve(kind, value, implicit):
        if kind is ScalarNode:
            # Every resolver is for an ASCII first character (or ""): comparing, unlike slicing, makes
            # no string, and half a report's values begin with a Chinese character.
            if implicit[0] and value < "\x80":
                found = get(value[:1])  # "" for an empty value
                if found:
                    tag = known.get(value)
                    if tag is None:
                        tag = next((tag for tag, match in found if match(value)), scalar)
                        if len(value) <= _KNOWN_LENGTH:
                            known[value] = tag
                    return tag
            return scalar
        return sequence if kind is SequenceNode else mapping

    return resolve


def _guard(text: str, file: str) -> None:
    """Refuse, before building anything, what would blow up: aliases expanding past MAX_NODES
    ("billion laughs"), aliases into themselves, and nesting deeper than MAX_DEPTH (libyaml's
    composer recurses in C and would crash the process). The parser's events are streamed once,
    iteratively, so this costs about as much as parsing and never more, however large the bomb."""
    from yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent)

    loader = Loader(text)
    try:
        sizes: dict[str, int] = {}  # anchor -> values it expands to
        stack: list[tuple[str | None, int]] = []  # open collections: (anchor, count at start)
        count = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, ScalarEvent):
                count += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, AliasEvent):
                if any(anchor == event.anchor for anchor, _ in stack):
                    raise _refuse(file, event, f"别名“*{event.anchor}”引用了包含它自己的内容（循环引用）",
                                  "alias refers to itself")
                count += sizes.get(event.anchor, 1)
            elif isinstance(event, CollectionStartEvent):
                count += 1
                stack.append((event.anchor, count))
                if len(stack) > MAX_DEPTH:
                    raise _refuse(file, event, f"嵌套层数过多（超过 {MAX_DEPTH} 层），不像是一份报告",
                                  "nesting too deep", "检查括号 [ ] { } 是否成对、缩进是否正确")
            elif isinstance(event, CollectionEndEvent):
                anchor, start = stack.pop()
                if anchor:
                    sizes[anchor] = count - start + 1
            if count > MAX_NODES:
                raise _refuse(file, event, f"别名（*）展开后内容过多（超过 {MAX_NODES} 个值），"
                              "疑似“十亿笑声”攻击，已拒绝读取", "too many values after alias expansion")
    finally:
        loader.dispose()


def _refuse(file: str, event, message: str, message_en: str,
            hint: str = "报告文件里不需要用 & 和 * 引用；请删除它们，直接写出内容") -> ReportError:
    mark = event.start_mark
    return ReportError.single(file, message, mark.line + 1, mark.column + 1, hint=hint, message_en=message_en)


_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_BRACKET_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
# A line indented (with blanks or "- ") MAX_DEPTH deep. Spelt with the newline rather than ^ and
# re.M so that the engine jumps from newline to newline: 1.6 -> 0.2 ms on a 50x report.
_DEEP_INDENT = re.compile(r"\n[ \t-]{%d}" % MAX_DEPTH)


def _may_blow_up(text: str) -> bool:
    """Whether the text could hold an alias bomb or nesting deeper than MAX_DEPTH.

    Without an anchor (&) nothing can expand; flow brackets and block indentation bound the depth.
    Most reports pass this in microseconds and skip the guard's second parse."""
    if "&" in text or _DEEP_INDENT.search(text) or _DEEP_INDENT.match("\n" + text[:MAX_DEPTH]):
        return True
    # The brackets' running depth, in C: the texts' {{ }} give a 50x report 9,000 brackets, and a
    # regex over the text and a Python loop over them cost 2.2 ms, this 1.1 ms. In UTF-8 a byte
    # below 0x80 is always that ASCII character, so deleting every other byte leaves the brackets.
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0) > MAX_DEPTH


def compose(text: str, file: str):
    """The node tree of ``text``, refusing alias bombs and deep nesting first when the text could hold them."""
    if _may_blow_up(text):
        _guard(text, file)
    loader = Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
