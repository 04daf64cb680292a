"""``lawgov-report schema``: print (or write) the JSON Schema of a report file, in Chinese."""

from __future__ import annotations

import click

from lawgov_report.commands.common import handle_errors, require_suffix


@click.command("schema")
@click.option("-o", "--output", "output", default=None, type=click.Path(dir_okay=False), metavar="文件",
              help="写入文件（如 report.schema.json），不填则输出到屏幕")
@click.option("-f", "--force", is_flag=True, help="文件已存在时覆盖")
@handle_errors
def command(output, force):
    """输出报告文件的 JSON Schema，供 VS Code 等编辑器自动补全和检查。

    \b
    在报告 YAML 的第一行写：
      # yaml-language-server: $schema=report.schema.json
    VS Code 安装 YAML 扩展后，输入时就会提示可用的键和说明，并标出写错的地方。
    例：lawgov-report schema -o report.schema.json
    """
    from lawgov_report.source.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from lawgov_report.atomic import write_bytes

    require_suffix(output, (".json",), "JSON Schema 是 .json 文件")
    write_bytes(output, text.encode("utf-8"), overwrite=force)
    click.echo(f"已生成 {output}")
