"""Numbers in an imported report's prose become figures, and the texts quote them by name.

"依法受理行政复议案件18起" becomes the figure ``受理行政复议案件数: {value: 18, unit: 起}`` and the text
"依法受理行政复议案件{{ 受理行政复议案件数 }}起", so the imported report is single-sourced at once.
Approximate markers stay with the figure (320余人次 -> value 320, approx 余; 98%以上 -> approx
以上, quoted with ``with_unit``). The report's year becomes ``{{ year }}`` (and the years next to
it ``{{ year - 1 }}``, ``{{ year + 1 }}``). Dates (8月11日), ordinals (第3), names (12·4), document
numbers (〔2021〕5号) and numbers inside titles of documents (《……》) stay as typed. A number is only
replaced when its figure prints back exactly as typed.
"""

from __future__ import annotations

import re

from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER, FigureValue
from lawgov_report.source.model import Figure
from lawgov_report.readers import statistics, words
from lawgov_report.readers.labels import (MAX_LABEL, NUMBER, UNIT, UNIT_NOUNS, Text, enumerated, first_noun, label_for,
                                          noun_unit, snap_end, strip_span, unit_at)
from lawgov_report.readers.draft import Draft
from lawgov_report.compose.texts import TextRenderer

_PERCENT = ("%", "％", "‰")
_NOT_BEFORE = re.compile(r"[A-Za-z.·/／第〔\[#№]")
_NOT_AFTER = re.compile(r"^(?:[A-Za-z·:：/／〕\]]|月|日|号|时|点|分|周年|届|级|版|楼|层|路|栋|期间)")
_RANGE = re.compile(r"\s*[-—～~至到]\s*\d")
# The upper end of a range written with its unit at both ends ("10%-20%"), each end a figure.
_RANGE_BOUND = re.compile(r"\s*[-—～~至到]\s*(\d+(?:\.\d+)?)\s*(" + UNIT.pattern + ")")
_DATE_AFTER_YEAR = re.compile(r"\d{1,2}月")
# Qualifiers written before a number ("超过600项", "近480批次", "约30%"), longest first.
_PREFIXES = sorted(MARKERS_BEFORE_NUMBER, key=len, reverse=True)
_STOP_WORDS = frozenset("的 和 与 及 等 之 了".split())
_THRESHOLD = ("以下", "及以下")
_RENDERER = TextRenderer()
_RESERVED = {"year", "issuer", "figures", "loop", "true", "false", "none", "True", "False", "None"}


def _escape(text: str) -> str:
    """Literal text for a Jinja-rendered field: "{{", "{%" and "{#" printed, not interpreted."""
    if "{" not in text:
        return text
    return re.sub(r"\{([{%#])", lambda m: '{{ "{' + m[1] + '" }}', text)


