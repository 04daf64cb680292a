"""The nodes of a file read by yamlfast: what libyaml's nodes give (value, tag, style, start and end
marks), made only when asked from the reader's records, and the line starts their marks come from.

A render asks for a few hundred of a large report's 27,000 nodes; making a node (and two marks) for
each cost more than reading the file. :class:`NodeView` and its kinds are the mappings path -> node
that ``Source.nodes``, ``value_nodes`` and ``key_nodes`` hold when yamlfast read the file.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from itertools import accumulate, count, repeat
from operator import add

from yaml.error import Mark
from yaml.nodes import ScalarNode

from lawgov_report.source.yamlcompose import Loader, _resolver


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts: the lengths of the lines before it, and
    their line breaks, summed in C (a lambda per line cost 1.4 ms at 50x)."""
    return list(map(add, accumulate(map(len, text.split("\n")), initial=0), count()))[:-1]


class LineIndex:
    """The start of every line of a text, found once, for marks worked out from offsets."""

    __slots__ = ("text", "name", "_starts")

    def __init__(self, text: str, name: str, starts: list[int] | None = None):
        # ``starts`` may end with one more offset, past the text (the reader's: see _Reader): no
        # offset of the text falls after it, so it changes no line found
        self.text, self.name, self._starts = text, name, starts

    def line_col(self, index: int) -> tuple[int, int]:
        """The line and column (from 1) of character ``index`` (not a stream end)."""
        starts = self._starts
        if starts is None:
            starts = self._starts = line_starts(self.text)
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    def line_cols(self, indexes: list[int]) -> list[tuple[int, int]]:
        """:meth:`line_col` of each of ``indexes``, the bisections made in C."""
        starts = self._starts
        if starts is None:
            starts = self._starts = line_starts(self.text)
        lines = map(bisect.bisect_right, repeat(starts), indexes)
        return [(line, index - starts[line - 1] + 1) for line, index in zip(lines, indexes)]

    def mark(self, index: int, stream_end: bool = False) -> Mark:
        """libyaml's mark of character ``index``: line and column from 0. ``stream_end``: the mark of
        a collection closed by the end of the stream, for which libyaml starts a new line (column 0)
        when the text does not end at the start of one."""
        starts = self._starts
        if starts is None:
            starts = self._starts = line_starts(self.text)
        line = bisect.bisect_right(starts, index) - 1
        column = index - starts[line]
        if stream_end and column:
            return Mark(self.name, index, line + 1, 0, None, None)
        return Mark(self.name, index, line, column, None, None)


class Node:
    """A scalar, mapping or sequence node as the builder keeps it: what libyaml's node gives (value,
    tag, style, start_mark, end_mark), its marks made from offsets only when asked."""

    __slots__ = ("lines", "value", "_tag", "style", "start", "end", "stream_end")

    def __init__(self, lines: LineIndex, value, tag, style, start: int, end: int, key_at=None, stream_end=False):
        # key_at: where a record's key stands, a part of the record that is the key's node, not this one
        self.lines, self.value, self._tag, self.style, self.start, self.end = lines, value, tag, style, start, end
        self.stream_end = stream_end  # a collection closed by the end of the text (see LineIndex.mark)

    @property
    def tag(self) -> str:
        if self._tag is None:  # a key's tag: nothing reads it in a render, so it is resolved when asked
            self._tag = _resolver(Loader)(ScalarNode, self.value, (True, False))
        return self._tag

    @property
    def start_mark(self) -> Mark:
        return self.lines.mark(self.start)

    @property
    def end_mark(self) -> Mark:
        return self.lines.mark(self.end, self.stream_end)

    def __eq__(self, other) -> bool:  # made anew at each asking: the same node is the same place
        return (isinstance(other, Node) and self.lines is other.lines and self.start == other.start
                and self.end == other.end and self.value == other.value)

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"Node({self.value!r}, tag={self.tag}, {self.start}-{self.end})"


