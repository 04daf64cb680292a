"""The 版头 and 版记 of an existing printed report (GB/T 9704-2012 7.2, 7.4), for import.

At the top: 份号, 密级和保密期限, 紧急程度, the 发文机关标志 ("……文件"), and the 发文字号 line with
its 签发人. At the very end, after any 附件 pages: "抄送：……。" and "印发机关 2021年3月6日印发".
They become the report's ``masthead``, ``doc_number`` and ``imprint`` keys.
"""

from __future__ import annotations

import datetime
import re

from lawgov_report.readers.draft import Draft, SourceParagraph

_COPY_NUMBER = re.compile(r"^\d{6}$")
_SECRECY = re.compile(r"^(?:绝密|机密|秘密)(?:\s*★\s*\S{0,10})?$")
_URGENCY = re.compile(r"^(?:特急|加急|特提|平急)$")
_DOC_NUMBER = re.compile(r"\S{1,15}〔\d{4}〕\d+号")
_SIGNERS = re.compile(r"签发人\s*[：:]\s*(?P<names>.*)$")
_MARK = re.compile(r"^[^\s，。；：！？、]{2,30}$")
_CC = re.compile(r"^抄\s*送\s*[：:](?P<names>.+)$")
_PRINTED = re.compile(r"^(?P<by>\S.*?)\s+(?P<on>(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)\s*印\s*发$")
_TOP_LINES = 8  # the 版头 is a handful of lines at most


def take_masthead(paragraphs: list[SourceParagraph], draft: Draft) -> int:
    """Recognise the 版头 and the 发文字号 at the top; returns the index where the title may start.

    Short lines count as the 发文机关标志 only when they end with "文件" or a 发文字号 follows them:
    otherwise they are the title."""
    masthead: dict = {}
    marks: list[str] = []
    marks_at = None  # where the short lines that may be the 标志 start
    signers: list[str] = []
    i = 0
    while i < min(len(paragraphs), _TOP_LINES):
        text = paragraphs[i].text.strip()
        number = _DOC_NUMBER.search(text)
        if _COPY_NUMBER.match(text):
            masthead["copy_number"] = text
        elif _SECRECY.match(text):
            masthead["secrecy"] = re.sub(r"\s+", "", text)
        elif _URGENCY.match(text):
            masthead["urgency"] = text
        elif number or _SIGNERS.search(text):
            rest = (text[: number.start()] + " " + text[number.end():]) if number else text
            found = _SIGNERS.search(rest)
            names = found["names"] if found else rest
            signers.extend(n for n in re.split(r"[\s、，,]+", names) if n)
            marks_at = None
            if number:
                draft.doc_number = number.group(0)
                i += 1
                break
        elif _MARK.match(text) and not signers:
            marks.append(text)
            marks_at = i if marks_at is None else marks_at
        else:
            break
        i += 1
    if not draft.doc_number and marks_at is not None:
        # no 发文字号 after them: only lines ending in "文件" are a 标志, the rest is the title
        keep = [m for m in marks if m.endswith("文件")]
        i = marks_at + len(keep) if keep == marks[: len(keep)] else marks_at
        marks = marks[: i - marks_at]
    if not (draft.doc_number or masthead or signers or marks):
        return 0
    if marks:
        masthead["mark"] = marks
    if signers:
        masthead["signers"] = signers
    draft.masthead = masthead
    return i


def take_imprint(paragraphs: list[SourceParagraph], draft: Draft) -> int:
    """Recognise the 版记 at the very end; returns where it starts (len(paragraphs): none)."""
    end = len(paragraphs)
    while end and not paragraphs[end - 1].text.strip():
        end -= 1
    imprint: dict = {}
    i = end
    if i and (m := _PRINTED.match(paragraphs[i - 1].text.strip())):
        imprint["printed_by"] = m["by"].strip()
        try:
            imprint["printed_on"] = datetime.date(int(m[3]), int(m[4]), int(m[5]))
        except ValueError:
            imprint["printed_on_text"] = m["on"]
        i -= 1
    if i and (m := _CC.match(paragraphs[i - 1].text.strip())):
        names = m["names"].strip().rstrip("。.")
        imprint["cc"] = [n.strip() for n in re.split(r"[，,、]", names) if n.strip()]
        i -= 1
    if not imprint:
        return len(paragraphs)
    draft.imprint = imprint
    return i


def yaml_lines(draft: Draft, scalar) -> list[tuple[str, str]]:
    """The ``masthead:`` and ``imprint:`` keys of the report YAML, as (line, Chinese comment)."""
    out: list[tuple[str, str]] = []
    masthead = draft.masthead or {}
    if masthead:
        out.append(("masthead:", "版头（印发版首页红色分隔线以上；网页版不显示）"))
        labels = (("mark", "发文机关标志"), ("signers", "签发人"), ("copy_number", "份号"),
                  ("secrecy", "密级和保密期限"), ("urgency", "紧急程度"))
        for key, label in labels:
            value = masthead.get(key)
            if isinstance(value, list):
                out.append((f"  {key}:", label))
                out.extend((f"    - {scalar(v)}", "") for v in value)
            elif value:
                out.append((f"  {key}: " + (f'"{value}"' if key == "copy_number" else scalar(value)), label))
    imprint = draft.imprint or {}
    if imprint:
        out.append(("imprint:", "版记（印发版末页下端）"))
        if imprint.get("cc"):
            out.append(("  cc:", "抄送机关"))
            out.extend((f"    - {scalar(v)}", "") for v in imprint["cc"])
        if imprint.get("printed_by"):
            out.append((f"  printed_by: {scalar(imprint['printed_by'])}", "印发机关"))
        if imprint.get("printed_on"):
            out.append((f"  printed_on: {imprint['printed_on'].isoformat()}", "印发日期"))
        elif imprint.get("printed_on_text"):
            out.append((f"  # printed_on: {imprint['printed_on_text']}", "未识别：印发日期无法识别，请核对"))
    return out
