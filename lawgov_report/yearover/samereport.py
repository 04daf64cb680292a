"""Whether a reviewed .docx is this report's at all, before merge writes anything from it.

``merge A.yaml B-unit.docx`` would otherwise write B's figures and title into A's YAML: every
number of B differs from A, so every one looks like a reviewer's edit. A reviewed document is
another report's when the issuer the report prints in its title or 署名 is in neither, when its
title names another year, or when its title differs and most of its paragraphs match none of the
report's. A reviewer's edits, even heavy ones, keep the issuer, the year and most paragraphs.
"""

from __future__ import annotations

import re

from lawgov_report import document as d
from lawgov_report.align import ADDED, REMOVED
from lawgov_report.errors import ERROR, Diagnostic, ReportError
from lawgov_report.readers.merge import body_paragraphs
from lawgov_report.source.yamlsource import Source

_YEAR = re.compile(r"(?<!\d)(\d{4})年")
HINT = "请确认审阅稿和报告是同一单位、同一年度的同一份报告；确是这份报告（如发文机关已改名）时加 --other-report"


def same_report(source: Source, report, document: d.Document, reviewed: list, steps: list, reviewed_name: str) -> None:
    """Raise a located error (at the report's issuer, year or title) if ``reviewed`` is clearly
    another report's; ``steps`` align the report's body paragraphs with the reviewed ones."""
    problems = _problems(report, document, body_paragraphs(reviewed), reviewed, steps)
    if problems:
        raise ReportError([
            Diagnostic(source.file, *source.locate(path), ERROR, ".".join(map(str, path)),
                       f"审阅稿 {reviewed_name} 不是这份报告的：{message}；未合并，什么也没有写出", HINT,
                       "the reviewed document belongs to another report (issuer, year or text differ)")
            for path, message in problems])


def _problems(report, document: d.Document, body: list, reviewed: list, steps: list) -> list[tuple[tuple, str]]:
    rendered_title = "".join(b.text for b in document.blocks if b.kind == d.TITLE)
    rendered = [b.text for b in document.blocks if b.kind in (d.TITLE, d.SIGNATURE) and b.text]
    title = "".join(p.text for p in body if p.role == "title")
    # the title, and the 署名 and 成文日期 at the end; the whole text if no title was recognised
    own = title + "".join(p.text for p in body[-4:]) if title else "".join(p.text for p in reviewed)
    problems = []
    issuer = str(report.issuer or "")
    if issuer and any(issuer in text for text in rendered) and issuer not in own:
        theirs = title.split("关于")[0] if "关于" in title else ""
        problems.append((("issuer",), f"报告的发文机关是“{issuer}”，审阅稿的标题里是“{theirs}”" if theirs
                         else f"审阅稿的标题和署名里没有发文机关“{issuer}”"))
    years, their_years = set(_YEAR.findall(rendered_title)), set(_YEAR.findall(title))
    if years and their_years and not years & their_years:
        problems.append((("year",), f"报告是 {'、'.join(sorted(years))} 年度的，审阅稿标题是 {'、'.join(sorted(their_years))} 年度"))
    matched = sum(step.kind not in (ADDED, REMOVED) for step in steps)
    paragraphs = min(sum(step.kind != ADDED for step in steps), sum(step.kind != REMOVED for step in steps))
    if not problems and title and title != rendered_title and paragraphs >= 4 and matched * 2 < paragraphs:
        problems.append((("title",), f"标题是“{title[:40]}”（报告是“{rendered_title[:40]}”），"
                         f"正文 {paragraphs} 段里只有 {matched} 段与报告对得上"))
    return problems
