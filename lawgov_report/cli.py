"""The ``lawgov-report`` command line: one module per verb under ``lawgov_report.commands``.

Verbs are imported only when run, so ``lawgov-report --help`` starts fast; the heavy libraries
(python-docx, openpyxl, jinja2, lxml) load with the verb that needs them.
"""

from __future__ import annotations

import importlib

import click

# verb -> (module under lawgov_report.commands, one-line help shown by --help)
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("render", "把报告 YAML 生成为公文格式 .docx（及统计表 .xlsx）"),
    "check": ("check", "检查报告 YAML：所有错误和不规范之处，逐条标明行号，不生成文件"),
    "schema": ("schema", "输出报告文件的 JSON Schema（供 VS Code 等编辑器自动补全和校验）"),
    "init": ("init", "生成一份带注释的空白报告 YAML，供新单位填写"),
    "batch": ("batch", "批量生成一个县所有单位的报告，并生成数据汇总表"),
    "preview": ("preview", "预览页面：每页一张 PNG，另有全部页面总览图（经 LibreOffice）"),
    "new": ("new", "从上一年度的报告生成新年度的草稿（数值移到上年、保留注释）"),
    "diff": ("diff", "比对两份报告：数据变化、增删改移；可生成 Word 修订稿和数据对比表"),
    "merge": ("merge", "把审阅修改过的 .docx（含修订、批注）写回报告 YAML，保留注释"),
    "import": ("import_", "把已有的报告（Word .docx 或 .txt）导入为报告 YAML，并与原文逐段比对"),
}


class LazyGroup(click.Group):
    """A click group whose verbs are imported on first use."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"lawgov_report.commands.{COMMANDS[name][0]}")
        return module.command

    def format_commands(self, ctx, formatter):
        rows = [(name, help_text) for name, (_, help_text) in COMMANDS.items()]
        with formatter.section("命令 Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lawgov-report", prog_name="lawgov-report")
def main():
    """法治政府建设情况报告生成工具 lawgov-report.

    \b
    一份报告 = 一个 YAML 文件。常用：
      lawgov-report render 报告.yaml -o 输出文件夹
    """
