"""A reader for the plain block YAML that reports are written in, giving what libyaml's composer and
yamlsource's builder give, at half the cost; anything else is left to them.

A report is block mappings and sequences of one-line values: ``key: value``, ``- text``,
``- key: value``, quoted or not, with comments and blank lines. That much YAML is read here, line
by line, from one regular expression's matches. The data and the node of every value and key
(value, tag, style, start and end offsets) come out as libyaml's composer and
``yamlsource._Builder`` make them. The nodes' marks (line, column) are worked out only when asked.
Anything beyond that subset makes :func:`read` return None and the caller reads the file the
thorough way: flow collections ``[ ]`` ``{ }``, block scalars ``|`` ``>``, values spanning lines,
anchors, aliases, tags, directives, tabs, CR line breaks, any mistake (a duplicate key, a
full-width colon, a bad date …) and any indentation it is not sure of.
tests/source/test_yamlfast.py checks both readings agree on every example, test corpus and
thousands of mutated files.

Why: at 50 times the seed's size, libyaml's composer made ~27,000 nodes with two Mark objects each
(34 ms), the builder walked them (12 ms), and freeing them cost another ~8 ms; this reads the
same file in about 20 ms (33 ms before issue 18's work, side by side: a line's regular expression
with fewer groups, the two common lines tested first, no dictionary of keys; see the commits).
The nodes are made from the records only when asked (lawgov_report.source.yamlnodes).
"""

from __future__ import annotations

import re
from itertools import accumulate, islice

from yaml.error import Mark
from yaml.nodes import ScalarNode

from lawgov_report.source.yamlcompose import Loader, _resolver
from lawgov_report.source.yamlnodes import KeyView, LineIndex, NodeView, ScalarView

# One line and its line break: indentation, the "- " of sequence items, a plain key with its colon
# and spaces, and the rest. The key cannot begin with a YAML indicator, holds no colon or #, and
# none of the typing slips the builder words (a full-width space or colon, a space before the
# colon); what a key cannot be is left in the rest, where it makes the line unsupported. A key is
# at most 61 characters (a longer one is declined): bounded and possessive, the key's pattern gives
# up on a long line of text after 60 characters instead of scanning it to its end (9.5 -> 6.7 ms at
# 50x). The colon and its spaces are not a group: the rest's offset is the line's end less its
# length, and each group is a string made per line (four groups, not five: 6.1 -> 4.8 ms). A
# comment is no part of the rest: the rest is empty, or a value.
_LINE = re.compile(r"( *+)((?:- +)*+)(?:([^\s'\"#\[\]{},&*!|>%@`?:<-][^:#\n\u3000：]{0,60}+)(?<! )(?:: +|:$))?(?:#.*|(.*))\n",
                   re.M)
# Characters that make libyaml fail or read the text differently from this reader: tabs, CR and
# the other line breaks YAML 1.1 knows, byte-order marks, non-printable characters.
UNSUPPORTED_CHARACTERS = re.compile("[\t\r\x85\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84"
                                     "\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: *| +#.*)")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: *| +#.*)')
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_NESTING = 24  # a report nests six levels; the thorough path refuses what is too deep

STR = "tag:yaml.org,2002:str"
_INT, _BOOL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"


class Unsupported(Exception):
    """The text goes beyond what this reader reads: it is read the thorough way instead."""


class _Open:
    """A mapping or sequence being read: its indentation, container, path and record, and the key
    or item (and where an empty value would stand) still waiting for its value."""

    __slots__ = ("indent", "is_map", "container", "path", "record", "indentless", "slot", "empty_at")

    def __init__(self, indent, is_map, container, path, record, indentless):
        self.indent, self.is_map, self.container, self.path, self.record = indent, is_map, container, path, record
        self.indentless = indentless
        self.slot = None  # the key (mapping) or item index (sequence) waiting for its value
        self.empty_at = 0  # where libyaml puts that value's node if it stays empty: after ":" or "-"


