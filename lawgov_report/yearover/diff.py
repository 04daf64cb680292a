"""The diff pipeline: two report files in; a summary, a Word redline and a figure workbook out.

OLD and NEW may be two years (2020 against 2021) or two drafts of one year. The summary needs only
the data, so it works on a draft whose figures are still to be filled in; the redline renders both
reports and so needs both complete. Every mistake in either file is reported at once, and nothing
is written unless everything succeeded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.yearover.compare import Comparison, compare_fields, compare_figures
from lawgov_report.yearover.comparetexts import compare_texts
from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.pipeline import Loaded, load_report, resolve_template


@dataclass
class Side:
    """One of the two reports: loaded, with its template and its figures' values; built when the
    redline needs it (``document``, or ``problem``: why it could not be built)."""

    loaded: Loaded
    template: object
    values: dict
    document: object = None
    problem: ReportError | None = None


@dataclass
class Diffed:
    comparison: Comparison
    outputs: list[Path] = field(default_factory=list)


def _side(path: str | Path, template: str | None, template_dirs: tuple[str, ...], build: bool = False) -> Side:
    from lawgov_report.compose.build import build as build_document, figure_values
    from lawgov_report.figures.values import FigureValue

    loaded = load_report(path)
    tpl = resolve_template(loaded, template, template_dirs)
    side = Side(loaded, tpl, {})
    if build:
        try:
            side.document = build_document(loaded.report, tpl, loaded.source)
        except ReportError as exc:
            side.problem = exc
    if side.document is not None:
        # The values the document was built with: working them out again for the summary cost a
        # 50x report's diff 20 ms.
        side.values = side.document.figure_values
    else:
        side.values, _ = figure_values(loaded.report, loaded.source, loaded.source.file, tpl)
    figures = loaded.report.figures
    if not figures.keys() <= side.values.keys():  # (asked in C: nearly always every figure has its value)
        # A figure still to be filled in (value: null) is part of what a diff shows, not an error here.
        side.values = {**side.values, **{name: FigureValue(name, figure) for name, figure in figures.items()
                                         if name not in side.values}}
    return side


def _load_both(old_path, new_path, template, template_dirs, build: bool = False) -> tuple[Side, Side]:
    sides, errors = [], []
    for path in (old_path, new_path):
        try:
            sides.append(_side(path, template, template_dirs, build))
        except ReportError as exc:
            errors.extend(exc.diagnostics)
    if errors:
        raise ReportError(errors)
    return sides[0], sides[1]


def compare_files(old: Side, new: Side) -> Comparison:
    o, n = old.loaded, new.loaded
    return Comparison(
        o.source.file, n.source.file, o.report.year, n.report.year,
        fields=compare_fields(o.report, n.report),
        figures=compare_figures(old.values, new.values, o.source, n.source),
        texts=compare_texts(o.report, n.report, o.source, n.source))


def _redline(old: Side, new: Side, author: str, when: datetime.datetime | None) -> bytes:
    """The redline of two sides built by :func:`_side` (or the errors that kept either from it)."""
    from lawgov_report.writers import redline

    errors = [d for side in (old, new) if side.problem is not None for d in side.problem.diagnostics]
    if errors:
        raise ReportError(errors + [Diagnostic(new.loaded.source.file, 0, 0, "error", "",
                                               "修订稿要先把两份报告都生成出来，请先改正上面的问题；本次未写出任何文件",
                                               "不加 -o 可先查看比对摘要（--xlsx 可单独生成数据对比表）",
                                               message_en="the redline needs both reports to render")])
    return redline.to_bytes(old.document, new.document, old.template.reference_docx,
                            new.template.reference_docx, author, when)


def diff_files(old_path: str | Path, new_path: str | Path, redline_path: str | Path | None = None,
               xlsx_path: str | Path | None = None, template: str | None = None,
               template_dirs: tuple[str, ...] = (), author: str = "lawgov-report",
               when: datetime.datetime | None = None, overwrite: bool = False) -> Diffed:
    """Compare two report files; write the redline and the workbook when asked, all or nothing."""
    from lawgov_report.pipeline.check import collector_paused

    with collector_paused():  # as in check: two reports' objects all live until the end
        return _diff_files(old_path, new_path, redline_path, xlsx_path, template, template_dirs, author, when,
                           overwrite)


def _diff_files(old_path, new_path, redline_path, xlsx_path, template, template_dirs, author, when,
                overwrite: bool) -> Diffed:
    from lawgov_report.atomic import write_all

    # Built as they are loaded when the redline needs them (the summary then takes their values).
    old, new = _load_both(old_path, new_path, template, template_dirs, build=redline_path is not None)
    result = Diffed(compare_files(old, new))  # (lint findings of either file are check's job, not shown here)
    targets = [Path(p) for p in (redline_path, xlsx_path) if p is not None]
    inputs = {Path(old_path).resolve(), Path(new_path).resolve()}
    problems = [Diagnostic(str(t), 0, 0, "error", "", "输出文件不能是输入的报告文件", "换一个输出文件名",
                           "output would overwrite an input") for t in targets if t.resolve() in inputs]
    if not overwrite:
        problems += [Diagnostic(str(t), 0, 0, "error", "", "输出文件已存在，未覆盖", "如需覆盖，请加 --force",
                                "output exists; use --force") for t in targets if t.exists()]
    if problems:
        raise ReportError(problems)
    payloads: dict[Path, bytes] = {}
    if redline_path is not None:
        payloads[Path(redline_path)] = _redline(old, new, author, when)
    if xlsx_path is not None:
        from lawgov_report.yearover import deltas

        payloads[Path(xlsx_path)] = deltas.to_bytes(result.comparison)
    result.outputs.extend(write_all(payloads, overwrite))  # the redline and the workbook together, or neither
    return result
