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

from lawgov_report.align import ADDED, CHANGED, REMOVED, SAME, align, fold_short_equal
from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER, MARKERS_BEFORE_UNIT, PERCENT_UNITS, round_half_up
from lawgov_report.source.model import Report
from lawgov_report.compose.numbering import STYLES, heading_number
from lawgov_report.compose.numbering import child_style as numbering_child_style
from lawgov_report.source.yamlsource import Source

_EXCERPT = 40  # characters of a text shown in the summary


@dataclass
class FigureDelta:
    """One figure in the two reports: 本年 (new) against the other (old)."""

    name: str
    label: str
    unit: str
    old: float | int | None
    new: float | int | None
    category: str | None = None
    old_line: int = 0  # where the figure is declared (0: not in that report)
    new_line: int = 0
    old_col: int = 0
    new_col: int = 0
    old_digits: int = 0  # decimals each side is shown with, as in its report's prose and table
    new_digits: int = 0
    old_approx: str = ""  # each side's 约数 marker (40余 → 45多)
    new_approx: str = ""
    new_previous: tuple | None = None  # NEW's typed 上年 (value, previous_approx), checked against OLD's

    @property
    def digits(self) -> int:
        """The change's decimals: the finer side's."""
        return max(self.old_digits, self.new_digits)

    @property
    def status(self) -> str:
        """"changed", "same", "added" (only NEW has it), "removed", "unfilled" (NEW has no value yet)."""
        if self.old_line and not self.new_line:
            return "removed"
        if self.new_line and not self.old_line:
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


@dataclass(slots=True)
class _Entry:
    """One text of a report, and what align matches it by: it serves as align's Item itself (``key``,
    ``text``, ``shape``), as making a frozen Item of each of a 50x report's 4,600 texts cost 2 ms."""

    what: str
    text: str
    label: str
    path: tuple
    parent: int | None  # index of the section entry it belongs to
    shape: str  # "标题" or "text": a title is matched only with a title
    key: tuple  # (shape, text)


def _entries(report: Report) -> list[_Entry]:
    """The report's texts in reading order, each with a label a clerk can find (一、（六）第3项)."""
    out: list[_Entry] = []
    out += [_Entry("开头", t, f"开头第{i + 1}段", ("preamble", i), None, "text", ("text", t)) for i, t in enumerate(report.preamble)]
    _walk(out, report.sections, ("sections",), STYLES[0], "", None)
    out += [_Entry("结尾", t, f"结尾第{i + 1}段", ("closing", i), None, "text", ("text", t)) for i, t in enumerate(report.closing)]
    out += [_Entry("附件", t, f"附件第{i + 1}项", ("attachments", i), None, "text",
                     ("text", t)) for i, t in enumerate(report.attachments)]
    return out


def _walk(out: list[_Entry], sections, path: tuple, style: str, prefix: str, parent: int | None) -> None:
    """Each section's title, paragraphs and items, then its subsections', onto ``out``.

    (A function of its own, not a closure calling itself: that closure and the list it filled
    formed a reference cycle, 9,000 objects of a 50x report left to the garbage collector.)"""
    for i, section in enumerate(sections):
        spath = path + (i,)
        label = prefix + heading_number(style, i + 1)
        me = len(out)
        title = section.title
        out.append(_Entry("标题", title, label, spath + ("title",), parent, "标题", ("标题", title)))
        single = len(section.paragraphs) == 1
        for p, para in enumerate(section.paragraphs):
            where = label if single else f"{label}第{p + 1}段"
            ppath = spath + ("paragraphs", p)
            if para.text:
                out.append(_Entry("段落", para.text, where, ppath + ("text",), me, "text", ("text", para.text)))
            for k, point in enumerate(para.points):
                out.append(_Entry("分项", point, f"{where}第{k + 1}项", ppath + ("points", k), me, "text",
                                  ("text", point)))
            if para.tail:
                out.append(_Entry("段落", para.tail, f"{where}结尾", ppath + ("tail",), me, "text", ("text", para.tail)))
        level = STYLES.index(style) + 1
        child_style = numbering_child_style(section.numbering, level)
        _walk(out, section.sections, spath + ("sections",), child_style, label, me)


