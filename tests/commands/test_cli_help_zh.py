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
