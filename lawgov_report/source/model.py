"""The Report: the typed, validated form of one report YAML file (one unit, one year).

It knows nothing of Word or Excel. Keys are English; values are the clerk's Chinese. Texts may quote
figures as Jinja expressions (``{{ 受理案件数 }}``), so that one number has one source.
"""

from __future__ import annotations

import datetime
import re

from lawgov_report.source.records import Dict, Field, List, Literal, Model, Number, Optional

# The four heading levels of GB/T 9704-2012 7.3.3, as numbering styles (一、（一）1.（1）).
STYLES = ("一、", "（一）", "1.", "（1）")
# "continue": the sub-headings number on from the previous section's (1. 2. under （一）, 3. 4. under （二）).
CONTINUE = "continue"
NumberingStyle = Literal(*STYLES, CONTINUE)


def _one_or_many(value):
    """A single text where a list is expected is a list of one."""
    if isinstance(value, str):
        return [value]
    return [] if value is None else value


def _chinese_date(value):
    """Accept 2021年3月5日 as well as 2021-03-05."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*", value)
        if m:
            try:
                return datetime.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return value
    return value


FigureKind = Literal("integer", "decimal", "percentage")
_KIND_ZH = {"整数": "integer", "小数": "decimal", "百分比": "percentage", "百分数": "percentage"}


def _figure_kind(value):
    """Accept 整数/小数/百分比 as well as integer/decimal/percentage."""
    return _KIND_ZH.get(value, value) if isinstance(value, str) else value


class Figure(Model):
    """A statistic (数据/指标), declared once and quoted by name in the texts."""

    title_zh = "数据（统计指标）"
    description_zh = "一个统计数字：写在 figures 下，正文里用 {{ 数据名 }} 引用；可以只写数值，如 受理复议案件数: 18"

    label = Field(Optional(str), None, title="指标名称", description="表格中显示的名称；不填则用数据名")
    value = Field(Optional(Number), None, title="本年数值", description="本年的数值；百分比写 100 而不是 100%")
    unit = Field(str, "", title="单位", description="如 个、人、件、%")
    approx = Field(str, "", title="约数标记",
                   description="正文里数字前后的约数词，如 余、多、以上、左右；数字前的 超过、近、约、逾、不少于")
    category = Field(Optional(str), None, title="类别", description="属于报告的哪一部分，如 行政复议")
    previous = Field(Optional(Number), None, title="上年数值", description="上一年度的数值，用于对比")
    previous_approx = Field(str, "", title="上年约数标记",
                            description="上年数值的约数词（如上年报告写“40余”，这里写 余），统计表“上年”一栏照此显示；"
                                        "不填则上年数值不带约数词。lawgov-report new 会把上年的 approx 填到这里")
    growth = Field(Optional(bool), None, title="增长率",
                   description="true：这是增长率、同比增减等变化率，可以超过 100% 或为负数；"
                               "false：这是占比（如结案率、满意度），只能在 0～100% 之间；"
                               "不填则按名称判断（含 增长、增幅、增减、同比、环比、下降 等的是变化率）")
    formula = Field(Optional(str), None, title="计算公式",
                    description="由其他数据算出，如 结案数 / 受理数 * 100；填了公式就不要填数值")
    kind = Field(Optional(FigureKind), None, before=_figure_kind, title="数值类型",
                 description="integer（整数）、decimal（小数）、percentage（百分比）；不填则按单位和数值判断")
    digits = Field(Optional(int), None, title="小数位数", description="统计表和正文保留几位小数", ge=0, le=6)
    note = Field(Optional(str), None, title="备注", description="只在统计表中显示的说明，如 数据来源、统计口径")

    @classmethod
    def before(cls, data):
        """``受理案件数: 18`` (a value only: label, unit … from the template's 指标目录), ``备案率: 100%``."""
        if data is None:
            return {}
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return {"value": data}
        if isinstance(data, str):
            m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*[%％]\s*", data)
            if m:
                return {"value": float(m[1]) if "." in m[1] else int(m[1]), "unit": "%"}
            return {"value": data}  # reported as "应为数字" at the value
        return data

    def after(self):
        if self.formula is not None and self.value is not None:
            return "数值和计算公式只能填一个"
        return None


class Paragraph(Model):
    """A body paragraph (段落): plain text, or an enumeration rendered as 一是……二是……."""

    title_zh = "段落"
    description_zh = "一段文字；有分项时写 points，生成时自动加“一是”“二是”……"

    text = Field(str, "", title="段落文字", description="段落开头的文字（在“一是”之前）")
    points = Field(List(str), factory=list, title="分项",
                   description="逐项列出，生成时自动加“一是”“二是”……，不要自己写")
    tail = Field(str, "", title="段落结尾", description="分项之后的文字")

    @classmethod
    def before(cls, data):
        return {"text": data} if isinstance(data, str) else data


class Section(Model):
    """A section (部分/标题) with its heading, paragraphs and sub-sections, nested up to four levels."""

    title_zh = "标题及其内容"
    description_zh = "一个标题和它下面的段落、下级标题，最多四级（一、（一）1.（1））"

    title = Field(str, title="标题", description="标题文字，不要写“一、”“（一）”等编号，编号自动生成")
    run_in = Field(Optional(bool), None, title="标题接正文",
                   description="true：标题和第一段写在同一段里，如“（一）强化组织领导。一是……”")
    numbering = Field(Optional(NumberingStyle), None, title="下级编号样式",
                      description="本节下级标题用哪种编号：一、 （一） 1. （1）；不填则按层级；"
                                  "continue：按层级的编号，接着上一节的下级标题连续编号（如 3. 4. 接在上一节的 1. 2. 之后）")
    paragraphs = Field(List(Paragraph), factory=list, title="段落",
                       description="标题下的段落，每段一项；一段可以是一句文字，也可以写 text、points、tail")
    sections = Field(None, factory=list, title="下级标题",  # kind set below: it refers to Section
                     description="下一级标题，每项写 title 和 paragraphs，编号自动生成")


Section.model_fields["sections"].kind = List(Section)


class PlanItem(Model):
    """One item of last year's work plan (上年工作计划), which this year's report should answer."""

    title_zh = "上年计划事项"
    description_zh = "上一年度报告“工作计划”部分的一项，本年报告应回应其落实情况"

    plan = Field(str, title="上年计划事项", description="上一年度报告“工作计划”部分的一项")
    details = Field(List(str), factory=list, title="具体安排", description="这一项下面的具体内容")


def _seal(value):
    """Accept 印章/签名章 (and 无) as well as true/signature/false."""
    words = {"印章": True, "加盖印章": True, "签名章": "signature", "无": False, "不盖章": False}
    return words.get(value.strip(), value) if isinstance(value, str) else value


def _copy_number(value):
    """份号: a number written without quotes (``copy_number: 12``) is six digits (000012)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1_000_000:
        return f"{value:06d}"
    return value


class Masthead(Model):
    """The 版头 of the printed document (GB/T 9704-2012 7.2): what stands above the red line."""

    title_zh = "版头"
    description_zh = "印发的公文首页上红色分隔线以上的部分：份号、密级、紧急程度、发文机关标志、签发人（发文字号写在 doc_number）"

    mark = Field(List(str), factory=list, before=_one_or_many, title="发文机关标志",
                 description="红色的发文机关标志，如 鲁山县人民政府文件；不填则用发文机关（模板可加“文件”二字）；"
                             "联合行文时每个机关一项，主办机关在前")
    signers = Field(List(str), factory=list, before=_one_or_many, title="签发人",
                    description="上行文（如向上级报告）须标注签发人姓名，每人一项")
    copy_number = Field(Optional(str), None, before=_copy_number, title="份号",
                        description="涉密公文的份号：6 位阿拉伯数字，如 \"000001\"（加引号）")
    secrecy = Field(Optional(str), None, title="密级和保密期限", description="如 秘密★1年；不涉密不填")
    urgency = Field(Optional(str), None, title="紧急程度", description="特急 或 加急；不紧急不填")

    def after(self):
        if self.copy_number is not None and not re.fullmatch(r"[0-9]{6}", self.copy_number):
            return "份号应为 6 位阿拉伯数字，如 \"000001\""
        return None


class Imprint(Model):
    """The 版记 at the foot of the last page (GB/T 9704-2012 7.4): 抄送机关, 印发机关 and 印发日期."""

    title_zh = "版记"
    description_zh = "印发的公文末页下端的版记：抄送机关、印发机关和印发日期"

    cc = Field(List(str), factory=list, before=_one_or_many, title="抄送机关",
               description="抄送机关的全称或规范化简称，每个一项，如 县委办公室")
    printed_by = Field(Optional(str), None, title="印发机关", description="一般是发文机关的办公室，如 鲁山县人民政府办公室")
    printed_on = Field(Optional(datetime.date), None, before=_chinese_date, title="印发日期",
                       description="公文送印的日期，如 2021-03-06")


class Report(Model):
    """One annual report (法治政府建设情况报告) of one unit for one year."""

    title_zh = "法治政府建设情况报告"
    description_zh = "一个单位一个年度的法治政府建设情况报告（lawgov-report）"

    template = Field(Optional(str), None, title="模板", description="模板名称或文件夹，不填用默认模板")
    issuer = Field(str, title="发文机关", description="如 鲁山县人民政府")
    year = Field(int, title="年度", description="报告的年度，如 2020（阿拉伯数字）", ge=1949, le=2200)
    title = Field(List(str), factory=list, before=_one_or_many, title="标题",
                  description="不填则按模板生成；可分多行，每行一项")
    recipient = Field(Optional(str), None, title="主送机关", description="如 市人民政府：（以全角冒号结尾）")
    doc_number = Field(Optional(str), None, title="发文字号", description="如 鲁政〔2021〕5号")
    signature = Field(Optional(str), None, title="署名", description="发文机关署名")
    date = Field(Optional(datetime.date), None, before=_chinese_date, title="成文日期",
                 description="如 2021-03-05")
    note = Field(Optional(str), None, title="附注", description="如 （此件公开发布）")
    seal = Field(Optional(Literal(True, False, "signature")), None, before=_seal, title="印章",
                 description="印发版的署名方式：true 加盖印章（成文日期右空四字，署名以日期为准居中）；"
                             "signature 加盖签发人签名章；不填或 false 不加盖印章")
    masthead = Field(Optional(Masthead), None, title="版头",
                     description="印发版首页的版头（发文机关标志、签发人、份号、密级、紧急程度）；网页版不显示")
    imprint = Field(Optional(Imprint), None, title="版记",
                    description="印发版末页的版记（抄送机关、印发机关、印发日期）；网页版不显示")
    preamble = Field(List(str), factory=list, before=_one_or_many, title="开头", description="正文开头的段落")
    sections = Field(List(Section), title="正文各部分", min_length=1,
                     description="正文的各部分（一、二、三……），每部分写 title 和 paragraphs 或下级 sections；"
                                 "按厅字〔2019〕28号，应包括主要举措和成效、存在的不足和原因、党政主要负责人履行"
                                 "第一责任人职责情况、下一年度主要安排、其他需要报告的情况")
    closing = Field(List(str), factory=list, before=_one_or_many, title="结尾", description="如 特此报告。")
    attachments = Field(List(str), factory=list, before=_one_or_many, title="附件", description="附件名称")
    appendix = Field(Optional(bool), None, title="统计表附件",
                     description="false：不在文末加统计表附件（附件说明和附件页），.xlsx 照常生成；不填则按模板")
    figures = Field(Dict(Figure), factory=dict, title="数据", before=lambda v: {} if v is None else v,
                    description="报告中引用的统计数据，每个数只在这里写一次")  # "figures:" alone: none yet
    plan_review = Field(List(PlanItem), factory=list, title="上年计划回顾",
                        description="lawgov-report new 从上年报告带入的工作计划：本年报告应逐项回应落实情况；"
                                    "只作核对清单，不出现在正文里")
