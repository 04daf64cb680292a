"""What a number in an imported report's prose counts: its measure word and a clerk's name for it.

"43个行政执法单位" counts 行政执法单位 (the noun phrase its measure word counts, not the leaders after
it, counted by 人), "受理行政复议案件18起" counts what the words before it say. A label is whole
words of its sentence (rjieba), without the function words, areas and linking verbs at its ends
(words.trim: 有, 共为, 对全县); a bare verb borrows the noun of the figure before it (受理35件 after
收到行政复议申请38件), an enumeration's first number the noun of the next (有7家、77宗案卷).
"""

from __future__ import annotations

import bisect
import re

from lawgov_report.figures.values import MARKERS_BEFORE_UNIT
from lawgov_report.readers import words

# Units of count in reports, longest first so that 人次 wins over 人.
UNITS = sorted("""
万人次 人次 场次 件次 户次 家次 批次 班次 架次 个工作日 工作日 个百分点 百分点 个月 万平方米 平方米 平方公里 公里 千米
万元 亿元 千元 元 万人 万份 万册 万件 万条 万户 万字 万 亿 个 件 起 人 名 份 场 次 家 宗 册 幅 项 条 部 篇 期
户 批 类 本 套 台 辆 处 所 间 座 块 张 位 支 队 组 卷 单 笔 例 案 轮 天 小时 周 年 岁 亩 吨 % ％ ‰
""".split(), key=len, reverse=True)
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
UNIT = re.compile("|".join(re.escape(u) for u in UNITS))  # longest first: 人次 before 人
_GUARDS = {"》": "《", "”": "“", "〕": "〔"}
_OPENING = {v: k for k, v in _GUARDS.items()}
_GUARD_MARKS = re.compile("[《》“”〔〕]")
MAX_LABEL = 16
EDGE_MARKS = "“”‘’\"'[]【】、·—-～~%％ \t"
# Where the counted noun after a number ends, and where a label before a number may start.
_AFTER_END = re.compile(r"\d|\{\{|[-—～~%％\s（(]")
_BEFORE_END = re.compile(r"\}\}(?:年度?|月份?|日)?|\d+(?:[.,]\d+)*(?:[^\d，。；：、]{0,3}?(?:以下|以上))?[年月日号]?")
_PAUSE = "，。；：、！？,;:\n"
_LEFT_FILLERS = ("今年以来", "截至目前", "力争", "全年", "累计", "共计", "总计", "合计", "其中", "先后", "分别", "共有", "共", "依法", "已",
                 "等", "并", "全县", "全区", "全市", "全省", "全乡", "全镇")
_RIGHT_FILLERS = ("保持在", "保持", "仅占", "仅有", "仅", "均达到", "均达", "均为", "共计", "总计", "合计", "累计", "达到", "达", "约为", "为", "约", "近",
                  "不少于", "不低于", "超过", "超", "有", "计", "共", "等")
# Where the counted noun after a number ends: "43个行政执法单位|开展培训".
_VERBS = re.compile("开展|进行|参加|参与|带来|出具|组织|召开|提供|实现|完成|得到|获得|受到|接受|签订|办理|"
                    "的|对|(?<!行)为|和|与|及|并|共|等|在|从|向|中|进|到|被|给|由|将|把|按")
_ADVERBS = ("全部", "均", "已", "都", "全", "共", "分别", "同比", "较", "比", "占", "达", "以上", "左右")


def unit_at(text: str, pos: int) -> tuple[str, str, str, int]:
    """(approx before the unit, unit, approx after it, end) for the text just after a number."""
    before = ""
    while text[pos:pos + 1] == " ":  # "受理行政复议案件 18 起": the spaces stay in the text
        pos += 1
    if text[pos:pos + 1] in MARKERS_BEFORE_UNIT and text[pos:pos + 1] != "几":
        before, pos = text[pos], pos + 1
    m = UNIT.match(text, pos)
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


class Text:
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

