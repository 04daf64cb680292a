"""The ``lawgov-report`` command line: one module per verb under ``lawgov_report.commands``.

Verbs are imported only when run, so ``lawgov-report --help`` starts fast; the heavy libraries
(jinja2, lxml, openpyxl) load with the verb that needs them.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

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
    "form": ("form", "生成数据填报表 .xlsx（一份报告，或全县各单位），发出去在 Excel/WPS 里填写"),
    "fill": ("fill", "把填好的数据填报表读入报告的数据（figures），保留注释；逐格报告错误"),
    "diff": ("diff", "比对两份报告：数据变化、增删改移；可生成 Word 修订稿和数据对比表"),
    "merge": ("merge", "把审阅修改过的 .docx（含修订、批注）写回报告 YAML，保留注释"),
    "import": ("import_", "把已有的报告（Word .docx 或 .txt）导入为报告 YAML，并与原文逐段比对"),
}


# click's own usage errors, as a clerk reads them (click has no Chinese catalogue).
_USAGE_ZH = [
    (re.compile(r"No such command '(.+)'\."), "没有这个命令：{0}"),
    (re.compile(r"No such option:? '?([^'\s]+)'?"), "没有这个选项：{0}"),
    (re.compile(r"Missing argument '(.+)'\."), "缺少参数 {0}"),
    (re.compile(r"Missing option '(.+)'\."), "缺少选项 {0}"),
    (re.compile(r"Option '(.+)' requires an argument\."), "选项 {0} 后面要写一个值"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), "多余的参数：{0}"),
    (re.compile(r"Invalid value for '(.+?)': (?:File|Path|Directory) '(.+)' does not exist\."), "{0}：找不到 {1}"),
    (re.compile(r"Invalid value for '(.+?)': (?:File|Path) '(.+)' is a directory\."), "{0}：{1} 是文件夹，这里要一个文件"),
    (re.compile(r"Invalid value for '(.+?)': (?:Directory|Path) '(.+)' is a file\."), "{0}：{1} 是文件，这里要一个文件夹"),
    (re.compile(r"Invalid value for '(.+?)': '(.+)' is not a valid integer( range)?\."), "{0}：“{1}”不是整数"),
    (re.compile(r"Invalid value for '(.+?)': '(.+)' is not one of (.+)\."), "{0}：“{1}”不是可选值之一（{2}）"),
    (re.compile(r"Invalid value for '(.+?)': (.+)"), "{0} 的值有误：{1}"),
]


def usage_zh(message: str) -> str:
    """A click usage message in Chinese (the English one where no translation matches)."""
    for pattern, zh in _USAGE_ZH:
        m = pattern.search(message)
        if m:
            return zh.format(*m.groups())
    return message


def _tolerant_streams() -> None:
    """Never crash on a console that cannot show a character (a GBK/cp936 console and 😀, say):
    such a character is printed as ? instead of raising UnicodeEncodeError mid-report."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "strict") == "strict":
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):  # a detached or closed stream: leave it
                pass


# click's own words in a command's help (Usage:, Options, [default: …]), in Chinese. click looks them
# up through gettext each time it prints, by the name ``_`` in its modules; no catalogue is shipped.
_CLICK_ZH = {"Usage:": "用法：", "Options": "选项", "Commands": "命令", "default: {default}": "默认：{default}",
             "env var: {var}": "环境变量：{var}", "required": "必填"}


def _click_in_chinese() -> None:
    import click.core
    import click.formatting

    for module in (click.core, click.formatting):
        english = getattr(module, "_", None)
        if english is not None and not getattr(english, "chinese", False):
            def chinese(message: str, english=english) -> str:
                return _CLICK_ZH.get(message) or english(message)

            chinese.chinese = True
            module._ = chinese


class _ChineseHelp:
    """A command's -h/--help option, described in Chinese (click's own says "Show this message and exit.")."""

    def __init__(self, make):
        self.make = make

    def __call__(self, ctx):
        option = self.make(ctx)
        if option is not None:
            option.help = "显示帮助并退出"
        return option


class LazyGroup(click.Group):
    """A click group whose verbs are imported on first use."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the CLI as a clerk sees it: tolerant streams, NO_COLOR, usage errors in Chinese (exit 2)."""
        _tolerant_streams()
        _click_in_chinese()
        if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
            extra.setdefault("color", False)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # the command alone: its help, not an error
                click.echo(exc.format_message())
                sys.exit(0)
            command = exc.ctx.command_path if exc.ctx else "lawgov-report"
            click.echo(f"错误：{usage_zh(exc.format_message())}", err=True)
            click.echo(f"用法：{exc.ctx.get_usage().removeprefix('用法： ') if exc.ctx else command}", err=True)
            click.echo(f"查看帮助：{command} --help", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"错误：{exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中断。", err=True)
            sys.exit(1)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"lawgov_report.commands.{COMMANDS[name][0]}")
        command = module.command
        if not isinstance(command.get_help_option, _ChineseHelp):
            command.get_help_option = _ChineseHelp(command.get_help_option)
        return command

    def get_help_option(self, ctx):
        return _ChineseHelp(super().get_help_option)(ctx)

    def format_commands(self, ctx, formatter):
        rows = [(name, help_text) for name, (_, help_text) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lawgov-report", prog_name="lawgov-report", help="显示版本并退出",
                      message="%(prog)s 版本 %(version)s")
def main():
    """法治政府建设情况报告生成工具 lawgov-report.

    \b
    一份报告 = 一个 YAML 文件。常用：
      lawgov-report render 报告.yaml -o 输出文件夹
    """
