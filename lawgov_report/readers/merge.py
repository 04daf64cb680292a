"""A reviewed document's edits as edits of the report's YAML (合并审阅稿): the merge plan.

The paragraphs a report renders to (built with provenance: every span knows its YAML text, every
figure its name) are aligned with the reviewed document's paragraphs (``align``). Then:

- a reworded paragraph: its atoms (:mod:`lawgov_report.readers.atoms`) are laid over the new text;
  each YAML text is rewritten from its new pieces, ``{{ expr }}`` kept where the number printed there
  is unchanged; a changed number where a figure was quoted becomes that figure's new value, once,
  when every place quoting it agrees (else a conflict, reported, nothing guessed);
- 一是/二是 items added or deleted inside a paragraph, paragraphs and sections added or deleted, go
  into the structure (``points``, ``paragraphs``, ``sections``); generated numbers (headings, 一是)
  are dropped from the texts, they are generated again;
- the title, 主送, 署名, 成文日期, 附注 go to their keys; Word comments to YAML comments at their place;
- what cannot be placed (a number printed by ``{{ year }}`` or a derived figure, a text with
  ``{% if %}``, a deleted heading whose content stays) is listed with the docx paragraph and the path.

Nothing here reads or writes files: :mod:`lawgov_report.yearover.merge` applies the plan.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from dataclasses import dataclass, field

from lawgov_report import document as d
from lawgov_report.align import ADDED, CHANGED, REMOVED, SAME, Item, align
from lawgov_report.compose.numbering import point_marker
from lawgov_report.readers.atoms import FIGURE, FIXED, GENERATED, LITERAL, OPAQUE, Atom, around, atoms_of, lay
from lawgov_report.readers.atoms import split_new_points, split_points
from lawgov_report.figures.values import INTEGER, MARKERS_BEFORE_NUMBER, decimals_of, infer_kind
from lawgov_report.numerals import from_chinese
from lawgov_report.readers.cells import MARKERS
from lawgov_report.readers.draft import SourceParagraph

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_FIGURE_EXPR = re.compile(r"^\s*([^\W\d]\w*)\s*(?:\|.*)?$", re.S)  # a name, maybe with filters
_GLUED = re.compile(r"\d\{\{|\}\}\d")  # a digit beside an expression: part of the number it prints
_CHINESE_NUMBER = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
HEADING_STYLES = [("一、", re.compile(r"^[一二三四五六七八九十百]+、")), ("（一）", re.compile(r"^（[一二三四五六七八九十百]+）")),
            ("1.", re.compile(r"^\d+[.．]")), ("（1）", re.compile(r"^（\d+）"))]
DATE_TEXT = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


@dataclass
class Finding:
    """What could not be placed, or needs the clerk's eye: at a docx paragraph and a YAML path."""

    number: int  # paragraph of the reviewed .docx (0: none)
    path: tuple | None
    message: str
    kind: str = "unplaced"  # unplaced, conflict, note, derived (a computed figure edited), mismatch


@dataclass
class Quote:
    """One place a figure is printed, and what the reviewer left there."""

    name: str
    number: int
    path: tuple
    new_value: object = None  # None: unchanged
    new_approx: str | None = None  # its 约数 marker as the reviewer wrote it (None: as it was)


@dataclass
class Plan:
    """The edits to make in the YAML, by path of the report's data."""

    texts: dict = field(default_factory=dict)  # path -> new YAML text
    figures: dict = field(default_factory=dict)  # name -> (old value, new value)
    approx: dict = field(default_factory=dict)  # name -> the figure's new 约数 marker ("": none)
    deletions: list = field(default_factory=list)  # paths of list items
    insertions: list = field(default_factory=list)  # (list path, before index or None, value)
    keys: dict = field(default_factory=dict)  # top-level key -> YAML value text or list of texts
    set_keys: list = field(default_factory=list)  # (mapping path, key, YAML value text), e.g. run_in: false
    emptied: list = field(default_factory=list)  # paths of lists whose every item was deleted
    comments: list = field(default_factory=list)  # (path, text)
    findings: list[Finding] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def heading_style(text: str) -> str | None:
    """The numbering style a paragraph starts with (一、 （一） 1. （1）), if any."""
    for style, pattern in HEADING_STYLES:
        if pattern.match(text):
            return style
    return None