class Extractor:
    """Turns numbers into figures across one report, keeping names unique."""

    def __init__(self, draft: Draft, catalogue: dict | None = None):
        self.draft = draft
        self.catalogue = catalogue or {}
        self.year = draft.year
        self.figures: dict[str, dict] = draft.figures
        self.suffixes: dict[str, int] = {}  # base name -> the next number to try (names stay linear)
        self.wording = {name: _content_words(entry.label) for name, entry in self.catalogue.items() if entry.label}
        self.upper: tuple[int, str] | None = None  # where a range's upper end is, and what it bounds
        self.last_noun = ""  # the counted noun of the text's last figure ("受理35件" borrows it)

    def text(self, text: str, category: str | None = None, figures: bool = True) -> str:
        """One text with its years (and, if ``figures``, its statistics) quoted as expressions."""
        out: list[str] = []
        last = 0
        skip = 0
        clause_start = 0
        t = Text(text)
        self.last_noun = ""
        self.upper = None
        for m in NUMBER.finditer(text):
            start, end = m.span()
            if start < max(last, skip):
                continue
            found = self._number(t, m, category if figures else None, clause_start, figures)
            if found is None:
                continue
            expr, begin, stop, unit_end = found
            if expr is None:  # a range or a date: none of its numbers is a figure
                skip = stop
                continue
            out.append(_escape(text[last:begin]))
            out.append(expr)
            last, clause_start = stop, unit_end
        out.append(_escape(text[last:]))
        return "".join(out)

    def _number(self, t: Text, m, category, clause_start: int, figures: bool):
        """(expression, where it begins, where it ends, where its unit ends) for one number; (None,
        0, skip to, 0) for a range or date; None when the number stays as typed."""
        text = t.text
        digits = m.group()
        start, end = m.span()
        prev = text[start - 1] if start else ""
        if prev and _NOT_BEFORE.match(prev) or digits.startswith("0") and len(digits) > 1 and digits[1] != ".":
            return None
        ranged = _RANGE.match(text, end)
        if ranged:  # "2007—2021年", "10—20家": a span, not a count, and not the report's year
            return None, 0, ranged.end(), 0
        if len(digits) == 4 and digits[:2] in ("19", "20") and text.startswith("年", end):
            if _DATE_AFTER_YEAR.match(text, end + 1):
                return None, 0, end, 0  # 2022年3月15日: a day, which stays as typed whatever the year
            offset = int(digits) - self.year if self.year else None  # a year is never a statistic
            if offset in (-1, 0, 1):
                expr = "{{ year }}" if offset == 0 else f"{{{{ year {'+' if offset > 0 else '-'} 1 }}}}"
                return expr, start, end, end + 1
            return None
        if not figures or _NOT_AFTER.match(text, end) or t.guarded[start]:
            return None
        before, unit, after, stop = unit_at(text, end)
        if unit and not before and text.startswith(_THRESHOLD, stop):
            return None  # "35岁以下执法人员", "2000元以下罚款": a bound, not a count
        if not unit and not before:
            return None
        prefix = "" if before or after else next(
            (q for q in _PREFIXES if text.endswith(q, max(clause_start, 0), start)), "")
        value = float(digits.replace(",", "")) if "." in digits else int(digits.replace(",", ""))
        thousands = "," in digits
        if thousands and after:
            return None
        if after:  # "98%以上": the marker follows the unit, and with_unit prints both
            expr, filt, consumed = "{{{{ {} | with_unit }}}}", "with_unit", stop
        elif thousands:
            expr, filt, consumed = "{{{{ {} | thousands }}}}", "thousands", end + len(before)
        else:
            expr, filt, consumed = "{{{{ {} }}}}", "", end + len(before)
        begin = start - len(prefix)
        measured = noun_unit(t, end + len(before), unit) if not after else None
        if measured:  # "出庭应诉1案件": 案 begins the noun 案件, whose measure word is 件
            unit, stop = measured, end + len(before)
        label, hint_before, hint_after = label_for(t, clause_start, begin, stop, unit)
        if words.is_bare_verb(label) and self.last_noun:  # "收到行政复议申请38件，受理35件": 受理 what
            label = label + self.last_noun
        elif words.is_bare_verb(label) and unit in ("次", "场次", "批次", "人次"):
            label += "次数" if unit == "次" else unit  # "抽查218次": 抽查次数
        bound = _RANGE_BOUND.match(text, stop)
        if bound and bound.group(2) == unit and not t.guarded[bound.start(1)]:  # "下调10%-20%律师服务费"
            counted = label_for(t, bound.end(), bound.start(1), bound.end(), unit)[0]
            ranged = counted + label if counted and counted != label else label
            self.upper = (bound.start(1), ranged)
            label = f"{ranged}（下限）"
        elif self.upper and self.upper[0] == start:
            label = f"{self.upper[1]}（上限）"
        if not label:  # "有7家、77宗行政处罚案卷备案": what the enumeration's next number counts, by 家
            label = enumerated(t, stop, unit)
        label = label or UNIT_NOUNS.get(unit, "") or "数据"
        noun = words.nouns(label)
        if len(noun) >= 4:  # "确认违法2件、终止8件": 违法 is not what 终止 ends
            self.last_noun = noun
        own_unit = "%" if unit == "％" and not after else unit
        approx = prefix or before or after
        row = statistics.take(self.draft.statistics_rows, value, own_unit, label)
        if row is not None:  # the 附件 table's 指标 is the clerk's own name for it
            label, category = row.label, row.category or category
        figure = Figure(label=label, value=value, unit=own_unit, approx=approx, category=category)
        name = self._name(figure, filt, text[begin:consumed], ("", "") if row else (hint_before, hint_after))
        label = figure.label
        if name is None:
            return None  # it would not print back as typed (1.50, 007): leave it alone
        self.figures[name] = {"label": label, "value": value, "unit": own_unit, "approx": approx,
                              "category": category}
        if row is not None and row.previous is not None:
            self.figures[name].update(previous=row.previous, previous_approx=row.previous_approx)
        return expr.format(name), begin, consumed, stop

    def _name(self, figure: Figure, filt: str, typed: str, hints: tuple[str, str] = ("", "")) -> str | None:
        """A free name under which the figure prints exactly as typed: the template's 指标目录 name
        when the label words say it is that indicator, else a name made from the label. When that
        name is taken, a word of the sentence tells the two apart ("督查组" 单位, 单位 "参加考试的"
        行政执法人员), which the label then says too; a number after the name is the last resort."""
        candidate = self._catalogue_name(figure) if self.catalogue else None
        if candidate is not None and self._prints(candidate, figure, filt, typed):
            return candidate
        base = self._base(figure.label, figure.unit)
        entry = self.catalogue.get(base)
        if entry is not None and base not in self.figures and entry.formula is None and (
                figure.unit in _PERCENT) == (entry.unit in _PERCENT) and self._prints(base, figure, filt, typed):
            return base  # "备案率": the 指标目录's own name for what the label says
        name = base
        if name in self.figures or name in self.catalogue:
            before, after = hints
            acting = after and words.tag(after)[0][1].startswith("v")  # "……单位开展专项监督检查"
            for label in (f"{after}的{figure.label}" if acting else "", first_noun(before) + figure.label,
                          f"{after}的{figure.label}" if after else ""):
                if label and len(label) <= MAX_LABEL and label != figure.label:
                    other = self._base(label, figure.unit)
                    if other not in self.figures and other not in self.catalogue:
                        figure.label, name = label, other
                        break
        if name in self.figures or name in self.catalogue:
            n = self.suffixes.get(base, 2)
            while f"{base}{n}" in self.figures or f"{base}{n}" in self.catalogue:
                n += 1
            name = f"{base}{n}"
            self.suffixes[base] = n + 1
        return name if self._prints(name, figure, filt, typed) else None

    @staticmethod
    def _base(label: str, unit: str) -> str:
        """The name a label gives, in whole words of at most MAX_LABEL characters, with 数 or 比例."""
        base = words.whole_words_tail("".join(c for c in label if ("a" + c).isidentifier()), MAX_LABEL)
        base = base.lstrip("0123456789_")
        if not base or base in _RESERVED:
            base = "数据"
        if unit in _PERCENT:
            if not base.endswith(("率", "比", "度", "比例", "幅度")):
                base += "比例"
        elif not base.endswith(("数", "量", "额", "人次", "场次", "率")):
            base += "数"
        return base

    def _catalogue_name(self, figure: Figure) -> str | None:
        """The 指标目录 indicator the label names: its label inside this one ("依法受理行政复议案件" is
        受理复议案件数), or all its words in another order with the same unit; nothing looser, as a
        wrong indicator would mislead a roll-up."""
        label_words = set(words.split(figure.label))
        for name, wanted in self.wording.items():
            entry = self.catalogue[name]
            if name in self.figures or entry.formula is not None or (figure.unit in _PERCENT) != (
                    entry.unit in _PERCENT):
                continue
            if figure.label == entry.label or entry.label in figure.label:  # its own unit may differ (起/件)
                return name
            if entry.unit == figure.unit and set(wanted) <= label_words:  # the same words in another order
                return name
        return None

    def _prints(self, name: str, figure: Figure, filt: str, typed: str) -> bool:
        """Whether quoting ``name`` (through ``filt``) prints ``typed``, with what the catalogue adds."""
        from lawgov_report.compose.catalogue import apply

        applied = apply({name: figure}, self.catalogue)[name] if name in self.catalogue else figure
        value = FigureValue(name, applied)
        try:
            return (_RENDERER.env.filters[filt](value) if filt else str(value)) == typed
        except (TypeError, ValueError, ArithmeticError):
            return False


