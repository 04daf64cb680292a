"""Checking a report file without rendering it: every error and warning, located, all at once.

One pass runs the whole pipeline short of writing: read (safe YAML, typing slips), validate (the
model), build (texts rendered in the sandbox, the template's frame), then lint (公文 conventions).
Where a stage cannot finish it still hands what it could read to the next, so a clerk sees the
file's mistakes together: a full-width colon on line 3 does not hide an undefined figure on line 40.
``render`` runs the same check first and writes nothing when it finds an error.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import ERROR, WARNING, Diagnostic, ReportError
from lawgov_report.source.yamlsource import Source

# The keys whose texts are rendered as Jinja (checked statically when the model is not valid).
_TEXT_ROOTS = frozenset({"title", "preamble", "sections", "closing", "attachments", "recipient", "signature",
                         "note", "masthead", "imprint"})


@dataclass
class Checked:
    """What a check found about one file, and what it built on the way (for render to reuse)."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: Source | None = None
    report: object = None  # lawgov_report.source.model.Report
    template: object = None  # lawgov_report.compose.templates.Template
    document: object = None  # lawgov_report.document.Document

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_for_errors(self) -> None:
        """Raise :class:`ReportError` with the errors (warnings are for a successful run)."""
        if self.errors:
            raise ReportError(self.errors)


def check_file(path: str | Path, template: str | None = None, template_dirs: tuple[str, ...] = (),
               lint: bool = True, edition: str = "print") -> Checked:
    """Check one report file as ``edition`` (print or web) will render it; never raises for a
    mistake in it (they are the diagnostics)."""
    with collector_paused():
        return _check_file(path, template, template_dirs, lint, edition)