def read(text: str, file: str, max_values: int, decoded: bool = False):
    """(data, scalar nodes, value nodes, key nodes) as yamlsource's builder makes them, the nodes as
    :class:`NodeView` mappings (:class:`ScalarView` for the scalars); or None when the text goes
    beyond the subset read here, or holds more than ``max_values`` values. ``decoded``: the text
    comes from textfile.decode, which has refused every character of UNSUPPORTED_CHARACTERS but
    tabs and byte-order marks (a second pass over a 50x text cost 1 ms)."""
    unsupported = ("\t" in text or "\ufeff" in text) if decoded else UNSUPPORTED_CHARACTERS.search(text)
    if unsupported or Loader.yaml_path_resolvers or any(
            first is None or first >= "\x80" for first in Loader.yaml_implicit_resolvers):
        return None  # characters read otherwise; resolvers that Loader's own shortcut leaves to PyYAML
    reader = _Reader(text, max_values)
    try:
        data = reader.read()
    except Unsupported:
        return None
    lines = LineIndex(text, file, reader.line_starts)
    return data, ScalarView(reader.values, lines), NodeView(reader.values, lines), KeyView(reader.values, lines)


class _Reader:
    """One reading of one text into records; :meth:`read` raises :class:`Unsupported` where it stops.

    Records are what :class:`Node` is made of (see :class:`NodeView`): a tuple for a scalar, a list
    for a mapping or sequence (its end is known when it closes)."""

    def __init__(self, text: str, max_values: int):
        self.text, self.max_values = text, max_values
        # Every line with its line break: the text's one, or "\n" added at its end. A decoded text
        # has no line break but "\n" (read() has checked), so splitlines cuts where split("\n") does.
        self.lines = text if text.endswith("\n") else text + "\n"
        # The start of each line, and the end of the text with a line break after it (1.5 -> 1.1 ms)
        self.line_starts = list(accumulate(map(len, self.lines.splitlines(True)), initial=0))
        self.values: dict = {}  # path -> record of every value, in file order (the builder's order)
        self.stack: list[_Open] = []
        self.root = None
        # The loader's class holds its resolvers: no need for a libyaml parser to read them from.
        self.resolve = _resolver(Loader)
        self.constructor = None

    def read(self):
        """The data; the records fill :attr:`values`."""
        stack, values = self.stack, self.values
        scalar = self._scalar
        # rest -> what _scalar makes of it: a report's numbers, true, '%' … come back hundreds of
        # times (their data is immutable: int, bool, date …, so one object serves every place).
        known: dict = {}
        rows, starts = _LINE.findall(self.lines), self.line_starts
        if len(rows) != len(starts) - 1:
            raise Unsupported  # cannot be: one match a line (a guard, as offsets come from both)
        # The innermost open collection, its parts kept in locals for the two common lines below
        # (a report's 14,000 lines at 50x cost about 1 µs each; attribute reads were a tenth of it).
        top = None
        in_map = in_seq = False  # top is a mapping / sequence whose last key or item has its value
        waiting = False  # top is a mapping whose last key waits for its value on the lines below
        top_indent, container, top_path = -1, None, ()
        for (indent, dashes, key, rest), start, following in zip(rows, starts, islice(starts, 1, None)):
            col = len(indent)
            # Each line is tried as one of the two common lines first; a line that opens or closes a
            # collection makes that change (a transition) and is tried again, as the common line it
            # then is, or read the general way. (Testing the common lines first: 8 tests -> 4.)
            while True:
                if col == top_indent and (in_map and key and not dashes
                                          or in_seq and rest and not key and dashes == "- "):
                    # "key: value" after a sibling that has its value, or "- text" after a sibling
                    # item: most lines of a report
                    if key:
                        if key in container:
                            raise Unsupported  # a duplicate key: the builder's to word
                        key_at = start + col
                        path = top_path + (key,)
                        if not rest:  # its value is on the lines below, or empty
                            top.slot, top.empty_at = key, key_at + len(key) + 1
                            in_map, waiting = False, True
                            break
                    else:
                        key_at, path = None, top_path + (len(container),)
                    at = following - 1 - len(rest)
                    if rest >= "\x80" and "#" not in rest and ":" not in rest:
                        # a text beginning with a Chinese character, no comment or colon after it:
                        # most values (compared whole: rest[0] would make a string of that character)
                        data = rest.rstrip(" ")
                        values[path] = (data, STR, "", at, at + len(data), key_at)
                    else:
                        found = known.get(rest)
                        if found is None:
                            found = scalar(rest)
                            if rest < "\x80":  # (a text is seldom seen twice)
                                known[rest] = found
                        data, value, tag, style, width = found
                        values[path] = (value, tag, style, at, at + width, key_at)
                    if key:
                        container[key] = data
                    else:
                        container.append(data)
                    break
                if waiting and (dashes == "- " and not key and col >= top_indent
                                or key and not dashes and col > top_indent):
                    # the first key or item of the mapping or sequence that the key above holds (a
                    # list may stand at the key's own indentation)
                    top = self._open(col, not dashes, start + col, col == top_indent)
                    in_map, in_seq, waiting = not dashes, bool(dashes), False
                    top_indent, container, top_path = col, top.container, top.path
                    continue
                if key and not dashes and col < top_indent and stack:
                    # a key back at an outer mapping (the next figure after one's fields): close what
                    # it ends, then read it as the sibling it is
                    self._close_to(col, start + col, False)
                    if not stack:
                        raise Unsupported  # back before the first key: not one document
                    top = stack[-1]
                    in_map, in_seq = top.is_map and top.slot is None, not top.is_map and top.slot is None
                    waiting = top.is_map and top.slot is not None
                    top_indent, container, top_path = top.indent, top.container, top.path
                    continue
                if dashes == "- " and key and stack:
                    # "- key: …", the next item of a list of mappings (a section, a figure): close
                    # what it ends; or the first, of the list the key above holds: open the list.
                    # If the list is then innermost, open the item's mapping and read its first key
                    # as a sibling.
                    if waiting and col >= top_indent:
                        self._open(col, False, start + col, col == top_indent)
                    else:
                        self._close_to(col, start + col, True)
                    top = stack[-1] if stack else None
                    if top is not None and not top.is_map and top.indent == col and top.slot is None:
                        top.slot, top.empty_at = len(top.container), start + col + 1
                        col += 2
                        top = self._open(col, True, start + col)
                        dashes, in_map, in_seq, waiting = "", True, False, False
                        top_indent, container, top_path = col, top.container, top.path
                        continue
                top = self._line(col, dashes, key, rest, start, following)
                if top is not None:
                    in_map, in_seq = top.is_map and top.slot is None, not top.is_map and top.slot is None
                    waiting = top.is_map and top.slot is not None
                    top_indent, container, top_path = top.indent, top.container, top.path
                else:
                    in_map, in_seq, waiting = False, False, False
                break
        if self.root is None:
            raise Unsupported  # nothing but comments and blank lines: the builder's "empty file"
        self._close_at_end()
        if len(values) > self.max_values:
            raise Unsupported
        return self.root

    def _line(self, col: int, dashes: str, key: str, rest: str, start: int, following: int):
        """Read a line the general way: any "- " and key it begins with, and its value; the
        collection then innermost (None before the first)."""
        stack = self.stack
        if not dashes and not key:
            if not rest:
                return stack[-1] if stack else None  # a blank line or a comment
            raise Unsupported  # a value on a line of its own: a continued text, or a mistake
        self._close_to(col, start + col, dashes != "")
        if dashes:
            at = start + col
            for part in dashes.split("-")[1:]:  # "- - " -> ["", " ", " "]
                self._item(col, at)
                col += len(part) + 1
                at += len(part) + 1
        if key:
            self._key(key, col, start + col)
        if rest:
            top = stack[-1]
            data, value, tag, style, width = self._scalar(rest)
            at = following - 1 - len(rest)
            self.values[top.path + (top.slot,)] = (value, tag, style, at, at + width, self._key_at(top))
            self._put(top, data)
        if len(self.values) > self.max_values:
            raise Unsupported
        return stack[-1] if stack else None

    def _close_to(self, col: int, at: int, dash: bool) -> None:
        """Close what a line beginning at column ``col`` (offset ``at``) ends: every collection
        indented deeper, and a sequence written at its key's indentation unless the line is its next item."""
        stack = self.stack
        while stack and (stack[-1].indent > col or stack[-1].indentless and stack[-1].indent == col and not dash):
            closing = stack.pop()
            if closing.slot is not None:
                self._empty(closing)
            closing.record[4] = at

    def _close_at_end(self) -> None:
        """Close what is still open where the text ends. libyaml closes those indented deeper than
        the last line's end first, at that end; then it starts a new line for the end of the stream
        and closes the rest there."""
        end = len(self.text)
        tail = end - (self.text.rfind("\n") + 1)  # the column where the text ends
        while self.stack:
            closing = self.stack.pop()
            if closing.slot is not None:
                self._empty(closing)
            closing.record[4] = end
            closing.record[6] = closing.indent <= tail

    def _open(self, indent: int, is_map: bool, at: int, indentless: bool = False) -> _Open:
        """A new mapping or sequence at ``indent`` beginning at offset ``at``: the root, or the value
        waiting in the collection above. (:meth:`_key_at` and :meth:`_put` written out: 3,500 calls
        of each at 50x.)"""
        stack = self.stack
        container = {} if is_map else []
        if stack:
            parent = stack[-1]
            slot = parent.slot
            if slot is None or len(stack) >= _MAX_NESTING:
                raise Unsupported
            path = parent.path + (slot,)
            if parent.is_map:
                key_at = parent.empty_at - len(slot) - 1
                parent.container[slot] = container
            else:
                key_at = None
                parent.container.append(container)
            parent.slot = None
        elif self.root is not None:
            raise Unsupported  # a second document, or text after the end
        else:
            self.root, path, key_at = container, (), None
        record = self.values[path] = [None, _MAP if is_map else _SEQ, None, at, at, key_at, False]
        opened = _Open(indent, is_map, container, path, record, indentless)
        stack.append(opened)
        return opened

    @staticmethod
    def _key_at(parent: _Open):
        """The offset of the key waiting in ``parent`` (None in a sequence): its value's node stands
        one character after its colon."""
        return parent.empty_at - len(parent.slot) - 1 if parent.is_map else None

    @staticmethod
    def _put(parent: _Open, value) -> None:
        if parent.is_map:
            parent.container[parent.slot] = value
        else:
            parent.container.append(value)
        parent.slot = None

    def _item(self, col: int, at: int) -> None:
        """A "-" at column ``col``, offset ``at``."""
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and not top.is_map and top.indent == col:
            if top.slot is not None:
                self._empty(top)
        elif top is None or top.slot is not None and (col > top.indent or top.is_map and col == top.indent):
            top = self._open(col, False, at, indentless=top is not None and top.is_map and col == top.indent)
        else:
            raise Unsupported
        top.slot, top.empty_at = len(top.container), at + 1

    def _key(self, key: str, col: int, at: int) -> None:
        """A plain key at column ``col``, offset ``at``."""
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and top.is_map and top.indent == col:
            if top.slot is not None:
                self._empty(top)
        elif top is None or top.slot is not None and col > top.indent:
            top = self._open(col, True, at)
        else:
            raise Unsupported
        if key in top.container:
            raise Unsupported  # a duplicate key: the builder words it
        top.slot, top.empty_at = key, at + len(key) + 1

    def _scalar(self, rest: str) -> tuple:
        """(data, value, tag, style, width in the text) of the value ``rest`` at the end of a line."""
        first = rest[0]
        if first >= "\x80":  # a text beginning with a Chinese character
            cut = rest.find(" #")
            value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
            if ": " in value or value[-1] == ":":
                raise Unsupported  # a mapping where a text was expected: libyaml's error to word
            return value, value, STR, "", len(value)
        if first == "'":
            found = _SINGLE.fullmatch(rest)
            if found is None:
                raise Unsupported  # runs on to the next line, or something follows the quote
            raw = found.group(1)
            value = raw.replace("''", "'")
            return value, value, STR, "'", len(raw) + 2
        if first == '"':
            found = _DOUBLE.fullmatch(rest)
            if found is None:
                raise Unsupported  # escapes, or runs on
            value = found.group(1)
            return value, value, STR, '"', len(value) + 2
        if first in _INDICATORS:
            raise Unsupported
        cut = rest.find(" #")
        value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
        if ": " in value or value[-1] == ":":
            raise Unsupported
        tag = self.resolve(ScalarNode, value, (True, False))
        data = value if tag == STR else self._construct(tag, value)
        return data, value, tag, "", len(value)

    def _empty(self, top: _Open) -> None:
        """The waiting key or item has no value: libyaml's empty scalar, read as null."""
        at = top.empty_at
        tag = self.resolve(ScalarNode, "", (True, False))
        self.values[top.path + (top.slot,)] = ("", tag, "", at, at, self._key_at(top))
        self._put(top, self._construct(tag, ""))

    def _construct(self, tag: str, value: str):
        """A plain value that is not a text, as the builder reads it; a value it cannot read is the
        builder's to word (located), so the thorough path takes the file."""
        if tag == _INT and value.isdigit() and value[0] != "0":
            return int(value)
        if tag == STR:
            return value
        from yaml.constructor import SafeConstructor

        if tag == _BOOL:
            return SafeConstructor.bool_values[value.lower()]
        if self.constructor is None:
            self.constructor = SafeConstructor()
        mark = Mark("", 0, 0, 0, None, None)
        try:
            return self.constructor.construct_object(ScalarNode(tag, value, mark, mark), deep=True)
        except Exception:  # noqa: BLE001 - any failure is the builder's to report, with its words
            raise Unsupported from None