def _content_words(label: str) -> list[str]:
    """The words of an indicator's label that say what it counts (not 的, 和 …)."""
    return [w for w in words.split(label) if w not in _STOP_WORDS and w.strip()]

def extract(draft: Draft, catalogue: dict | None = None) -> None:
    """Quote the year and every statistic of the draft's texts by name (in place); ``catalogue`` is
    the template's 指标目录 (name -> Figure), whose names are used where a label matches."""
    ex = Extractor(draft, catalogue)
    draft.title = [ex.text(line, figures=False) for line in draft.title]
    if draft.recipient:
        draft.recipient = _escape(draft.recipient)
    for paragraph in draft.preamble:
        paragraph.text = ex.text(paragraph.text)

    def visit(sections, category):
        for section in sections:
            own = _category(section.title) or category
            # A numbered item is often a whole sentence with its statistics: quote them too.
            section.title = ex.text(section.title, category)
            for paragraph in section.paragraphs:
                paragraph.text = ex.text(paragraph.text, own)
                paragraph.points = [ex.text(point, own) for point in paragraph.points]
                paragraph.tail = ex.text(paragraph.tail, own)
            visit(section.sections, own)

    visit(draft.sections, None)
    draft.closing = [_escape(t) for t in draft.closing]
    draft.attachments = [ex.text(t, figures=False) for t in draft.attachments]
    if draft.signature:
        draft.signature = _escape(draft.signature)
    if draft.note:
        draft.note = _escape(draft.note)


def _category(title: str) -> str | None:
    """The first phrase of a heading, in whole words of at most 12 characters
    ("强化组织领导，明确工作责任。" -> 强化组织领导)."""
    first = re.split(r"[，。；：、！？,;:（(]", title.strip(), maxsplit=1)[0].strip()
    first = re.sub(r"\{\{.*?\}\}年?度?|\d+", "", first)
    a, b = strip_span(first, 0, len(first))
    if first[a:b].count("“") != first[a:b].count("”"):
        first = re.sub("[“”‘’]", "", first[a:b])
        a, b = 0, len(first)
    if b - a > 12:
        t = Text(first)
        b = snap_end(t, a, a + 12) if first[a:a + 12] else b
    return first[a:b] or None
