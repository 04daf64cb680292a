"""A clerk's help screen is in Chinese, click's own words (Usage, Options, [default: …]) included."""

from __future__ import annotations

import subprocess
import sys


def test_help_has_no_english_headings():
    for args in (["--help"], ["check", "--help"], ["render", "-h"]):
        out = subprocess.run([sys.executable, "-m", "lawgov_report", *args], capture_output=True, text=True,
                             encoding="utf-8", timeout=60).stdout
        assert out.startswith("用法：") and "选项:" in out
        for english in ("Usage:", "Options:", "Commands:", "[default:", "Show the version"):
            assert english not in out, (args, english)
    assert "[默认：zh]" in subprocess.run([sys.executable, "-m", "lawgov_report", "check", "--help"],
                                         capture_output=True, text=True, encoding="utf-8").stdout


def test_the_command_alone_shows_its_help_and_the_version_is_in_chinese():
    alone = subprocess.run([sys.executable, "-m", "lawgov_report"], capture_output=True, text=True, encoding="utf-8",
                           timeout=60)
    assert alone.returncode == 0 and alone.stdout.startswith("用法：") and not alone.stderr  # (it said 错误：)
    version = subprocess.run([sys.executable, "-m", "lawgov_report", "--version"], capture_output=True, text=True,
                             encoding="utf-8", timeout=60)
    assert version.stdout.startswith("lawgov-report 版本 ")
