"""``lawgov-report fill``: the values of a filled-in form into the reports' figures, comments kept."""

from __future__ import annotations

from pathlib import Path

import click

from lawgov_report.commands.common import echo_diagnostics, handle_errors, template_dir_option, template_option


@click.command("fill")
@click.argument("inputs", nargs=-1, required=True)
@click.argument("form", type=click.Path(dir_okay=False))
@click.option("-n", "--dry-run", is_flag=True, help="只列出会改动的数据，不写入报告")
@template_option
@template_dir_option
@handle_errors
def command(inputs, form, dry_run, template, template_dirs):
    """把填好的数据填报表（.xlsx）读入报告的 figures，保留报告里的全部注释和排版。

    \b
    单位填报表：lawgov-report fill 报告.yaml 填报表.xlsx
    全县填报表（或上年的汇总表）：lawgov-report fill 报告文件夹 填报表.xlsx
    列出每个改动（数据：旧值 → 新值）；留空的单元格不改动报告。有单元格不是数字时，
    逐个列出（工作簿:工作表!单元格），不写入任何报告。
    """
    from lawgov_report.batch.run import discover
    from lawgov_report.errors import ReportError
    from lawgov_report.pipeline.fill import load_targets, plan_fill, write_plan
    from lawgov_report.readers.workbook import read_form

    jobs, problems = discover(list(inputs))
    if problems or not jobs:
        raise ReportError(problems or [ReportError.single(" ".join(inputs), "没有找到报告文件（*.yaml）").diagnostics[0]])
    targets = load_targets([Path(job.path) for job in jobs], template, tuple(template_dirs))
    read = read_form(form)
    plan = plan_fill(read, targets, [Path(p) for p in inputs if Path(p).is_dir()])
    if plan.errors:
        raise ReportError(plan.diagnostics)
    changed = [f for f in plan.filled if f.changes]
    for filled in changed:
        click.echo(f"{filled.target.path}：{len(filled.changes)} 个数据")
        for change in filled.changes:
            click.echo(f"  {change.describe()}")
    echo_diagnostics(plan.diagnostics, with_summary=False)
    untouched = len(plan.filled) - len(changed)
    if dry_run:
        click.echo(f"试运行：{len(changed)} 份报告会改动，{untouched} 份不变；未写入任何文件。")
        return
    if not changed:
        click.echo(f"填报表中没有新的数值，{untouched} 份报告都没有改动。")
        return
    write_plan(plan)
    click.echo(f"已写入 {len(changed)} 份报告" + (f"，{untouched} 份没有改动" if untouched else ""))
