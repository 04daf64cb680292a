"""Reading a reviewed .docx (审阅稿): its text with tracked changes accepted or rejected, its
revisions listed, and its Word comments (批注) at their paragraphs.

A reviewer (the office director, the deputy county head) edits the rendered report in Word or WPS,
usually with track changes on. Accepting (the default) keeps inserted runs and drops deleted ones; a
paragraph whose mark was deleted joins the next one, as Word does; moved text counts where it went.
Rejecting is the mirror image: the original as rendered. Either way every revision is listed
(kind, author, date, text, paragraph) so the clerk sees what the reviewer did.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.readers.draft import SourceParagraph
from lawgov_report.readers.paragraphs import W, _part, _text, body_paragraphs, open_docx, read_bytes

_INSERTED = (W + "ins", W + "moveTo")
_DELETED = (W + "del", W + "moveFrom")
_KIND_ZH = {"ins": "插入", "del": "删除", "moveTo": "移入", "moveFrom": "移出"}


@dataclass
class Revision:
    """One tracked change (修订) of the reviewed document."""

    kind: str  # ins, del, moveFrom, moveTo; "ins-mark"/"del-mark" for a paragraph mark
    author: str
    date: str
    text: str
    number: int  # the paragraph (w:p, counted as body_paragraphs counts) it sits in

    def describe(self, accept: bool = True) -> str:
        """第 11 段 插入“23”（王主任）; rejected: 撤销插入“23”, 撤销删除“21” (what the merge takes)."""
        kind = _KIND_ZH.get(self.kind.removesuffix("-mark"), self.kind)
        kind = kind if accept else "撤销" + kind
        what = f"“{_short(self.text)}”" if self.text else ("分段" if self.kind == "ins-mark" else "合并段落")
        by = f"（{self.author}）" if self.author else ""
        return f"第 {self.number} 段 {kind}{what}{by}"


@dataclass
class Comment:
    """A Word comment (批注) and the paragraph it is anchored at."""

    author: str
    text: str
    number: int
    offset: int = 0  # where in the paragraph's (chosen view) text the comment starts


@dataclass
class Reviewed:
    """A reviewed document as merge needs it."""

    paragraphs: list[SourceParagraph]  # the chosen view (accepted or rejected), non-empty paragraphs
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def _numbered(body) -> dict:
    """Each w:p and w:tr of the body -> its number, counted as :func:`body_paragraphs` counts."""
    numbers: dict = {}

    def block(container):
        for child in container:
            if child.tag == W + "p":
                numbers[child] = len(numbers) + 1
            elif child.tag == W + "tbl":
                for tr in child.iter(W + "tr"):
                    numbers[tr] = len(numbers) + 1
                    for p in tr.iter(W + "p"):
                        numbers[p] = numbers[tr]
            elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if inner is not None:
                    block(inner)

    block(body)
    return numbers


def _paragraph_of(element, numbers: dict) -> int:
    node = element
    while node is not None and node not in numbers:
        node = node.getparent()
    return numbers.get(node, 0)


def revisions(body) -> list[Revision]:
    """Every tracked change of the body, in document order."""
    numbers = _numbered(body)
    out = []
    for element in body.iter(*_INSERTED, *_DELETED):
        parent = element.getparent()
        mark = parent is not None and parent.tag == W + "rPr" and parent.getparent().tag == W + "pPr"
        if parent is not None and parent.tag in (W + "rPr", W + "trPr") and not mark:
            continue  # a run's or row's own formatting marks
        kind = element.tag.removeprefix(W) + ("-mark" if mark else "")
        if mark:
            text = ""
        else:
            text = "".join(t.text or "" for t in element.iter(W + "t", W + "delText"))
        out.append(Revision(kind, element.get(W + "author", ""), element.get(W + "date", ""), text,
                            _paragraph_of(element, numbers)))
    return out


def _unwrap(element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def resolve(body, accept: bool = True):
    """A copy of the body with every tracked change accepted (or rejected), as Word would."""
    body = copy.deepcopy(body)
    keep, drop = (_INSERTED, _DELETED) if accept else (_DELETED, _INSERTED)
    for tr in list(body.iter(W + "tr")):
        marks = tr.find(W + "trPr")
        if marks is not None and any(marks.find(tag) is not None for tag in drop):
            tr.getparent().remove(tr)
    for wrapper in list(body.iter(*_INSERTED, *_DELETED)):
        parent = wrapper.getparent()
        if parent is None or parent.tag in (W + "rPr", W + "trPr"):
            continue  # marks of paragraphs and rows, handled apart
        if wrapper.tag in drop:
            parent.remove(wrapper)
        else:
            _unwrap(wrapper)
    if not accept:
        for node in body.iter(W + "delText"):
            node.tag = W + "t"
    for p in list(body.iter(W + "p")):
        rpr = p.find(f"{W}pPr/{W}rPr")
        if rpr is None:
            continue
        following = p.getnext()
        dropped = any(rpr.find(tag) is not None for tag in drop)
        if dropped and following is not None and following.tag == W + "p":
            # The paragraph mark goes: this paragraph's runs join the next paragraph.
            first = next((i for i, c in enumerate(following) if c.tag != W + "pPr"), len(following))
            for child in [c for c in p if c.tag != W + "pPr"]:
                following.insert(first, child)
                first += 1
            p.getparent().remove(p)
        else:
            for tag in (*_INSERTED, *_DELETED):
                for mark in rpr.findall(tag):
                    rpr.remove(mark)
    return body


def _comments(archive, main: str, body, file: str) -> list[Comment]:
    """The comments (comments.xml) with the paragraph each is anchored at and where in its text.

    ``body`` is the resolved body whose w:p carry their original numbers (``_number``)."""
    folder = main.rpartition("/")[0]
    part = _part(archive, f"{folder}/comments.xml" if folder else "comments.xml", file)
    if part is None:
        return []
    anchors: dict[str, tuple[int, int]] = {}
    for p in body.iter(W + "p"):
        offset = 0
        for element in p.iter():
            if element.tag == W + "t":
                offset += len(element.text or "")
            elif element.tag in (W + "commentRangeStart", W + "commentReference"):
                anchors.setdefault(element.get(W + "id"), (int(p.get("_number", "0")), offset))
    out = []
    for comment in part.iter(W + "comment"):
        text = "\n".join(_text(p)[0] for p in comment.iter(W + "p")).strip()
        number, offset = anchors.get(comment.get(W + "id"), (0, 0))
        if text and number:
            out.append(Comment(comment.get(W + "author", ""), text, number, offset))
    return out


def read_reviewed(path: str | Path, accept: bool = True, file: str | None = None) -> Reviewed:
    """Read a reviewed .docx: the paragraphs of the accepted (or rejected) text, revisions, comments."""
    path = Path(path)
    file = file or str(path)
    docx = open_docx(read_bytes(path, file), file)
    archive, main, styles = docx.archive, docx.main, docx.styles
    body = docx.document.find(W + "body")
    # Numbers are those of the paragraphs as the reviewer sees them with the changes shown: the
    # resolved view keeps the numbers of the paragraphs it keeps (a joined paragraph: the later one).
    numbers = _numbered(body)
    for element, number in numbers.items():
        element.set("_number", str(number))
    resolved = resolve(body, accept)
    paragraphs = body_paragraphs(resolved, styles, docx.numbering)
    original = {}
    for element, number in _numbered(resolved).items():
        original[number] = int(element.get("_number", number))
    for paragraph in paragraphs:
        paragraph.number = original.get(paragraph.number, paragraph.number)
    return Reviewed(paragraphs, revisions(body), _comments(archive, main, resolved, file))
