"""``lawgov-report import``: an existing report (.docx or .txt) -> report YAML, checked by rendering it."""

from __future__ import annotations

from pathlib import Path

import click

from lawgov_report.commands.common import (EXIT_FINDINGS, echo_diagnostics, handle_errors,
                                           template_dir_option, template_option)


@click.command("import")
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", default=None, type=click.Path(dir_okay=False), metavar="文件.yaml",
              help="写入的报告 YAML；不填则在原文件旁写 <文件名>.yaml")
@template_option
@template_dir_option
@click.option("-f", "--force", is_flag=True, help="输出文件已存在时覆盖")
@handle_errors
def command(report, output, template, template_dirs, force):
    """把已有的报告（Word .docx 或文本 .txt）导入为报告 YAML。

    识别标题、主送机关、开头、各级标题（一、（一）1.（1））、“一是……二是……”、结尾、附件说明、
    署名和成文日期；正文中的统计数字改写为数据（figures）。导入后立即按模板重新生成一遍，
    与原文逐段比对，不一致之处逐条提示。

    \b
    例：lawgov-report import 2020年报告.docx -o reports/2020.yaml
    """
    from lawgov_report.atomic import write_bytes
    from lawgov_report.errors import Diagnostic, ReportError
    from lawgov_report.readers import import_report, verify

    source = Path(report)
    target = Path(output) if output else source.with_suffix(".yaml")
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise ReportError.single(str(target), "输出文件名应以 .yaml 结尾", hint="例：-o 报告.yaml",
                                 message_en="output must be a .yaml file")
    if source.exists() and target.exists() and target.resolve() == source.resolve():
        raise ReportError.single(str(target), "输出文件不能是被导入的原文件", message_en="output is the input")
    if target.exists() and not force:
        raise ReportError.single(str(target), "输出文件已存在，未覆盖", hint="如需覆盖，请加 --force",
                                 message_en="output exists; use --force")
    tpl_name = _template(template, template_dirs)
    imported = import_report(source, str(source), tpl_name, template)
    try:
        differences = verify.check(imported.yaml, str(target), imported.draft.expected, tpl_name)
    except ReportError as exc:  # the importer wrote YAML the engine rejects: our bug, said plainly
        echo_diagnostics([Diagnostic(d.file, d.line, d.col, d.severity, d.path,
                                     f"导入生成的 YAML 未通过校验（这是程序的问题，请报告）：{d.message}")
                          for d in exc.diagnostics])
        raise SystemExit(EXIT_FINDINGS) from None
    write_bytes(target, imported.yaml.encode("utf-8"), overwrite=force)
    draft = imported.draft
    warnings = _unplaced(draft, source) + verify.as_warnings(str(source), differences)
    echo_diagnostics(warnings, with_summary=False)
    headings = sum(1 for _ in draft.walk())
    click.echo(f"已生成 {target}")
    click.echo(f"识别出：标题 {headings} 个，段落 {_paragraphs(draft)} 段，数据 {len(draft.figures)} 项"
               + (f"；未识别 {len(warnings) - len(differences)} 处（已在 YAML 中以“# 未识别”标出）"
                  if len(warnings) > len(differences) else ""))
    for remark in draft.remarks:
        click.echo(f"注意：{remark}")
    if not differences:
        appendix = "；附件统计表由 figures 重新生成，不在比对之内，请核对其中的数据" if draft.statistics_appendix else ""
        click.echo(f"重新生成后与原文逐段一致（标题编号也一致{appendix}）")


def _template(template, template_dirs) -> str | None:
    """Resolve --template-dir once: the template is looked up the way render does."""
    if template_dirs:
        from lawgov_report.compose.templates import load_template

        tpl = load_template(template, tuple(template_dirs))
        return str(tpl.folders[0])
    return template


def _paragraphs(draft) -> int:
    count = len(draft.preamble)
    for section in draft.walk():
        count += len(section.paragraphs)
    return count


def _unplaced(draft, source: Path):
    from lawgov_report.errors import Diagnostic

    notes = list(draft.notes_top) + [n for s in draft.walk() for n in s.notes] + list(draft.notes_end)
    is_text = source.suffix.lower() != ".docx"
    out = []
    for note in notes:
        short = note.text if len(note.text) <= 30 else note.text[:30] + "……"
        # A .txt names the line; a .docx the paragraph (Word counts no lines), said in the message.
        where = "" if is_text else f"第 {note.number} 段"
        out.append(Diagnostic(str(source), note.number, 0, "warning", "",
                              f"{where}未识别（{note.reason}），已作为注释写入 YAML：{short}"))
    return out
