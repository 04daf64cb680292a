"""``lawgov-report new``: next year's report file from last year's, every comment kept."""

from __future__ import annotations

import re
from pathlib import Path

import click

from lawgov_report.commands.common import echo_diagnostics, handle_errors, require_suffix


def default_target(last: Path, old_year: int, year: int) -> Path:
    """lushan-2020.yaml -> lushan-2021.yaml; report.yaml -> report-2021.yaml (beside LAST)."""
    stem = re.sub(rf"(?<!\d){old_year}(?!\d)", str(year), last.stem)
    if stem == last.stem:
        stem = f"{last.stem}-{year}"
    return last.with_name(stem + last.suffix)


@click.command("new")
@click.argument("last", type=click.Path())
@click.option("--year", type=int, default=None, metavar="年度", help="新报告的年度，默认上一年度 + 1")
@click.option("-o", "--output", "target", default=None, type=click.Path(), metavar="文件",
              help="新文件，默认把文件名里的年份换成新年度（如 lushan-2021.yaml）；LAST 是文件夹时为新文件夹")
@click.option("-f", "--force", is_flag=True, help="新文件已存在时覆盖")
@handle_errors
def command(last, year, target, force):
    """从上一年度的报告生成新年度的报告草稿（保留全部注释）。

    \b
    年度加一；成文日期、发文字号清空待填；每个数据的数值移到 previous（上年数值），
    本年数值留空待填；上年的“工作计划”带入 plan_review，作为本年报告要回应的清单；
    正文里的工作计划部分改为下一年度的标题，内容清空待填写，上年各项留作注释。
    LAST 可以是一个文件夹（全县各单位的报告）：按原来的子文件夹放进 -o 指定的新文件夹。
    例：lawgov-report new examples/lushan-2020.yaml -o lushan-2021.yaml
        lawgov-report new 2020/ -o 2021/
    """
    from lawgov_report.errors import ReportError

    if year is not None and not 1949 <= year <= 2200:
        raise ReportError.single("--year", f"年度 {year} 不在 1949—2200 之间", hint="写四位数的年份，如 --year 2021",
                                 message_en="year out of range")
    if Path(last).is_dir():
        _folder(Path(last), year, target, force)
        return
    if target:
        require_suffix(target, (".yaml", ".yml"), "新报告是 YAML 文件", "要生成 Word 文件，之后用 render")
    _one(last, year, Path(target) if target else None, force)


def _folder(folder: Path, year, target, force) -> None:
    """Every report under ``folder`` (sub-folders kept) into the folder ``target``; each one whole
    or not at all, the others go on; exit 1 if any failed."""
    from lawgov_report.commands.common import EXIT_FINDINGS
    from lawgov_report.errors import ReportError

    if not target or Path(target).suffix.lower() in (".yaml", ".yml"):
        raise ReportError.single(str(folder), "从文件夹生成时，要用 -o 指定新年度的文件夹",
                                 hint=f"如 lawgov-report new {folder} -o 新文件夹", message_en="-o folder needed")
    if Path(target).resolve() == folder.resolve():
        raise ReportError.single(str(target), "新文件夹不能与上一年度的文件夹相同", hint="用 -o 指定另一个文件夹",
                                 message_en="output folder is the input folder")
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise ReportError.single(str(folder), "文件夹里没有报告文件（*.yaml）", message_en="no report files")
    failed = 0
    for file in files:
        try:
            _one(str(file), year, None, force, place_in=Path(target) / file.parent.relative_to(folder))
        except ReportError as exc:
            echo_diagnostics(exc.diagnostics, with_summary=False)
            failed += 1
    click.echo(f"共 {len(files)} 份：已生成 {len(files) - failed} 份，失败 {failed} 份")
    if failed:
        raise SystemExit(EXIT_FINDINGS)


def _one(last: str, year, target_path: Path | None, force: bool, place_in: Path | None = None) -> None:
    """Next year's draft of one report, at ``target_path`` or, by default, beside LAST (or in ``place_in``)."""
    from lawgov_report.atomic import write_bytes
    from lawgov_report.errors import ReportError
    from lawgov_report.pipeline import load_report, resolve_template
    from lawgov_report.yearover.scaffold import next_year

    loaded = load_report(last)
    old_year = loaded.report.year
    new_year = old_year + 1 if year is None else year
    if not 1949 <= new_year <= 2200:
        raise ReportError.single(str(last), f"下一年度 {new_year} 超出范围", hint="用 --year 指定年度",
                                 message_en="year out of range")
    if target_path is None:
        target_path = default_target(place_in / Path(last).name if place_in else Path(last), old_year, new_year)
    if target_path.resolve() == Path(last).resolve():
        raise ReportError.single(str(target_path), "新文件不能与上一年度的文件相同，原文件不会被覆盖",
                                 hint="用 -o 指定另一个文件名", message_en="output is the input")
    if target_path.exists() and not force:
        raise ReportError.single(str(target_path), "输出文件已存在，未覆盖", hint="如需覆盖，请加 --force",
                                 message_en="output exists; use --force")
    template = resolve_template(loaded, None)
    draft = next_year(loaded.source, loaded.report, template, new_year, str(target_path))
    write_bytes(target_path, draft.text.encode("utf-8"))
    if new_year <= old_year:
        click.secho(f"注意：新年度 {new_year} 不晚于上一年度 {old_year}", fg="yellow", err=True)
    echo_diagnostics(draft.notes, with_summary=False)  # (lint of last year's file is check's job)
    click.echo(f"已生成 {target_path}（{old_year}年 → {new_year}年）")
    if draft.figures_to_fill:
        click.echo(f"  待填写：{len(draft.figures_to_fill)} 个数据的本年数值（上年数值已移到 previous）")
    if draft.cleared:
        click.echo(f"  待填写：{'、'.join(draft.cleared)}（已清空）")
    if draft.plans:
        click.echo(f"  上年工作计划 {draft.plans} 项已列入 plan_review，本年报告应逐项回应")
    if draft.plan_section:
        click.echo(f"  已清空“{draft.plan_section.title}”部分（{target_path}:{draft.plan_line}），待填写本年的新计划；"
                   f"上年计划留在其下的注释里")
