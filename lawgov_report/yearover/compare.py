"""Comparing two reports (比对): which figures changed, which sections and items were added,
removed, reworded or moved, and which header fields (年度, 标题, 成文日期 …) differ.

Works for two years and for two drafts of the same year. Texts are compared as the clerk wrote them
(``{{ 受理案件数 }}`` included), so a new number is reported once, as a figure, not again in every
sentence that quotes it. Sections and items are matched by content (lawgov_report.align): a section
that moved is reported as moved, once, not with each of its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import compress, count, repeat
from operator import itemgetter, ne

from lawgov_report.align import ADDED, CHANGED, REMOVED, SAME, Item, Step, align, fold_short_equal
from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER, MARKERS_BEFORE_UNIT, PERCENT_UNITS, round_half_up
from lawgov_report.source.model import Report
from lawgov_report.compose.numbering import STYLES, heading_number
from lawgov_report.compose.numbering import child_style as numbering_child_style
from lawgov_report.source.yamlsource import Source

_EXCERPT = 40  # characters of a text shown in the summary


@dataclass(slots=True)
class FigureDelta:
    """One figure in the two reports: 本年 (new) against the other (old)."""

    name: str
    label: str
    unit: str
    old: float | int | None
    new: float | int | None
    category: str | None = None
    old_digits: int = 0  # decimals each side is shown with, as in its report's prose and table
    new_digits: int = 0
    old_approx: str = ""  # each side's 约数 marker (40余 → 45多)
    new_approx: str = ""
    new_previous: tuple | None = None  # NEW's typed 上年 (value, previous_approx), checked against OLD's
    in_old: bool = True  # declared in OLD's figures
    in_new: bool = True
    # Where it is declared in each report: looked up only for a figure a summary shows with its
    # place (see compare_figures); 0 for the others, and in a report that does not have it.
    old_line: int = 0
    new_line: int = 0
    old_col: int = 0
    new_col: int = 0

    @property
    def digits(self) -> int:
        """The change's decimals: the finer side's."""
        return max(self.old_digits, self.new_digits)

    @property
    def status(self) -> str:
        """"changed", "same", "added" (only NEW has it), "removed", "unfilled" (NEW has no value yet)."""
        if not self.in_new:
            return "removed"
        if not self.in_old:
            return "added"
        if self.new is None and self.old is not None:
            return "unfilled"
        return "same" if (self.old, self.old_approx) == (self.new, self.new_approx) else "changed"

    @property
    def change(self) -> float | int | None:
        if self.old is None or self.new is None:
            return None
        result = self.new - self.old
        return round(result, 10) if isinstance(result, float) else result

    @property
    def percent(self) -> float | None:
        """The change as a percentage of the old value (None when there is no old value, or it is 0)."""
        if self.change is None or not self.old:
            return None
        return self.change / self.old * 100


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


@dataclass
class Comparison:
    old_file: str
    new_file: str
    old_year: int
    new_year: int
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (名称, old, new)
    figures: list[FigureDelta] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)


class _Texts:
    """A report's texts in reading order (titles, paragraphs, items …) as align's Items, each with
    the section it lies under; where a text is (its label and path) is worked out only for the few a
    summary reports (:meth:`place`), as making a label, a path and an object for each of a 50x
    report's 4,600 texts cost more than aligning them.

    A plain text's key is the text itself and a title's is ("标题", title): a title is matched only
    with a title, and a text never equals a tuple."""

    __slots__ = ("report", "items", "parents", "sections")

    def __init__(self, report: Report):
        self.report = report
        texts = [*report.preamble]
        self.parents: list[int | None] = [None] * len(texts)  # the index of the title of its section
        self.sections: dict[int, tuple] = {}  # a title's index -> (its place among its siblings, its section)
        self._walk(texts, report.sections, None)
        texts += report.closing
        texts += report.attachments
        self.parents += [None] * (len(texts) - len(self.parents))
        keys, shapes = texts.copy(), ["text"] * len(texts)
        for at in self.sections:
            keys[at], shapes[at] = ("标题", texts[at]), "标题"
        # The Items made by tuple.__new__ over the zipped fields, all in C: Item(...) runs the named
        # tuple's __new__, a Python function, for each text (twice as long).
        self.items: list[Item] = [*map(tuple.__new__, repeat(Item), zip(keys, texts, shapes))]

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
            label, path = self._section_place(index)
            return "标题", label, path + ("title",)
        parent = self.parents[index]
        if parent is None:  # before the sections, or after them
            after = len(self.items) - index
            if index < len(report.preamble):
                return "开头", f"开头第{index + 1}段", ("preamble", index)
            if after > len(report.attachments):
                k = len(report.closing) - (after - len(report.attachments))
                return "结尾", f"结尾第{k + 1}段", ("closing", k)
            k = len(report.attachments) - after
            return "附件", f"附件第{k + 1}项", ("attachments", k)
        label, spath = self._section_place(parent)
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

    def _section_place(self, index: int) -> tuple[str, tuple]:
        """The label (一、（六）) and path of the section whose title is at ``index``."""
        chain = []  # (its place among its siblings, the section), from it up to the outermost
        while index is not None:
            chain.append(self.sections[index])
            index = self.parents[index]
        label, path, style = "", (), STYLES[0]
        for i, section in reversed(chain):
            label += heading_number(style, i + 1)
            path += ("sections", i)
            style = numbering_child_style(section.numbering, STYLES.index(style) + 1)
        return label, path


def _changed_steps(old: list[Item], new: list[Item]) -> list[Step]:
    """align's steps of two reports' texts that are not "same" (indices into ``old`` and ``new``).

    When the two differ only in place (as many texts, and each text that differs from its
    counterpart is nowhere on the other side: figures changed in a sentence, a point reworded),
    align's anchors are exactly the texts equal to their counterparts (align._in_place), so each
    stretch of them is given to align as one stand-in: the gaps between anchors, and so every
    step that is not "same", come out as they would. Aligning all of a 50x report's 2,300 texts
    for its 150 changes was half of the summary's comparison."""
    if len(old) == len(new):
        old_keys, new_keys = [*map(itemgetter(0), old)], [*map(itemgetter(0), new)]  # (each Item's key)
        differ = [*compress(count(), map(ne, old_keys, new_keys))]
        if not ({old_keys[i] for i in differ} & set(new_keys) or {new_keys[i] for i in differ} & set(old_keys)):
            kept: list[int | None] = []  # the index of each text given to align (None: a stand-in)
            for i in differ:
                if i > (kept[-1] if kept else -1) + 1:
                    kept.append(None)  # the stretch of texts the same in both before it
                kept.append(i)
            if (kept[-1] if kept else -1) < len(old) - 1:
                kept.append(None)
            stand_ins = {k: Item(object(), "", None) for k, i in enumerate(kept) if i is None}  # (equal to nothing else)
            steps = align([old[i] if i is not None else stand_ins[k] for k, i in enumerate(kept)],
                          [new[i] if i is not None else stand_ins[k] for k, i in enumerate(kept)])
            at = kept.__getitem__
            return [Step(s.kind, s.old if s.old is None else at(s.old), s.new if s.new is None else at(s.new),
                         s.partner if s.partner is None else at(s.partner), s.reworded)
                    for s in steps if s.kind != SAME]
    return [s for s in align(old, new) if s.kind != SAME]


