"""Structural edits of a report's YAML text in place (YAML 原文修改): texts, values, list items, keys.

A clerk's file is edited at the character offsets the parser reported (``Source.extents``), never
re-dumped, so every comment, blank line and quoting choice stays. The edits a review brings back
(``lawgov-report merge``) are richer than ``new``'s: replace a text keeping its style (plain,
'single', "double" or a | block), set a number, delete list items, insert items (a text, a
paragraph, a section) before an item or after the last one, add a key, and put a comment above an
item. It builds on :class:`~lawgov_report.source.yamledit.TextEdits` (values, keys, figures): edits
are collected against the original text and applied at once, so positions stay valid.
"""

from __future__ import annotations

import json
import re

from lawgov_report.errors import ReportError
from lawgov_report.source.yamledit import TextEdits, scalar_text


def scalar(text: str) -> str:
    """A string as a YAML scalar: plain where that reads back unchanged, else double-quoted (a text
    starting with a bracket or a quote, or running over lines, is always quoted)."""
    if text.startswith(("{", "[", "'", '"')) or "\n" in text:
        return json.dumps(text, ensure_ascii=False)
    return scalar_text(text)


def block(value, indent: int) -> list[str]:
    """A value (text, list, mapping of texts and lists) as lines of block YAML at ``indent``."""
    pad = " " * indent
    if isinstance(value, str):
        return [pad + scalar(value)]
    lines: list[str] = []
    if isinstance(value, list):
        for item in value:
            inner = block(item, indent + 2)
            lines.append(pad + "- " + inner[0][indent + 2:])
            lines.extend(inner[1:])
        return lines
    for key, item in value.items():
        if isinstance(item, (list, dict)):
            lines.append(f"{pad}{key}:")
            lines.extend(block(item, indent + 2))
        elif isinstance(item, bool):
            lines.append(f"{pad}{key}: {'true' if item else 'false'}")
        elif isinstance(item, (int, float)):
            lines.append(f"{pad}{key}: {item}")
        else:
            lines.append(f"{pad}{key}: {scalar(item)}")
    return lines


