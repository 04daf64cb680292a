"""Terminals as clerks have them: a GBK console, NO_COLOR, click's own usage errors in Chinese."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

BAD = "year: 2020\nissuer: 鲁山县人民政府\n😀备注: 1\nsections:\n  - title: 工作\n    paragraphs:\n      - 受理案件\n"


def run(args, cwd, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=60, **kw)


@pytest.fixture
def emoji_report(tmp_path) -> Path:
    path = tmp_path / "emoji.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_gbk_console_text_output_never_crashes(emoji_report, tmp_path):
    result = run(["check", emoji_report], tmp_path, {"PYTHONIOENCODING": "gbk"})
    out = (result.stdout + result.stderr).decode("gbk")
    assert result.returncode == 1
    assert "Traceback" not in out and "UnicodeEncodeError" not in out
    assert "emoji.yaml:3:1:" in out and "?备注" in out  # the message is there, the 😀 shown as ?


def test_gbk_console_json_is_utf8(emoji_report, tmp_path):
    result = run(["check", "--format", "json", emoji_report], tmp_path, {"PYTHONIOENCODING": "gbk"})
    assert result.returncode == 1, result.stderr.decode("gbk", "replace")
    assert b"Traceback" not in result.stderr
    data = json.loads(result.stdout.decode("utf-8"))
    assert any("😀备注" in d["message"] for d in data["diagnostics"])


def _pty_run(args, cwd, env):
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd, stdout=slave,
                            stderr=slave, env={**os.environ, **env})
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_and_no_color_honoured(emoji_report, tmp_path):
    coloured = _pty_run(["check", emoji_report], tmp_path, {})
    assert "\x1b[" in coloured  # a terminal gets colour ...
    plain = _pty_run(["check", emoji_report], tmp_path, {"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "emoji.yaml:3:1:" in plain  # ... unless NO_COLOR says no


@pytest.mark.parametrize("args, expected", [
    (["nosuch"], "没有这个命令：nosuch"),
    (["render", "."], "是文件夹"),
    (["render"], "缺少参数"),
    (["render", "--nosuch", "x.yaml"], "没有这个选项：--nosuch"),
    (["batch", "-j", "abc", "."], "不是整数"),
])
def test_usage_errors_in_chinese_with_exit_2(tmp_path, args, expected):
    result = run(args, tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert expected in err and "用法：" in err and "Traceback" not in err
