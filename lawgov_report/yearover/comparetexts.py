"""Comparing the texts of two reports (正文比对): which sections and items were added, removed,
reworded or moved, each with a label a clerk can find (一、（六）第3项) and its place in the file.

Texts are compared as the clerk wrote them (``{{ 受理案件数 }}`` included), so a new number is
reported once, as a figure, not again in every sentence that quotes it. Sections and items are
matched by content (lawgov_report.align): a section that moved is reported as moved, once, not with
each of its items.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from lawgov_report.align import ADDED, CHANGED, REMOVED, SAME, Item, Step, align, align_in_place
from lawgov_report.compose.numbering import STYLES, heading_number
from lawgov_report.compose.numbering import child_style as numbering_child_style
from lawgov_report.source.model import Report
from lawgov_report.source.yamlsource import Source


@dataclass
class TextChange:
    """A section or item added, removed, reworded or moved."""

    kind: str  # 新增 | 删除 | 修改 | 移动
    what: str  # 标题 | 段落 | 分项 | 开头 | 结尾 | 附件
    old_label: str = ""  # where it was: 一、（六）第3项
    new_label: str = ""
    old_text: str = ""
    new_text: str = ""
    file: str = ""
    line: int = 0
    col: int = 0
    children: int = 0  # items under an added or removed section


class _Texts:
    """A report's texts in reading order (titles, paragraphs, items …) with what align matches them
    by (their keys and shapes), each with the section it lies under; an Item, and where a text is
    (its label and path: :meth:`place`), are made only for the few texts aligned or reported, as
    making them for each of a 50x report's 4,600 texts cost more than aligning them.

    A plain text's key is the text itself and a title's is ("标题", title): a title is matched only
    with a title, and a text never equals a tuple."""

    __slots__ = ("report", "texts", "keys", "shapes", "parents", "sections", "_placed")

    def __init__(self, report: Report):
        self.report = report
        self._placed: dict[int, tuple] = {}  # see _section_place
        texts = [*report.preamble]
        self.parents: list[int | None] = [None] * len(texts)  # the index of the title of its section
        self.sections: dict[int, tuple] = {}  # a title's index -> (its place among its siblings, its section)
        self._walk(texts, report.sections, None)
        texts += report.closing
        texts += report.attachments
        self.parents += [None] * (len(texts) - len(self.parents))
        self.texts, self.keys, self.shapes = texts, texts.copy(), ["text"] * len(texts)
        for at in self.sections:
            self.keys[at], self.shapes[at] = ("标题", texts[at]), "标题"

    def item(self, index: int) -> Item:
        return Item(self.keys[index], self.texts[index], self.shapes[index])

    def items(self) -> list[Item]:
        """Every text's Item: made by tuple.__new__ over the zipped fields, all in C (Item(...) runs
        the named tuple's __new__, a Python function, for each text: twice as long)."""
        return [*map(tuple.__new__, repeat(Item), zip(self.keys, self.texts, self.shapes))]

    def _walk(self, texts: list[str], sections, parent: int | None) -> None:
        """Each section's title, paragraphs and items onto ``texts``, then its subsections'.

        (A method, not a closure calling itself: that closure and the list it filled formed a
        reference cycle, 9,000 objects of a 50x report left to the garbage collector.)"""
        parents = self.parents
        for i, section in enumerate(sections):
            me = len(texts)
            self.sections[me] = (i, section)
            texts.append(section.title)
            parents.append(parent)
            for para in section.paragraphs:
                if para.text:
                    texts.append(para.text)
                texts += para.points
                if para.tail:
                    texts.append(para.tail)
            parents += [me] * (len(texts) - len(parents))
            if section.sections:
                self._walk(texts, section.sections, me)

    def place(self, index: int) -> tuple[str, str, tuple]:
        """What the text at ``index`` is (标题, 段落, 分项, 开头 …), its label a clerk can find
        (一、（六）第3项) and its path in the report."""
        report = self.report
        if index in self.sections:
            label, path, _ = self._section_place(index)
            return "标题", label, path + ("title",)
        parent = self.parents[index]
        if parent is None:  # before the sections, or after them
            after = len(self.texts) - index
            if index < len(report.preamble):
                return "开头", f"开头第{index + 1}段", ("preamble", index)
            if after > len(report.attachments):
                k = len(report.closing) - (after - len(report.attachments))
                return "结尾", f"结尾第{k + 1}段", ("closing", k)
            k = len(report.attachments) - after
            return "附件", f"附件第{k + 1}项", ("attachments", k)
        label, spath, _ = self._section_place(parent)
        paragraphs = self.sections[parent][1].paragraphs
        at = parent + 1  # the index of the section's next text
        for p, para in enumerate(paragraphs):
            where = label if len(paragraphs) == 1 else f"{label}第{p + 1}段"
            ppath = spath + ("paragraphs", p)
            if para.text:
                if at == index:
                    return "段落", where, ppath + ("text",)
                at += 1
            if index < at + len(para.points):
                k = index - at
                return "分项", f"{where}第{k + 1}项", ppath + ("points", k)
            at += len(para.points)
            if para.tail:
                if at == index:
                    return "段落", f"{where}结尾", ppath + ("tail",)
                at += 1
        raise IndexError(index)

    def _section_place(self, index: int) -> tuple[str, tuple, str]:
        """The label (一、（六）) and path of the section whose title is at ``index``, and the numbering
        style of its subsections; each section's worked out once (texts reported under one section
        share its ancestors')."""
        placed = self._placed.get(index)
        if placed is None:
            i, section = self.sections[index]
            parent = self.parents[index]
            label, path, style = ("", (), STYLES[0]) if parent is None else self._section_place(parent)
            placed = self._placed[index] = (label + heading_number(style, i + 1), path + ("sections", i),
                                            numbering_child_style(section.numbering, STYLES.index(style) + 1))
        return placed


