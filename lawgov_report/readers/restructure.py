"""Paragraphs, sections and keys a reviewer added or deleted, as edits of the report's structure.

The second half of the merge plan (:mod:`lawgov_report.readers.merge` does the rewordings): the
rendered paragraphs and the reviewed ones are aligned; a deleted paragraph deletes its item of
``preamble``/``paragraphs``, a deleted heading with everything under it deletes its section, an
added paragraph goes in after the item of the paragraph before it, an added heading (its number
tells its level) becomes a section beside the section of that number style before it; the title
lines, 主送, 署名, 成文日期 and 附注 go to their keys; Word comments to the item they are anchored at.
"""

from __future__ import annotations

import re

from lawgov_report import document as d
from lawgov_report.align import ADDED, CHANGED, REMOVED, REWORDED, SAME, Item, align, similarity
from lawgov_report.compose.numbering import point_marker
from lawgov_report.numerals import from_chinese
from lawgov_report.readers.atoms import FIGURE, LITERAL, atoms_of, lay, occurrences, split_new_points, split_points
from lawgov_report.readers.merge import (DATE_TEXT, HEADING_STYLES, Plan, Planner, body_paragraphs, escape,
                                         first_origin, heading_style, paragraph_path)
from lawgov_report.readers.reviewed import Comment

MARKER_AT_START = re.compile("^([一二三四五六七八九十百]+)是")
_KEYS = {d.RECIPIENT: "recipient", d.SIGNATURE: "signature", d.DATE: "date", d.NOTE: "note"}


def _section_of(block: d.Block) -> tuple | None:
    """The section a block belongs to (its heading's section, or the section of its paragraph)."""
    origin = first_origin(block)
    if origin is None or origin.path[0] != "sections":
        return None
    if block.kind == d.HEADING:
        return origin.path[:-1]
    return paragraph_path(origin.path)[:-2]


def _paragraph_value(text: str):
    """A new paragraph as YAML data: a text, or ``{text, points}`` when it has 一是/二是 (or goes on
    with 三是, 四是 …: a paragraph split in two; the markers are never written into a text)."""
    first = MARKER_AT_START.match(text)
    start = from_chinese(first.group(1)) if first else None
    lead, points = split_new_points(text, point_marker, start or 1)
    if not points:
        return escape(text)
    value: dict = {}
    if lead:
        value["text"] = escape(lead)
    value["points"] = [escape(p) for p in points]
    return value


def _unnumbered(text: str) -> str:
    style = heading_style(text)
    return dict(HEADING_STYLES)[style].sub("", text, count=1) if style else text


def _date(text: str) -> str | None:
    m = DATE_TEXT.match(text.strip())
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


