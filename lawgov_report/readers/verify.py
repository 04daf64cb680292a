"""The import's own check: the YAML it wrote renders back to the text it read.

The imported YAML is loaded and validated like any report, built with the template, and its
paragraphs compared with the source's (typed heading numbers and noise aside). Every difference is
reported to the clerk, so that nothing is lost without a word.
"""

from __future__ import annotations

import difflib

from lawgov_report import document as d
from lawgov_report.errors import Diagnostic

# The 版头 and 版记 are compared as keys (masthead, doc_number, imprint), not as body paragraphs.
_SKIP = (d.BLANK, d.PAGE_BREAK, d.TABLE, d.APPENDIX_LABEL, d.APPENDIX_TITLE, d.COPY_NUMBER, d.SECRECY, d.URGENCY,
         d.MARK, d.DOC_NUMBER, d.SEPARATOR, d.IMPRINT_CC, d.IMPRINT_PRINTED)


def rendered_paragraphs(document: d.Document) -> list[str]:
    """The text of every paragraph of a built Document, without the numbers of headings and
    attachments (generated), and without the statistics appendix the template adds (附件说明 line
    and 附件 page)."""
    generated_title = document.meta.get("appendix_title")
    has_appendix = any(b.kind == d.APPENDIX_LABEL for b in document.blocks)
    out = []
    for block in document.blocks:
        if block.kind == d.PAGE_BREAK or block.kind in (d.APPENDIX_LABEL, d.APPENDIX_TITLE):
            break
        if block.kind in _SKIP:
            continue
        if block.kind == d.HEADING:
            out.append("".join(s.text for s in block.spans[1:]) if block.spans and block.spans[0].generated
                       else block.text)
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
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for a, b in zip(expected[a1:a2], got[b1:b2]):
                out.append(f"原文“{_short(a)}”生成为“{_short(b)}”")
        else:
            out.extend(f"原文“{_short(a)}”在生成的报告中没有对应段落" for a in expected[a1:a2])
            out.extend(f"生成的报告多出“{_short(b)}”" for b in got[b1:b2])
    return out[:limit] + ([f"……另有 {len(out) - limit} 处不同"] if len(out) > limit else [])


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "……"


def as_warnings(file: str, differences: list[str]) -> list[Diagnostic]:
    """The differences as warnings about the imported file, for the CLI to print."""
    return [Diagnostic(file, 0, 0, "warning", "", f"导入结果与原文不一致：{diff}") for diff in differences]