class NodeView(Mapping):
    """path -> :class:`Node`, made when asked from the reader's records: a render asks for a few
    hundred of a large report's 27,000 nodes, and making a node for each cost more than reading the
    file. A record is ``(value, tag, style, start, end, key_at)`` for a scalar, a list ``[None, tag,
    None, start, end, key_at, stream_end]`` for a collection (its end is set when it closes);
    ``key_at`` is the offset of the value's key, None for a list's item and for the root."""

    __slots__ = ("records", "lines")

    def __init__(self, records: dict, lines: LineIndex):
        self.records, self.lines = records, lines

    def __getitem__(self, path) -> Node:
        return Node(self.lines, *self.records[path])

    def get(self, path, default=None):
        record = self.records.get(path)
        return default if record is None else Node(self.lines, *record)

    def __contains__(self, path) -> bool:
        return path in self.records

    def __iter__(self):
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def texts(self) -> list[str]:
        """Every node's value, in file order, without making the nodes."""
        return [record[0] for record in self.records.values()]

    def position(self, path) -> tuple[int, int]:
        """The line and column (from 1) where the node at ``path`` begins, without making the node."""
        return self.lines.line_col(self.records[path][3])


class KeyView(NodeView):
    """path -> the :class:`Node` of its key, made when asked from the values' records, which hold
    where their key stands (its text is the path's last part): a dictionary of keys of its own cost
    a 50x report 1.3 ms to fill, and as much again to free."""

    __slots__ = ()

    def __getitem__(self, path) -> Node:
        at = self.records[path][5]
        if at is None:
            raise KeyError(path)
        key = path[-1]
        return Node(self.lines, key, None, "", at, at + len(key))  # (its tag resolved when asked)

    def get(self, path, default=None):
        return self[path] if path in self else default

    def __contains__(self, path) -> bool:
        record = self.records.get(path)
        return record is not None and record[5] is not None

    def __iter__(self):
        return (path for path, record in self.records.items() if record[5] is not None)

    def __len__(self) -> int:
        return sum(record[5] is not None for record in self.records.values())

    def texts(self) -> list[str]:
        return [path[-1] for path, record in self.records.items() if record[5] is not None]

    def position(self, path) -> tuple[int, int]:
        return self.lines.line_col(self.records[path][5])

    def positions(self, paths: list) -> list[tuple[int, int] | None]:
        """:meth:`position` of each of ``paths`` that has a key, None for the others, in one pass
        (the diff's summary asks for every figure's of both reports: 3,900 at 50x)."""
        get = self.records.get
        offsets = [None if record is None else record[5] for record in map(get, paths)]
        found = [at for at in offsets if at is not None]
        places = iter(self.lines.line_cols(found))
        return [None if at is None else next(places) for at in offsets]


class ScalarView(NodeView):
    """The scalars among the values' records: a tuple is a scalar's, a list a collection's (its end is
    set when it closes). One dictionary for both spares hashing each value's path twice."""

    __slots__ = ()

    def __getitem__(self, path) -> Node:
        record = self.records[path]
        if type(record) is not tuple:
            raise KeyError(path)
        return Node(self.lines, *record)

    def get(self, path, default=None):
        record = self.records.get(path)
        return Node(self.lines, *record) if type(record) is tuple else default

    def __contains__(self, path) -> bool:
        return type(self.records.get(path)) is tuple

    def __iter__(self):
        return (path for path, record in self.records.items() if type(record) is tuple)

    def __len__(self) -> int:
        return sum(type(record) is tuple for record in self.records.values())

    def texts(self) -> list[str]:
        return [record[0] for record in self.records.values() if type(record) is tuple]

    def scalar(self, path) -> tuple | None:
        """(value, tag, style, …) of the scalar at ``path``, without making its node; None if there is none."""
        record = self.records.get(path)
        return record if type(record) is tuple else None

    def extent(self, path) -> tuple[int, int] | None:
        """The start and end offsets of the scalar at ``path`` in the text, without making its node."""
        record = self.records.get(path)
        return (record[3], record[4]) if type(record) is tuple else None