class Restructurer:
    """Walks the alignment of the rendered and reviewed paragraphs and fills the plan."""

    def __init__(self, planner: Planner, reviewed: list, run_in: list | tuple = (False, True, True, True)):
        self.p = planner
        self.run_in = list(run_in)  # the template's run-in default per heading level
        self.plan: Plan = planner.plan
        self.old = planner.blocks
        self.new = body_paragraphs(reviewed)
        # Heading numbers are left out of the keys: a heading renumbered because a section before it
        # went is the same heading.
        self.steps = align([Item(_unnumbered(b.text), b.text) for b in self.old],
                           [Item(_unnumbered(p.text), p.text) for p in self.new])
        self._pair_rewritten_headings()
        self.headings = {}  # section path -> heading block
        for block in self.old:
            if block.kind == d.HEADING and first_origin(block) is not None:
                self.headings[first_origin(block).path[:-1]] = block
        self.pending = None  # (list path, before, value, style, level) of a section just added
        self.anchor_of_new: dict[int, tuple] = {}

    def _pair_rewritten_headings(self) -> None:
        """A heading rewritten past recognition whose content stays is the same heading reworded.

        Too little of a short heading may stay for the alignment to pair it ("存在的问题" ->
        "存在不足"); a deleted heading whose paragraphs stay, next to an added heading of the same
        number style, is that heading rewritten (nothing else could be placed)."""
        kept = {s.old for s in self.steps if s.kind in (SAME, CHANGED)}
        steps = self.steps
        i = 0
        while i < len(steps):
            if steps[i].kind not in (REMOVED, ADDED):
                i += 1
                continue
            j = i
            while j < len(steps) and steps[j].kind in (REMOVED, ADDED):
                j += 1
            used: set[int] = set()
            for step in steps[i:j]:
                block = self.old[step.old] if step.kind == REMOVED else None
                if block is None or block.kind != d.HEADING or first_origin(block) is None:
                    continue
                section = first_origin(block).path[:-1]
                content_stays = any((_section_of(self.old[k]) or ())[:len(section)] == section for k in kept)
                title = block.spans[1].text if len(block.spans) > 1 else ""
                style = heading_style(block.text)

                def same_heading(k: int) -> bool:
                    if steps[k].kind != ADDED or k in used:
                        return False
                    text = self.new[steps[k].new].text
                    if heading_style(text) != style:
                        return False
                    # the content stays under it, or its title does (the run-in body was rewritten)
                    return content_stays or similarity(title, _unnumbered(text)[:len(title)]) >= REWORDED

                match = next((k for k in range(i, j) if same_heading(k)), None)
                if match is not None:
                    used.add(match)
                    steps[match] = type(step)(CHANGED, old=step.old, new=steps[match].new)
                    step.kind = "paired"
            i = j
        self.steps = [s for s in steps if s.kind != "paired"]

    def run(self) -> Plan:
        removed: list[int] = []
        anchor = None
        titles: list = []  # (kind, block or paragraph, new text)
        title_changed = False
        for step in self.steps:
            block = self.old[step.old] if step.old is not None else None
            para = self.new[step.new] if step.new is not None else None
            in_title = (block is not None and block.kind == d.TITLE) or (
                block is None and (anchor is None or anchor.kind == d.TITLE) and para.role == "title")
            if in_title:
                titles.append((step.kind, block, para))
                title_changed |= step.kind != SAME
                anchor = block or anchor
                continue
            if step.kind != ADDED:
                self.pending = None
            if step.kind == SAME:
                self.p.settle(atoms_of(block), [a.text for a in atoms_of(block)], para.number)
            elif step.kind == CHANGED:
                self.changed(block, para)
            elif step.kind == REMOVED:
                removed.append(step.old)
            else:
                self.added(para, anchor, self.old[step.partner] if step.partner is not None else None)
            if block is not None and step.kind != REMOVED:
                anchor = block  # what is added goes after the last paragraph that stays
        if title_changed:
            self.title(titles)
        self.moved_figures()
        self.removed(removed)
        self.emptied()
        return self.plan

    # -- what changed ----------------------------------------------------------------------
    def changed(self, block: d.Block, para) -> None:
        if block.kind == d.DATE:  # written from the date: key, not from a text
            iso = _date(para.text)
            if iso:
                self.plan.keys["date"] = iso
            else:
                self.p.find(para.number, ("date",), f"成文日期“{para.text}”不是“2021年3月5日”的写法，未写回")
            return
        self.p.changed(block, para.text, para.number)

    def title(self, titles: list) -> None:
        lines = []
        for kind, block, para in titles:
            if kind == REMOVED:
                continue
            if kind == ADDED:
                lines.append(escape(para.text))
                continue
            atoms = atoms_of(block)
            pairs = list(zip(atoms, lay(atoms, para.text) if kind == CHANGED else [a.text for a in atoms]))
            if all(a.kind in (LITERAL, FIGURE) for a, _ in pairs):
                lines.append(self.p.compose(pairs, para.number))
            else:
                lines.append(escape(para.text))
        self.plan.keys["title"] = lines

    def removed(self, indices: list[int]) -> None:
        gone = set(indices)
        deleted_sections: list[tuple] = []
        for i in indices:
            block = self.old[i]
            origin = first_origin(block)
            if block.kind in _KEYS:
                self.plan.keys[_KEYS[block.kind]] = "null"
                continue
            if origin is None:
                self.p.find(0, None, f"删除了模板生成的“{block.text}”，未写回（它由模板生成）")
                continue
            if block.kind == d.HEADING:
                section = origin.path[:-1]
                inside = [k for k, b in enumerate(self.old) if (_section_of(b) or ())[:len(section)] == section]
                if all(k in gone for k in inside):
                    deleted_sections.append(section)
                    self.plan.deletions.append(section)
                else:
                    self.p.find(0, section, f"删除了标题“{block.text}”，但保留了它下面的内容，未写回（请把内容移到别的标题下后删除这一节）")
                continue
            if any(origin.path[:len(s)] == s for s in deleted_sections):
                continue
            self.plan.deletions.append(paragraph_path(origin.path))

    def emptied(self) -> None:
        """A list whose every item is deleted (and none inserted) becomes ``[]``."""
        by_list: dict[tuple, list] = {}
        for path in self.plan.deletions:
            by_list.setdefault(path[:-1], []).append(path)
        inserted = {ins[0] for ins in self.plan.insertions}
        for list_path, paths in by_list.items():
            if len(set(paths)) >= self.p.length(list_path) and list_path not in inserted:
                self.plan.deletions = [p for p in self.plan.deletions if p[:-1] != list_path]
                self.plan.emptied.append(list_path)

    # -- what was added --------------------------------------------------------------------
    def added(self, para, anchor: d.Block | None, moved: d.Block | None = None) -> None:
        text = para.text
        role = para.role
        tail = anchor is not None and anchor.kind in (d.ATTACHMENT_NOTE, d.SIGNATURE, d.DATE, d.NOTE)
        if role == "recipient" or (anchor is not None and anchor.kind == d.TITLE and text.endswith("："))\
                or (anchor is None and text.endswith("：")):
            self.plan.keys["recipient"] = escape(text)
            return
        if role == "date" or (tail and _date(text)):
            self.plan.keys["date"] = _date(text) or "null"
            if not _date(text):
                self.p.find(para.number, ("date",), f"成文日期“{text}”不是“2021年3月5日”的写法，未写回")
            return
        if role == "signature" or (tail and anchor.kind == d.ATTACHMENT_NOTE):
            self.plan.keys["signature"] = escape(text)
            return
        if role == "note" or tail:
            self.plan.keys["note"] = escape(text)
            return
        style = heading_style(text)
        if style is not None:
            self.add_section(para, style, anchor)
            return
        value = self.moved_value(moved, text) if moved is not None else None
        if value is None:
            value = _paragraph_value(text)
        if self.pending is not None:
            section = self.pending[2]
            if "paragraphs" not in section and self.runs_in(self.pending[4], None):
                section["run_in"] = False  # the reviewer put the body in a paragraph of its own
            section.setdefault("paragraphs", []).append(value)
            return
        where = self.after(anchor)
        if where is None:
            self.p.find(para.number, None, f"新增的段落“{text[:20]}……”找不到对应的位置，未写回")
            return
        self.plan.insertions.append((*where, value))

    def moved_value(self, old: d.Block, text: str):
        """A paragraph moved here: its YAML texts from where it was, ``{{ }}`` and all (None: as typed)."""
        if old.kind != d.BODY:
            return None
        atoms = atoms_of(old)
        if any(a.kind not in (LITERAL, FIGURE) for a in atoms) or any(a.path[-1] == "tail" for a in atoms):
            return None
        lead, points = split_points(atoms)
        if not points:
            return self.p.compose(list(zip(atoms, lay(atoms, text))), 0)
        new_lead, new_points = split_new_points(text, point_marker)
        if len(new_points) != len(points) or bool(lead) != bool(new_lead):
            return None
        value: dict = {}
        if lead:
            value["text"] = self.p.compose(list(zip(lead, lay(lead, new_lead))), 0)
        value["points"] = [self.p.compose(list(zip(body, lay(body, new))), 0)
                           for (_, body), new in zip(points, new_points)]
        return value

    def moved_figures(self) -> None:
        """A figure deleted in one paragraph whose number turns up in another: moved, written as a
        number there; listed, since its figure (and unit) cannot be told for sure."""
        for name, shown, number in self.p.dropped:
            for step in self.steps:
                if step.new is None or step.kind == SAME:
                    continue
                para = self.new[step.new]
                old_text = self.old[step.old].text if step.old is not None else ""
                if para.number != number and occurrences(para.text, shown) and not occurrences(old_text, shown):
                    self.p.find(para.number, ("figures", name),
                                f"数据“{name}”（{shown}）从审阅稿第 {number} 段移到了第 {para.number} 段，新位置按文字写回；"
                                f"请核对，需要时改为 {{{{ {name} }}}}")

    def after(self, anchor: d.Block | None) -> tuple | None:
        """The list and position just after ``anchor``'s item, for a new paragraph."""
        origin = first_origin(anchor) if anchor is not None else None
        if anchor is None or anchor.kind in (d.TITLE, d.RECIPIENT) or origin is None:
            if anchor is not None and anchor.kind not in (d.TITLE, d.RECIPIENT):
                return None
            return ("preamble",), 0 if self.p.length(("preamble",)) else None
        if anchor.kind == d.HEADING:
            section = origin.path[:-1]
            run_in = len(anchor.spans) > anchor.heading_spans
            before = 1 if run_in else 0
            if (not run_in and not self.p.length(section + ("paragraphs",)) and self.runs_in(anchor.level, section)
                    and (section, "run_in", "false") not in self.plan.set_keys):
                self.plan.set_keys.append((section, "run_in", "false"))
            return section + ("paragraphs",), before if before < self.p.length(section + ("paragraphs",)) else None
        if anchor.kind in (d.BODY,) or origin.path[0] in ("preamble", "closing"):
            item = paragraph_path(origin.path)
            before = item[-1] + 1
            return item[:-1], before if before < self.p.length(item[:-1]) else None
        return None

    def add_section(self, para, style: str, anchor: d.Block | None) -> None:
        pattern = dict(HEADING_STYLES)[style]
        title = escape(pattern.sub("", para.text, count=1))
        value = {"title": title}
        if self.pending is not None and self.pending[3] == style:
            where = (*self.pending[:2], self.pending[4])
        else:
            where = self.sibling_place(style, anchor)
        if where is None:
            self.p.find(para.number, None, f"新增的标题“{para.text[:20]}”找不到同级的标题，未写回")
            self.pending = None
            return
        self.plan.insertions.append((*where[:2], value))
        self.pending = (*where[:2], value, style, where[2])

    def sibling_place(self, style: str, anchor: d.Block | None) -> tuple | None:
        section = _section_of(anchor) if anchor is not None else None
        while section:
            heading = self.headings.get(section)
            if heading is not None and heading_style(heading.text) == style:
                parent = section[:-1]
                before = section[-1] + 1
                return parent, before if before < self.p.length(parent) else None, heading.level
            section = section[:-2]
        if style == "一、":
            return ("sections",), 0 if self.p.length(("sections",)) else None, 1
        return None

    def runs_in(self, level: int, section: tuple | None) -> bool:
        """Whether a section's heading takes its first paragraph into the same paragraph (标题接正文)."""
        node = self.p.data
        for part in section or ():
            node = node[part] if isinstance(node, (list, dict)) else None
        if isinstance(node, dict) and node.get("run_in") is not None:
            return bool(node["run_in"])
        return bool(self.run_in[min(max(level, 1), len(self.run_in)) - 1]) if self.run_in else False


