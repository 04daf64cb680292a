"""``lawgov-report batch``: render a whole county's reports, survive the bad ones, sum up the figures."""

from __future__ import annotations

import os
from pathlib import Path

import click

from lawgov_report.commands.common import (EXIT_FINDINGS, echo_diagnostics, handle_errors,
                                           edition_option, template_dir_option, template_option)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), metavar="文件夹",
              help="输出文件夹；按输入的子文件夹分别存放")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None, metavar="N",
              help="并行进程数（默认：CPU 核数）")
@template_option
@template_dir_option
@edition_option
@click.option("--summary", "summary", type=click.Path(dir_okay=False), default=None, metavar="文件.xlsx",
              help="汇总表路径（默认：输出文件夹/汇总.xlsx）")
@click.option("--no-summary", is_flag=True, help="不生成汇总表")
@click.option("--pdf", is_flag=True, help="同时导出 PDF（需要 LibreOffice；每个并行进程启动一个）")
@click.option("-f", "--force", is_flag=True, help="输出文件已存在时覆盖")
@click.option("--resume", is_flag=True, help="续做中断的批量：已完整生成（且比报告新）的跳过，计为完成")
@handle_errors
def command(inputs, outdir, jobs, template, template_dirs, edition, summary, no_summary, pdf, force, resume):
    """批量生成一个县（区、市）所有单位的报告，并汇总各项数据。

    \b
    输入可以是文件、文件夹（递归查找 *.yaml）或通配符。
    例：lawgov-report batch reports/ -o out -j 4
    """
    from lawgov_report.batch import run as batch
    from lawgov_report.batch.review import LOG_NAME, Review
    from lawgov_report.errors import Diagnostic, ReportError

    jobs_list, problems = batch.discover(list(inputs))
    if problems:
        echo_diagnostics(problems, with_summary=False)
    if not jobs_list:
        raise ReportError(problems or [Diagnostic(" ".join(inputs), 0, 0, "error", "", "没有找到报告文件（*.yaml）",
                                                   message_en="no report files (*.yaml) found")])
    out = Path(outdir)
    summary_path = None if no_summary else Path(summary) if summary else out / "汇总.xlsx"
    options = {"outdir": str(out), "template": template, "template_dirs": list(template_dirs),
               "force": force, "formats": ("docx", "xlsx"), "edition": edition, "resume": resume and not force}
    log_path = out / LOG_NAME
    _refuse_rerun(batch.finished_before(jobs_list, options) if not (force or resume) else [], summary_path,
                  force or resume, log_path)
    review = Review(jobs_list)
    collector = docx_files = None
    sinks = [review]
    if summary_path is not None:
        from lawgov_report.batch import rollup
        from lawgov_report.compose.catalogue import catalogue
        from lawgov_report.compose.templates import load_template

        collector = rollup.Collector(catalogue(load_template(template, tuple(template_dirs))), jobs_list)
        sinks.append(collector)
    if pdf:
        docx_files = []
        sinks.append(lambda index, outcome: docx_files.extend(
            Path(p) for p in outcome.outputs if outcome.ok and p.endswith(".docx")
            and not (outcome.skipped and _pdf_is_current(Path(p)))))
    progress = batch.Progress(len(jobs_list))
    result = batch.run(jobs_list, options, workers=jobs, progress=progress,
                       sink=lambda index, outcome: [sink(index, outcome) for sink in sinks])
    batch.clean_temporaries(out)
    if result.interrupted:
        click.echo(f"已中断：完成 {result.done}/{len(jobs_list)} 份，已写出的文件都是完整的。", err=True)
        raise SystemExit(130)
    if docx_files:
        import time

        from lawgov_report.office.pdf import convert_in_parallel

        offices = max(1, min(jobs or os.cpu_count() or 1, len(docx_files)))
        click.echo(f"正在导出 PDF：{len(docx_files)} 份，{offices} 个 LibreOffice 同时转换……", err=True)
        started = time.monotonic()
        try:  # one LibreOffice per worker
            converted = convert_in_parallel(docx_files, offices, overwrite=force or resume)
            click.echo(f"已导出 PDF {len(converted.pdfs)} 份，用时 {time.monotonic() - started:.1f} 秒")
            echo_diagnostics(converted.font_warnings(str(out)), with_summary=False)
        except ReportError as exc:
            echo_diagnostics(exc.diagnostics, with_summary=False)
            problems = [*problems, *exc.diagnostics]
        except KeyboardInterrupt:
            click.echo("已中断：PDF 未全部导出（已有的 PDF、Word 和 Excel 文件都是完整的）；"
                       "加 --resume --pdf 重新运行，只补做缺少的 PDF。", err=True)
            raise SystemExit(130) from None
    if collector is not None:
        if result.ok:
            rollup.write(summary_path, collector)
            click.echo(f"已生成汇总表 {summary_path}")
        collector.close()
    logged = review.write_log(log_path)
    review.close()
    failures = result.failures
    rate = result.done / result.seconds if result.seconds else 0
    resumed = f"（其中 {result.skipped} 份此前已完成，未重新生成）" if result.skipped else ""
    unfinished = f"（其中 {len(review.unfinished)} 份未填完）" if review.unfinished else ""
    click.echo(f"共 {len(jobs_list)} 份：成功 {result.ok} 份{unfinished}{resumed}，失败 {len(failures)} 份；"
               f"用时 {result.seconds:.1f} 秒（{rate:.0f} 份/秒，{os.cpu_count()} 核）")
    for line in review.lines(log_path if logged else None):
        click.secho(line, fg="yellow" if line.startswith("  ") else "red" if line.startswith("注意") else None,
                    err=True)
    if failures:
        where = f"{log_path} 或 lawgov-report check" if logged else "lawgov-report check"
        click.echo(f"\n失败的报告（每份只列第一个错误，全部见 {where}）：", err=True)
        for outcome in failures:
            diag = outcome.error
            more = f"（另有 {outcome.errors - 1} 个错误）" if outcome.errors > 1 else ""
            click.secho(f"  {diag.format().splitlines()[0]}{more}" if diag else f"  {outcome.path}", fg="red", err=True)
    if failures or problems:
        raise SystemExit(EXIT_FINDINGS)


