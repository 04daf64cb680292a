"""``lawgov-report form``: a fill-in workbook (数据填报表) for one report, or for a county's reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from lawgov_report.commands.common import (EXIT_FINDINGS, echo_diagnostics, handle_errors, template_dir_option,
                                           template_option)


@click.command("form")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "target", default=None, type=click.Path(dir_okay=False), metavar="文件.xlsx",
              help="填报表文件；默认：单位表为“报告名-填报表.xlsx”（在报告旁边），全县表为“数据填报表.xlsx”")
@template_option
@template_dir_option
@click.option("-f", "--force", is_flag=True, help="填报表已存在时覆盖")
@handle_errors
def command(inputs, target, template, template_dirs, force):
    """生成数据填报表（.xlsx），发给各单位在 Excel 或 WPS 里填写，再用 fill 读回报告。

    \b
    一份报告：每个数据一行，只有“本年”一栏可填，计算指标是公式。
      lawgov-report form 报告.yaml
    文件夹（或多份报告）：每份报告一行，每个共有的数据一列，上年数值在第二张表。
      lawgov-report form 报告文件夹 -o 填报表.xlsx
    """
    from lawgov_report.atomic import write_bytes
    from lawgov_report.batch.run import discover
    from lawgov_report.errors import ReportError
    from lawgov_report.pipeline.fill import load_targets
    from lawgov_report.writers import form as forms

    jobs, problems = discover(list(inputs))
    if problems or not jobs:
        raise ReportError(problems or [ReportError.single(" ".join(inputs), "没有找到报告文件（*.yaml）").diagnostics[0]])
    single = len(inputs) == 1 and len(jobs) == 1 and Path(inputs[0]).is_file()
    path = Path(target) if target else (Path(jobs[0].path).with_name(Path(jobs[0].path).stem + "-填报表.xlsx")
                                        if single else Path("数据填报表.xlsx"))
    if path.exists() and not force:
        raise ReportError.single(str(path), "填报表已存在，未覆盖", hint="如需覆盖，请加 --force",
                                 message_en="output exists; use --force")
    failed = []
    targets = []
    for job in jobs:  # a broken report is listed, and the form is made for the others
        try:
            targets += load_targets([Path(job.path)], template, tuple(template_dirs))
        except ReportError as exc:
            failed += exc.diagnostics
    if not targets:
        raise ReportError(failed)
    if single:
        t = targets[0]
        title = f"{t.report.issuer}{t.report.year}年度法治政府建设数据填报表"
        data = forms.unit_form(t.figures, title, t.report.issuer, t.path.name, t.catalogue)
        rows = len(t.figures)
    else:
        from lawgov_report.compose.catalogue import SharedFigures

        catalogue = targets[0].catalogue
        shared = SharedFigures(catalogue)
        for t in targets:
            shared.add({n: (f.label, f.unit) for n, f in t.figures.items()})
        columns = forms.county_columns(catalogue, shared.extra())
        year = Counter(t.report.year for t in targets).most_common(1)[0][0]
        rows = [forms.CountyRow(t.report.issuer, t.report.year, str(t.path), t.figures) for t in targets]
        data = forms.county_form(rows, columns, catalogue, f"{year}年度法治政府建设数据填报表")
        rows = len(columns)
    write_bytes(path, data)
    offered = len(set(targets[0].catalogue) - set(targets[0].figures)) if single else 0
    what = f"{rows} 个数据" + (f"，另列出指标目录中的 {offered} 个指标" if offered else "") if single else f"{len(targets)} 份报告，{rows} 个数据列"
    click.echo(f"已生成填报表 {path}（{what}）")
    if failed:
        echo_diagnostics(failed)
        click.secho(f"以上 {len({d.file for d in failed})} 份报告有错误，未列入填报表", fg="red", err=True)
        raise SystemExit(EXIT_FINDINGS)
