"""The frame of an existing report: what stands around the body.

At the top: 发文字号, 标题 (issuer + "关于……的报告", on one or more lines) and 主送机关. At the end:
结尾 (特此报告。), 附件说明, 署名, 成文日期, 附注, and the 附件 pages. What is recognised is taken
out of the paragraph list; what stands between is the body (开头 and 正文).
"""

from __future__ import annotations

import datetime
import re

from lawgov_report.readers.draft import Draft, SourceParagraph, Unplaced
from lawgov_report.numerals import from_chinese
from lawgov_report.readers.numbers import heading_number

_MASTHEAD = re.compile(r"^\S{2,30}(文件|简报|公报)$|^签发人[：:]|^(特急|加急|平急|特提|秘密|机密|绝密|内部)")
_TITLE_END = re.compile(r"(报告|总结|情况|汇报)[)）]?$")
_SENTENCE = re.compile(r"[。；;！？]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
_ISSUER_SUFFIX = re.compile(
    r"^(.{2,30}?(?:人民政府|政府|委员会|管委会|办公室|办事处|司法局|局|厅|委|办|院|中心|所|部))(?=\d{4}|关于|$)")
_CLOSING = re.compile(r"^(?:(?:特此|专此)报告[^。]{0,12}|以上报告[^。]{0,12}|妥否[^。]{0,10}|请予?审[阅议示定])[。！!]?\s*$")
_ATTACHMENT = re.compile(r"^附件[：:]")
_ATTACHMENT_MORE = re.compile(r"^(\d{1,2})[.．、]")
_APPENDIX_LABEL = re.compile(r"^附件\s*\d{0,2}$")
_NOTE = re.compile(r"^[（(][^（）()]{2,60}[）)]$")
_DATE_DIGITS = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATE_CHINESE = re.compile(r"^([〇零○ＯО0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")


def parse_date(text: str) -> datetime.date | None:
    """2021年3月5日, or 二〇二一年三月五日 as older reports write it."""
    text = text.strip()
    try:
        m = _DATE_DIGITS.match(text)
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATE_CHINESE.match(text)
        if m:
            year = from_chinese(m[1])
            month, day = from_chinese(m[2]), from_chinese(m[3])
            if month and day:
                return datetime.date(year, month, day)
    except ValueError:
        return None
    return None


def _title_like(p: SourceParagraph, headings: bool = False) -> bool:
    text = p.text.strip()
    roles = (None, "title", "heading") if headings else (None, "title")
    return (p.role in roles and 0 < len(text) <= 60 and not _SENTENCE.search(text)
            and heading_number(text) is None
            and "，" not in text and not text.endswith(("：", ":")))


def take_top(paragraphs: list[SourceParagraph], draft: Draft) -> int:
    """Recognise 发文字号, 标题 and 主送机关; returns the index where the body starts."""
    from lawgov_report.readers.masthead import take_masthead

    # What may stand above the title: the masthead (版头) with the document number, then any
    # masthead-like line it could not place.
    i = take_masthead(paragraphs, draft)
    while i < len(paragraphs) and i < 6:
        text = paragraphs[i].text.strip()
        if _MASTHEAD.search(text):
            draft.notes_top.append(Unplaced(paragraphs[i].text, paragraphs[i].number, "版头（文件名称、签发人等）"))
        else:
            break
        i += 1
    start = i
    styled = next((j for j in range(start, min(start + 6, len(paragraphs))) if paragraphs[j].role == "title"), None)
    end = start
    if styled is not None:  # a .docx that says which paragraphs are the title
        for p in paragraphs[start:styled]:
            draft.notes_top.append(Unplaced(p.text, p.number, "标题之前的文字"))
        start = end = styled
        while end < len(paragraphs) and paragraphs[end].role == "title":
            end += 1
    else:
        # A title styled as a heading (标题 1), as many Word and WPS users do: only when it reads as
        # a report's title, so that a report without a title keeps its first heading.
        headings = any(q.role == "heading" and heading_number(q.text) is None and q.text.strip().endswith("报告")
                       for q in paragraphs[start:start + 3])
        for j in range(start, min(start + 4, len(paragraphs))):
            p = paragraphs[j]
            if not _title_like(p, headings) or (j > start and p.blank_before):
                break
            if _TITLE_END.search(p.text.strip()):
                end = j + 1
                break
        if end == start and start < len(paragraphs) and _title_like(paragraphs[start]) and (
                start + 1 < len(paragraphs) and paragraphs[start + 1].blank_before):
            end = start + 1  # one short line, then an empty line: a title without 报告
    draft.title = [p.text for p in paragraphs[start:end]]
    draft.expected.extend(draft.title)
    _issuer_and_year(draft)
    i = end
    if i < len(paragraphs):
        p = paragraphs[i]
        text = p.text.strip()
        if p.role == "recipient" or (p.role is None and len(text) <= 60 and text.endswith(("：", ":"))
                                     and not _SENTENCE.search(text) and "，" not in text):
            draft.recipient = p.text
            draft.expected.append(p.text)
            i += 1
    return i


def _issuer_and_year(draft: Draft) -> None:
    joined = "".join(line.replace("\n", "").strip() for line in draft.title)  # a title may break lines
    if "关于" in joined and joined.index("关于") > 0:
        draft.issuer = joined[: joined.index("关于")]
    else:
        m = _ISSUER_SUFFIX.match(joined)
        if m:
            draft.issuer = m[1]
    m = _YEAR.search(joined)
    if m:
        draft.year = int(m[1])


def take_appendix(paragraphs: list[SourceParagraph], start: int, draft: Draft) -> int:
    """Find the 附件 pages at the end; returns where they start (len(paragraphs) when there are none).

    The appendix pages are not part of the report's text: the statistics table is generated again
    from the figures, and any other appendix is kept as 未识别 comments.
    """
    for i in range(start + 1, len(paragraphs)):
        p = paragraphs[i]
        text = p.text.strip()
        if p.role == "appendix_label" or (p.page_break and (_APPENDIX_LABEL.match(text) or p.role == "table")) or (
                _APPENDIX_LABEL.match(text) and _after_signature(paragraphs, i)):
            return i
    return len(paragraphs)


def _after_signature(paragraphs: list[SourceParagraph], i: int) -> bool:
    return any(parse_date(p.text) or p.role in ("date", "signature") for p in paragraphs[max(0, i - 4):i])


def take_tail(paragraphs: list[SourceParagraph], start: int, end: int, draft: Draft) -> tuple[int, list[str]]:
    """Recognise 附注, 成文日期, 署名, 附件说明 and 结尾 backwards from ``end``.

    Returns where the body ends, and the tail's text as the rendered report will show it (for the
    import's own check that nothing was lost).
    """
    i = end
    expected: list[str] = []

    def last():
        return paragraphs[i - 1] if i > start else None

    p = last()
    if p is not None and (p.role == "note" or (_NOTE.match(p.text.strip()) and i - 1 > start and (
            paragraphs[i - 2].role == "date" or parse_date(paragraphs[i - 2].text)))):
        draft.note = p.text
        expected.insert(0, p.text)
        i -= 1
    p = last()
    if p is not None and (p.role == "date" or parse_date(p.text)):
        draft.date = parse_date(p.text)
        if draft.date is None:
            draft.notes_end.append(Unplaced(p.text, p.number, "成文日期无法识别"))
        else:
            rendered = f"{draft.date.year}年{draft.date.month}月{draft.date.day}日"
            if rendered != p.text.rstrip():
                draft.date_text = p.text.rstrip()  # 二〇二一年…: the standard writes Arabic numerals
            expected.insert(0, p.text.rstrip())  # spaces typed after it are not text
        i -= 1
        p = last()
        if p is not None and (p.role == "signature" or (
                p.role is None and len(p.text.strip()) <= 30 and not re.search(r"[。，；：、,;:！？]", p.text)
                and heading_number(p.text) is None)):
            draft.signature = p.text.rstrip()  # right-aligned by its style: trailing spaces would shift it
            expected.insert(0, draft.signature)
            i -= 1
    elif p is not None and p.role == "signature":
        draft.signature = p.text.rstrip()
        expected.insert(0, draft.signature)
        i -= 1
    i = _take_attachments(paragraphs, start, i, draft, expected)
    while i > start and _CLOSING.match(paragraphs[i - 1].text.strip()) and paragraphs[i - 1].role in (None, "body"):
        draft.closing.insert(0, paragraphs[i - 1].text)
        expected.insert(0, paragraphs[i - 1].text)
        i -= 1
    return i, expected


def _take_attachments(paragraphs, start: int, end: int, draft: Draft, expected: list[str]) -> int:
    """附件说明: "附件：名称", or "附件：1.名称" with "2.名称" … on the following lines."""
    for j in range(end - 1, max(start, end - 30) - 1, -1):
        p = paragraphs[j]
        if _ATTACHMENT.match(p.text.strip()) and p.role in (None, "attachment_note"):
            lines = [q.text.strip() for q in paragraphs[j:end]]
            first = lines[0][3:].strip()
            rest = lines[1:]
            numbered = _ATTACHMENT_MORE.match(first)
            if rest and not (numbered and all(_ATTACHMENT_MORE.match(x) for x in rest)):
                return end  # what follows is not a list of attachment names
            names = [first, *rest]
            if numbered:
                names = [_ATTACHMENT_MORE.sub("", x, count=1) for x in names]
            draft.attachments = names
            # As typed, less the numbers that are generated again ("附件：1." and "2.").
            shown = [paragraphs[j].text[: paragraphs[j].text.index("附件") + 3] + names[0], *names[1:]]
            expected[:0] = shown
            return j
        if p.role not in (None, "attachment_note") or not _ATTACHMENT_MORE.match(p.text.strip()):
            return end
    return end
