"""CLI transcripts for ``render``: command, input, output, exit code; never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_render_writes_docx(example, tmp_path):
    result = run("render", example, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "lushan-2020.docx").stat().st_size > 5000
    assert "已生成" in result.stdout


def test_existing_output_is_kept_without_force(example, tmp_path):
    target = tmp_path / "lushan-2020.docx"
    target.write_bytes(b"precious")
    result = run("render", example, "-o", tmp_path)
    assert result.returncode == 1
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == b"precious"
    assert run("render", example, "-o", tmp_path, "--force").returncode == 0
    assert target.read_bytes()[:2] == b"PK"


def test_o_may_name_the_docx_itself(example, tmp_path):
    """-o 2021年报告.docx writes that file (and its .xlsx beside it), not a folder of that name."""
    target = tmp_path / "出" / "2021年报告.docx"
    result = run("render", example, "-o", target, "--edition", "web")
    assert result.returncode == 0, result.stderr
    assert target.is_file() and target.with_suffix(".xlsx").is_file()
    again = run("render", example, "-o", target, "--edition", "web")
    assert again.returncode == 1 and "已存在" in again.stderr
    assert run("render", example, "-o", target, "--edition", "web", "--force").returncode == 0
    two = run("render", example, tmp_path / "x.yaml", "-o", target)
    assert two.returncode == 1 and "-o 应是文件夹" in two.stderr
    plain = tmp_path / "afile"
    plain.write_text("mine", encoding="utf-8")
    refused = run("render", example, "-o", plain)
    assert refused.returncode == 1 and "已有的文件" in refused.stderr and plain.read_text(encoding="utf-8") == "mine"


def test_several_files_end_with_one_count_of_everything(example, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("issuer: 甲县人民政府\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
                   '      - "开展工作{{ 乙 }}次。"\n', encoding="utf-8")
    result = run("render", example, bad, "-o", tmp_path / "out", "--edition", "web")
    assert result.returncode == 1
    warnings = result.stderr.count(": 警告 ")
    assert warnings > 3 and result.stderr.rstrip().splitlines()[-1] == f"发现 1 个错误、{warnings} 个警告"


BROKEN = [
    # (name, text, line, keyword)
    ("fullwidth-colon", "issuer: 鲁山县人民政府\nyear：2020\nsections:\n  - title: 主要工作\n", 2, "全角冒号"),
    ("tab", "issuer: 县政府\nyear: 2020\nsections:\n\t- title: 主要工作\n", 4, "Tab"),
    ("missing-year", "issuer: 县政府\nsections:\n  - title: 主要工作\n", 1, "year"),
    ("year-chinese", "issuer: 县政府\nyear: 二〇二〇\nsections:\n  - title: 主要工作\n", 2, "整数"),
    ("unknown-key", "issuer: 县政府\nyear: 2020\nsecitons:\n  - title: 主要工作\n", 3, "sections"),
    ("undefined-figure", "issuer: 县政府\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
     "      - 受理{{ 受理数 }}件\n", 6, "受理数"),
    ("duplicate-key", "issuer: 县政府\nyear: 2020\nyear: 2021\nsections:\n  - title: 主要工作\n", 3, "重复"),
    ("broken-braces", "issuer: 县政府\nyear: 2020\nsections:\n  - title: \"{{ year }年\"\n", 4, "{{"),
    ("sandbox", "issuer: 县政府\nyear: 2020\nsections:\n  - title: \"{{ ''.__class__.__mro__ }}\"\n", 4, "安全"),
    ("binary", "\x00\x01PK\x03\x04", 1, "二进制"),
]


@pytest.mark.parametrize("name,text,line,keyword", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_input_is_located_and_writes_nothing(tmp_path, name, text, line, keyword):
    src = tmp_path / f"{name}.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", src, "-o", out)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{src}:{line}:"), first
    assert keyword in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_missing_file(tmp_path):
    result = run("render", tmp_path / "nope.yaml", "-o", tmp_path)
    assert result.returncode == 1 and "找不到文件" in result.stderr and "Traceback" not in result.stderr


def test_own_template_folder_overrides_one_file(example, tmp_path, root):
    """A user template extends the packaged one and overrides only the document frame."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "template.yaml").write_text("name: mine\nextends: annual-report\n", encoding="utf-8")
    frame = (root / "templates" / "annual-report" / "report.xml.j2").read_text(encoding="utf-8")
    frame = frame.replace("{% block closing %}", "{% block closing %}<p>特此报告。</p>\n")
    (mine / "report.xml.j2").write_text(frame, encoding="utf-8")
    result = run("render", example, "-o", tmp_path / "out", "--template", mine)
    assert result.returncode == 0, result.stderr
    import docx

    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out" / "lushan-2020.docx")).paragraphs]
    # The closing ends the body: then come the blank line and the 附件说明 of the statistics appendix.
    note = paragraphs.index("附件：2020年度法治政府建设主要数据统计表")
    assert paragraphs[note - 2:note] == ["特此报告。", ""]


def test_unknown_template_lists_available(example, tmp_path):
    result = run("render", example, "-o", tmp_path, "--template", "nosuch")
    assert result.returncode == 1 and "annual-report" in result.stderr


def test_help_lists_render():
    result = run("--help")
    assert result.returncode == 0 and "render" in result.stdout


@pytest.mark.parametrize("args", [["-h"], ["render", "-h"], ["check", "--help"], ["batch", "-h"]])
def test_help_is_in_chinese_down_to_its_own_line(args):
    result = run(*args)
    assert result.returncode == 0 and "显示帮助并退出" in result.stdout and "Show this message" not in result.stdout
