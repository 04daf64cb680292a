"""Editing a clerk's YAML file as text (YAML 文本编辑), so every comment and the layout stay.

Re-dumping loaded data would lose every comment, blank line and quoting choice the clerk made.
Instead, edits are replacements at the character offsets the parser reported for each value
(:attr:`Source.extents`), collected and applied all at once. ``lawgov-report new`` (next year's
draft), ``fill`` (figures from a filled-in workbook) and any tool that writes reviewed values back
into a report use this one mechanism.

- :class:`TextEdits`: replace a value, give a mapping key a value (added when missing, in flow
  ``{…}`` or block layout), remove a key;
- :func:`set_figure` / :func:`add_figure`: a figure's value and its 约数 marker, whatever shape the
  entry has (``名: 18``, ``名: {value: 18, …}``, a block mapping, ``名:`` alone);
- :func:`set_figure_value`: the same on a text, for callers that edit one figure at a time.
"""

from __future__ import annotations

import json
import re

import yaml

from lawgov_report.errors import ReportError
from lawgov_report.source.yamlsource import Source

TO_FILL = "待填写"
# The comment ``new`` leaves beside a value to fill in; filling the value removes it.
TO_FILL_VALUE = f"# {TO_FILL}本年数值"


class TextEdits:
    """Replacements at character offsets of a loaded file's text, applied all at once."""

    def __init__(self, source: Source):
        self.source = source
        self.text = source.text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.edits: list[tuple[int, int, str]] = []

    def index(self, line: int, col: int) -> int:
        """The character offset of a 1-based (line, column)."""
        return self.line_starts[line - 1] + col - 1

    def line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def rest_of_line(self, index: int) -> str:
        return self.text[index: self.line_end(index)]

    def replace(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, text))

    def set_scalar(self, path: tuple, text: str) -> None:
        """Replace a value; an empty one (``key:``) gets the space YAML needs after the colon."""
        start, end = self.source.extents[path]
        self.replace(start, end, text if end > start or not text else " " + text)

    def blank(self, path: tuple, note: str) -> None:
        """Leave a value visibly empty: ``key:  # 待填写`` in block style, ``null`` inside braces."""
        start, end = self.source.extents[path]
        rest = self.rest_of_line(end)
        if rest.strip() and not rest.lstrip().startswith("#"):
            self.set_scalar(path, "null")
        elif rest.strip():
            self.replace(start, end, "")
        else:
            self.set_scalar(path, f"# {note}")

    def is_flow(self, path: tuple) -> bool:
        """Whether the mapping at ``path`` is written inside braces."""
        start, _ = self.source.extents[path]
        return self.text[start:start + 1] == "{"

    def set_key(self, mapping: tuple, key: str, text: str) -> bool:
        """Give ``key`` of the mapping at ``mapping`` the YAML text ``text``, adding the key if missing.

        Returns False (and changes nothing) where the layout is too unusual to edit safely."""
        source = self.source
        path = mapping + (key,)
        if path in source.extents:
            self.set_scalar(path, text)
            return True
        children = [p for p in source.key_positions if len(p) == len(path) and p[:-1] == mapping]
        if self.is_flow(mapping):
            start, end = source.extents[mapping]
            inner = self.text[start + 1:end - 1]
            self.replace(end - 1, end - 1, f"{', ' if inner.strip() else ''}{key}: {text}")
            return True
        if not children:
            return False
        last = max(children, key=lambda p: self.index(*source.key_positions[p]))
        k_index = self.index(*source.key_positions[last])
        indent = self.text[self.line_start(k_index):k_index]
        if indent.strip():
            return False
        at = self.line_end(self._value_end(last))
        self.replace(at, at, f"\n{indent}{key}: {text}")
        return True

    def _value_end(self, path: tuple) -> int:
        """Where the value at ``path`` ends: a block collection's own extent runs on over the
        comments after it, so it ends with its last scalar."""
        source = self.source
        start, end = source.extents[path]
        if path in source.nodes or self.text[start:start + 1] in "{[\"'":
            return end
        inner = [source.extents[p][1] for p in source.nodes if p[:len(path)] == path]
        return max(inner, default=start)

    def remove_key(self, mapping: tuple, key: str) -> bool:
        """Remove ``key`` and its value from the mapping at ``mapping`` (False where it cannot)."""
        source = self.source
        path = mapping + (key,)
        if path not in source.extents or path not in source.nodes:
            return False
        k = self.index(*source.key_positions[path])
        _, v_end = source.extents[path]
        if self.is_flow(mapping):
            before = self.text[:k].rstrip()
            if before.endswith(","):
                self.replace(len(before) - 1, v_end, "")
            else:
                after = re.match(r"\s*,\s*", self.text[v_end:])
                self.replace(k, v_end + (after.end() if after else 0), "")
            return True
        start, end = self.line_start(k), self.line_end(v_end)
        if self.text[start:k].strip() or "\n" in self.text[k:v_end]:
            return False
        self.replace(start, min(end + 1, len(self.text)), "")
        return True

    def apply(self) -> str:
        """The edited text. Overlapping edits (a value reached twice through YAML aliases) are refused."""
        out, last = [], len(self.text)
        # From the end of the text back; insertions at one place come out in the order they were made.
        ordered = sorted(enumerate(self.edits), key=lambda ie: (ie[1][0], ie[1][1], ie[0]), reverse=True)
        for start, end, text in (edit for _, edit in ordered):
            if end > last:
                raise ReportError.single(
                    self.source.file, "文件里用了锚点和别名（& 和 *），无法自动修改这个文件", 1, 1,
                    hint="把用到别名（*）的地方改成直接写出内容后再试",
                    message_en="overlapping edits (YAML aliases?)")
            out.append(self.text[end:last])
            out.append(text)
            last = start
        out.append(self.text[:last])
        return "".join(reversed(out))


