"""Comparing two reports (比对): which figures changed and which header fields (年度, 标题, 成文日期 …)
differ, with the sections and items added, removed, reworded or moved (comparetexts); and the
summary a clerk reads.

Works for two years and for two drafts of the same year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawgov_report.align import fold_short_equal, whole_opcodes
from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER, MARKERS_BEFORE_UNIT, PERCENT_UNITS, round_half_up
from lawgov_report.source.model import Report
from lawgov_report.source.yamlsource import Source
from lawgov_report.yearover.comparetexts import TextChange, compare_texts  # noqa: F401 (the texts' part, kept at hand here)

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
class Comparison:
    old_file: str
    new_file: str
    old_year: int
    new_year: int
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (名称, old, new)
    figures: list[FigureDelta] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)

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
    ops = fold_short_equal(whole_opcodes(old, new))  # (past align.LONG: sentence by sentence first)
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
