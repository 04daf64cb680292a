"""The render pipeline: a report file in, official-format files out, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.pipeline.load import Loaded


@dataclass
class Rendered:
    """What render produced: the written files, the warnings met on the way, and the errors that
    stopped a later output (the PDF) after the earlier ones (the .docx) were written."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    unit: str = ""  # the issuer, for a batch's roll-up
    year: int | None = None
    figures: dict = field(default_factory=dict)  # figure name -> value, as the texts quote them
    figure_values: dict = field(default_factory=dict, repr=False)  # figure name -> FigureValue
    skipped: bool = False  # resumed: the outputs were complete and newer than the report, so not rewritten

    # How the report shows its figures, for a batch's roll-up; made when asked (a single render
    # never does: at 50x, 1,950 figures' worth of dicts made and freed for nothing, 0.2 ms).
    @property
    def labels(self) -> dict:
        """Figure name -> (label, unit), to match figures across reports."""
        return {n: (f.label, f.unit) for n, f in self.figure_values.items()}

    @property
    def digits(self) -> dict:
        """Figure name -> the decimal places its number is shown with (so the roll-up's column shows them alike)."""
        return {n: f.digits for n, f in self.figure_values.items() if f.digits is not None}


def render_file(path: str | Path, outdir: str | Path, template: str | None = None,
                template_dirs: tuple[str, ...] = (), formats: tuple[str, ...] = ("docx", "xlsx"),
                overwrite: bool = False, stem: str | None = None, edition: str = "print",
                resume: bool = False) -> Rendered:
    """Render one report file into ``outdir`` as ``edition`` (print: the 公文 with 版头, 版记 and seal
    layout; web: the text a website publishes); nothing is written unless everything succeeded.

    With ``resume``, a report whose outputs all exist and are newer than it is checked but not
    rewritten (a batch rerun after an interruption)."""
    from lawgov_report.pipeline.check import collector_paused

    # The collector is held until the outputs are written: the report's objects all live until
    # then, and, the report making no reference cycles, they are freed as soon as it is done.
    with collector_paused():
        return _render_file(path, outdir, template, template_dirs, formats, overwrite, stem, edition, resume)


def _render_file(path, outdir, template, template_dirs, formats, overwrite, stem, edition, resume) -> Rendered:
    from lawgov_report.atomic import write_all
    from lawgov_report.writers import docx as docx_writer

    from lawgov_report.pipeline.check import check_file

    # The same check as `lawgov-report check`: an error stops here, before anything is written.
    checked = check_file(path, template, template_dirs, edition=edition)
    checked.raise_for_errors()
    loaded, tpl, document = Loaded(checked.source, checked.report), checked.template, checked.document
    payloads: dict[Path, bytes] = {}
    stem = stem or Path(path).stem
    outdir = Path(outdir)
    if resume and _complete(path, outdir, stem, formats, bool(document.figure_values)):
        return Rendered([p for f in formats if (p := outdir / f"{stem}.{f}").exists()], checked.warnings,
                        unit=loaded.report.issuer, year=loaded.report.year,
                        figures=document.meta.get("figures", {}), skipped=True,
                        figure_values=document.figure_values or {})
    overwrite = overwrite or resume  # resumed: outputs older than the report (or partial) are replaced
    if "docx" in formats:
        payloads[outdir / f"{stem}.docx"] = docx_writer.to_bytes(document, tpl.reference_docx, str(tpl.reference_path))
    if "xlsx" in formats and document.figure_values:  # the statistics appendix, from the same figures
        from lawgov_report.writers import xlsx as xlsx_writer

        payloads[outdir / f"{stem}.xlsx"] = xlsx_writer.to_bytes(
            document.figure_values, document.meta["appendix_title"], loaded.report.issuer)
    existing = [target for target in payloads if target.exists()]
    pdf_target = outdir / f"{stem}.pdf"
    if "pdf" in formats and pdf_target.exists():
        existing.append(pdf_target)
    if existing and not overwrite:
        raise ReportError([Diagnostic(str(t), 0, 0, "error", "", "输出文件已存在，未覆盖", "如需覆盖，请加 --force",
                                      "output exists; use --force") for t in existing])
    result = Rendered(warnings=checked.warnings, unit=loaded.report.issuer, year=loaded.report.year,
                      figures=document.meta.get("figures", {}), figure_values=document.figure_values or {})
    result.outputs.extend(write_all(payloads, overwrite))  # the .docx and .xlsx appear together or not at all
    if "pdf" in formats:
        # the PDF is made from the .docx just written; if it fails, the .docx stays
        from lawgov_report.office.pdf import convert_to_pdf

        try:
            converted = convert_to_pdf([outdir / f"{stem}.docx"], outdir, overwrite=True)
        except ReportError as exc:
            result.errors.extend(exc.diagnostics)
        else:
            result.outputs.extend(converted.pdfs)
            result.warnings.extend(converted.font_warnings(str(pdf_target)))
    return result


def _complete(path, outdir: Path, stem: str, formats: tuple[str, ...], has_figures: bool) -> bool:
    """Whether every output of a report exists and is newer than the report file."""
    expected = [f for f in formats if f != "xlsx" or has_figures]
    try:
        since = Path(path).stat().st_mtime
        return all((outdir / f"{stem}.{f}").stat().st_mtime >= since for f in expected)
    except OSError:
        return False


__all__ = ["Rendered", "render_file"]
