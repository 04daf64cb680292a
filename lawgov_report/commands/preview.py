"""``lawgov-report preview``: a PNG of each page of a report, and all pages in one image."""

from __future__ import annotations

import click

from lawgov_report.commands.common import handle_errors, echo_diagnostics, template_dir_option, template_option


@click.command("preview")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", default=".", show_default=True, type=click.Path(file_okay=False),
              metavar="文件夹", help="输出文件夹，生成 <文件名>-第N页.png 和 <文件名>-全部页面.png")
@template_option
@template_dir_option
@click.option("-f", "--force", is_flag=True, help="输出文件已存在时覆盖")
@handle_errors
def command(file, outdir, template, template_dirs, force):
    """预览报告的页面：每页一张 PNG 图片，另有一张全部页面的总览图。

    FILE 可以是报告 YAML（先生成 Word 文件）、.docx 或 .pdf；需要 LibreOffice 和 pdftoppm。

    \b
    例：lawgov-report preview examples/lushan-2020.yaml -o 预览
    """
    from lawgov_report.office.preview import preview

    def render_docx(path, folder):
        from lawgov_report.pipeline import render_file

        rendered = render_file(path, folder, template, tuple(template_dirs), formats=("docx",))
        return rendered.outputs[0], rendered.warnings

    result = preview(file, outdir, overwrite=force, render_docx=render_docx)
    echo_diagnostics(result.warnings, with_summary=False)
    for page in result.pages:
        click.echo(f"已生成 {page}")
    click.echo(f"已生成 {result.sheet}（全部 {len(result.pages)} 页）")
