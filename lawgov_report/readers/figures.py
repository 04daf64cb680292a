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

import bisect
import re

from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER, MARKERS_BEFORE_UNIT, FigureValue
from lawgov_report.source.model import Figure
from lawgov_report.readers import statistics, words
from lawgov_report.readers.draft import Draft
from lawgov_report.compose.texts import TextRenderer

# Units of count in reports, longest first so that 人次 wins over 人.
_UNITS = sorted("""
万人次 人次 场次 件次 户次 家次 批次 班次 架次 个工作日 工作日 个百分点 百分点 个月 万平方米 平方米 平方公里 公里 千米
万元 亿元 千元 元 万人 万份 万册 万件 万条 万户 万字 万 亿 个 件 起 人 名 份 场 次 家 宗 册 幅 项 条 部 篇 期
户 批 类 本 套 台 辆 处 所 间 座 块 张 位 支 队 组 卷 单 笔 例 案 轮 天 小时 周 年 岁 亩 吨 % ％ ‰
""".split(), key=len, reverse=True)
_UNIT = re.compile("|".join(re.escape(u) for u in _UNITS))  # longest first: 人次 before 人
_PERCENT = ("%", "％", "‰")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NOT_BEFORE = re.compile(r"[A-Za-z.·/／第〔\[#№]")
_NOT_AFTER = re.compile(r"^(?:[A-Za-z·:：/／〕\]]|月|日|号|时|点|分|周年|届|级|版|楼|层|路|栋|期间)")
_RANGE = re.compile(r"\s*[-—～~至到]\s*\d")
# The upper end of a range written with its unit at both ends ("10%-20%"), each end a figure.
_RANGE_BOUND = re.compile(r"\s*[-—～~至到]\s*(\d+(?:\.\d+)?)\s*(" + _UNIT.pattern + ")")
_DATE_AFTER_YEAR = re.compile(r"\d{1,2}月")
# Qualifiers written before a number ("超过600项", "近480批次", "约30%"), longest first.
_PREFIXES = sorted(MARKERS_BEFORE_NUMBER, key=len, reverse=True)
_GUARDS = {"》": "《", "”": "“", "〕": "〔"}
_OPENING = {v: k for k, v in _GUARDS.items()}
_GUARD_MARKS = re.compile("[《》“”〔〕]")
MAX_LABEL = 16
_EDGE_MARKS = "“”‘’\"'[]【】、·—-～~%％ \t"
# Where the counted noun after a number ends, and where a label before a number may start.
_AFTER_END = re.compile(r"\d|\{\{|[-—～~%％\s（(]")
_BEFORE_END = re.compile(r"\}\}(?:年度?|月份?|日)?|\d+(?:[.,]\d+)*(?:[^\d，。；：、]{0,3}?(?:以下|以上))?[年月日号]?")
_STOP_WORDS = frozenset("的 和 与 及 等 之 了".split())
_PAUSE = "，。；：、！？,;:\n"
_THRESHOLD = ("以下", "及以下")
_LEFT_FILLERS = ("今年以来", "截至目前", "力争", "全年", "累计", "共计", "总计", "合计", "其中", "先后", "分别", "共有", "共", "依法", "已",
                 "等", "并", "全县", "全区", "全市", "全省", "全乡", "全镇")
_RIGHT_FILLERS = ("保持在", "保持", "仅占", "仅有", "仅", "均达到", "均达", "均为", "共计", "总计", "合计", "累计", "达到", "达", "约为", "为", "约", "近",
                  "不少于", "不低于", "超过", "超", "有", "计", "共", "等")
# Where the counted noun after a number ends: "43个行政执法单位|开展培训".
_VERBS = re.compile("开展|进行|参加|参与|带来|出具|组织|召开|提供|实现|完成|得到|获得|受到|接受|签订|办理|"
                    "的|对|(?<!行)为|和|与|及|并|共|等|在|从|向|中|进|到|被|给|由|将|把|按")
_ADVERBS = ("全部", "均", "已", "都", "全", "共", "分别", "同比", "较", "比", "占", "达", "以上", "左右")
_RENDERER = TextRenderer()
_RESERVED = {"year", "issuer", "figures", "loop", "true", "false", "none", "True", "False", "None"}


