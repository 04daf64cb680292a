"""Readers: an existing report (.docx or .txt) back into report YAML (导入, ``lawgov-report import``).

    paragraphs (per format) -> structure (frame: title, 署名 …; numbers; points: 一是/二是)
        -> figures (numbers in the prose) -> emit (YAML text) -> verify (render it, compare)

A reviewed .docx (审阅稿, ``lawgov-report merge``): reviewed (tracked changes, comments) -> atoms
(a rendered paragraph's pieces of known origin) -> merge (rewordings, figures) and restructure
(paragraphs, items, sections, keys) -> a plan of YAML edits, applied by ``yearover.merge``.

Readers never import writers. The registry of formats is ``paragraphs.READERS`` (format -> function).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawgov_report.readers.draft import Draft
from lawgov_report.readers.paragraphs import READERS

__all__ = ["READERS", "Imported", "import_report"]


@dataclass
class Imported:
    """The result of importing one file: the recognised draft and its YAML text."""

    draft: Draft
    yaml: str


def import_report(path: str | Path, file: str | None = None, template: str | None = None,
                  template_name: str | None = None) -> Imported:
    """Read a .docx or .txt report and write it as report YAML text.

    ``template`` (name or folder) gives the defaults the YAML need not repeat (run-in headings, the
    title pattern, the 指标目录 names, the statistics appendix). ``verify.check`` then renders the
    YAML and compares it with the source; raises :class:`ReportError` for a file it cannot read.
    ``template_name`` is what the YAML's ``template`` key says (default: ``template``).
    """
    import datetime

    from lawgov_report.compose.catalogue import catalogue
    from lawgov_report.readers import emit, figures, paragraphs, structure
    from lawgov_report.compose.templates import load_template

    path = Path(path)
    file = file or str(path)
    tpl = load_template(template)
    source, remarks = paragraphs.read(path, file)
    if not source:
        from lawgov_report.errors import ReportError

        raise ReportError.single(file, "文件中没有文字，无法导入", message_en="no text to import")
    draft = structure.recognise(source, file, list(tpl.option("run_in", [False, True, True, True])))
    draft.remarks.extend(remarks)
    if draft.year is None:
        draft.remarks.append(f"原文的标题、开头、工作安排和成文日期中都没有年度，year 暂填 {datetime.date.today().year - 1}，请核对")
    draft.comments = {p.number: p.comments for p in source if p.comments}
    _appendix(draft, tpl)
    figures.extract(draft, catalogue(tpl))
    _default_title(draft, list(tpl.option("title", [])))
    text = emit.emit(draft, path.name, datetime.date.today().year - 1, template_name or template)
    return Imported(draft, text)


def _default_title(draft: Draft, pattern: list[str]) -> None:
    """Leave the title out of the YAML when the template would write the same one."""
    if not draft.title or not draft.issuer:
        return
    lines = list(draft.title)
    if lines and lines[0].startswith(draft.issuer):  # the title follows the issuer if it is renamed
        lines[0] = "{{ issuer }}" + lines[0][len(draft.issuer):]
    draft.title = lines
    draft.title_is_default = lines == pattern


def _appendix(draft: Draft, tpl) -> None:
    """The 附件 pages: the statistics table the template generates is left out (it is made again
    from the figures, with its 附件说明 line); any other appendix is kept as 未识别 comments."""
    from lawgov_report.compose import appendix
    from lawgov_report.readers.draft import Unplaced
    from lawgov_report.compose.texts import TextError, TextRenderer

    title = None
    if appendix.enabled(tpl) and draft.year:
        try:
            title = TextRenderer().render(tpl.option("appendix_title", appendix.DEFAULT_TITLE),
                                          {"year": draft.year, "issuer": draft.issuer or ""})
        except TextError:
            title = None
    from lawgov_report.readers.statistics import read_rows

    pages = draft.appendix
    draft.statistics_rows = read_rows(pages, draft.year)  # its 指标 and 上年 name the figures (figures.py)
    if appendix.enabled(tpl):
        draft.statistics_appendix = False
    if title and draft.attachments and draft.attachments[-1].strip() == title:
        draft.statistics_appendix = True
        draft.attachments.pop()
        for i in range(len(draft.expected) - 1, -1, -1):
            if draft.expected[i].endswith(title):
                del draft.expected[i]
                break
        draft.remarks.append(f"原文的附件“{title}”由 figures 自动生成，未作为附件导入")
    if title and any(p.text.strip() == title for p in pages[:4]):
        draft.statistics_appendix = True
        draft.remarks.append(f"原文的附件页“{title}”（统计表）由 figures 自动生成，其内容未导入")
        pages = []
    draft.notes_end.extend(Unplaced(p.text, p.number, "附件页") for p in pages)