def compare_texts(old: Report, new: Report, old_source: Source, new_source: Source) -> list[TextChange]:
    """Sections and items added, removed, reworded or moved, in NEW's reading order."""
    olds, news = _Texts(old), _Texts(new)
    # Only the steps that are not "same" are looked at: a same step is never reported, and its
    # status matches none asked about (removed, added, moved).
    steps = _changed_steps(olds.items, news.items)
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
    return TextChange(kind, new_what or what, old_label, new_label, olds.items[o].text if olds is not None else "",
                      news.items[n].text if news is not None else "", source.file, line, col)


def compare_figures(old_values: dict, new_values: dict, old_source: Source, new_source: Source) -> list[FigureDelta]:
    """Every figure of either report, NEW's order first, then those only OLD has."""
    out = []
    names = [*new_values, *[n for n in old_values if n not in new_values]]
    for name in names:
        o, n = old_values.get(name), new_values.get(name)
        some = n or o
        out.append(FigureDelta(name, some.label, some.unit, o.value if o else None, n.value if n else None,
                               some.category, (o or n).digits, (n or o).digits, o.approx if o else "",
                               n.approx if n else "", (n.previous, n.previous_approx) if n and n.previous is not None
                               and not n.previous_formula else None, o is not None, n is not None))
    # Only a figure that changed, came or went, or whose 上年 is checked is shown with its place:
    # looking up where each of a 50x report's 3,900 figures is declared cost the summary of two
    # drafts (few of them changed) two thirds of its figures' comparison.
    shown = [d for d in out if d.new_previous is not None or d.status != "same"]
    olds = [d for d in shown if d.in_old]
    for delta, (line, col) in zip(olds, _figures_at(old_source, [d.name for d in olds])):
        delta.old_line, delta.old_col = line, col
    news = [d for d in shown if d.in_new]
    for delta, (line, col) in zip(news, _figures_at(new_source, [d.name for d in news])):
        delta.new_line, delta.new_col = line, col
    return out


