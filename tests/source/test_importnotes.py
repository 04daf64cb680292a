"""check says where import's ``# 未识别`` notes are still in a report file, and nowhere else."""

from __future__ import annotations

import subprocess
import sys

from lawgov_report.pipeline.check import check_file

NO_YEAR = "关于法治政府建设情况的报告\n\n一、主要工作\n（一）加强学习。开展学习活动12次。\n\n二、存在的问题\n问题不少。\n\n某某县人民政府\n"


def notes(path):
    return [d for d in check_file(path).diagnostics if "导入时留下的提示" in d.message]


def test_a_year_import_could_not_find_is_pointed_at_until_the_note_goes(tmp_path):
    original = tmp_path / "原文.txt"
    original.write_text(NO_YEAR, encoding="utf-8")
    report = tmp_path / "报告.yaml"
    done = subprocess.run([sys.executable, "-m", "lawgov_report", "import", str(original), "-o", str(report)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    year_line = next(i for i, line in enumerate(lines, start=1) if line.startswith("year:"))
    found = notes(report)
    assert [(d.line, d.severity) for d in found] == [(year_line, "warning")]
    assert "没有找到年度" in found[0].message and found[0].col == lines[year_line - 1].index("#") + 1
    # the clerk checks the year and deletes the note: nothing more is said
    report.write_text("\n".join(line.split("  #")[0] if line.startswith("year:") else line for line in lines) + "\n",
                      encoding="utf-8")
    assert notes(report) == []


def test_the_same_words_in_a_text_are_the_clerks_own(tmp_path):
    report = tmp_path / "r.yaml"
    report.write_text('issuer: 甲县人民政府\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n'
                      '      - "开展工作 # 未识别 是原话"\n      - |\n        块文字\n        # 未识别 也是文字\n'
                      "# 未识别（原文第 9 段，无法归入）：附表一\n", encoding="utf-8")
    assert [(d.line, d.col) for d in notes(report)] == [(10, 1)]