def place_comments(plan: Plan, restructurer: Restructurer, comments: list[Comment]) -> None:
    """Each Word comment as a YAML comment above the text it is anchored in (an item, a title)."""
    by_number = {p.number: i for i, p in enumerate(restructurer.new)}
    pairs = {s.new: s for s in restructurer.steps if s.new is not None}
    for comment in comments:
        who = f"（{comment.author}）" if comment.author else ""
        line = f"审阅批注{who}：{comment.text.replace(chr(10), ' / ')}"
        index = by_number.get(comment.number)
        step = pairs.get(index) if index is not None else None
        path: tuple = ()
        if step is not None and step.old is not None:
            path = _anchored(restructurer.old[step.old], restructurer.new[index].text, comment.offset)
        elif index is not None:  # an added paragraph: at the paragraph before it that stays
            before = [s.old for s in restructurer.steps if s.old is not None and s.kind in (SAME, CHANGED)
                      and s.new is not None and s.new < index]
            origin = first_origin(restructurer.old[before[-1]]) if before else None
            path = origin.path if origin is not None else ()
        if path and path[0] == "template":
            path = ()
        plan.comments.append((path, line))


def _anchored(block: d.Block, text: str, offset: int) -> tuple:
    """The YAML path of the text at ``offset`` of the reviewed paragraph ``text`` of ``block``."""
    atoms = atoms_of(block)
    news = lay(atoms, text) if block.text != text else [a.text for a in atoms]
    at = 0
    last = ()
    for atom, new in zip(atoms, news):
        at += len(new)
        last = atom.path or last
        if atom.path and at > offset:  # the first clerk text at or after the anchor (一是 is the engine's)
            return atom.path
    return last