class Patch(TextEdits):
    """Structural edits of one YAML text at the original's offsets, applied all at once
    (:meth:`TextEdits.apply`; insertions at one place keep the order they were made in)."""

    # -- positions ---------------------------------------------------------------------------
    def extent(self, path: tuple) -> tuple[int, int] | None:
        """The value's offsets; a paragraph written as a plain string stands for its ``text``."""
        path = tuple(path)
        if path in self.source.extents:
            return self.source.extents[path]
        if path and path[-1] == "text" and path[:-1] in self.source.extents:
            return self.source.extents[path[:-1]]
        return None

    def item_lines(self, path: tuple) -> tuple[int, int]:
        """The whole lines a list item takes: from its dash to its last line of content (comments
        after it belong to what follows)."""
        start, end = self.source.extents[tuple(path)]
        start = self.line_start(start)
        lines = self.text[start:end].split("\n")
        while len(lines) > 1 and (not lines[-1].strip() or lines[-1].strip().startswith("#")):
            lines.pop()
        stop = start + len("\n".join(lines))
        return start, min(len(self.text), self.line_end(stop) + 1)

    def column(self, index: int) -> int:
        return index - self.line_start(index)

    # -- edits -------------------------------------------------------------------------------
    def set_text(self, path: tuple, text: str) -> bool:
        """Replace a text, keeping its quoting style; False when the path has no text in the file."""
        where = self.extent(path)
        if where is None:
            return False
        start, end = where
        raw = self.text[start:end]
        if raw.startswith("'"):
            new = "'" + text.replace("'", "''") + "'"
            if "\n" in text:
                new = json.dumps(text, ensure_ascii=False)
        elif raw.startswith('"'):
            new = json.dumps(text, ensure_ascii=False)
        elif raw.startswith(("|", ">")):
            indent = " " * (self.column(start) + 2)
            first = re.match(r"[|>][^\n]*\n([ ]*)", raw)
            if first and first.group(1):
                indent = first.group(1)
            chomp = "" if text.endswith("\n") else "-"
            body = text[:-1] if text.endswith("\n") else text
            new = f"|{chomp}\n" + "\n".join(indent + line if line else "" for line in body.split("\n"))
            if raw.endswith("\n"):
                new += "\n"
        else:
            new = scalar(text)
        self.replace(start, end, new)
        return True

    def set_raw(self, path: tuple, raw: str) -> bool:
        """Replace a value with YAML text as given (a number)."""
        where = self.extent(path)
        if where is None:
            return False
        start, end = where
        self.replace(start, end, raw if end > start else " " + raw)
        return True

    def delete_item(self, path: tuple) -> None:
        """Delete a list item (block style), its own lines only."""
        start, end = self.item_lines(path)
        self.replace(start, end, "")

    def empty_list(self, path: tuple, count: int) -> None:
        """Every item of a list deleted: the list becomes ``[]``."""
        first = self.source.extents[tuple(path) + (0,)][0]
        _, end = self.item_lines(tuple(path) + (count - 1,))
        start = self.line_start(first)
        self.replace(start, end, " " * self.column(first) + "[]\n")

    def insert_item(self, list_path: tuple, before: int | None, count: int, value) -> None:
        """Insert ``value`` into the list at ``list_path`` before item ``before`` (None: at the end)."""
        list_path = tuple(list_path)
        ref = list_path + ((before if before is not None else count - 1),)
        start = self.source.extents[ref][0]
        dash = self.text.rfind("-", self.line_start(start), start)
        indent = self.column(dash if dash >= 0 else start)
        lines = block([value], indent)
        where = self.line_start(start) if before is not None else self.item_lines(ref)[1]
        text = "\n".join(lines) + "\n"
        if before is None and where == len(self.text) and not self.text.endswith("\n"):
            text = "\n" + text
        self.replace(where, where, text)

    def value_end(self, path: tuple) -> int:
        """The offset just past the last line of a value (a list's last item, a mapping's last key)."""
        value = self.source_value(path)
        if isinstance(value, list) and value:
            return self.value_end(path + (len(value) - 1,))
        if isinstance(value, dict) and value and path + (list(value)[-1],) in self.source.extents:
            return self.value_end(path + (list(value)[-1],))
        end = self.source.extents[path][1]
        if end > 0 and self.text[end - 1] == "\n":
            return end
        return min(len(self.text), self.line_end(end) + 1)

    def add_key(self, mapping_path: tuple, key: str, value, after: str | None = None) -> None:
        """Add ``key: value`` to a block mapping, after key ``after``'s value (else after its last key)."""
        mapping_path = tuple(mapping_path)
        mapping = self.source_value(mapping_path)
        keys = [k for k in mapping if mapping_path + (k,) in self.source.key_positions] if isinstance(mapping, dict) else []
        if not keys:
            raise ReportError.single(self.source.file, f"无法添加“{key}”：找不到它所在的位置",
                                     message_en=f"cannot add {key}")
        anchor = after if after in keys else keys[-1]
        _, col = self.source.key_positions[mapping_path + (anchor,)]
        where = self.value_end(mapping_path + (anchor,))
        pad = col - 1
        if isinstance(value, (list, dict)):
            text = " " * pad + f"{key}:\n" + "\n".join(block(value, pad + 2)) + "\n"
        else:
            text = " " * pad + f"{key}: {value}\n"
        if where > 0 and self.text[where - 1] != "\n":
            text = "\n" + text
        self.replace(where, where, text)

    def source_value(self, path: tuple):
        data = self.source.data
        for part in path:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data

    def comment_before(self, path: tuple, text: str) -> None:
        """A comment line above the line where ``path``'s value (or list item) starts."""
        where = self.extent(path)
        if where is None:
            where = (0, 0)
        start = self.line_start(where[0])
        line = self.text[start:self.line_end(start)]
        pad = len(line) - len(line.lstrip(" "))
        for part in text.splitlines() or [""]:
            self.replace(start, start, " " * pad + "# " + part + "\n")