def _figures_at(source: Source, names: list[str]) -> list[tuple[int, int]]:
    """Where each figure of ``names`` is declared: its key's line and column, as ``source.locate``
    gives them.

    (The keys looked up directly and together, as nearly every figure has one: locate's general walk
    up the path for each of a 50x report's 3,900 figures cost its summary 1.5 ms, and a look-up a
    figure 5 ms.)"""
    paths = [("figures", name) for name in names]
    return [at or source.locate(path, key=True) for path, at in zip(paths, source.key_positions_of(paths))]


_HEADER_FIELDS = (("year", "年度"), ("issuer", "发文机关"), ("title", "标题"), ("recipient", "主送机关"),
                  ("doc_number", "发文字号"), ("signature", "署名"), ("date", "成文日期"), ("note", "附注"),
                  ("seal", "印章"), ("masthead.mark", "发文机关标志"), ("masthead.signers", "签发人"),
                  ("masthead.copy_number", "份号"), ("masthead.secrecy", "密级和保密期限"),
                  ("masthead.urgency", "紧急程度"), ("imprint.cc", "抄送机关"), ("imprint.printed_by", "印发机关"),
                  ("imprint.printed_on", "印发日期"), ("template", "模板"))
_SEALS = {True: "加盖印章", "signature": "加盖签名章", False: "不盖章"}


def _field(report: Report, key: str):
    """A header field, ``masthead.signers`` reaching into the 版头 (None where there is none)."""
    value = report
    for part in key.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def compare_fields(old: Report, new: Report) -> list[tuple[str, str, str]]:
    def show(value) -> str:
        if value is None or value == []:
            return "（空）"
        if isinstance(value, bool) or value == "signature":
            return _SEALS[value]
        return "／".join(value) if isinstance(value, list) else str(value)

    return [(label, show(_field(old, key)), show(_field(new, key)))
            for key, label in _HEADER_FIELDS if _field(old, key) != _field(new, key)]


# --- the summary a clerk reads ------------------------------------------------------------------

def excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "……"


