"""Recognising the structure of an existing report: 开头, headings at four levels, body paragraphs.

Headings are found by their typed numbers (一、 （一） 1. （1）, with the variants real reports use:
half-width "(一)", "1．" and "1、"), or, in a .docx, by their heading style or outline level. They
nest by the order in which the numbering styles first appear, as a reader of the report would
nest them: a style already open is a sibling, a new one is a child. Two slips real reports make
are read as their author meant them: "（1）" typed among "（二）（三）" (it is the first of them), and
Arabic numbers that run on across sub-sections (each sub-section's numbers are regenerated).

Typed heading numbers are dropped (they are generated again); every other character is kept.
"""

from __future__ import annotations

import re

from lawgov_report.compose.numbering import LEVEL_OF_STYLE, STYLES
from lawgov_report.readers import frame
from lawgov_report.readers.draft import Draft, DraftParagraph, DraftSection, SourceParagraph, Unplaced
from lawgov_report.readers.numbers import heading_number
from lawgov_report.readers.paragraphs import clean
from lawgov_report.readers.points import split_points

# Styles a slip may swap: "（1）" typed where "（一）" was meant, and the reverse.
_SLIPS = {("（1）", "（一）"), ("（一）", "（1）")}
_HEAD_END = "。！？!?"
_CLOSERS = "”’」』）)》】"
MAX_DEPTH = 4


def split_heading(p: SourceParagraph, typed: str) -> tuple[str, str]:
    """(heading title, run-in body) of a heading paragraph, its typed number removed."""
    text = p.text[len(typed):]
    if p.heading is not None:
        head = clean(p.heading)
        if p.text.startswith(head) and head[len(typed):].strip():  # not just the number in bold
            return head[len(typed):], p.text[len(head):]
    if p.role == "heading":
        return text, ""
    # The heading is the first sentence; the body, if any, runs on in the same paragraph.
    end = next((i for i, c in enumerate(text) if c in _HEAD_END), None)
    colon = text.find("：")
    if 0 < colon <= 30 and (end is None or colon < end) and text[colon + 1:].strip():
        end = colon
    if end is None:
        return text, ""
    end += 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    if not text[end:].strip():
        return text, ""
    return text[:end], text[end:]


def body_paragraph(text: str, number: int, enumerate_points: bool = True) -> DraftParagraph:
    """A body paragraph, its 一是……二是…… split into points."""
    split = split_points(text) if enumerate_points else None
    if split is None:
        return DraftParagraph(text, number)
    head, points = split
    return DraftParagraph(head, number, points)


class _Open:
    """An open heading on the nesting stack."""

    __slots__ = ("section", "style", "last")

    def __init__(self, section: DraftSection, style: str | None, last: int):
        self.section, self.style, self.last = section, style, last


def build_body(paragraphs: list[SourceParagraph], draft: Draft) -> None:
    """Preamble and sections from the body's paragraphs (between the frame's top and tail)."""
    stack: list[_Open] = []
    for p in paragraphs:
        number = heading_number(p.text)
        # Without a typed number, a heading style or an outline level makes a heading (Word's own
        # numbering); a long sentence with an outline level is body text someone mis-styled.
        is_heading = number is not None or bool(p.level and (p.role == "heading" or (
            len(p.text.strip()) <= 40 and not p.text.rstrip().endswith("。"))))
        if number is not None and p.role in ("title", "signature", "date", "recipient", "table"):
            is_heading = False
        if p.role == "table":
            target = stack[-1].section.notes if stack else draft.notes_top
            target.append(Unplaced(p.text, p.number, "正文中的表格"))
            continue
        if is_heading and _place_heading(p, number, stack, draft):
            continue
        paragraph = body_paragraph(p.text, p.number, enumerate_points=bool(stack))
        draft.expected.append(p.text)
        if stack:
            stack[-1].section.paragraphs.append(paragraph)
        else:
            draft.preamble.append(paragraph)


def _place_heading(p: SourceParagraph, number, stack: list[_Open], draft: Draft) -> bool:
    style, n, typed = number if number else (None, 0, "")
    title, body = split_heading(p, typed)
    section = DraftSection(title, p.number, style, typed, ran_in=bool(body))
    if style is None:  # styled as a heading, no typed number: nest by outline level
        depth = min(p.level, len(stack) + 1)
        del stack[depth - 1:]
    else:
        index = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style == style), None)
        if index is not None:
            del stack[index:]
        elif stack and (stack[-1].style, style) in _SLIPS and n == stack[-1].last + 1 and n >= 2:
            stack.pop()  # "（1）" then "（二）": the first was meant as "（一）"
            _restyle_siblings(stack, draft, style)
        elif len(stack) >= MAX_DEPTH:
            draft.expected.append(p.text)
            stack[-1].section.paragraphs.append(body_paragraph(p.text, p.number))
            stack[-1].section.notes.append(Unplaced(p.text, p.number, "超过四级的标题，已作为正文段落保留"))
            return True
    siblings = stack[-1].section.sections if stack else draft.sections
    siblings.append(section)
    stack.append(_Open(section, style, n))
    draft.expected.append(title + body)
    if body:
        section.paragraphs.append(body_paragraph(body, p.number))
    return True


def _restyle_siblings(stack: list[_Open], draft: Draft, style: str) -> None:
    siblings = stack[-1].section.sections if stack else draft.sections
    for sibling in siblings:
        sibling.style = style


def layout(draft: Draft, run_in_defaults: list[bool]) -> None:
    """Decide what the YAML must say: ``numbering`` where the children's style is not the default
    for their level, and ``run_in`` where a heading's form is not the template's default."""

    def visit(sections: list[DraftSection], level: int) -> None:
        for section in sections:
            section.level = level
            if section.paragraphs:
                default = run_in_defaults[min(level, 4) - 1]
                section.run_in = None if section.ran_in == default else section.ran_in
            if not section.sections:
                continue
            styles = [s.style for s in section.sections if s.style]
            child_style = max(styles, key=styles.count) if styles else None  # ties: the first
            default_style = STYLES[min(level, 3)]
            if child_style and child_style != default_style:
                section.numbering = child_style
            elif level >= 4:
                section.numbering = child_style or STYLES[3]  # a fifth level does not exist
            child_level = LEVEL_OF_STYLE[section.numbering] if section.numbering else level + 1
            visit(section.sections, child_level)

    visit(draft.sections, 1)


def recognise(paragraphs: list[SourceParagraph], file: str, run_in_defaults: list[bool]) -> Draft:
    """The whole report: frame, body and layout."""
    from lawgov_report.readers.masthead import take_imprint

    draft = Draft(file)
    paragraphs = paragraphs[: take_imprint(paragraphs, draft)]  # the 版记 closes the printed document
    start = frame.take_top(paragraphs, draft)
    appendix = frame.take_appendix(paragraphs, start, draft)
    end, tail_expected = frame.take_tail(paragraphs, start, appendix, draft)
    build_body(paragraphs[start:end], draft)
    draft.expected.extend(tail_expected)
    draft.appendix = paragraphs[appendix:]
    if draft.year is None:
        draft.year = _year_from_text(draft)
    if draft.issuer is None and draft.signature:
        draft.issuer = draft.signature.strip()
    layout(draft, run_in_defaults)
    return draft


def _year_from_text(draft: Draft) -> int | None:
    for paragraph in draft.preamble:
        m = re.search(r"(?<!\d)((?:19|20)\d\d)年", paragraph.text)
        if m:
            return int(m[1])
    if draft.date is not None:
        return draft.date.year - 1
    return None
