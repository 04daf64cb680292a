"""The draft: what a reader recognised in an existing report, before it is written out as YAML.

A draft mirrors the Report model (标题, 主送机关, 开头, 正文各部分, 结尾, 附件说明, 署名, 成文日期)
but keeps what the YAML needs to say about its origin: the source paragraph of every piece, the
typed heading numbers that were dropped (they are regenerated), and what could not be placed
(未识别), so that nothing of the original text is lost silently.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class SourceParagraph:
    """One paragraph (a line of a .txt file, a w:p or table row of a .docx) as read.

    ``role`` and ``level`` come from a .docx's styles and outline levels when it has them;
    ``heading`` is the run-in heading at the start of the paragraph, when its character style says
    where the heading ends ("（一）强化组织领导。" in 楷体, then the body in 仿宋).
    """

    text: str
    number: int  # 1-based position in the source: line of a .txt, paragraph of a .docx
    role: str | None = None  # title, heading, recipient, signature, date, note, attachment_note,
    #                          appendix_label, appendix_title, table
    level: int | None = None  # outline level 1..4
    heading: str | None = None
    page_break: bool = False  # starts a new page
    blank_before: bool = False  # an empty paragraph stood just before it
    auto_number: str = ""  # the number Word's automatic numbering shows before the text ("（二）")
    display: bool = False  # centred in a display font (小标宋, 18 pt or more): set as a title is
    comments: list[str] = field(default_factory=list)  # Word comments anchored here ("作者：批注")


@dataclass
class Unplaced:
    """Text that could not be placed in the report's structure (未识别): kept as a YAML comment."""

    text: str
    number: int
    reason: str


@dataclass
class DraftParagraph:
    """A body paragraph; ``points`` are its 一是……二是…… items (the markers removed)."""

    text: str
    number: int
    points: list[str] = field(default_factory=list)
    tail: str = ""


@dataclass
class DraftSection:
    """A heading and what stands under it.

    ``style`` is the numbering family the source used (一、 （一） 1. （1）), ``typed`` the number as
    typed ("（1） ") that import drops, ``ran_in`` whether the first paragraph shared the heading's
    line. ``numbering`` and ``run_in`` are what the YAML must say (None: the template's default).
    """

    title: str
    number: int
    style: str | None = None
    typed: str = ""
    typed_n: int = 0  # the typed (or Word-numbered) number: 3 for "3."
    ran_in: bool = False
    paragraphs: list[DraftParagraph] = field(default_factory=list)
    sections: list["DraftSection"] = field(default_factory=list)
    notes: list[Unplaced] = field(default_factory=list)
    numbering: str | None = None
    run_in: bool | None = None
    level: int = 1


@dataclass
class Draft:
    """Everything recognised in one report file."""

    file: str
    issuer: str | None = None
    year: int | None = None
    title: list[str] = field(default_factory=list)
    title_is_default: bool = False
    doc_number: str | None = None
    recipient: str | None = None
    preamble: list[DraftParagraph] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: str | None = None
    date: datetime.date | None = None
    date_text: str | None = None  # the date as typed, when it does not read back the same
    note: str | None = None
    masthead: dict = field(default_factory=dict)  # 版头: mark, signers, copy_number, secrecy, urgency
    imprint: dict = field(default_factory=dict)  # 版记: cc, printed_by, printed_on
    figures: dict = field(default_factory=dict)  # name -> dict(label, value, unit, approx, category)
    notes_top: list[Unplaced] = field(default_factory=list)  # 未识别 before the body
    notes_end: list[Unplaced] = field(default_factory=list)  # 未识别 after the body
    appendix: list[SourceParagraph] = field(default_factory=list)  # the 附件 pages, as read
    remarks: list[str] = field(default_factory=list)  # what the clerk should check (YAML header)
    comments: dict[int, list[str]] = field(default_factory=dict)  # source paragraph -> Word comments
    statistics_rows: list = field(default_factory=list)  # the 附件 statistics table's rows (statistics.py)
    statistics_appendix: bool | None = None  # the source has the statistics 附件 the template makes
    #                                           (None: the template makes none)
    expected: list[str] = field(default_factory=list)  # the source's text, numbers dropped: for the check

    def walk(self):
        """Every section, depth first."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.sections))
