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

from lawgov_report.figures.values import MARKERS_BEFORE_UNIT, FigureValue
from lawgov_report.source.model import Figure
from lawgov_report.readers.draft import Draft
from lawgov_report.compose.texts import TextRenderer

# Units of count in reports, longest first so that 人次 wins over 人.
_UNITS = sorted("""
万人次 人次 场次 件次 户次 家次 批次 班次 架次 个工作日 工作日 个百分点 百分点 个月 万平方米 平方米 平方公里 公里 千米
万元 亿元 千元 元 万人 万份 万册 万件 万条 万户 万字 万 亿 个 件 起 人 名 份 场 次 家 宗 册 幅 项 条 部 篇 期
户 批 类 本 套 台 辆 处 所 间 座 块 张 位 支 队 组 卷 单 笔 例 案 轮 天 小时 周 年 岁 亩 吨 % ％ ‰
""".split(), key=len, reverse=True)
_PERCENT = ("%", "％", "‰")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NOT_BEFORE = re.compile(r"[A-Za-z.·/／第〔\[#№]")
_NOT_AFTER = re.compile(r"^(?:[A-Za-z·:：/／〕\]]|月|日|号|时|点|分|周年|届|级|版|楼|层|路|栋|期间)")
_RANGE = re.compile(r"^[-—～~至到](\d+(?:\.\d+)?)")
_PAUSE = "，。；：、！？,;:（）()\n"
_THRESHOLD = ("以下", "及以下")
_YEARS = re.compile(r"(?:19|20)\d\d年(?:度|来|以来)?")
_DATES = re.compile(r"\d+月\d+日(?:[-—至到]\d+月?\d+日)?|\d+月份?|\d+日")
_LEFT_FILLERS = ("今年以来", "截至目前", "全年", "累计", "共计", "总计", "合计", "其中", "先后", "分别", "共有", "共", "依法", "已",
                 "等", "并", "全县", "全区", "全市", "全省", "全乡", "全镇")
