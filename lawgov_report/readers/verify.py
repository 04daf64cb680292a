"""The import's own check: the YAML it wrote renders back to the text it read.

The imported YAML is loaded and validated like any report, built with the template, and its
paragraphs compared with the source's (typed heading numbers and noise aside). Every difference is
reported to the clerk, so that nothing is lost without a word.
"""

from __future__ import annotations

import difflib
import re

from lawgov_report import document as d
from lawgov_report.errors import Diagnostic

# The 版头 and 版记 are compared as keys (masthead, doc_number, imprint), not as body paragraphs.
_SKIP = (d.BLANK, d.PAGE_BREAK, d.TABLE, d.APPENDIX_LABEL, d.APPENDIX_TITLE, d.COPY_NUMBER, d.SECRECY, d.URGENCY,
         d.MARK, d.DOC_NUMBER, d.SEPARATOR, d.IMPRINT_CC, d.IMPRINT_PRINTED)


def rendered_paragraphs(document: d.Document) -> list[str]:
    """The text of every paragraph of a built Document, heading numbers included, without the
    statistics appendix the template adds (附件说明 line and 附件 page)."""
    generated_title = document.meta.get("appendix_title")
    has_appendix = any(b.kind == d.APPENDIX_LABEL for b in document.blocks)
    out = []
    for block in document.blocks:
        if block.kind == d.PAGE_BREAK or block.kind in (d.APPENDIX_LABEL, d.APPENDIX_TITLE):
            break
        if block.kind in _SKIP:
            continue
        if block.kind == d.HEADING:
            out.append(block.text)
        elif block.kind == d.ATTACHMENT_NOTE:
            text = block.clerk_text
            if has_appendix and generated_title and text in (generated_title, "附件：" + generated_title):
                continue
            out.append(text)
        else:
            out.append(block.text)
    return out


def check(yaml_text: str, file: str, expected: list[str], template: str | None = None) -> list[str]:
    """Differences between the report ``yaml_text`` renders to and the ``expected`` paragraphs.

    Raises :class:`~lawgov_report.errors.ReportError` when the YAML does not validate (an import
    bug, never the clerk's).
    """
    from lawgov_report.compose.build import build
    from lawgov_report.compose.templates import load_template
    from lawgov_report.source.validate import validate
    from lawgov_report.source.yamlsource import load_text

    source = load_text(yaml_text, file)
    report = validate(source)
    document = build(report, load_template(template or report.template), source)
    got = rendered_paragraphs(document)
    return describe(expected, got)


def describe(expected: list[str], got: list[str], limit: int = 20) -> list[str]:
    """Readable differences, in Chinese: which source paragraph changed, and how."""
    out: list[str] = []
    # Paragraphs are matched by their text, then their heading numbers compared: a renumbered
    # heading is one difference said as such, not a paragraph lost and another one added.
    bare = [[_unnumbered(x) for x in side] for side in (expected, got)]
    for op, a1, a2, b1, b2 in _opcodes(*bare):
        if op == "equal":
            out.extend(filter(None, (_numbered(a, b) for a, b in zip(expected[a1:a2], got[b1:b2]))))
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for a, b in zip(expected[a1:a2], got[b1:b2]):
                out.append(_numbered(a, b) or f"原文“{_short(a)}”生成为“{_short(b)}”")
        else:
            out.extend(f"原文“{_short(a)}”在生成的报告中没有对应段落" for a in expected[a1:a2])
            out.extend(f"生成的报告多出“{_short(b)}”" for b in got[b1:b2])
    return out[:limit] + ([f"……另有 {len(out) - limit} 处不同"] if len(out) > limit else [])


MAX_ALIGNED = 2000  # paragraphs difflib aligns (it is quadratic); past that, paragraph by paragraph


def _opcodes(a: list[str], b: list[str]):
    """difflib's opcodes, in linear time where the two sides agree: the common head and tail are
    matched directly, and only what lies between (when it is not too long) is aligned by difflib."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head:
        yield "equal", 0, head, 0, head
    a2, b2 = len(a) - tail, len(b) - tail
    if max(a2, b2) - head <= MAX_ALIGNED:
        matcher = difflib.SequenceMatcher(a=a[head:a2], b=b[head:b2], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            yield op, head + i1, head + i2, head + j1, head + j2
    else:
        common = min(a2, b2) - head
        for i in range(head, head + common):
            yield ("equal" if a[i] == b[i] else "replace"), i, i + 1, i, i + 1
        if a2 > head + common or b2 > head + common:
            yield "replace", head + common, a2, head + common, b2
    if tail:
        yield "equal", a2, len(a), b2, len(b)


def _unnumbered(text: str) -> str:
    from lawgov_report.readers.numbers import heading_number

    number = heading_number(text)
    return text[len(number[2]):] if number else text


def _numbered(a: str, b: str) -> str | None:
    """The difference said as one of heading numbers, when that is all that differs."""
    from lawgov_report.readers.numbers import heading_number

    na, nb = heading_number(a), heading_number(b)
    typed_a, typed_b = (na[2] if na else ""), (nb[2] if nb else "")
    if a[len(typed_a):] != b[len(typed_b):] or typed_a == typed_b:
        return None
    title = re.split("(?<=[。！？：])", b[len(typed_b):], maxsplit=1)[0]  # a run-in heading without its body
    title = _short(title, 24)
    if not typed_a:
        return f"标题“{title}”原文没有编号，生成时编为“{typed_b.strip()}”"
    if not typed_b:
        return f"标题“{title}”原文编号“{typed_a.strip()}”，生成时没有编号"
    return f"标题“{title}”原文编号“{typed_a.strip()}”，生成时编为“{typed_b.strip()}”"


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "……"


def as_warnings(file: str, differences: list[str]) -> list[Diagnostic]:
    """The differences as warnings about the imported file, for the CLI to print."""
    return [Diagnostic(file, 0, 0, "warning", "", f"导入结果与原文不一致：{diff}") for diff in differences]
