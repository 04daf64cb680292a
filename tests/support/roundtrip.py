"""What the import tests compare: a report's text as a reader sees it, before and after import.

Typed noise is not text (indentation, empty lines, "[bookmark: _GoBack]"); heading numbers are put in
their canonical form (the engine writes "（一）" where a clerk typed "(一)"), or dropped where the
source numbered by mistake and the engine numbers afresh. The statistics appendix the template adds
(its 附件说明 line and page) is generated, not imported, so it is left out of the rendered side.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx

INDENT = " \t\u3000\xa0"
_CN = "一二三四五六七八九十"
_NUMBERS = [
    (re.compile(rf"^[（(]([{_CN}]+)[）)]\s*"), r"（\1）"),
    (re.compile(rf"^([{_CN}]+)[、．.]\s*"), r"\1、"),
    (re.compile(r"^[（(](\d{1,2})[）)]\s*"), r"（\1）"),
    (re.compile(r"^(\d{1,2})(?:、|[.．](?!\d))\s*"), r"\1."),
]


def canonical(line: str, drop_numbers: bool = False) -> str:
    """A paragraph with its typed heading number in canonical form (or without it)."""
    if line.startswith(("附件：", "附件:")):  # "附件：1." is numbered only when there are several
        return re.sub(r"^(附件[：:])\d+[.．]", r"\1", line)
    for pattern, replacement in _NUMBERS:
        if pattern.match(line):
            return pattern.sub("" if drop_numbers else replacement, line, count=1)
    return line


def text_lines(path: Path) -> list[str]:
    """The paragraphs of a .txt report as a reader sees them."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    lines = [re.sub(r"\[bookmark: [^\]]*\]", "", line).lstrip(INDENT)
             for line in text.replace("\r\n", "\n").split("\n")]
    return [line for line in lines if line.strip()]


def rendered_lines(path: Path, keep_blank: bool = False) -> list[str]:
    """The paragraphs of a .docx we rendered, up to the statistics appendix the template adds."""
    document = docx.Document(str(path))
    out = []
    paragraphs = document.paragraphs
    appendix_title = next((p.text for p in paragraphs if p.style.style_id == "AppendixTitle"), None)
    for p in paragraphs:
        if p.style.style_id == "AppendixLabel":
            break
        if p.style.style_id == "AttachmentNote" and appendix_title and p.text.endswith(appendix_title):
            if out and not out[-1]:
                out.pop()  # the empty line the template put above its 附件说明
            continue
        if p.text.strip() or keep_blank:
            out.append(p.text)
    return out


def compare(source: list[str], rendered: list[str], drop_numbers: bool = False) -> tuple[list[str], list[str]]:
    return ([canonical(x, drop_numbers) for x in source], [canonical(x, drop_numbers) for x in rendered])
