"""What the CLI verbs share: printing diagnostics to a clerk and choosing exit codes.

Only the CLI prints. A :class:`ReportError` becomes its findings, sorted, and a summary line,
never a traceback.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from lawgov_report.errors import Diagnostic, ReportError, summary

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

template_option = click.option(
    "--template", "-t", "template", default=None, metavar="名称|文件夹",
    help="使用的模板：名称（在 --template-dir、./templates、内置模板中查找）或模板文件夹")
template_dir_option = click.option(
    "--template-dir", "template_dirs", multiple=True, metavar="文件夹",
    help="额外的模板查找文件夹（可重复，优先于内置模板）")

edition_option = click.option(
    "--edition", type=click.Choice(["print", "web"]), default="print", show_default=True,
    help="print 印发版（版头、版记、印章位置）；web 网页版（只有正文，与网站公开的一致）")


def echo_diagnostics(diagnostics: list[Diagnostic], lang: str = "zh", with_summary: bool = True,
                     err: bool = True) -> None:
    """Print findings sorted by file and line, then a summary, to stderr (or stdout for check)."""
    for diag in sorted(diagnostics, key=_in_order):
        colour = "red" if diag.severity == "error" else "yellow"
        first, _, rest = diag.format(lang).partition("\n")
        click.secho(first, fg=colour, err=err)
        if rest:
            click.echo(rest, err=err)
    if with_summary and diagnostics:
        click.echo(summary(diagnostics, lang), err=err)


def _in_order(diag: Diagnostic) -> tuple:
    """File order as a person reads it: 报告2 before 报告10, a workbook's F5 before F10."""
    import re

    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", diag.file))
    return (parts, diag.line, diag.col, diag.severity, diag.path, diag.message)


def handle_errors(func):
    """Turn a clerk's mistake into printed findings and exit code 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ReportError as exc:
            echo_diagnostics(exc.diagnostics)
            sys.exit(EXIT_FINDINGS)
        except KeyboardInterrupt:
            click.echo("已中断，未写入不完整的文件。", err=True)
            sys.exit(130)

    return wrapper


def require_suffix(path: str, suffixes: tuple[str, ...], what: str, then: str = "") -> None:
    """Refuse an output name whose suffix says another format (``new -o draft.docx`` would write
    YAML that Word then cannot open)."""
    if Path(path).suffix.lower() not in suffixes:
        raise ReportError.single(str(path), f"{what}，文件名应以 {suffixes[0]} 结尾",
                                 hint=f"如 -o {Path(path).with_suffix(suffixes[0]).name}" + (f"；{then}" if then else ""),
                                 message_en=f"output must be a {suffixes[0]} file")