_RIGHT_FILLERS = ("均达到", "均达", "均为", "共计", "总计", "合计", "累计", "达到", "达", "约为", "为", "约", "近",
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


def _inside(text: str, pos: int, opening: str, closing: str) -> bool:
    return text.count(opening, 0, pos) > text.count(closing, 0, pos)


def _unit_at(text: str, pos: int) -> tuple[str, str, str, int]:
    """(approx before the unit, unit, approx after it, end) for the text just after a number."""
    before = ""
    while text[pos:pos + 1] == " ":  # "受理行政复议案件 18 起": the spaces stay in the text
        pos += 1
    if text[pos:pos + 1] in MARKERS_BEFORE_UNIT and text[pos:pos + 1] != "几":
        before, pos = text[pos], pos + 1
    unit = next((u for u in _UNITS if text.startswith(u, pos)), "")
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


class Extractor:
    """Turns numbers into figures across one report, keeping names unique."""

    def __init__(self, draft: Draft, catalogue: dict | None = None):
        self.draft = draft
        self.catalogue = catalogue or {}
        self.year = draft.year
        self.figures: dict[str, dict] = draft.figures

    def text(self, text: str, category: str | None = None, figures: bool = True) -> str:
        """One text with its years (and, if ``figures``, its statistics) quoted as expressions."""
        out: list[str] = []
        last = 0
        clause_start = 0
        for m in _NUMBER.finditer(text):
            start, end = m.span()
            if start < last:
                continue
            expr, stop, unit_end = self._number(text, m, category if figures else None, clause_start, figures)
            if expr is None:
                continue
            out.append(_escape(text[last:start]))
            out.append(expr)
            last, clause_start = stop, unit_end
        out.append(_escape(text[last:]))
        return "".join(out)

    def _number(self, text: str, m, category, clause_start: int, figures: bool):
        digits = m.group()
        start, end = m.span()
        prev = text[start - 1] if start else ""
        if prev and _NOT_BEFORE.match(prev) or digits.startswith("0") and len(digits) > 1 and digits[1] != ".":
            return None, end, end
        if len(digits) == 4 and digits[:2] in ("19", "20") and text.startswith("年", end):
            offset = int(digits) - self.year if self.year else None  # a year is never a statistic
            if offset in (-1, 0, 1):
                expr = "{{ year }}" if offset == 0 else f"{{{{ year {'+' if offset > 0 else '-'} 1 }}}}"
                return expr, end, end + 1
            return None, end, end
        if not figures or _NOT_AFTER.match(text[end:]) or _inside(text, start, "《", "》") or _inside(
                text, start, "“", "”") or _inside(text, start, "〔", "〕"):
            return None, end, end
        before, unit, after, stop = _unit_at(text, end)
        if unit and not before and text.startswith(_THRESHOLD, stop):
            return None, end, end  # "35岁以下执法人员", "2000元以下罚款": a bound, not a count
        if not unit and not before:
            ranged = _RANGE.match(text[end:])
            if ranged:
                unit = _unit_at(text, end + ranged.end())[1]
                if unit in _PERCENT:
                    unit = ""  # "10-20%": the first is not a percentage by itself
            if not unit:
                return None, end, end
            stop = end
        value = float(digits.replace(",", "")) if "." in digits else int(digits.replace(",", ""))
        thousands = "," in digits
        if thousands and after:
            return None, end, end
        if after:  # "98%以上": the marker follows the unit, and with_unit prints both
            expr, consumed = "{{{{ {} | with_unit }}}}", stop
        elif thousands:
            expr, consumed = "{{{{ {} | thousands }}}}", end + len(before)
        else:
            expr, consumed = "{{{{ {} }}}}", end + len(before)
        label = _label(text, clause_start, start, stop) or unit or "数据"
        own_unit = "%" if unit == "％" and not after else unit
        figure = Figure(label=label, value=value, unit=own_unit, approx=before or after, category=category)
        name = self._name(figure, expr, text[start:consumed])
        if name is None:
            return None, end, end  # it would not print back as typed (1.50, 007): leave it alone
        self.figures[name] = {"label": label, "value": value, "unit": own_unit, "approx": before or after,
                              "category": category}
        return expr.format(name), consumed, stop

    def _name(self, figure: Figure, expr: str, typed: str) -> str | None:
        """A free name under which the figure prints exactly as typed: the template's 指标目录 name
        when the label matches one, else a name made from the label."""
        candidates = [self._catalogue_name(figure)] if self.catalogue else []
        base = "".join(c for c in figure.label if ("a" + c).isidentifier())[-14:].lstrip("0123456789_")
        if not base or base in _RESERVED:
            base = "数据"
        if figure.unit in _PERCENT:
            if not base.endswith(("率", "比", "度", "比例", "幅度")):
                base += "比例"
        elif not base.endswith(("数", "量", "额", "人次", "场次", "率")):
            base += "数"
        candidates.append(base)
        n = 2
        for name in candidates:
            if name is None:
                continue
            while name in self.figures:
                name, n = f"{base}{n}", n + 1
            if self._prints(name, figure, expr, typed):
                return name
        return None

    def _catalogue_name(self, figure: Figure) -> str | None:
        label = figure.label
        for name, entry in self.catalogue.items():
            if name in self.figures or not entry.label or (figure.unit in _PERCENT) != (entry.unit in _PERCENT):
                continue
            if label == entry.label:  # only an exact match: a wrong indicator would mislead a roll-up
                return name
        return None

    def _prints(self, name: str, figure: Figure, expr: str, typed: str) -> bool:
        """Whether the text quoting ``name`` prints ``typed``, with what the catalogue adds."""
        from lawgov_report.compose.catalogue import apply
        from lawgov_report.compose.texts import TextError

        applied = apply({name: figure}, self.catalogue)[name] if self.catalogue else figure
        try:
            return _RENDERER.render(expr.format(name), {name: FigureValue(name, applied)}) == typed
        except TextError:
            return False


def _label(text: str, clause_start: int, start: int, stop: int) -> str:
    """A name for the number from its sentence: what it counts ("43个行政执法单位"), else the words
    before it ("受理行政复议案件18起")."""
    after_end = min([i for i in (text.find(c, stop) for c in _PAUSE) if i != -1] + [len(text)])
    after = re.split(r"\d|\{\{", text[stop:after_end])[0].lstrip("余多")
    if after.startswith(_ADVERBS):  # "9件全部经过……": the words after say what happened, not what
        after = ""
    after = _strip(_VERBS.split(re.sub(r"[-—～~%％\s]", "", after))[0])
    begin = max(clause_start, max((text.rfind(c, 0, start) + 1 for c in _PAUSE), default=0))
    before = _DATES.sub("", _YEARS.sub("", text[begin:start]))
    before = _strip(re.sub(r"\{\{.*?\}\}年?度?|\d+|[-—～~%％\s]", "", before))
    if len(after) >= 4:
        return after[:16]
    if len(after) >= 2:
        return (_VERBS.split(before)[-1][-6:] + after)[-16:]
    return before[-16:] or after


def _strip(words: str) -> str:
    if words.count("“") != words.count("”") or words.count("‘") != words.count("’"):
        words = re.sub("[“”‘’]", "", words)  # a quotation cut in half by a comma
    changed = True
    while changed and words:
        changed = False
        for filler in _LEFT_FILLERS:
            if words.startswith(filler):
                words, changed = words[len(filler):], True
        for filler in _RIGHT_FILLERS:
            if words.endswith(filler):
                words, changed = words[: -len(filler)], True
    return words


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
    """The first phrase of a heading ("强化组织领导，明确工作责任。" -> 强化组织领导)."""
    first = re.split(r"[，。；：、！？,;:（(]", title.strip(), maxsplit=1)[0].strip()
    first = _strip(re.sub(r"\d+", "", first)) if ("“" in first or "‘" in first) else re.sub(r"\d+", "", first)
    return first[:12] or None