@contextlib.contextmanager
def collector_paused():
    """Hold Python's cyclic garbage collector while one report is read, built and linted.

    Checking allocates tens of thousands of objects (YAML nodes, positions, figures) that all live
    until the report is done, so the collector's passes find nothing to free: profiled at 50 times
    the seed's size they took 32 % of the render. The file's size is bounded (2 MB, 200 000
    values), so memory stays bounded. The report's own structures make no reference cycles (no
    recursive closures; the frame's Jinja context is emptied after use), so they are freed by
    reference counting when the report is done, and the collector's next pass finds little."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _check_file(path, template, template_dirs, lint: bool, edition: str) -> Checked:
    from lawgov_report.source.yamlsource import load_file

    checked = Checked(str(path))
    try:
        source = load_file(path)
    except ReportError as exc:
        checked.diagnostics += exc.diagnostics
        source = getattr(exc, "source", None)
        if source is None:
            checked.diagnostics += getattr(exc, "warnings", [])
            return _done(checked)
    checked.source = source
    _check_source(checked, source, template, template_dirs, lint, edition)
    return _done(checked)


def check_source(source: Source, template: str | None = None, template_dirs: tuple[str, ...] = (),
                 lint: bool = True, edition: str = "print") -> Checked:
    """Check an already loaded source (e.g. text that never was a file)."""
    checked = Checked(source.file, source=source)
    _check_source(checked, source, template, template_dirs, lint, edition)
    return _done(checked)


def _check_source(checked: Checked, source: Source, template, template_dirs, lint: bool,
                  edition: str = "print") -> None:
    from lawgov_report.source import importnotes, rawscalars
    from lawgov_report.compose.build import build
    from lawgov_report.source.validate import validate

    checked.diagnostics += source.warnings
    checked.diagnostics += rawscalars.lint(source)
    checked.diagnostics += importnotes.unresolved(source)
    try:
        report = validate(source)
    except ReportError as exc:
        checked.diagnostics += exc.diagnostics
        checked.diagnostics += static_texts(source)
        return
    checked.report = report
    try:
        from lawgov_report.compose.templates import resolve_template
        from lawgov_report.pipeline.load import Loaded

        tpl = resolve_template(Loaded(source, report), template, template_dirs)
    except ReportError as exc:
        for diag in exc.diagnostics:
            if not template and report.template and diag.line == 0 and report.template in diag.file:
                # the report's own "template:" names it: point there, not at a folder
                diag = source.diagnostic(("template",), diag.message, hint=diag.hint, message_en=diag.message_en)
            checked.diagnostics.append(diag)
        return
    checked.template = tpl
    try:
        checked.document = build(report, tpl, source, edition=edition)
    except ReportError as exc:
        checked.diagnostics += exc.diagnostics
    else:
        checked.diagnostics += getattr(checked.document, "warnings", [])
    if lint:
        from lawgov_report.compose.lint import lint as lint_report

        document = checked.document
        figures, texts = (document.figure_values, document.texts) if document else (None, None)
        checked.diagnostics += lint_report(report, source, tpl, figures, edition=edition, rendered=texts)


def _done(checked: Checked) -> Checked:
    """Each finding once, in file order."""
    seen: dict[tuple, Diagnostic] = {}
    for diag in checked.diagnostics:
        seen.setdefault((diag.file, diag.line, diag.col, diag.severity, diag.path, diag.message), diag)
    checked.diagnostics = sorted(seen.values())
    return checked


def static_texts(source: Source) -> list[Diagnostic]:
    """The texts' Jinja mistakes found without the model: syntax, statements, undefined names and
    unsafe attributes. Used when validation failed, so that these are reported in the same run."""
    from jinja2 import TemplateSyntaxError, meta, nodes

    from lawgov_report.compose.build import text_renderer
    from lawgov_report.compose.texts import TextError, check_statements

    env = text_renderer().env
    data = source.data if isinstance(source.data, dict) else {}
    figures = data.get("figures") if isinstance(data.get("figures"), dict) else {}
    known = {"year", "issuer", "figures", "range", *map(str, figures)}
    out: list[Diagnostic] = []
    for path, node in source.nodes.items():
        if not path or path[0] not in _TEXT_ROOTS or not isinstance(node.value, str) or "{" not in node.value:
            continue
        try:
            ast = env.parse(node.value)
            check_statements(ast)
        except TemplateSyntaxError as exc:
            out.append(source.diagnostic(path, f"文字中的 {{{{ }}}} 写法有误：{exc.message}",
                                         hint="检查 {{ 和 }} 是否成对，数据名是否写对",
                                         message_en=f"template syntax: {exc.message}"))
            continue
        except TextError as exc:
            out.append(source.diagnostic(path, exc.message, hint=exc.hint, message_en=exc.message_en))
            continue
        except RecursionError:
            out.append(source.diagnostic(path, "文字中的表达式嵌套太深", message_en="expression nested too deeply"))
            continue
        try:  # finding the names compiles the text, which is where an unknown filter shows
            undeclared = meta.find_undeclared_variables(ast)
        except TemplateSyntaxError as exc:
            out.append(_unknown_name(source, path, exc, env))
            continue
        for name in sorted(undeclared - known):
            close = difflib.get_close_matches(name, sorted(known - {"year", "issuer", "figures", "range"}), n=3,
                                              cutoff=0.3)
            out.append(source.diagnostic(path, f"引用了未定义的数据“{name}”",
                                         hint=("是不是要写：" + "、".join(close)) if close else "先在 figures 下定义这个数据",
                                         message_en=f"undefined figure {name!r}", needle=name))
        for attr in ast.find_all(nodes.Getattr):
            if attr.attr.startswith("_"):
                out.append(source.diagnostic(path, f"文字中的表达式不被允许（安全限制）：不能使用“.{attr.attr}”",
                                             hint="文字里只能引用数据，如 {{ 受理案件数 }}",
                                             message_en=f"unsafe attribute {attr.attr!r}"))
                break
    return out


def _unknown_name(source: Source, path: tuple, exc, env) -> Diagnostic:
    """A text's mistake found when compiling it: mostly a filter (|with_unit) that does not exist."""
    from lawgov_report.compose.texts import unknown_name

    error = unknown_name(exc.message, env)
    if error is None:
        return source.diagnostic(path, f"文字中的 {{{{ }}}} 写法有误：{exc.message}", hint="检查 {{ 和 }} 是否成对，数据名是否写对",
                                 message_en=f"template error: {exc.message}")
    return source.diagnostic(path, error.message, hint=error.hint, message_en=error.message_en, needle=error.needle)


def diagnostics_json(results: list[Checked]) -> dict:
    """The machine-readable form of ``check --format json``: counts per file, then every finding."""
    everything = [d for r in results for d in r.diagnostics]
    return {
        "files": [{"file": r.file, "ok": r.ok, "errors": len(r.errors), "warnings": len(r.warnings)}
                  for r in results],
        "errors": sum(len(r.errors) for r in results),
        "warnings": sum(len(r.warnings) for r in results),
        "diagnostics": [d.as_dict() for d in everything],
    }
