"""``lawgov-report check``: validate and lint report files without rendering them."""

from __future__ import annotations

import json
import sys

import click

from lawgov_report.commands.common import (EXIT_FINDINGS, EXIT_OK, echo_diagnostics, handle_errors,
                                           edition_option, template_dir_option, template_option)


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@template_option
@template_dir_option
@edition_option
@click.option("--strict", is_flag=True, help="有警告也算不通过（退出码 1）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式：text（给人看）或 json（给工具用）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="提示语言：zh 中文，en 英文（给维护人员）")
@handle_errors
def command(files, template, template_dirs, edition, strict, fmt, lang):
    """检查报告 YAML：找出所有错误和不规范之处，不生成文件。

    \b
    每个问题一行：文件:行:列: 错误|警告 位置: 说明，下一行是修改提示。
    有错误时退出码为 1；只有警告时为 0（加 --strict 则为 1）。
    例：lawgov-report check examples/lushan-2020.yaml
        lawgov-report check 2021/*.yaml --strict --format json
    """
    from lawgov_report.pipeline.check import check_file, diagnostics_json

    paths = expand(files)
    if not paths:
        click.echo("没有找到要检查的 .yaml 文件", err=True)
        raise SystemExit(EXIT_FINDINGS)
    results = [check_file(file, template, tuple(template_dirs), edition=edition) for file in paths]
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    if fmt == "json":
        # JSON is for programs: always UTF-8, whatever the console's code page (GBK on a Chinese Windows)
        data = (json.dumps(diagnostics_json(results), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)  # the bytes under the text stream
        if stream is None:  # a stream without bytes beneath (an IDE's console): text, still valid JSON
            sys.stdout.write(data.decode("utf-8"))
        else:
            stream.write(data)
            stream.flush()
    else:
        everything = [d for r in results for d in r.diagnostics]
        echo_diagnostics(everything, lang=lang, with_summary=False, err=False)
        from lawgov_report.errors import summary

        click.echo(summary(everything, lang))
    failed = errors or (strict and warnings)
    raise SystemExit(EXIT_FINDINGS if failed else EXIT_OK)


def expand(files) -> list[str]:
    """A folder stands for its .yaml files; a pattern such as *.yaml is expanded here too, because
    the Windows command prompt passes it through unexpanded."""
    import glob
    from pathlib import Path

    out: list[str] = []
    for name in files:
        path = Path(name)
        if path.is_dir():
            out += sorted(str(p) for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        elif not path.exists() and any(c in name for c in "*?["):
            out += sorted(glob.glob(name)) or [name]
        else:
            out.append(name)
    return out