def _escape(text: str) -> str:
    """Literal text for a Jinja-rendered field: "{{", "{%" and "{#" printed, not interpreted."""
    if "{" not in text:
        return text
    return re.sub(r"\{([{%#])", lambda m: '{{ "{' + m[1] + '" }}', text)


def _unit_at(text: str, pos: int) -> tuple[str, str, str, int]:
    """(approx before the unit, unit, approx after it, end) for the text just after a number."""
    before = ""
    while text[pos:pos + 1] == " ":  # "受理行政复议案件 18 起": the spaces stay in the text
        pos += 1
    if text[pos:pos + 1] in MARKERS_BEFORE_UNIT and text[pos:pos + 1] != "几":
        before, pos = text[pos], pos + 1
    m = _UNIT.match(text, pos)
    unit = m[0] if m else ""
    if unit in ("年", "周") and re.match(r"\d", text[pos + 1:pos + 2]):
        unit = ""  # 2020年3月: a date, not a count of years
    end = pos + len(unit)
    after = ""
    if unit and not before:
        for marker in ("以上", "左右"):
            if text.startswith(marker, end):
                after, end = marker, end + len(marker)
                break
    return before, unit, after, end


class _Text:
    """One text being quoted, with what every number in it needs precomputed, so that a text of any
    length is read in linear time: which positions stand inside 《》“”〔〕, where its pauses are, and
    (at the first figure) its word boundaries."""

    __slots__ = ("text", "guarded", "pauses", "_words")

    def __init__(self, text: str):
        self.text = text
        guarded = bytearray(len(text))
        depth = dict.fromkeys(_GUARDS, 0)
        inside = 0
        for m in _GUARD_MARKS.finditer(text):  # only the marks change what follows them
            c = m.start()
            if inside:
                guarded[last + 1:c + 1] = b"\x01" * (c - last)
            if text[c] in _OPENING:
                depth[_OPENING[text[c]]] += 1
                inside += 1
            elif depth[text[c]]:
                depth[text[c]] -= 1
                inside -= 1
            last = c
        if inside:
            guarded[last + 1:] = b"\x01" * (len(text) - last - 1)
        self.guarded = guarded
        self.pauses = [i for i, c in enumerate(text) if c in _PAUSE]
        self._words: set[int] | None = None

    @property
    def words(self) -> set[int]:
        if self._words is None:
            self._words = words.boundaries(self.text)
        return self._words

    def pause_after(self, pos: int) -> int:
        i = bisect.bisect_left(self.pauses, pos)
        return self.pauses[i] if i < len(self.pauses) else len(self.text)

    def pause_before(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts (just after the pause before it)."""
        i = bisect.bisect_left(self.pauses, pos)
        return self.pauses[i - 1] + 1 if i else 0


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
        t = _Text(text)
        self.last_noun = ""
        self.upper = None
        for m in _NUMBER.finditer(text):
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

    def _number(self, t: _Text, m, category, clause_start: int, figures: bool):
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
        before, unit, after, stop = _unit_at(text, end)
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
        noun_unit = _noun_unit(t, end + len(before), unit) if not after else None
        if noun_unit:  # "出庭应诉1案件": 案 begins the noun 案件, whose measure word is 件
            unit, stop = noun_unit, end + len(before)
        label, hint_before, hint_after = _label(t, clause_start, begin, stop, unit)
        if words.is_bare_verb(label) and self.last_noun:  # "收到行政复议申请38件，受理35件": 受理 what
            label = label + self.last_noun
        elif words.is_bare_verb(label) and unit in ("次", "场次", "批次", "人次"):
            label += "次数" if unit == "次" else unit  # "抽查218次": 抽查次数
        bound = _RANGE_BOUND.match(text, stop)
        if bound and bound.group(2) == unit and not t.guarded[bound.start(1)]:  # "下调10%-20%律师服务费"
            counted = _label(t, bound.end(), bound.start(1), bound.end(), unit)[0]
            ranged = counted + label if counted and counted != label else label
            self.upper = (bound.start(1), ranged)
            label = f"{ranged}（下限）"
        elif self.upper and self.upper[0] == start:
            label = f"{self.upper[1]}（上限）"
        if not label:  # "有7家、77宗行政处罚案卷备案": what the enumeration's next number counts, by 家
            label = _enumerated(t, stop, unit)
        label = label or _UNIT_NOUNS.get(unit, "") or "数据"
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
            for label in (f"{after}的{figure.label}" if acting else "", _first_noun(before) + figure.label,
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


def _label(t: _Text, clause_start: int, start: int, stop: int, unit: str = "") -> tuple[str, str, str]:
    """A name for the number, in whole words of its sentence, as a clerk names it: the noun phrase its
    measure word counts ("43个行政执法单位"), else the words before it ("受理行政复议案件18起"); with the
    words before the number and the words after the counted noun, which tell two like figures apart.
    Function words, areas (全县) and one-character verbs (有, 为) at a label's ends are not part of it."""
    text = t.text
    # After the number and its unit, up to the pause, a digit or the verb that ends the noun.
    a = stop
    while a < len(text) and text[a] in "余多":
        a += 1
    measure = _UNIT.match(text, a) if a > stop else None  # "1.2万余户企业": the unit after 余 is not a word of it
    if measure:
        a = measure.end()
    pause = t.pause_after(a)
    b = pause
    for pattern in (_AFTER_END, _VERBS):
        cut = pattern.search(text, a, b)
        b = cut.start() if cut else b
    if text.startswith(_ADVERBS, a):  # "9件全部经过……": the words after say what happened, not what
        b = a
    a, b = _strip_span(text, a, b, t.words)
    b = _snap_end(t, a, b)
    after = _counted(words.trim(text[a:b]) if b > a else "", unit)
    if len(after) > 2 and after[-1] in "起件次" and words.tag(after)[-1][0] == after[-1] and words.is_noun(after[:-1]):
        after = after[:-1]  # "1案件起": the noun 案件, then a measure word typed after it
    if len(after) == 1 and text.startswith("（", b):  # "3个县（市、区）": the bracket says which
        close = text.find("）", b, b + 12)
        after, b = (text[a:close + 1], close + 1) if close > 0 else (after, b)
    rest = words.trim(text[b:pause]) if b < pause and not _AFTER_END.match(text, b) else ""
    # Before the number: from the clause's start (or the last number, date or year in it).
    begin = max(clause_start, t.pause_before(start))
    last_number = None
    for last_number in _BEFORE_END.finditer(text, begin, start):
        pass
    if last_number is not None:
        begin = last_number.end()
    c, d = _strip_span(text, begin, start, t.words)
    c = _snap_start(t, c, d)
    before = text[c:d]
    if before.count("“") != before.count("”"):  # a quotation cut in half: start after its mark
        c = max(before.rfind("“"), before.rfind("”")) + c + 1
        c, d = _strip_span(text, c, d, t.words)
        c = _snap_start(t, c, d)
        before = text[c:d]
    before = words.trim(before)
    if len(after) >= 4:
        return after, before, rest
    if len(after) >= 2 and words.is_noun(after):  # "15名律师", "110家企业": what is counted
        if 2 <= len(before) <= 6 and words.ends_with_verb(before) and not words.is_bare_verb(before):
            return before + after, "", rest  # "出庭应诉1案件": the verb says which 案件
        return after, before, rest
    if not after:  # "17个司法所中有9个只有1名工作人员": what is said of the 9 tells them apart
        rest = text[a:pause].strip(_EDGE_MARKS) if pause - a <= MAX_LABEL else ""
    if len(before) >= 2:
        return before, "", rest
    return after or before, "", rest


# People are counted by 人, 名, 位: "43个行政执法单位主管领导……共计80人" counts units by 个, not leaders.
_PERSON_UNITS = ("人", "名", "位", "人次", "名次", "万人", "万人次")
_PERSONS = ("主管", "领导", "主任", "负责人", "干部", "人员", "律师", "群众", "职工", "代表", "法官", "检察官")


def _counted(phrase: str, unit: str) -> str:
    """The part of the noun phrase after a number that its measure word counts: a unit counted by 个
    or 家 is not its leaders ("行政执法单位主管领导" -> "行政执法单位")."""
    if not phrase or not unit or unit in _PERSON_UNITS:
        return phrase
    pos = 0
    for word, _ in words.tag(phrase):
        if pos >= 2 and word.startswith(_PERSONS):
            return phrase[:pos]
        pos += len(word)
    return phrase


# What a measure word counts when the sentence does not say: "有7家、77宗案卷" counts 单位.
_UNIT_NOUNS = {"家": "单位", "名": "人员", "位": "人员", "人": "人员", "所": "机构"}


def _noun_unit(t: _Text, pos: int, unit: str) -> str | None:
    """The measure word of the noun a one-character "unit" begins ("1案件起": 案 is the start of
    案件, counted by the 起 typed after it, else by its own 件), or None when the unit is a word."""
    if len(unit) != 1 or unit in "万亿千" or pos + 1 in t.words:
        return None
    end = min((b for b in t.words if b > pos + 1), default=len(t.text))
    word = t.text[pos:end]
    tagged = words.tag(word)
    if len(tagged) != 1 or not tagged[0][1].startswith("n"):
        return None
    if t.text[end:end + 1] in _UNITS:  # "1案件起": the measure word typed after the noun
        return t.text[end]
    return word[-1] if len(word) <= 3 and word[-1] in _UNITS else None


def _enumerated(t: _Text, stop: int, unit: str) -> str:
    """For "7家、77宗行政处罚案卷备案": what the next number of the enumeration counts, and the noun
    the first one's measure word counts (行政处罚案卷备案单位)."""
    m = _NUMBER.match(t.text, stop + 1) if t.text[stop:stop + 1] == "、" else None
    noun = _UNIT_NOUNS.get(unit, "")
    if m is None or not noun:
        return ""
    _, other_unit, _, other_stop = _unit_at(t.text, m.end())
    if not other_unit:
        return ""
    counted, _, _ = _label(t, other_stop, m.start(), other_stop, other_unit)
    return counted + noun if counted and counted != noun else ""


def _first_noun(phrase: str) -> str:
    """The first noun of a phrase ("督查组对县财政局" -> "督查组"), or ""."""
    return next((w for w, p in words.tag(phrase) if p.startswith("n") and len(w) >= 2
                 and words.tag(w[0])[0][1] != "p"), "")  # the tagger's 对县 is 对 + 县


def _snap_start(t: _Text, a: int, b: int) -> int:
    """The first word boundary at or after ``a`` that leaves at most MAX_LABEL characters."""
    bounds = t.words
    a = max(a, b - MAX_LABEL)
    while a < b and a not in bounds:
        a += 1
    return a


def _snap_end(t: _Text, a: int, b: int) -> int:
    """The last word boundary at or before ``b`` that leaves at most MAX_LABEL characters."""
    bounds = t.words
    b = min(b, a + MAX_LABEL)
    while b > a and b not in bounds:
        b -= 1
    return b


def _strip_span(text: str, a: int, b: int, bounds: set[int] | None = None) -> tuple[int, int]:
    """The span without the fillers at its ends ("累计", "共计", "达到" …) nor marks and spaces; with
    ``bounds`` (word boundaries), a filler is one only as a whole word ("为" of "违法行为" is not)."""
    changed = True
    while changed and a < b:
        changed = False
        while a < b and text[a] in _EDGE_MARKS:
            a, changed = a + 1, True
        while b > a and text[b - 1] in _EDGE_MARKS:
            b, changed = b - 1, True
        for filler in _LEFT_FILLERS:
            if text.startswith(filler, a, b) and (bounds is None or a + len(filler) in bounds):
                a, changed = a + len(filler), True
        for filler in _RIGHT_FILLERS:
            if b - len(filler) > a and text.endswith(filler, a, b) and (
                    bounds is None or b - len(filler) in bounds or text[b - len(filler) - 1] in "率比"):  # 率|达
                b, changed = b - len(filler), True
    return a, b


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
    a, b = _strip_span(first, 0, len(first))
    if first[a:b].count("“") != first[a:b].count("”"):
        first = re.sub("[“”‘’]", "", first[a:b])
        a, b = 0, len(first)
    if b - a > 12:
        t = _Text(first)
        b = _snap_end(t, a, a + 12) if first[a:a + 12] else b
    return first[a:b] or None
