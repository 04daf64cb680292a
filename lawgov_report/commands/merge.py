"""``lawgov-report merge``: a reviewed .docx (审阅稿) written back into the report's YAML."""

from __future__ import annotations

from pathlib import Path

import click

from lawgov_report.commands.common import handle_errors, template_dir_option, template_option


def default_target(report: Path) -> Path:
    """lushan-2020.yaml -> lushan-2020-审阅合并.yaml, beside the report (never the report itself)."""
    return report.with_name(f"{report.stem}-审阅合并{report.suffix}")


@click.command("merge")
@click.argument("report", type=click.Path(dir_okay=False))
@click.argument("reviewed", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "target", default=None, type=click.Path(dir_okay=False), metavar="文件",
              help="合并后的 YAML，默认在报告旁边写 <报告名>-审阅合并.yaml（不会覆盖原报告）")
@click.option("--tracked", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="审阅稿中的修订：accept 接受全部修订（默认），reject 拒绝全部修订（取原文）")
@click.option("-f", "--force", is_flag=True, help="输出文件已存在时覆盖")
@click.option("--other-report", is_flag=True,
              help="审阅稿的发文机关或年度与报告不同时仍然合并（如发文机关已改名）；默认拒绝，以免写入别的单位的数据")
@template_option
@template_dir_option
@handle_errors
def command(report, reviewed, target, tracked, force, other_report, template, template_dirs):
    """把领导审阅修改过的 .docx 写回报告 YAML（保留全部注释）。

    \b
    改写的文字写回原处，{{ 数据名 }} 保留；改了的统计数字写回 figures（只改一次）；
    增删的句子、“一是”分项、段落、标题写进结构；标题、主送、署名、成文日期写到各自的键；
    Word 批注变成 YAML 注释。写不回去的地方逐条列出（审阅稿第几段、YAML 第几行）。
    例：lawgov-report merge examples/lushan-2020.yaml 审阅稿.docx -o lushan-2020.yaml --force
    """
    from lawgov_report.atomic import write_bytes
    from lawgov_report.errors import ReportError
    from lawgov_report.source.yamlsource import load_file
    from lawgov_report.yearover.merge import merge

    report_path = Path(report)
    target_path = Path(target) if target else default_target(report_path)
    if target_path.exists() and not force:
        raise ReportError.single(str(target_path), "输出文件已存在，未覆盖", hint="如需覆盖，请加 --force",
                                 message_en="output exists; use --force")
    source = load_file(report_path)
    merged = merge(source, reviewed, tracked == "accept", template, tuple(template_dirs), other_report)
    write_bytes(target_path, merged.text.encode("utf-8"))
    if merged.revisions:
        _revisions(merged, tracked == "accept")
    click.echo(f"已写出 {target_path}")
    for line in merged.summary() or ["审阅稿与报告一致，没有修改"]:
        click.echo("  " + line)
    if merged.findings:
        click.secho(f"未能写回或需要核对的 {len(merged.findings)} 处：", fg="yellow", err=True)
        for finding in merged.findings:
            where = [f"{reviewed} 第 {finding.number} 段"] if finding.number else []
            line = merged.lines.get(id(finding))
            if line:
                where.append(f"{report}:{line}")
            click.secho(f"  {'，'.join(where) or report}：{finding.message}", fg="yellow", err=True)


LISTED = 30  # revisions listed one by one at most; a redline of a whole year has hundreds


def _revisions(merged, accept: bool) -> None:
    """How many tracked changes there were, and those in paragraphs that change the YAML."""
    view = "接受全部修订" if accept else "拒绝全部修订（修订的内容不采用）"
    writing = merged.writing_revisions()
    click.echo(f"审阅稿中有修订 {len(merged.revisions)} 处，按“{view}”合并；"
               + (f"其中 {len(writing)} 处所在的段落改动了 YAML：" if writing else "报告的 YAML 不因修订而改动"))
    for revision in writing[:LISTED]:
        click.echo("  " + revision.describe(accept))
    if len(writing) > LISTED:
        click.echo(f"  ……另有 {len(writing) - LISTED} 处（见上面的段落号附近）")
