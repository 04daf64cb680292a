"""The render pipeline: a report file in, official-format files out, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.build import build
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
    """What render produced: the written files and the warnings met on the way."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def load_report(path: str | Path) -> Loaded:
    """Read and validate a report file; raises :class:`ReportError` with every problem found."""
    source = load_file(path)
    return Loaded(source, validate(source))


def resolve_template(loaded: Loaded, template: str | None, template_dirs: tuple[str, ...] = ()) -> Template:
    """The template named on the command line, else the report's own, else the default."""
    name = template or loaded.report.template
    if name and not template and loaded.report.template and not Path(name).is_absolute() and "/" in name:
        name = str((Path(loaded.source.file).parent / name).resolve())
    return load_template(name, template_dirs)


def render_file(path: str | Path, outdir: str | Path, template: str | None = None,
                template_dirs: tuple[str, ...] = (), formats: tuple[str, ...] = ("docx",),
                overwrite: bool = False) -> Rendered:
    """Render one report file into ``outdir``; nothing is written unless everything succeeded."""
    from lawgov_report.atomic import write_bytes
    from lawgov_report.writers import docx as docx_writer

    loaded = load_report(path)
    tpl = resolve_template(loaded, template, template_dirs)
    document = build(loaded.report, tpl, loaded.source)
    payloads: dict[Path, bytes] = {}
    stem = Path(path).stem
    outdir = Path(outdir)
    if "docx" in formats:
        payloads[outdir / f"{stem}.docx"] = docx_writer.to_bytes(document, tpl.reference_docx)
    existing = [target for target in payloads if target.exists()]
    if existing and not overwrite:
        raise ReportError([Diagnostic(str(t), 0, 0, "error", "", "输出文件已存在，未覆盖", "如需覆盖，请加 --force",
                                      "output exists; use --force") for t in existing])
    result = Rendered(warnings=list(loaded.source.warnings))
    for target, data in payloads.items():
        result.outputs.append(write_bytes(target, data))
    return result


__all__ = ["ReportError", "load_report", "render_file", "resolve_template", "Loaded", "Rendered"]
