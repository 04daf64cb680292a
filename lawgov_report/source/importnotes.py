"""The notes ``import`` left for the clerk (``# 未识别`` comments) that are still in a report file.

Import writes what it could not place or read as a comment beginning 未识别: a year it did not find
(``year: 2025  # 未识别：原文中没有找到年度，请核对``), a paragraph it could not place, an 印发日期 it
could not read. A comment is invisible in the output, so until the clerk deals with it and deletes
it, ``check`` and ``render`` say it is there.
"""

from __future__ import annotations

import re

from lawgov_report.errors import WARNING, Diagnostic
from lawgov_report.source.yamlsource import Source

_NOTE = re.compile(r"(?:^|[ \t])(#[ \t]*未识别.*)$", re.M)
_SHOWN = 40  # characters of the note quoted in the message


def unresolved(source: Source) -> list[Diagnostic]:
    """A warning at each ``# 未识别`` comment (not at the same words inside a quoted text)."""
    if "未识别" not in source.text:
        return []
    out: list[Diagnostic] = []
    spans = None
    for match in _NOTE.finditer(source.text):
        at = match.start(1)
        if spans is None:  # only for a file that has such a note: where its texts stand
            spans = [(n.start_mark.index, n.end_mark.index) for n in source.nodes.values()]
        if any(start <= at < end for start, end in spans):
            continue  # inside a value: the clerk's own words, not a comment
        note = match.group(1).lstrip("#").strip()
        shown = note if len(note) <= _SHOWN else note[:_SHOWN] + "……"
        line, col = source.line_col(at)
        out.append(Diagnostic(source.file, line, col, WARNING, "", f"导入时留下的提示还没有处理：{shown}",
                              "核对并改好相应的内容后，删除这条“# 未识别”注释", "unresolved import note"))
    return out
