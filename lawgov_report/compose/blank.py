"""A blank report (空白报告) for a new unit: the template's commented skeleton, ready to fill in.

The skeleton is the template's ``init.yaml`` (found along its ``extends`` chain, so a template may
ship its own). It is structurally valid, so ``check`` accepts it at once and lists, as warnings,
every placeholder (待补充, ××) still to replace. The figure section lists the template's figure
catalogue (指标目录) as comments to uncomment and fill in.
"""

from __future__ import annotations

import datetime
import re

from lawgov_report.errors import ReportError

SKELETON = "init.yaml"
PLACEHOLDER_ISSUER = "××县人民政府"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when safe, else double-quoted."""
    from lawgov_report.source.yamlslips import quote

    return text if re.fullmatch(r"[\w\u3400-\u9fff×（）().\-/]+", text) and not text[:1].isdigit() else quote(text)


def _catalogue_lines(template) -> list[str]:
    try:
        from lawgov_report.compose.catalogue import catalogue

        entries = catalogue(template)
    except (ImportError, ReportError):
        entries = {}
    if not entries:
        return ["  # 受理复议案件数: {label: 受理行政复议案件, value: 18, unit: 件}"]
    lines = ["  # 以下是模板指标目录里的指标：去掉行首的“# ”，在冒号后填上数值即可。"]
    category = None
    for name, figure in entries.items():
        if figure.category != category:
            category = figure.category
            lines.append(f"  # —— {category or '其他'} ——")
        about = f"{figure.label or name}（{figure.unit}）" if figure.unit else (figure.label or name)
        if figure.formula:
            lines.append(f"  # {name}:        # {about}，由公式 {figure.formula} 算出，不填数值")
        else:
            lines.append(f"  # {name}:        # {about}")
    return lines


def blank_report(template, template_arg: str | None = None, year: int | None = None,
                 issuer: str | None = None) -> str:
    """The text of a blank report for ``template`` (a loaded Template)."""
    path = template.find(SKELETON)
    if path is None:
        raise ReportError.single(str(template.folders[0]), f"模板“{template.name}”没有空白报告样板 {SKELETON}",
                                 hint="换用 annual-report 模板，或在模板文件夹里放一个 init.yaml",
                                 message_en=f"template has no {SKELETON}")
    text = path.read_text(encoding="utf-8")
    year = year or datetime.date.today().year - 1  # reports are written early in the next year
    replacements = {
        "@TEMPLATE@": _scalar(template_arg or template.name),
        "@ISSUER@": _scalar(issuer or PLACEHOLDER_ISSUER),
        "@YEAR@": str(year),
        "@CATALOGUE@": "\n".join(_catalogue_lines(template)),
    }
    for key, value in replacements.items():
        text = text.replace(key, value)
    return text
