"""``lawgov-report init``: write a blank, commented report for a new unit."""

from __future__ import annotations

from pathlib import Path

import click

from lawgov_report.commands.common import handle_errors, require_suffix, template_dir_option, template_option


@click.command("init")
@click.option("-o", "--output", "output", default="report.yaml", show_default=True, metavar="文件",
              help="写入的报告文件；写 - 则输出到屏幕")
@template_option
@template_dir_option
@click.option("--year", type=click.IntRange(1949, 2200), default=None, metavar="年度",
              help="报告年度（默认：去年）")
@click.option("--issuer", default=None, metavar="发文机关", help="如 鲁山县人民政府（默认留作“××县人民政府”待填）")
@click.option("-f", "--force", is_flag=True, help="文件已存在时覆盖")
@handle_errors
def command(output, template, template_dirs, year, issuer, force):
    """生成一份带注释的空白报告 YAML，供新单位填写。

    \b
    空白报告按厅字〔2019〕28号分五个部分，“待补充”处换成实际内容，
    然后用 lawgov-report check 检查，按提示修改，最后 render 生成 Word 文件。
    同一文件夹里还会生成编辑器提示文件 report.schema.json（已有则不动）。
    例：lawgov-report init -o 2024.yaml --issuer 鲁山县人民政府 --year 2024
    """
    from lawgov_report.atomic import write_bytes
    from lawgov_report.compose.blank import blank_report
    from lawgov_report.compose.templates import load_template

    if output != "-":
        require_suffix(output, (".yaml", ".yml"), "空白报告是 YAML 文件", "要生成 Word 文件，填写后用 render")
    text = blank_report(load_template(template, tuple(template_dirs)), template, year, issuer)
    if output == "-":
        click.echo(text, nl=False)
        return
    target = write_bytes(output, text.encode("utf-8"), overwrite=force)
    click.echo(f"已生成 {target}")
    schema = target.parent / "report.schema.json"
    if not schema.exists():
        from lawgov_report.source.schema import schema_text

        write_bytes(schema, schema_text().encode("utf-8"), overwrite=False)
        click.echo(f"已生成 {schema}（编辑器提示文件：VS Code 的 YAML 扩展据此自动补全和检查）")
    click.echo(f"下一步：填写 {Path(output).name} 中的“待补充”，然后运行 lawgov-report check {output}")