def _refuse_rerun(finished: list, summary_path, replace: bool, log_path=None) -> None:
    """A rerun into a folder an earlier batch wrote: refused before anything is written, unless the
    clerk says --resume (complete the county) or --force (render everything again)."""
    from lawgov_report.errors import Diagnostic, ReportError

    problems = []
    if finished:
        more = f"这份等 {len(finished)} 份报告" if len(finished) > 1 else "这份报告"
        problems.append(Diagnostic(str(finished[0]), 0, 0, "error", "", f"输出文件夹中已有{more}的输出（上次批量生成的？），未覆盖",
                                   "加 --resume 续做未完成的报告，或加 --force 全部重新生成",
                                   f"{len(finished)} reports already have outputs; use --resume or --force"))
    if summary_path is not None and summary_path.exists() and not replace:
        problems.append(Diagnostic(str(summary_path), 0, 0, "error", "", "汇总表已存在，未覆盖",
                                   "加 --resume 续做并重新汇总，或加 --force", "summary exists"))
    if log_path is not None and log_path.exists() and not replace:
        problems.append(Diagnostic(str(log_path), 0, 0, "error", "", "上次批量的检查记录已存在，未覆盖",
                                   "加 --resume 续做，或加 --force 重新生成", "batch log exists"))
    if problems:
        raise ReportError(problems)


def _pdf_is_current(docx: Path) -> bool:
    """Whether a resumed report's PDF exists and is newer than its .docx."""
    pdf = docx.with_suffix(".pdf")
    try:
        return pdf.stat().st_mtime >= docx.stat().st_mtime
    except OSError:
        return False