def label_for(t: Text, clause_start: int, start: int, stop: int, unit: str = "") -> tuple[str, str, str]:
    """A name for the number, in whole words of its sentence, as a clerk names it: the noun phrase its
    measure word counts ("43个行政执法单位"), else the words before it ("受理行政复议案件18起"); with the
    words before the number and the words after the counted noun, which tell two like figures apart.
    Function words, areas (全县) and one-character verbs (有, 为) at a label's ends are not part of it."""
    text = t.text
    # After the number and its unit, up to the pause, a digit or the verb that ends the noun.
    a = stop
    while a < len(text) and text[a] in "余多":
        a += 1
    measure = UNIT.match(text, a) if a > stop else None  # "1.2万余户企业": the unit after 余 is not a word of it
    if measure:
        a = measure.end()
    pause = t.pause_after(a)
    b = pause
    for pattern in (_AFTER_END, _VERBS):
        cut = pattern.search(text, a, b)
        b = cut.start() if cut else b
    if text.startswith(_ADVERBS, a):  # "9件全部经过……": the words after say what happened, not what
        b = a
    a, b = strip_span(text, a, b, t.words)
    b = snap_end(t, a, b)
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
    c, d = strip_span(text, begin, start, t.words)
    c = _snap_start(t, c, d)
    before = text[c:d]
    if before.count("“") != before.count("”"):  # a quotation cut in half: start after its mark
        c = max(before.rfind("“"), before.rfind("”")) + c + 1
        c, d = strip_span(text, c, d, t.words)
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
        rest = text[a:pause].strip(EDGE_MARKS) if pause - a <= MAX_LABEL else ""
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
UNIT_NOUNS = {"家": "单位", "名": "人员", "位": "人员", "人": "人员", "所": "机构"}


def noun_unit(t: Text, pos: int, unit: str) -> str | None:
    """The measure word of the noun a one-character "unit" begins ("1案件起": 案 is the start of
    案件, counted by the 起 typed after it, else by its own 件), or None when the unit is a word."""
    if len(unit) != 1 or unit in "万亿千" or pos + 1 in t.words:
        return None
    end = min((b for b in t.words if b > pos + 1), default=len(t.text))
    word = t.text[pos:end]
    tagged = words.tag(word)
    if len(tagged) != 1 or not tagged[0][1].startswith("n"):
        return None
    if t.text[end:end + 1] in UNITS:  # "1案件起": the measure word typed after the noun
        return t.text[end]
    return word[-1] if len(word) <= 3 and word[-1] in UNITS else None


def enumerated(t: Text, stop: int, unit: str) -> str:
    """For "7家、77宗行政处罚案卷备案": what the next number of the enumeration counts, and the noun
    the first one's measure word counts (行政处罚案卷备案单位)."""
    m = NUMBER.match(t.text, stop + 1) if t.text[stop:stop + 1] == "、" else None
    noun = UNIT_NOUNS.get(unit, "")
    if m is None or not noun:
        return ""
    _, other_unit, _, other_stop = unit_at(t.text, m.end())
    if not other_unit:
        return ""
    counted, _, _ = label_for(t, other_stop, m.start(), other_stop, other_unit)
    return counted + noun if counted and counted != noun else ""


def first_noun(phrase: str) -> str:
    """The first noun of a phrase ("督查组对县财政局" -> "督查组"), or ""."""
    return next((w for w, p in words.tag(phrase) if p.startswith("n") and len(w) >= 2
                 and words.tag(w[0])[0][1] != "p"), "")  # the tagger's 对县 is 对 + 县


def _snap_start(t: Text, a: int, b: int) -> int:
    """The first word boundary at or after ``a`` that leaves at most MAX_LABEL characters."""
    bounds = t.words
    a = max(a, b - MAX_LABEL)
    while a < b and a not in bounds:
        a += 1
    return a


def snap_end(t: Text, a: int, b: int) -> int:
    """The last word boundary at or before ``b`` that leaves at most MAX_LABEL characters."""
    bounds = t.words
    b = min(b, a + MAX_LABEL)
    while b > a and b not in bounds:
        b -= 1
    return b


def strip_span(text: str, a: int, b: int, bounds: set[int] | None = None) -> tuple[int, int]:
    """The span without the fillers at its ends ("累计", "共计", "达到" …) nor marks and spaces; with
    ``bounds`` (word boundaries), a filler is one only as a whole word ("为" of "违法行为" is not)."""
    changed = True
    while changed and a < b:
        changed = False
        while a < b and text[a] in EDGE_MARKS:
            a, changed = a + 1, True
        while b > a and text[b - 1] in EDGE_MARKS:
            b, changed = b - 1, True
        for filler in _LEFT_FILLERS:
            if text.startswith(filler, a, b) and (bounds is None or a + len(filler) in bounds):
                a, changed = a + len(filler), True
        for filler in _RIGHT_FILLERS:
            if b - len(filler) > a and text.endswith(filler, a, b) and (
                    bounds is None or b - len(filler) in bounds or text[b - len(filler) - 1] in "率比"):  # 率|达
                b, changed = b - len(filler), True
    return a, b