def paragraph_path(path: tuple) -> tuple:
    """The list item a text belongs to: a paragraph of a section, a preamble or closing item."""
    if path[0] in ("preamble", "closing", "attachments", "title"):
        return path[:2]
    last = max(i for i, part in enumerate(path) if part == "paragraphs")
    return path[:last + 2]


def first_origin(block: d.Block):
    return next((s.origin for s in block.spans if s.origin is not None), None)


# The 版头 and 版记 (print edition): laid out from keys, not texts; merge compares them apart.
MASTHEAD = (d.COPY_NUMBER, d.SECRECY, d.URGENCY, d.MARK, d.DOC_NUMBER, d.SEPARATOR)
IMPRINT = (d.IMPRINT_CC, d.IMPRINT_PRINTED)


def body_blocks(document: d.Document) -> list[d.Block]:
    """The blocks a reviewer may edit as text: from the title to the 附件 page, no blank lines."""
    out = []
    for block in document.blocks:
        if block.kind == d.PAGE_BREAK:
            break
        if block.kind not in (d.BLANK, d.TABLE, *MASTHEAD, *IMPRINT) and block.text:
            out.append(block)
    return out


def body_paragraphs(paragraphs: list[SourceParagraph]) -> list[SourceParagraph]:
    """The reviewed paragraphs from the title (after any 版头) to the 附件 page."""
    first_title = next((i for i, p in enumerate(paragraphs) if p.role == "title"), 0)
    out = []
    for p in paragraphs[first_title:]:
        if p.role == "appendix_label" or (p.page_break and p.text.strip() == "附件"):
            break
        if p.role != "table":
            out.append(p)
    return out


def masthead_paragraphs(paragraphs: list[SourceParagraph]) -> list[SourceParagraph]:
    """The reviewed paragraphs before the title: the 版头, if the report has one."""
    first_title = next((i for i, p in enumerate(paragraphs) if p.role == "title"), 0)
    return paragraphs[:first_title]