def inline_diff(old: str, new: str, context: int = 8) -> str:
    """``…认真落实【领导干部→各级领导】学法制度…``: the changes in place, with a little context."""
    ops = fold_short_equal(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    parts = []
    for i, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            chunk, first, last = old[i1:i2], i == 0, i == len(ops) - 1
            if first and last:
                parts.append(excerpt(chunk))
            elif first:
                parts.append(chunk if len(chunk) <= context else "…" + chunk[-context:])
            elif last:
                parts.append(chunk if len(chunk) <= context else chunk[:context] + "…")
            else:
                parts.append(chunk if len(chunk) <= 2 * context else chunk[:context] + "…" + chunk[-context:])
        elif tag == "delete":
            parts.append(f"【删：{old[i1:i2]}】")
        elif tag == "insert":
            parts.append(f"【增：{new[j1:j2]}】")
        else:
            parts.append(f"【{old[i1:i2]}→{new[j1:j2]}】")
    return "".join(parts)


def _number(value, unit: str, digits: int, approx: str = "") -> str:
    """``320余人次``, ``超过600项``, ``98%以上``: a figure's number with its unit and 约数 marker."""
    if value is None:
        return "（未填写）"
    number = f"{round_half_up(value, digits):f}"
    if approx in MARKERS_BEFORE_NUMBER:
        return f"{approx}{number}{unit}"
    if approx in MARKERS_BEFORE_UNIT:
        return f"{number}{approx}{unit}"
    return f"{number}{unit}{approx}"


def figure_line(delta: FigureDelta) -> str:
    label = delta.name if delta.label == delta.name else f"{delta.name}（{delta.label}）"
    old = _number(delta.old, delta.unit, delta.old_digits, delta.old_approx)
    if delta.status == "unfilled":
        return f"{label}：{old} → 未填写"
    text = f"{label}：{old} → {_number(delta.new, delta.unit, delta.new_digits, delta.new_approx)}"
    if delta.change is not None and delta.change != 0:
        sign = "+" if delta.change > 0 else ""
        change = _number(delta.change, "", delta.digits)
        if delta.unit in PERCENT_UNITS:
            text += f"，{sign}{change}个百分点"
        else:
            text += f"，{sign}{change}{delta.unit}"
        if delta.percent is not None:
            text += f"（{'+' if delta.percent > 0 else ''}{delta.percent:.1f}%）"
    return text


def previous_mismatches(comparison: Comparison) -> list[FigureDelta]:
    """Across consecutive years, the figures whose 上年 in NEW (previous, previous_approx) is not what
    OLD says (value, approx): the 上年 column would not match last year's published report."""
    if comparison.new_year != comparison.old_year + 1:
        return []
    out = []
    for f in comparison.figures:
        if f.new_previous is None or f.old is None or not f.new_line:
            continue
        digits = max(f.old_digits, f.new_digits)
        if (round_half_up(f.new_previous[0], digits), f.new_previous[1]) != (round_half_up(f.old, digits), f.old_approx):
            out.append(f)
    return out


def summary_lines(comparison: Comparison) -> list[str]:
    """The comparison as lines of text: header fields, figures, then sections and items."""
    c = comparison
    years = f"{c.old_year}年 → {c.new_year}年" if c.old_year != c.new_year else f"同为{c.new_year}年的两稿"
    lines = [f"比对 {c.old_file} → {c.new_file}（{years}）"]
    if c.fields:
        lines.append("")
        lines.append("基本信息：")
        lines += [f"  {label}：{old} → {new}" for label, old, new in c.fields]
    groups: dict[str, list[FigureDelta]] = {k: [] for k in ("changed", "unfilled", "added", "removed", "same")}
    for f in c.figures:  # (each figure's status worked out once, not once for each group)
        groups[f.status].append(f)
    lines.append("")
    lines.append(f"数据：变化 {len(groups['changed'])} 项，未填写 {len(groups['unfilled'])} 项，"
                 f"新增 {len(groups['added'])} 项，删除 {len(groups['removed'])} 项，未变 {len(groups['same'])} 项")
    for f in groups["changed"] + groups["unfilled"] + groups["added"]:
        lines.append(f"  {c.new_file}:{f.new_line}:{f.new_col}: {'新增' if f.status == 'added' else '数据'} "
                     f"{figure_line(f)}")
    for f in groups["removed"]:
        lines.append(f"  {c.old_file}:{f.old_line}:{f.old_col}: 删除 {figure_line(f)}")
    for f in previous_mismatches(c):
        lines.append(f"  {c.new_file}:{f.new_line}:{f.new_col}: 上年数值 {f.name}："
                     f"{_number(f.new_previous[0], f.unit, f.new_digits, f.new_previous[1])}，"
                     f"而 {c.old_file} 是 {_number(f.old, f.unit, f.old_digits, f.old_approx)}")
    counts = {k: sum(t.kind == k for t in c.texts) for k in ("新增", "删除", "修改", "移动")}
    lines.append("")
    lines.append("正文：" + "，".join(f"{k} {v} 处" for k, v in counts.items()))
    for t in c.texts:
        where = f"{t.file}:{t.line}:{t.col}"
        if t.kind == "修改":
            label = t.new_label if t.old_label == t.new_label else f"{t.old_label} → {t.new_label}"
            body = f"{label}：{inline_diff(t.old_text, t.new_text)}"
        elif t.kind == "移动":
            body = f"{t.old_label} → {t.new_label}：{excerpt(t.new_text)}"
            if t.old_text != t.new_text:
                body += "（并有修改）"
        else:
            label = t.new_label or t.old_label
            body = f"{label}：{excerpt(t.new_text or t.old_text)}"
            if t.children:
                body += f"（连同其下 {t.children} 项）"
        lines.append(f"  {where}: {t.kind}{t.what} {body}")
    return lines
