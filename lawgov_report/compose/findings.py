"""Where a lint finding stands in the clerk's file: the line of its text, the column of the slip.

A finding names what to look for (the needle) in the text the clerk typed; it is located at the
needle's first place within that text's YAML value, else at the value itself.
"""

from __future__ import annotations

from lawgov_report.errors import WARNING, Diagnostic
from lawgov_report.source.yamlnodes import ScalarView
from lawgov_report.source.yamlsource import Source, format_path


_UNREAD = object()  # (an extent not looked up yet)


class Findings:
    """Collects warnings, locating each at its text's line and, when found, the slip's column."""

    def __init__(self, source: Source | None, file: str):
        self.source = source
        self.file = source.file if source else file
        self.out: list[Diagnostic] = []
        self._at, self._line, self._line_start = 0, 1, 0  # the last slip's place in the file (see _line_col)
        self._path, self._named, self._span = None, "", _UNREAD  # the last finding's path, formatted, its extent

    def add(self, text, message: str, hint: str = "", message_en: str = "",
            needle: str = "", severity: str = WARNING, key: bool = False, at: int = 0) -> None:
        """``text``: a lint Text or a path; ``needle``: what to look for in the clerk's typed text;
        ``at``: the slip's offset in it."""
        path = text if isinstance(text, tuple) else text.path
        if path is not self._path:  # a text's findings come one after another: its path read once for them
            self._path, self._named, self._span = path, format_path(path), _UNREAD
        if self.source is None:
            self.out.append(Diagnostic(self.file, 0, 0, severity, self._named, message, hint, message_en))
            return
        extent = None
        if needle:
            if self._span is _UNREAD:
                self._span = self._extent(path)
            extent = self._span
        found = -1
        if extent is not None:
            start, end = extent
            found = self.source.text.find(needle, start, max(end, start + len(needle)))
        if found >= 0:
            line, col = self._line_col(found)
            col += at
        else:  # the text's own place (only looked up when the slip's is not found)
            line, col = self.source.locate(path, key=key)
        self.out.append(Diagnostic(self.file, line, col, severity, self._named, message, hint, message_en))

    def _extent(self, path: tuple) -> tuple[int, int] | None:
        """The start and end offsets of the scalar at ``path``, or at its parent (a paragraph
        written as a plain string is read as its text: ("paragraphs", 0, "text")); None if neither is
        a scalar. From yamlfast's records when there are some: a node and two marks made for each
        of a 50x report's 350 findings were a sixth of their cost."""
        nodes = self.source.nodes
        if isinstance(nodes, ScalarView):
            return nodes.extent(path) or nodes.extent(path[:-1])
        node = nodes.get(path) or nodes.get(path[:-1])
        return None if node is None else (node.start_mark.index, node.end_mark.index)

    def _line_col(self, index: int) -> tuple[int, int]:
        """The line and column (from 1) of character ``index`` of the file, as ``Source.line_col``.

        Counted on from the previous slip's place: slips come in file order, so the newlines in
        between are counted once. Source.line_col first indexes every line of the file, a loop
        over all of them that cost lint 2.5 ms at 50 times the seed."""
        text = self.source.text
        if index >= self._at:
            newlines = text.count("\n", self._at, index)
            if newlines:
                self._line += newlines
                self._line_start = text.rfind("\n", self._at, index) + 1
        else:
            newlines = text.count("\n", index, self._at)
            if newlines:  # back to an earlier line (a second pass over the texts)
                self._line -= newlines
                self._line_start = text.rfind("\n", 0, index) + 1
        self._at = index
        return self._line, index - self._line_start + 1


_BODY_ROOTS = ("sections", "closing", "attachments", "note")


def body_end(source: Source) -> int:
    """The last line (from 0) on which a value of the body (sections, closing, attachments, note)
    ends; -1 when the body has none."""
    nodes = source.nodes
    if "&" not in source.text and isinstance(source.data, dict):
        # Without an anchor (&) no value is an alias, so the values lie in the file in the order
        # they were read and each part's last value ends last: found from the data, it spares a
        # pass over every value of the file (6 ms at 50 times the seed).
        last = [_last_value(source.data[root], (root,)) for root in _BODY_ROOTS if root in source.data]
        if all(path in nodes for path in last if path is not None):
            return max((nodes[path].end_mark.line for path in last if path is not None), default=-1)
    return max((node.end_mark.line for path, node in nodes.items() if path and path[0] in _BODY_ROOTS),
               default=-1)


def _last_value(value, path: tuple) -> tuple | None:
    """The path of the last scalar within ``value`` (data read from YAML), or None if it has none."""
    if isinstance(value, dict):
        children = reversed(value.items())
    elif isinstance(value, list):
        children = zip(range(len(value) - 1, -1, -1), reversed(value))
    else:
        return path
    for key, child in children:
        found = _last_value(child, path + (key,))
        if found is not None:
            return found
    return None