class Planner:
    """Works out the :class:`Plan` for one report and one reviewed document."""

    def __init__(self, document: d.Document, context: dict, renderer, data: dict):
        self.blocks = body_blocks(document)
        self.figures = document.figure_values
        self.context = context  # the texts' context (year, issuer, figures), for trying new values
        self.renderer = renderer
        self.data = data  # the report's YAML data, for list lengths
        self.plan = Plan()
        self.dropped: list[tuple[str, str, int]] = []  # (figure, as printed, docx paragraph) deleted

    # -- helpers ---------------------------------------------------------------------------
    def find(self, number: int, path, message: str, kind: str = "unplaced") -> None:
        self.plan.findings.append(Finding(number, path, message, kind))

    def length(self, path: tuple) -> int:
        node = self.data
        for part in path:
            if isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return 0
        return len(node) if isinstance(node, list) else 0

    # -- a reworded paragraph --------------------------------------------------------------------
    def figure_name(self, expr: str) -> str | None:
        """The figure an expression prints: ``督查组数`` or ``督查组数 | chinese``; None for others."""
        m = _FIGURE_EXPR.match(expr)
        return m.group(1) if m and m.group(1) in self.figures else None

    def figure_piece(self, atom: Atom, new: str, number: int) -> str:
        """The YAML for what became of one ``{{ expr }}`` output."""
        keep = "{{ " + atom.expr + " }}"
        name = self.figure_name(atom.expr)
        if new == atom.text:
            if name:
                self.plan.quotes.append(Quote(name, number, atom.path))
            return keep
        kept = around(new, atom.text)  # text added right before or after the number (not 15 -> 150)
        if kept is not None:
            before, after = kept
            if name:
                self.plan.quotes.append(Quote(name, number, atom.path))
            return escape(before) + keep + escape(after)
        figure = self.figures.get(name) if name else None
        if not new and figure is not None:  # the number was deleted here (or moved: see restructure)
            self.dropped.append((name, atom.text, number))
            return ""
        if figure is None:
            self.find(number, atom.path, f"“{atom.text}”由 {{{{ {atom.expr} }}}} 生成，审阅稿改成了“{new}”，未写回"
                      f"（请改 {atom.expr.split()[0]} 或这段文字）")
            return keep
        if figure.formula is not None:
            # dropped after the merge if the changed inputs make it print ``new`` (yearover.merge)
            self.find(number, atom.path, f"“{atom.text}”是计算指标“{name}”（{figure.formula}），审阅稿改成了"
                      f"“{new}”，未写回（请改它的输入数据）", "derived")
            return keep
        found = self.new_value(atom.expr, name, new)
        if found is not None:  # the new number, maybe with words added beside it (56 -> 约60)
            value, (before, after), approx = found
            self.plan.quotes.append(Quote(name, number, atom.path, value, approx))
            return escape(before) + keep + escape(after)
        self.find(number, atom.path, f"数据“{name}”在此处改成了文字“{new}”，不再引用这个数据", "note")
        return escape(new)

    def new_value(self, expr: str, name: str, new: str):
        """The value of figure ``name`` that makes ``expr`` print ``new`` or a whole part of it, and the
        words before and after that part; None if there is none."""
        numbers = _NUMBER.findall(new)
        if len(numbers) == 1:
            raw = numbers[0].replace(",", "")
            value = float(raw) if "." in raw else int(raw)
        else:  # a figure printed in Chinese numerals ({{ 督查组数 | chinese }}: 四 -> 五)
            words = _CHINESE_NUMBER.findall(new)
            value = from_chinese(words[0]) if len(words) == 1 and not numbers else None
            if value is None:
                return None
            raw = str(value)
        candidate = copy.copy(self.figures[name])
        candidate.value = value
        entry = (self.data.get("figures") or {}).get(name) if isinstance(self.data, dict) else None
        entry = entry if isinstance(entry, dict) else {}
        if "digits" not in entry and "kind" not in entry:
            # decimals as the merged YAML will give them: from the values (98.25 -> 99.5 or 99)
            candidate.kind = infer_kind(candidate.unit, value)
            candidate.digits = 0 if candidate.kind == INTEGER else max(decimals_of(value),
                                                                       decimals_of(candidate.previous))
        elif isinstance(value, float) and candidate.digits is not None:
            candidate.digits = max(candidate.digits, len(raw.split(".")[1]))
        # The 约数 marker typed beside the number is the figure's (56 -> 约60, 80余 -> 85): left in the
        # text, 约{{ }} printed 约约65 the next year once the figure had its own 约. Else as it was.
        old_approx = getattr(candidate, "approx", "") or ""
        typed = _typed_marker(new, numbers)
        # (nothing typed: the figure's own marker first, which a 以上 printed after the unit keeps;
        # then none, as 80余 -> 85 removes it)
        for approx in dict.fromkeys((typed, old_approx) if typed else (old_approx, "")):
            candidate.approx = approx
            try:
                shown = self.renderer.render("{{" + expr + "}}", {**self.context, name: candidate})
            except Exception:  # noqa: BLE001 - any failure means the value does not fit
                continue
            printed = _NUMBER.search(shown or "")
            if printed and numbers and "digits" in entry and Decimal(printed.group().replace(",", "")) == Decimal(raw):
                # 95 typed where digits: 1 prints 95.0: the value is meant; the check after merge lists the look
                shown = shown[:printed.start()] + numbers[0] + shown[printed.end():]
            kept = around(new, shown) if shown else None
            if kept is not None:
                return value, kept, (approx if approx != old_approx else None)
        return None

    def settle(self, atoms: list[Atom], news: list[str], number: int) -> None:
        """Rewrite the YAML texts of ``atoms`` from what they became."""
        groups: list[tuple[tuple, list[tuple[Atom, str]]]] = []
        for atom, new in zip(atoms, news):
            if atom.kind in (GENERATED, FIXED):
                continue  # generated again on render; a difference is caught by the check after merge
            if groups and groups[-1][0] == atom.path:
                groups[-1][1].append((atom, new))
            else:
                groups.append((atom.path, [(atom, new)]))
        for path, pairs in groups:
            if all(atom.text == new for atom, new in pairs):
                for atom, _ in pairs:
                    if atom.kind == FIGURE and self.figure_name(atom.expr):
                        self.plan.quotes.append(Quote(self.figure_name(atom.expr), number, path))
                continue
            if any(atom.kind == OPAQUE for atom, _ in pairs):
                self.find(number, path, "这段文字含有 {% if %} 等写法，审阅稿的修改未写回，请手工修改")
                continue
            quotes = len(self.plan.quotes)
            text = self.compose(pairs, number)
            if _GLUED.search(text) and not _GLUED.search(pairs[0][0].source or ""):
                # a digit written beside a {{ }} would print a number the figure does not hold
                del self.plan.quotes[quotes:]
                self.find(number, path, f"这段文字的修改无法与数据对应（“{text[:40]}”），未写回，请手工修改", "conflict")
                continue
            if text != pairs[0][0].source:
                self.set_text(path, text, number)

    def compose(self, pairs: list[tuple[Atom, str]], number: int) -> str:
        """The new YAML text of one clerk text from what its atoms became."""
        return "".join(escape(new) if atom.kind == LITERAL else self.figure_piece(atom, new, number)
                       for atom, new in pairs if atom.kind in (LITERAL, FIGURE))

    def set_text(self, path: tuple, text: str, number: int) -> None:
        if path in self.plan.texts and self.plan.texts[path] != text:
            self.find(number, path, "同一段文字在审阅稿中出现了两种改法，只写回了第一种", "conflict")
            return
        self.plan.texts[path] = text

    def changed(self, block: d.Block, new: str, number: int) -> None:
        atoms = atoms_of(block)
        lead, points = split_points(atoms)
        if not points:
            self.settle(atoms, lay(atoms, new), number)
            return
        new_lead, new_points = split_new_points(new, point_marker)
        self.settle(lead, lay(lead, new_lead), number)
        old_texts = ["".join(a.text for a in body) for _, body in points]
        list_path = points[0][1][0].path[:-1]
        steps = align([Item(t, t) for t in old_texts], [Item(t, t) for t in new_points])
        for k, step in enumerate(steps):
            if step.kind in (SAME, CHANGED):
                body = points[step.old][1]
                self.settle(body, lay(body, new_points[step.new]), number)
            elif step.kind == REMOVED:
                self.plan.deletions.append(list_path + (step.old,))
            elif step.kind == ADDED:
                before = next((s.old for s in steps[k + 1:] if s.old is not None), None)
                text = new_points[step.new]
                if step.partner is not None:  # an item moved within the paragraph keeps its {{ }}
                    body = points[step.partner][1]
                    value = self.compose(list(zip(body, lay(body, text))), number)
                else:
                    value = escape(text)
                self.plan.insertions.append((list_path, before, value))


def _typed_marker(new: str, numbers: list[str]) -> str:
    """The 约数 marker written beside the one number of ``new`` (约60, 1800余, 98%以上), or ""."""
    if len(numbers) != 1:
        return ""
    found = _NUMBER.search(new)
    before, after = new[:found.start()], new[found.end():].removeprefix("%")
    for word in sorted(MARKERS_BEFORE_NUMBER, key=len, reverse=True):
        if before.endswith(word):
            return word
    return next((marker for marker in MARKERS if after.startswith(marker)), "")


def escape(text: str) -> str:
    """A reviewer's text as a clerk text: braces that would start an expression are made full-width."""
    return text.replace("{{", "｛｛").replace("{%", "｛%").replace("{#", "｛#")