def number_text(value, source: Source | None = None, path: tuple = ()) -> str:
    """A number as YAML text: as the clerk wrote it when that reads back as the same number."""
    if source is not None and path in source.extents:
        start, end = source.extents[path]
        raw = source.text[start:end]
        try:
            if "\n" not in raw and yaml.safe_load(raw) == value:
                return raw
        except yaml.YAMLError:
            pass
    return repr(value) if isinstance(value, float) else str(value)


def scalar_text(text: str) -> str:
    """A string as a YAML scalar: plain where that reads back unchanged, else double-quoted."""
    try:
        if text and text == text.strip() and yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _drop_to_fill(edits: TextEdits, end: int) -> None:
    """Remove ``new``'s ``# 待填写本年数值`` after the value that is now filled in."""
    rest = edits.rest_of_line(end)
    if rest.strip() == TO_FILL_VALUE:
        edits.replace(end, end + len(rest), "")


_PERCENT_TEXT = re.compile(r"\s*-?\d+(?:\.\d+)?\s*[%％]\s*")


def set_figure(edits: TextEdits, name: str, value, approx: str | None = None) -> bool:
    """Write figure ``name``'s value; ``approx`` (余, 以上 …) too when not None, ``""`` removing it.

    Works on every shape a figure takes; returns False where the layout is too unusual to edit
    (the caller tells the clerk to change that figure by hand)."""
    source = edits.source
    base = ("figures", name)
    if base not in source.extents:
        return False
    data = source.data["figures"][name]
    start, end = source.extents[base]
    if start < edits.index(*source.key_positions[base]):
        return False  # an alias (*x): its text is another figure's, which must not change with it
    if not isinstance(data, dict):  # ``名: 18``, ``名: 98%`` or ``名:`` alone
        percent = isinstance(data, str) and _PERCENT_TEXT.fullmatch(data)
        number = number_text(value) + ("%" if percent else "")
        if approx:
            unit = ', unit: "%"' if percent else ""
            number = f"{{value: {number_text(value)}{unit}, approx: {scalar_text(approx)}}}"
        edits.set_scalar(base, number)
        _drop_to_fill(edits, end)
        return True
    flow = edits.is_flow(base)
    value_path = base + ("value",)
    if value_path in source.extents:
        v_start, v_end = source.extents[value_path]
        rest = edits.rest_of_line(v_end)
        if not flow and v_end == v_start and rest.strip() == TO_FILL_VALUE:
            edits.replace(v_start, v_end + len(rest), " " + number_text(value))
        else:
            edits.set_scalar(value_path, number_text(value, source, value_path))
            if not flow:
                _drop_to_fill(edits, v_end)
    elif not edits.set_key(base, "value", number_text(value)):
        return False
    if approx is not None and approx != (data.get("approx") or ""):
        if approx:
            if not edits.set_key(base, "approx", scalar_text(approx)):
                return False
        elif "approx" in data and not edits.remove_key(base, "approx"):
            return False
    if flow:
        _drop_to_fill(edits, end)
    return True


def add_figure(edits: TextEdits, name: str, fields: dict) -> bool:
    """Add a figure to ``figures`` as one flow mapping line: ``名: {label: …, value: 33, unit: 个}``."""
    parts = []
    for key, val in fields.items():
        if val is None or val == "":
            continue
        parts.append(f"{key}: {number_text(val) if isinstance(val, (int, float)) else scalar_text(str(val))}")
    # A catalogue figure with just its number is written as the README teaches: ``法治讲座场次: 82``.
    entry = parts[0].split(": ", 1)[1] if len(parts) == 1 and parts[0].startswith("value: ") else \
        "{" + ", ".join(parts) + "}"
    source = edits.source
    if ("figures",) not in source.extents or not isinstance(source.data.get("figures"), (dict, type(None))):
        at = len(edits.text)
        lead = "" if edits.text.endswith("\n") or not edits.text else "\n"
        edits.replace(at, at, f"{lead}figures:\n  {scalar_text(name)}: {entry}\n")
        return True
    if source.data.get("figures") is None:  # ``figures:`` with nothing under it yet
        k = edits.index(*source.key_positions[("figures",)])
        at = edits.line_end(k)
        edits.replace(at, at, f"\n  {scalar_text(name)}: {entry}")
        return True
    return edits.set_key(("figures",), scalar_text(name), entry)


def set_figure_value(text: str, name: str, value, approx: str | None = None, file: str = "report.yaml") -> str:
    """``text`` with figure ``name``'s value (and 约数 marker) set; a figure not there is added."""
    from lawgov_report.source.yamlsource import load_text

    edits = TextEdits(load_text(text, file))
    figures = edits.source.data.get("figures") if isinstance(edits.source.data, dict) else None
    done = (set_figure(edits, name, value, approx) if isinstance(figures, dict) and name in figures
            else add_figure(edits, name, {"value": value, "approx": approx}))
    if not done:
        raise ReportError.single(file, f"数据“{name}”的写法无法自动修改", *edits.source.locate(("figures", name)),
                                 path=f"figures.{name}", hint="请手工填写这个数据",
                                 message_en=f"cannot edit figure {name} in place")
    return edits.apply()


def encode_like(original: bytes, text: str) -> bytes:
    """``text`` encoded as the clerk's file was: its encoding, byte-order mark and line ends."""
    if original.startswith(b"\xef\xbb\xbf"):
        encoding, bom = "utf-8", b"\xef\xbb\xbf"
    elif original.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, bom = "utf-16", b""  # Python writes the BOM itself
    else:
        bom = b""
        try:
            original.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "gb18030"
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    return bom + text.encode(encoding)
