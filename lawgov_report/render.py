"""The render pipeline: a report file in, official-format files out, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.model import Report
from lawgov_report.templates import Template, load_template
from lawgov_report.validate import validate
from lawgov_report.yamlsource import Source, load_file


@dataclass
class Loaded:
    """A validated report with the source it came from (for locating later findings)."""

    source: Source
    report: Report


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


def load_report(path: str | Path) -> Loaded:
    """Read and validate a report file; raises :class:`ReportError` with every problem found."""
    source = load_file(path)
    return Loaded(source, validate(source))


def resolve_template(loaded: Loaded, template: str | None, template_dirs: tuple[str, ...] = ()) -> Template:
    """The template named on the command line, else the report's own, else the default."""
    name = template or loaded.report.template
    if name and not template and loaded.report.template and not Path(name).is_absolute() and "/" in name:
        name = str((Path(loaded.source.file).parent / name).resolve())
    tpl = load_template(name, template_dirs)
    if template or not loaded.report.template:
        return tpl
    try:  # the report chose it: a broken choice is the report's mistake, shown at its template: line
        tpl.document_template
        return tpl
    except ReportError as exc:
        first = exc.diagnostics[0]
        raise ReportError([loaded.source.diagnostic(
            ("template",), f"模板“{loaded.report.template}”无法使用：{first.message}",
            hint="删除这一行以使用默认模板，或写一个可用的模板名称（如 annual-report）",
            message_en=f"template {loaded.report.template!r} unusable: {first.message_en or first.message}")]) from None


def render_file(path: str | Path, outdir: str | Path, template: str | None = None,
                template_dirs: tuple[str, ...] = (), formats: tuple[str, ...] = ("docx", "xlsx"),
                overwrite: bool = False, stem: str | None = None) -> Rendered:
    """Render one report file into ``outdir``; nothing is written unless everything succeeded."""
    from lawgov_report.atomic import write_bytes
    from lawgov_report.writers import docx as docx_writer

    from lawgov_report.check import check_file

    # The same check as `lawgov-report check`: an error stops here, before anything is written.
    checked = check_file(path, template, template_dirs)
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
                      figures=document.meta.get("figures", {}))
    for target, data in payloads.items():
        result.outputs.append(write_bytes(target, data))
    if "pdf" in formats:
        # the PDF is made from the .docx just written; if it fails, the .docx stays
        from lawgov_report.pdf import convert_to_pdf

        try:
            converted = convert_to_pdf([outdir / f"{stem}.docx"], outdir, overwrite=True)
        except ReportError as exc:
            result.errors.extend(exc.diagnostics)
        else:
            result.outputs.extend(converted.pdfs)
            result.warnings.extend(converted.font_warnings(str(pdf_target)))
    return result


__all__ = ["ReportError", "load_report", "render_file", "resolve_template", "Loaded", "Rendered"]