def _changed_steps(old: _Texts, new: _Texts) -> list[Step]:
    """align's steps of two reports' texts that are not "same" (indices into their texts): from
    the texts that differ alone where the two differ only in place (align.align_in_place: two
    drafts, mostly; aligning all of a 50x report's 2,300 texts for its 150 changes was half of
    the summary's comparison)."""
    steps = align_in_place(old.keys, new.keys, old.item, new.item)
    if steps is None:
        steps = align(old.items(), new.items())
    return [s for s in steps if isinstance(s, Step) and s.kind != SAME]


def compare_texts(old: Report, new: Report, old_source: Source, new_source: Source) -> list[TextChange]:
    """Sections and items added, removed, reworded or moved, in NEW's reading order."""
    olds, news = _Texts(old), _Texts(new)
    # Only the steps that are not "same" are looked at: a same step is never reported, and its
    # status matches none asked about (removed, added, moved).
    steps = _changed_steps(olds, news)
    status_old: dict[int, tuple[str, int | None]] = {}
    status_new: dict[int, tuple[str, int | None]] = {}
    for s in steps:
        if s.old is not None:
            status_old[s.old] = (s.kind if not s.moved else "moved", s.new if s.new is not None else s.partner)
        if s.new is not None:
            status_new[s.new] = (s.kind if not s.moved else "moved", s.old if s.old is not None else s.partner)

    def carried(o: int | None, n: int | None) -> bool:
        """Moved only because its section moved with it."""
        if o is None or n is None:
            return False
        po, pn = olds.parents[o], news.parents[n]
        return po is not None and pn is not None and status_old.get(po) == ("moved", pn)

    def under(texts: _Texts, statuses, index, kind) -> bool:
        parent = texts.parents[index]
        return parent is not None and statuses.get(parent, (None,))[0] == kind

    def children(texts: _Texts, index) -> int:
        count, stack = 0, {index}
        for i in range(index + 1, len(texts.parents)):
            if texts.parents[i] in stack:
                stack.add(i)
                count += 1
        return count

    changes: list[TextChange] = []
    for s in steps:
        if s.kind == CHANGED:
            changes.append(_change("修改", olds, s.old, news, s.new, new_source))
        elif s.kind == REMOVED and not s.moved and not under(olds, status_old, s.old, REMOVED):
            change = _change("删除", olds, s.old, None, None, old_source)
            if change.what == "标题":
                change.children = children(olds, s.old)
            changes.append(change)
        elif s.kind == ADDED and not s.moved and not under(news, status_new, s.new, ADDED):
            change = _change("新增", None, None, news, s.new, new_source)
            if change.what == "标题":
                change.children = children(news, s.new)
            changes.append(change)
        elif s.kind == ADDED and s.moved and not carried(s.partner, s.new):
            changes.append(_change("移动", olds, s.partner, news, s.new, new_source))
    return changes


def _change(kind: str, olds: _Texts | None, o: int | None, news: _Texts | None, n: int | None,
            source: Source) -> TextChange:
    """The change of the old text ``o`` into the new text ``n`` (either None: only one side has it),
    found where the side it is reported on (``source``) has it."""
    what, old_label, old_path = olds.place(o) if olds is not None else ("", "", ())
    new_what, new_label, new_path = news.place(n) if news is not None else ("", "", ())
    line, col = source.locate(new_path if news is not None else old_path)
    return TextChange(kind, new_what or what, old_label, new_label, olds.texts[o] if olds is not None else "",
                      news.texts[n] if news is not None else "", source.file, line, col)
