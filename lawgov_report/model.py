"""The Report: the typed, validated form of one report YAML file (one unit, one year).

It knows nothing of Word or Excel. Keys are English; values are the clerk's Chinese. Texts may quote
figures as Jinja expressions (``{{ 受理案件数 }}``), so that one number has one source.
"""

from __future__ import annotations

import datetime
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lawgov_report.numbering import STYLES

NumberingStyle = Literal["一、", "（一）", "1.", "（1）"]
Number = Union[int, float]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, populate_by_name=True)


class Figure(_Strict):
    """A statistic (数据/指标), declared once and quoted by name in the texts."""

    label: Optional[str] = Field(None, title="指标名称", description="表格中显示的名称；不填则用数据名")
    value: Optional[Number] = Field(None, title="本年数值", description="本年的数值；百分比写 100 而不是 100%")
    unit: str = Field("", title="单位", description="如 个、人、件、%")
    approx: str = Field("", title="约数标记", description="正文里数字后的约数词，如 余、多、以上、左右")
    category: Optional[str] = Field(None, title="类别", description="属于报告的哪一部分，如 行政复议")
    previous: Optional[Number] = Field(None, title="上年数值", description="上一年度的数值，用于对比")
    formula: Optional[str] = Field(None, title="计算公式",
                                   description="由其他数据算出，如 结案数 / 受理数 * 100；填了公式就不要填数值")
    note: Optional[str] = Field(None, title="备注")

    @model_validator(mode="after")
    def _value_or_formula(self):
        if self.formula is not None and self.value is not None:
            raise ValueError("数值和计算公式只能填一个")
        return self


class Paragraph(_Strict):
    """A body paragraph (段落): plain text, or an enumeration rendered as 一是……二是……."""

    text: str = Field("", title="段落文字", description="段落开头的文字（在“一是”之前）")
    points: list[str] = Field(default_factory=list, title="分项",
                              description="逐项列出，生成时自动加“一是”“二是”……，不要自己写")
    tail: str = Field("", title="段落结尾", description="分项之后的文字")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data):
        return {"text": data} if isinstance(data, str) else data


class Section(_Strict):
    """A section (部分/标题) with its heading, paragraphs and sub-sections, nested up to four levels."""

    title: str = Field(..., title="标题", description="标题文字，不要写“一、”“（一）”等编号，编号自动生成")
    run_in: Optional[bool] = Field(None, title="标题接正文",
                                   description="true：标题和第一段写在同一段里，如“（一）强化组织领导。一是……”")
    numbering: Optional[NumberingStyle] = Field(
        None, title="下级编号样式", description="本节下级标题用哪种编号：一、 （一） 1. （1）；不填则按层级")
    paragraphs: list[Paragraph] = Field(default_factory=list, title="段落")
    sections: list["Section"] = Field(default_factory=list, title="下级标题")


class Report(_Strict):
    """One annual report (法治政府建设情况报告) of one unit for one year."""

    template: Optional[str] = Field(None, title="模板", description="模板名称或文件夹，不填用默认模板")
    issuer: str = Field(..., title="发文机关", description="如 鲁山县人民政府")
    year: int = Field(..., title="年度", description="报告的年度，如 2020（阿拉伯数字）", ge=1949, le=2200)
    title: list[str] = Field(default_factory=list, title="标题",
                             description="不填则按模板生成；可分多行，每行一项")
    recipient: Optional[str] = Field(None, title="主送机关", description="如 市人民政府：（以全角冒号结尾）")
    doc_number: Optional[str] = Field(None, title="发文字号", description="如 鲁政〔2021〕5号")
    signature: Optional[str] = Field(None, title="署名", description="发文机关署名")
    date: Optional[datetime.date] = Field(None, title="成文日期", description="如 2021-03-05")
    note: Optional[str] = Field(None, title="附注", description="如 （此件公开发布）")
    preamble: list[str] = Field(default_factory=list, title="开头", description="正文开头的段落")
    sections: list[Section] = Field(..., title="正文各部分", min_length=1)
    closing: list[str] = Field(default_factory=list, title="结尾", description="如 特此报告。")
    attachments: list[str] = Field(default_factory=list, title="附件", description="附件名称")
    figures: dict[str, Figure] = Field(default_factory=dict, title="数据",
                                       description="报告中引用的统计数据，每个数只在这里写一次")

    @field_validator("title", "preamble", "closing", "attachments", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        if isinstance(value, str):
            return [value]
        return [] if value is None else value

    @field_validator("date", mode="before")
    @classmethod
    def _chinese_date(cls, value):
        """Accept 2021年3月5日 as well as 2021-03-05."""
        if isinstance(value, str) and "年" in value:
            import re
            m = re.fullmatch(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*", value)
            if m:
                return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        return value


def numbering_levels() -> tuple[str, ...]:
    """The numbering styles by heading level, 1-based order."""
    return STYLES