def compare_texts(old: Report, new: Report, old_source: Source, new_source: Source) -> list[TextChange]:
    """Sections and items added, removed, reworded or moved, in NEW's reading order."""
    olds, news = _entries(old), _entries(new)
    # Only the steps that are not "same" are looked at: a same step is never reported, and its
    # status matches none asked about (removed, added, moved).
    steps = [s for s in align(olds, news) if s.kind != SAME]  # (entries are Items: see _Entry)
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
        po, pn = olds[o].parent, news[n].parent
        return po is not None and pn is not None and status_old.get(po) == ("moved", pn)

    def under(entries, statuses, index, kind) -> bool:
        parent = entries[index].parent
        return parent is not None and statuses.get(parent, (None,))[0] == kind

    def children(entries, index) -> int:
        count, stack = 0, {index}
        for i in range(index + 1, len(entries)):
            if entries[i].parent in stack:
                stack.add(i)
                count += 1
        return count

    changes: list[TextChange] = []
    for s in steps:
        if s.kind == CHANGED:
            o, n = olds[s.old], news[s.new]
            changes.append(_change("修改", o, n, new_source))
        elif s.kind == REMOVED and not s.moved and not under(olds, status_old, s.old, REMOVED):
            change = _change("删除", olds[s.old], None, old_source)
            if olds[s.old].what == "标题":
                change.children = children(olds, s.old)
            changes.append(change)
        elif s.kind == ADDED and not s.moved and not under(news, status_new, s.new, ADDED):
            change = _change("新增", None, news[s.new], new_source)
            if news[s.new].what == "标题":
                change.children = children(news, s.new)
            changes.append(change)
        elif s.kind == ADDED and s.moved and not carried(s.partner, s.new):
            changes.append(_change("移动", olds[s.partner], news[s.new], new_source))
    return changes


def _change(kind: str, old: _Entry | None, new: _Entry | None, source: Source) -> TextChange:
    at = new or old
    line, col = source.locate(at.path)
    return TextChange(kind, at.what, old.label if old else "", new.label if new else "",
                      old.text if old else "", new.text if new else "", source.file, line, col)


def compare_figures(old_values: dict, new_values: dict, old_source: Source, new_source: Source) -> list[FigureDelta]:
    """Every figure of either report, NEW's order first, then those only OLD has."""
    out = []
    names = [*new_values, *[n for n in old_values if n not in new_values]]
    old_places, new_places = _figures_at(old_source, old_values), _figures_at(new_source, new_values)
    for name in names:
        o, n = old_values.get(name), new_values.get(name)
        some = n or o
        old_at = old_places[name] if o else (0, 0)
        new_at = new_places[name] if n else (0, 0)
        out.append(FigureDelta(name, some.label, some.unit, o.value if o else None, n.value if n else None,
                               some.category, old_at[0], new_at[0], old_at[1], new_at[1],
                               (o or n).digits, (n or o).digits, o.approx if o else "", n.approx if n else "",
                               (n.previous, n.previous_approx) if n and n.previous is not None
                               and not n.previous_formula else None))
    return out


def _figures_at(source: Source, names) -> dict[str, tuple[int, int]]:
    """Where each figure of ``names`` is declared: its key's line and column, as ``source.locate``
    gives them.

    (The keys looked up directly and together, as nearly every figure has one: locate's general walk
    up the path for each of a 50x report's 3,900 figures cost its summary 1.5 ms, and a look-up a
    figure 5 ms.)"""
    paths = [("figures", name) for name in names]
    return {path[1]: at or source.locate(path, key=True) for path, at in zip(paths, source.key_positions_of(paths))}


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
