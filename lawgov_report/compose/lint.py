"""公文 lint: warnings about the report's text as it will render (标点、空格、编号、年份、必备内容).

Each clerk text is rendered with the report's figures exactly as the document will show it, then
checked against the conventions of official documents (GB/T 9704-2012 and common practice):
half-width punctuation inside Chinese, spaces between Chinese and digits, mixed ％ and %,
zero-padded dates, typed heading numbers, punctuation at the end of a title, a year that
contradicts the report's, and which of the five items of 厅字〔2019〕28号 the report leaves out.
A finding is located at the YAML line of that text, at the column of the slip when it can be found
in what the clerk typed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count
from operator import ne

from lawgov_report.compose.findings import Findings, body_end
from lawgov_report.compose.linttexts import ClerkTexts, Joined, Text, clerk_texts, render
from lawgov_report.compose.typedfigures import typed_figures
from lawgov_report.errors import ERROR, WARNING, Diagnostic
from lawgov_report.source.model import Report
from lawgov_report.source.yamlsource import Source

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_CJK_OR_MARK = re.compile(f"[{CJK}“”‘’（）《》〈〉【】、，。；：！？]")
_HALF_WIDTH = {",": ("逗号", "，"), ";": ("分号", "；"), ":": ("冒号", "："), "?": ("问号", "？"),
               "!": ("叹号", "！"), "(": ("括号", "（"), ")": ("括号", "）"), ".": ("句号", "。")}
_HALF_WIDTH_MARK = re.compile(r"[,;:?!().]")
_SPACE_BEFORE_DIGIT = re.compile(f"([{CJK}])[ \u00a0\u3000]+(?=\\d)")
_SPACE_AFTER_DIGIT = re.compile(f"(?<=[\\d%％])([ \u00a0\u3000]+)([{CJK}])")
_SPACE_RUN = re.compile("[ \u00a0\u3000]+")
_NUMBER_TYPED = re.compile(r"[\d.]+")
_ZERO_PADDED_DATE = re.compile(r"(?<![\d.])(0\d)(?=月)|(?<=月)(0\d)(?=日)")
_ZERO_BEFORE_MONTH_OR_DAY = re.compile(r"0\d[月日]")  # what every zero-padded date holds, found fast
_TYPED_NUMBER = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]"
                           r"|\d+\s*[、.．](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[部分章节条]?[、，：:])\s*")
_TYPED_POINT = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+[、.．](?!\d))")
_TYPED_POINT_OR_EMPTY = re.compile(f"{_TYPED_POINT.pattern}|\\Z")  # (\Z: an empty point, at 0)
_END_PUNCT = "。，、；：！？.,;:!?"
_REPEATED_MARK = re.compile(r"([，。、；：！？])\1")
# The same marks doubled, a pattern each, for _suspects: a pattern that is one string is searched for
# by its first character and 。，are everywhere, yet the seven searches cost 0.6 of the one above.
_DOUBLED_MARKS = tuple(re.compile(mark * 2) for mark in "，。、；：！？")
_WITH_UNIT_ZH = re.compile("带单位")  # (a regex finds Chinese words faster than str.find: 0.05 vs 0.12 ms)
# A year followed by 年 (group 1), found at its 年: a pattern that begins with one character is
# searched for that character alone, where one that begins with (?:19|20) is tried at every
# character of the text. One preceded by a digit is part of a longer number, told apart in code
# (_dates_and_years): as a look-behind it was tried at every character, three times slower.
_YEAR = re.compile(r"年(?<=((?:19|20)\d\d)年)")
_DIGIT = re.compile(r"\d")
_YEAR_CONTEXT_AFTER = ("年以来", "年同期", "年底", "年末", "年相比", "年比", "年同比", "年的", "年度")
_YEAR_CONTEXT_BEFORE = ("比", "较", "与", "自", "从", "至", "截至", "截止", "于", "是")
_WITH_UNIT_THEN = re.compile(r"\{\{\s*([^{}|]+?)\s*\|\s*(?:with_unit|带单位)\s*\}\}\s*(\S{1,4})")

# The five items of the annual report (厅字〔2019〕28号), with the heading words that cover each.
MANDATED_PARTS = (
    ("主要举措和成效", "推进法治政府建设的主要举措和成效",
     r"主要工作|主要举措|举措|成效|工作情况|主要做法|做法|成绩|进展|开展情况|总体情况|基本情况"),
    ("存在的不足和原因", "存在的不足和原因", r"不足|问题|短板|差距|薄弱"),
    ("党政主要负责人履行推进法治建设第一责任人职责情况", "党政主要负责人履行推进法治建设第一责任人职责情况",
     r"第一责任人|主要负责人"),
    ("下一年度主要安排", "{{ year + 1 }}年推进法治政府建设的主要安排",
     r"计划|安排|打算|思路|下一步|明年|下年度|下一年"),
    ("其他需要报告的情况", "其他需要报告的情况", r"其他"),
)


def lint(report: Report, source: Source | None, template=None, figures: dict | None = None,
         file: str = "", edition: str = "print", rendered: dict | None = None) -> list[Diagnostic]:
    """Warnings (and the odd error, such as an empty heading) about the report as it will render in
    ``edition`` (print: the 公文 with 版头 and 版记; web: the text a website publishes).

    ``figures`` and ``rendered`` (path -> text) are what build made of the report
    (``Document.figure_values``, ``Document.texts``); without them lint computes them itself."""
    from lawgov_report.compose.build import figure_values

    findings = Findings(source, file)
    if figures is None:
        figures, _ = figure_values(report, source, file, template)  # errors: reported by build
    texts = clerk_texts(report, template)
    render(texts, report, figures, rendered or {})
    joined, raws = Joined(texts.outs), Joined(texts.raws)
    for i in sorted(_suspects(texts, joined, raws, report.year)):
        text = texts.text(i)
        _punctuation(findings, text)
        _spaces(findings, text)
        _dates_and_years(findings, text, report.year)
        _numbering(findings, text)
        _units(findings, text, figures)
    _percent_signs(findings, texts, joined)
    for i, needle, at, message, hint, english in typed_figures(raws, figures):
        findings.add(texts.paths[i], message, hint, english, needle=needle, at=at)
    _structure(findings, report, figures, texts)
    if template is None or template.option("mandated_parts", True):
        _mandated_parts(findings, report, texts)
    _doc_number(findings, report)
    if edition == "print":
        _printed_document(findings, report)
    return findings.out


_DOC_NUMBER = re.compile(r"(?P<agency>[^\s〔〕]+)〔(?P<year>\d{4})〕(?P<number>[1-9]\d*)号")


def _doc_number(findings: Findings, report: Report) -> None:
    """发文字号 [7.2.5]: the year in full in 六角括号〔〕, no leading zero, no 第: 鲁政文〔2021〕5号."""
    number = report.doc_number
    if not number or _DOC_NUMBER.fullmatch(number.strip()):
        return
    fixed = re.sub(r"[\[［【(（]\s*(\d{4})\s*[\]］】)）]", r"〔\1〕", number.strip())
    fixed = re.sub(r"〕第?0*(\d+)号?$", r"〕\1号", fixed)
    findings.add(("doc_number",), f"发文字号“{number}”不合格式：年份用六角括号〔〕括入，序号不编虚位（不补 0）、不加“第”",
                 f"写成“{fixed}”" if _DOC_NUMBER.fullmatch(fixed) else "如 鲁政文〔2021〕5号",
                 "document number not in the form 鲁政文〔2021〕5号")


def _printed_document(findings: Findings, report: Report) -> None:
    """The print edition is a 公文 sent up the hierarchy: it names its 签发人 and is signed and dated."""
    if report.masthead is not None and not report.masthead.signers:
        findings.add(("masthead",), "版头没有签发人：上行文（如向上级机关报告）应当标注签发人姓名",
                     "在 masthead 下加 signers:，每个签发人一项，如 - 李明", "masthead without 签发人 (signers)",
                     key=True)
    keys = [key for key in ("signature", "date") if not getattr(report, key)]
    if keys:
        missing = [{"signature": "署名", "date": "成文日期"}[key] for key in keys]
        message = f"印发版没有{'和'.join(missing)}"
        hint = "印发的公文须有发文机关署名和成文日期：写 signature: 和 date:；只在网站公开的网页版用 --edition web 生成"
        english = f"print edition without {' and '.join(missing)}"
        typed = [key for key in keys if findings.source is not None and (key,) in findings.source.key_nodes]
        if typed:  # left empty (new empties the date): at the key the clerk must fill in
            findings.add((typed[0],), message, hint, english, key=True)
            return
        # Not written at all: below the body's last line, where 署名 and 成文日期 stand in the document.
        line = body_end(findings.source) + 1 if findings.source else 0
        findings.out.append(Diagnostic(findings.file, line, 1 if line else 0, WARNING, "signature", message, hint,
                                       english))


def _suspects(texts: ClerkTexts, joined: Joined, raws: Joined, year: int) -> set[int]:
    """The indices of the texts in which the per-text checks (_punctuation, _spaces,
    _dates_and_years, _numbering, _units) may find something; each other text passes them all.

    Each check first tests a text for what a slip must hold (a half-width mark, a space, 0 before
    月 or 日 …): here those tests are made over all the texts joined, and only the few texts they
    point at are checked (at 50x the seed, 2,700 texts: the five checks 7.7 -> 2 ms)."""
    found = joined.holding_any(",;:?!(). \u00a0\u3000")  # _HALF_WIDTH_MARK, and the spaces _spaces looks for
    for pattern in (*_DOUBLED_MARKS, _ZERO_BEFORE_MONTH_OR_DAY, _stale_years(year)):  # (doubled: _REPEATED_MARK)
        found |= joined.holding(pattern)
    found |= raws.holding_any(("with_unit",)) | raws.holding(_WITH_UNIT_ZH)  # what _units looks for, as typed
    outs, points = texts.outs, texts.points
    # White space at either end (what _spaces looks at last: what str.strip removes), and what
    # _numbering looks at in a title, heading or point: a test of a character or two in each.
    # (Through map and compress, the tests of 2,700 texts and 1,500 points run without a Python
    # loop: 0.5 -> 0.2 ms at 50x the seed.)
    found.update(compress(count(), map(ne, map(len, outs), map(len, map(str.strip, outs)))))
    found.update(texts.titles)
    found.update(compress(points, map(_TYPED_POINT_OR_EMPTY.match, map(outs.__getitem__, points))))
    for i, (_, run_in, has_body, runs_in) in texts.headings.items():
        out = outs[i]
        last = out[-1:]
        if (not last or _TYPED_NUMBER.match(out) or runs_in and last not in "。？！：；"
                or not run_in and has_body and last in _END_PUNCT):
            found.add(i)
    return found


# A year _YEAR reads with a digit other than 0-9 in it (２０１９ typed half in full width: \d takes
# any decimal digit, and int() reads it); [^\D0-9] is a digit other than 0-9.
_OTHER_DIGIT_YEAR = r"(?:19|20)(?:[^\D0-9]\d|\d[^\D0-9])年"


@lru_cache(maxsize=16)
def _stale_years(year: int) -> re.Pattern:
    """What every year _dates_and_years warns about holds: one of the three years before ``year``
    followed by 年, or a year written with a digit other than 0-9.

    Found at its 年, the year looked behind for: a pattern that begins with one character is
    searched for that character alone, and 年 is rare beside the digits the years begin with
    (at 50x the seed 1.7 -> 0.1 ms; a match ends where one found at the year would, in the same text)."""
    years = "|".join([*(f"{written}年" for written in range(year - 3, year)), _OTHER_DIGIT_YEAR])
    return re.compile(f"年(?<={years})")


def _punctuation(findings: Findings, text: Text) -> None:
    out = text.out
    if _HALF_WIDTH_MARK.search(out):  # most texts have none: one search is cheaper than a finditer
        _half_width_marks(findings, text, out)
    m = _REPEATED_MARK.search(out)
    if m:
        findings.add(text, f"标点重复：“{out[max(0, m.start() - 4): m.end() + 2]}”", "删除多余的标点",
                     "repeated punctuation", needle=m.group())


def _half_width_marks(findings: Findings, text: Text, out: str) -> None:
    seen = set()
    for m in _HALF_WIDTH_MARK.finditer(out):
        mark, i = m.group(), m.start()
        before, after = out[i - 1: i], out[i + 1: i + 2]
        if mark == "." and (not _CJK_CHAR.fullmatch(before or "a") or after.isdigit() or after.isascii() and after):
            continue  # 98.5, 1., a.b: only a full stop right after Chinese is a slip
        if not (_CJK_OR_MARK.fullmatch(before or "a") or _CJK_OR_MARK.fullmatch(after or "a")):
            continue
        if mark in seen:
            continue
        seen.add(mark)
        name, full = _HALF_WIDTH[mark]
        context = out[max(0, i - 4): i + 5]
        findings.add(text, f"中文里用了半角{name}“{mark}”：“{context}”", f"改成全角“{full}”",
                     f"half-width {mark!r} inside Chinese text", needle=(before + mark) if before else mark + after,
                     at=1 if before else 0)


def _spaces(findings: Findings, text: Text) -> None:
    out = text.out
    # Most texts have no space at all: three substring tests cost a tenth of the two regexes,
    # which try a look-behind at every character.
    if " " in out or "\u00a0" in out or "\u3000" in out:
        # Each match of the two regexes is a whole run of spaces (the first with the character
        # before it): tried only where a run begins, found by a fast scan, rather than by their
        # finditer, which tries the look-behind or the class of every Chinese character at each
        # character of the text (5 µs a text).
        runs = [m.start() for m in _SPACE_RUN.finditer(out)]
        for start in runs:
            m = _SPACE_BEFORE_DIGIT.match(out, start - 1) if start else None
            if not m:
                continue
            digits = _NUMBER_TYPED.match(out, m.end()).group()
            findings.add(text, f"中文和数字之间多了空格：“{out[max(0, m.start() - 3): m.end() + len(digits)]}”",
                         "删除空格（公文里中文和数字之间不加空格）", "space between Chinese and a number",
                         needle=m.group(), at=1)
        for start in runs:
            m = _SPACE_AFTER_DIGIT.match(out, start)
            if not m:
                continue
            findings.add(text, f"数字和中文之间多了空格：“{out[max(0, start - 4): m.end() + 2]}”",
                         "删除空格（公文里中文和数字之间不加空格）", "space between a number and Chinese",
                         needle=m.group())
    if out and not out[0].isspace() and not out[-1].isspace():
        return  # what follows needs white space at an end (str.strip removes what isspace finds)
    if text.role in ("body", "point", "heading", "title") and out.strip():
        if out[:1] in " \u3000\t":
            findings.add(text, "开头有空格", "删除开头的空格（段首缩进两字由格式自动生成）",
                         "leading space", needle=out[:2])
        if out[-1:] in " \u3000\t":
            stripped = out.rstrip()
            findings.add(text, "末尾有多余的空格", "删除末尾的空格", "trailing space",
                         needle=stripped[-1:] + out[len(stripped):], at=1)
    if text.role == "point" and not out.strip():
        findings.add(text, "这一项是空的", "填写内容或删除这一行", "empty item")


def _dates_and_years(findings: Findings, text: Text, year: int) -> None:
    out = text.out
    # A zero-padded date holds 0, a digit and 月 or 日, a year holds 年: testing for them first
    # spares most texts the look-behinds of both regexes (a quarter of lint's time at 50x the seed).
    m = _ZERO_PADDED_DATE.search(out) if _ZERO_BEFORE_MONTH_OR_DAY.search(out) else None
    if m:
        snippet = out[max(0, m.start() - 5): m.end() + 4]
        fixed = re.sub(r"(?<![\d.])0(\d)(?=[月日])", r"\1", snippet)
        findings.add(text, f"日期补了零：“{snippet}”", f"公文日期不补零：写成“{fixed}”", "zero-padded date",
                     needle=m.group())
    for m in _YEAR.finditer(out) if "年" in out else ():
        written, start, end = int(m[1]), m.start(1), m.end(1)
        if not year - 3 <= written <= year - 1 or start and _DIGIT.match(out, start - 1):
            continue
        after = out[end: end + 4]
        before = out[max(0, start - 3): start]
        if after.startswith(_YEAR_CONTEXT_AFTER) or any(word in before for word in _YEAR_CONTEXT_BEFORE):
            continue
        findings.add(text, f"文中写的是“{written}年”，而报告年度是 {year} 年",
                     "如果是往年报告留下的，改为 {{ year }}年；确是往年的事，可忽略",
                     f"year {written} contradicts the report year {year}", needle=m[1])
        break


def _numbering(findings: Findings, text: Text) -> None:
    out = text.out
    if text.role == "heading":
        if not out.strip():
            findings.add(text, "标题是空的", "填写标题文字，或删除这一部分", "empty heading", severity=ERROR)
            return
        m = _TYPED_NUMBER.match(out)
        if m:
            findings.add(text, f"标题开头手写了编号“{m.group().strip()}”，编号会自动生成，会重复",
                         f"删除“{m.group().strip()}”", "typed heading number", needle=m.group().strip())
        last = out.rstrip()[-1:]
        if text.runs_in and last and last not in "。？！：；":
            findings.add(text, "标题和正文接排时，标题末尾要有句号", "在标题末尾加“。”",
                         "a run-in heading must end with a full stop")
        elif not text.run_in and text.has_body and last and last in _END_PUNCT:
            findings.add(text, f"单独成行的标题末尾一般不加标点“{last}”", f"删除末尾的“{last}”",
                         "a stand-alone heading ends without punctuation", needle=out.rstrip()[-2:])
    elif text.role == "point":
        m = _TYPED_POINT.match(out)
        if m:
            findings.add(text, f"分项开头手写了“{m.group().strip()}”，“一是、二是”会自动生成，会重复",
                         f"删除“{m.group().strip()}”", "typed enumeration marker", needle=m.group().strip())
    elif text.role == "title" and out.rstrip()[-1:] and out.rstrip()[-1] in _END_PUNCT:
        findings.add(text, f"标题末尾不加标点“{out.rstrip()[-1]}”", "删除标题末尾的标点", "title ends with punctuation",
                     needle=out.rstrip()[-2:])


def _units(findings: Findings, text: Text, figures: dict) -> None:
    if "with_unit" not in text.raw and "带单位" not in text.raw:
        return  # the regex, which backtracks at every {{, for the few texts that can match
    for m in _WITH_UNIT_THEN.finditer(text.raw):
        figure = figures.get(m[1].strip())
        unit = getattr(figure, "unit", "")
        if unit and m[2].startswith(unit):
            findings.add(text, f"单位重复：“{{{{ {m[1].strip()} | with_unit }}}}”已经带了单位“{unit}”，后面又写了一遍",
                         f"删除后面的“{unit}”", "unit written twice", needle=m.group())


def _percent_signs(findings: Findings, texts: ClerkTexts, joined: Joined) -> None:
    if "%" not in joined.text or "％" not in joined.text:  # one sign alone: nothing to unify
        return
    half = sorted(joined.holding_any("%"))
    full = sorted(joined.holding_any("％"))
    minority, sign, other = (full, "％", "%") if len(full) <= len(half) else (half, "%", "％")
    for i in minority:
        findings.add(texts.paths[i], f"百分号不统一：这里用“{sign}”，其他 {len(half if sign == '％' else full)} 处用“{other}”",
                     f"统一写成“{other}”", "mixed ％ and %", needle=sign)


def _structure(findings: Findings, report: Report, figures: dict, texts: ClerkTexts) -> None:
    for i, section in enumerate(report.sections):
        if not section.paragraphs and not section.sections:
            findings.add(("sections", i, "title"), "这一部分还没有内容", "在 paragraphs 下填写段落，或删除这一部分",
                         "empty section")

    for path in texts.empty_paragraphs:  # in document order, each section's before its sub-sections'
        findings.add(path, "这一段是空的", "填写内容或删除这一行", "empty paragraph")
    # (a figure build did not make has no value to miss: getattr(None, "value", 0) is 0)
    unfilled = [name for name in report.figures if getattr(figures.get(name), "value", 0) is None]
    for name in unfilled:
        findings.add(("figures", name), f"数据“{name}”还没有填写数值", "填写 value", "figure without a value",
                     key=True)
    date = report.date
    if date is not None and date.year not in (report.year, report.year + 1):
        findings.add(("date",), f"成文日期是 {date.year} 年，而报告年度是 {report.year} 年",
                     f"检查 date 和 year（{report.year} 年度的报告一般在 {report.year + 1} 年初成文）",
                     "date does not fit the report year")


def _mandated_parts(findings: Findings, report: Report, texts: ClerkTexts) -> None:
    headings = " ".join(texts.heading_outs())
    for number, (name, suggestion, words) in enumerate(MANDATED_PARTS, start=1):
        if not re.search(words, headings):
            findings.add(("sections",), f"没有涵盖厅字〔2019〕28号规定的第{number}项内容：{name}",
                         f"增加一部分，如：- title: \"{suggestion}\"", f"mandated item {number} ({name}) not covered",
                         key=True)
