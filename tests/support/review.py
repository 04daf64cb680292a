"""A reviewer's edits made in a rendered .docx, as plain edits (python-docx) or as Word tracked changes
(w:ins/w:del built with lxml), for the merge tests. Independent of merge: it only edits WordprocessingML."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.oxml.ns import qn

AUTHOR = "王主任"
DATE = "2021-03-01T09:00:00Z"

# The scenario of issue 17: a rewording with a sentence added, 1798 -> 1900 where 参考执法人员数 is
# quoted, and a plan item deleted (the items after it renumbered, as a careful reviewer does).
REWORD = ("对全年工作进行了具体的安排部署。", "对全年工作作出了具体安排部署。全年召开专题会议四次。")
NUMBER = ("1798名", "1900名")
PLAN_ITEM = "二是进一步完善内部各项工作制度，及时修订完善重大行政决策合法性审查机制。"
RENUMBER = [("三是推进依法行政", "二是推进依法行政"), ("四是指导督导", "三是指导督导"), ("五是依法受理", "四是依法受理")]
COMMENT = "专题会议次数请核实"


def _set_text(paragraph, text: str) -> None:
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def plain_review(src: Path, dst: Path) -> None:
    """The scenario as plain edits (track changes off)."""
    document = docx.Document(str(src))
    for paragraph in document.paragraphs:
        text = paragraph.text
        for old, new in (REWORD, NUMBER, (PLAN_ITEM, ""), *RENUMBER):
            if old in text:
                text = text.replace(old, new, 1)
        if text != paragraph.text:
            _set_text(paragraph, text)
    document.save(str(dst))


def _revision(tag: str, ident: int):
    element = copy.deepcopy(docx.oxml.parse_xml(
        f'<w:{tag} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    element.set(qn("w:id"), str(ident))
    element.set(qn("w:author"), AUTHOR)
    element.set(qn("w:date"), DATE)
    return element


def _run_with(run, text: str, deleted: bool = False):
    new = copy.deepcopy(run)
    for t in new.findall(qn("w:t")):
        new.remove(t)
    t = new.makeelement(qn("w:delText" if deleted else "w:t"), {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    new.append(t)
    return new


def tracked_replace(p, old: str, new: str, ident: list) -> object:
    """Replace ``old`` (inside one run of paragraph element ``p``) by ``new`` as tracked changes."""
    for run in p.findall(qn("w:r")):
        text = "".join(t.text or "" for t in run.findall(qn("w:t")))
        if old not in text:
            continue
        before, after = text.split(old, 1)
        index = p.index(run)
        pieces = []
        if before:
            pieces.append(_run_with(run, before))
        deletion = _revision("del", ident[0])
        ident[0] += 1
        deletion.append(_run_with(run, old, deleted=True))
        pieces.append(deletion)
        inserted = None
        if new:
            inserted = _revision("ins", ident[0])
            ident[0] += 1
            inserted.append(_run_with(run, new))
            pieces.append(inserted)
        if after:
            pieces.append(_run_with(run, after))
        p.remove(run)
        for k, piece in enumerate(pieces):
            p.insert(index + k, piece)
        return inserted
    raise AssertionError(f"{old!r} not in one run")


def tracked_number(p, before: str, old: str, new: str, ident: list) -> None:
    """The number ``old`` right after ``before`` (in one run of paragraph element ``p``) deleted and
    ``new`` inserted as tracked changes: the number alone, as a reviewer selects 56 and types 60."""
    for run in p.findall(qn("w:r")):
        text = "".join(t.text or "" for t in run.findall(qn("w:t")))
        at = text.find(before + old)
        if at < 0:
            continue
        at += len(before)
        deletion, insertion = _revision("del", ident[0]), _revision("ins", ident[0] + 1)
        ident[0] += 2
        deletion.append(_run_with(run, old, deleted=True))
        insertion.append(_run_with(run, new))
        index = p.index(run)
        p.remove(run)
        for k, piece in enumerate([_run_with(run, text[:at]), deletion, insertion, _run_with(run, text[at + len(old):])]):
            p.insert(index + k, piece)
        return
    raise AssertionError(f"{before + old!r} not in one run")


def tracked_review(src: Path, dst: Path, comment: bool = True) -> None:
    """The scenario as tracked changes (Word's 修订), with a Word comment on the reworded paragraph."""
    document = docx.Document(str(src))
    ident = [100]
    for paragraph in document.paragraphs:
        p = paragraph._p
        text = paragraph.text
        if REWORD[0] in text:
            tracked_replace(p, REWORD[0], REWORD[1], ident)
            if comment:
                # on the run of the item's text (after the heading's run): the comment is about 一是
                document.add_comment(paragraph.runs[1], text=COMMENT, author=AUTHOR)
        if NUMBER[0] in text:
            tracked_replace(p, NUMBER[0], NUMBER[1], ident)
        if PLAN_ITEM in text:
            tracked_replace(p, PLAN_ITEM, "", ident)
            for old, new in RENUMBER:
                tracked_replace(p, old[:2], new[:2], ident)
    document.save(str(dst))
