"""``lawgov-report render``: one or more report files -> official-format .docx and the statistics
appendix .xlsx in OUTDIR."""

from __future__ import annotations

from pathlib import Path

import click

from lawgov_report.commands.common import (EXIT_FINDINGS, echo_diagnostics, handle_errors, summary,
                                           edition_option, template_dir_option, template_option)


@click.command("render")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", default=".", show_default=True, type=click.Path(),
              metavar="文件夹", help="输出文件夹，生成 <文件名>.docx 和 <文件名>.xlsx（统计表）；"
              "只生成一份时也可写文件名，如 -o 出/2021年报告.docx")
@template_option
@template_dir_option
@edition_option
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF（<文件名>.pdf）")
@click.option("--no-xlsx", is_flag=True, help="不生成统计表 .xlsx")
@click.option("-f", "--force", is_flag=True, help="输出文件已存在时覆盖")
@handle_errors
def command(files, outdir, template, template_dirs, edition, pdf, no_xlsx, force):
    """把报告 YAML 生成为公文格式的 Word 文件（.docx）和统计表（.xlsx）。

    \b
    例：lawgov-report render examples/lushan-2020.yaml -o out
        lawgov-report render examples/lushan-2020.yaml -o out --pdf
        lawgov-report render examples/lushan-2020-print.yaml -o out --edition web
    """
    from lawgov_report.errors import Diagnostic, ReportError
    from lawgov_report.pipeline import render_file

    stems: dict[str, str] = {}
    clashes = []
    for file in files:
        first = stems.setdefault(Path(file).stem, file)
        if first != file:
            clashes.append(Diagnostic(file, 0, 0, "error", "", f"与 {first} 同名，输出会互相覆盖",
                                      "分别用不同的 -o 输出文件夹，或用 lawgov-report batch（按子文件夹分开存放）",
                                      "two inputs would write the same output"))
    stem = None
    if outdir.lower().endswith(".docx"):  # -o 报告.docx: the file's name, not a folder of that name
        if len(files) > 1:
            clashes.append(Diagnostic(outdir, 0, 0, "error", "", "生成多份报告时，-o 应是文件夹，不能是一个文件名",
                                      "去掉 -o 后的“.docx”，或一次只生成一份", "-o names one file for several reports"))
        stem, outdir = Path(outdir).stem, str(Path(outdir).parent)
    elif Path(outdir).is_file():
        clashes.append(Diagnostic(outdir, 0, 0, "error", "", "-o 后面应是输出文件夹，这里是一个已有的文件",
                                  "换一个文件夹名，或写成 -o 文件名.docx", "-o names an existing file"))
    if clashes:
        raise ReportError(clashes)
    failed = 0
    told: list[Diagnostic] = []  # every file's findings, for one count at the end
    for file in files:
        try:
            formats = ("docx",) + (() if no_xlsx else ("xlsx",)) + (("pdf",) if pdf else ())
            result = render_file(file, outdir, template, tuple(template_dirs), overwrite=force, formats=formats,
                                 edition=edition, stem=stem)
        except ReportError as exc:
            echo_diagnostics(exc.diagnostics, with_summary=len(files) == 1)
            told += exc.diagnostics
            failed += 1
            continue
        echo_diagnostics(result.warnings, with_summary=False)
        told += result.warnings
        for path in result.outputs:
            click.echo(f"已生成 {path}")
        if result.errors:
            echo_diagnostics(result.errors, with_summary=False)
            told += result.errors
            failed += 1
    if len(files) > 1 and told:
        click.echo(summary(told), err=True)
    if failed:
        raise SystemExit(EXIT_FINDINGS)
