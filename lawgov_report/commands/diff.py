"""``lawgov-report diff``: what changed between two reports, as a summary, a redline and a workbook."""

from __future__ import annotations

import click

from lawgov_report.commands.common import handle_errors, template_dir_option, template_option


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "redline", default=None, type=click.Path(dir_okay=False), metavar="修订稿.docx",
              help="生成 Word 修订稿：按新稿排版，用“修订”标出与旧稿的不同（可在 Word 中接受或拒绝）")
@click.option("--xlsx", "xlsx", default=None, type=click.Path(dir_okay=False), metavar="对比表.xlsx",
              help="生成数据对比表：每个数据的旧值、新值、增减、增幅")
@click.option("--author", default="lawgov-report", show_default=True, metavar="姓名",
              help="修订稿中修订的作者")
@template_option
@template_dir_option
@click.option("-f", "--force", is_flag=True, help="输出文件已存在时覆盖")
@handle_errors
def command(old, new, redline, xlsx, author, template, template_dirs, force):
    """比对两份报告（两个年度，或同一年度的两稿）：数据变化，标题和段落的增、删、改、移。

    \b
    例：lawgov-report diff lushan-2020.yaml lushan-2021.yaml
        lawgov-report diff 初稿.yaml 定稿.yaml -o 修订稿.docx --xlsx 数据对比.xlsx
    """
    from lawgov_report.yearover.compare import summary_lines
    from lawgov_report.yearover.diff import diff_files

    result = diff_files(old, new, redline, xlsx, template, tuple(template_dirs), author, overwrite=force)
    for line in summary_lines(result.comparison):
        click.echo(line)
    if result.outputs:
        click.echo("")
    for path in result.outputs:
        click.echo(f"已生成 {path}")
