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
    labels: dict = field(default_factory=dict)  # figure name -> (label, unit), to match figures across reports


def render_file(path: str | Path, outdir: str | Path, template: str | None = None,
                template_dirs: tuple[str, ...] = (), formats: tuple[str, ...] = ("docx", "xlsx"),
                overwrite: bool = False, stem: str | None = None, edition: str = "print") -> Rendered:
    """Render one report file into ``outdir`` as ``edition`` (print: the 公文 with 版头, 版记 and seal
    layout; web: the text a website publishes); nothing is written unless everything succeeded."""
    from lawgov_report.atomic import write_bytes
    from lawgov_report.writers import docx as docx_writer

    from lawgov_report.pipeline.check import check_file

    # The same check as `lawgov-report check`: an error stops here, before anything is written.
    checked = check_file(path, template, template_dirs, edition=edition)
    checked.raise_for_errors()
    loaded, tpl, document = Loaded(checked.source, checked.report), checked.template, checked.document
    payloads: dict[Path, bytes] = {}
    stem = stem or Path(path).stem
    outdir = Path(outdir)
    if "docx" in formats:
        payloads[outdir / f"{stem}.docx"] = docx_writer.to_bytes(document, tpl.reference_docx)
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
                      figures=document.meta.get("figures", {}),
                      labels={n: (f.label, f.unit) for n, f in (document.figure_values or {}).items()})
    for target, data in payloads.items():
        result.outputs.append(write_bytes(target, data))
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


__all__ = ["Rendered", "render_file"]
