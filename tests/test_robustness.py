"""What a release review found: inputs that hung, crashed or overwrote. Each is now a located
Chinese error, fast, with no traceback and nothing written."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

MINIMAL = "issuer: 某县人民政府\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n      - {text}\nfigures:\n{figures}"


def run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def report(tmp_path, text="开展工作{{ 甲 }}次。", figures="  甲: 9\n", name="r.yaml"):
    path = tmp_path / name
    path.write_text(MINIMAL.format(text=f'"{text}"', figures=figures), encoding="utf-8")
    return path


CASES = [
    # (figures, keyword of the message, line of the error)
    ('  甲: 9\n  乙: {formula: "((((甲 ** 100) ** 100) ** 100) ** 100)"}\n', "过大", 9),
    ('  甲: 9\n  乙: {formula: "甲 ** 甲 ** 甲 ** 甲"}\n', "过大", 9),
    ('  甲: 9\n  乙: {formula: "(-甲) ** 0.5"}\n', "不是有效的数", 9),
    ("  甲: .inf\n", "确定的数", 8),
    ("  甲: .nan\n", "确定的数", 8),
    ("  甲: " + "9" * 500 + "\n", "过大", 8),
]


@pytest.mark.parametrize("figures,keyword,line", CASES, ids=["power-chain", "power-tower", "complex", "inf", "nan",
                                                             "500-digits"])
def test_numbers_that_would_hang_or_crash(tmp_path, figures, keyword, line):
    src = report(tmp_path, figures=figures)
    start = time.monotonic()
    result = run("render", src, "-o", tmp_path / "out")
    assert time.monotonic() - start < 20
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert keyword in result.stderr and f"{src}:{line}:" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["{{ " + "(" * 500 + "甲" + ")" * 500 + " }}",
                                  "{% if 甲 %}" * 200 + "x" + "{% endif %}" * 200],
                         ids=["500-brackets", "200-nested-ifs"])
def test_texts_nested_too_deep(tmp_path, text):
    src = report(tmp_path, text=text)
    result = run("check", src)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "嵌套太深" in result.stdout + result.stderr


def test_output_folder_that_is_a_file(tmp_path):
    src = report(tmp_path)
    (tmp_path / "afile").write_text("x")
    result = run("render", src, "-o", tmp_path / "afile" / "sub")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "无法写入" in result.stderr and "afile/sub/r.docx" in result.stderr


def test_two_inputs_with_one_output_name(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = report(tmp_path / "a"), report(tmp_path / "b")
    result = run("render", first, second, "-o", tmp_path / "out", "--force")
    assert result.returncode == 1 and "同名" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_reports_unusable_template_is_located_at_its_template_line(tmp_path):
    src = tmp_path / "r.yaml"
    src.write_text("template: /etc\n" + MINIMAL.format(text='"开展工作{{ 甲 }}次。"', figures="  甲: 9\n"),
                   encoding="utf-8")
    result = run("render", src, "-o", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{src}:1:11: 错误 template:"), result.stderr
    assert "not found" not in result.stderr
