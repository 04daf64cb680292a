"""``lawgov-report diff``: the summary of what changed, and the figure workbook recalculated by
LibreOffice."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from support.office import soffice_convert
from support.yearover import dump, edited_copy, load_data, set_figure


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def drafts(example, tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    new, edits = edited_copy(example, folder / "new.yaml")
    return example, new, edits, folder


def test_summary_names_every_edit(drafts):
    old, new, edits, _ = drafts
    result = run("diff", old, new)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "同为2020年的两稿" in out
    figure_line = next(line for line in out.splitlines() if edits.FIGURE in line)
    assert f"{edits.old_value}起 → {edits.new_value}起，+2起（+11.1%）" in figure_line
    assert figure_line.strip().startswith(f"{new}:")
    lines = out.splitlines()

    def one(kind: str, text: str) -> str:
        found = [line for line in lines if kind in line and text in line]
        assert len(found) == 1, (kind, text, out)
        return found[0]

    reworded = one("修改分项", "【认真→全面】落实【增：各级】领导干部学【增：法用】法制度")
    assert reworded.strip().startswith(f"{new}:")
    deleted = one("删除分项", edits.DELETED)
    assert deleted.strip().startswith(f"{old}:")  # where it was
    one("新增分项", edits.ADDED)
    moved = one("移动标题", "→")
    assert any(title in moved for title in edits.SWAPPED)
    # the items of the moved section are not listed one by one, and nothing else is reported
    assert "正文：新增 1 处，删除 1 处，修改 1 处，移动 1 处" in out


def test_same_report_has_no_differences(example):
    result = run("diff", example, example)
    assert result.returncode == 0, result.stderr
    assert "数据：变化 0 项" in result.stdout
    assert "正文：新增 0 处，删除 0 处，修改 0 处，移动 0 处" in result.stdout


def test_two_years_with_the_next_years_draft(example, tmp_path):
    draft = tmp_path / "lushan-2021.yaml"
    assert run("new", example, "-o", draft).returncode == 0
    result = run("diff", example, draft)
    assert result.returncode == 0, result.stderr
    assert "2020年 → 2021年" in result.stdout and "年度：2020 → 2021" in result.stdout
    assert "→ 未填写" in result.stdout
    # the redline needs both reports complete: said in Chinese, at the figures to fill, nothing written
    result = run("diff", example, draft, "-o", tmp_path / "red.docx")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "没有填写数值" in result.stderr and "修订稿" in result.stderr
    assert not (tmp_path / "red.docx").exists()


def test_mistakes_in_both_files_are_reported_at_once(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("issuer: 县政府\nyear：2020\n", encoding="utf-8")
    b.write_text("issuer: 县政府\nyear: 2020\nsecitons: []\n", encoding="utf-8")
    result = run("diff", a, b)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{a}:2:" in result.stderr and f"{b}:3:" in result.stderr


def test_outputs_are_not_overwritten(drafts, tmp_path):
    old, new, _, _ = drafts
    target = tmp_path / "red.docx"
    target.write_bytes(b"precious")
    result = run("diff", old, new, "-o", target, "--xlsx", tmp_path / "d.xlsx")
    assert result.returncode == 1 and "--force" in result.stderr
    assert target.read_bytes() == b"precious" and not (tmp_path / "d.xlsx").exists()
    result = run("diff", old, new, "--xlsx", new, "--force")
    assert result.returncode == 1 and "输入" in result.stderr
    assert "title" in new.read_text(encoding="utf-8")


def test_workbook_recalculates_in_libreoffice(drafts, tmp_path):
    old, _, edits, _ = drafts
    before, after = load_data(old), load_data(old)
    set_figure(before, "督查组数", 0)  # a change from 0 has no percentage: blank, never #DIV/0!
    set_figure(after, "督查组数", 3)
    set_figure(after, edits.FIGURE, edits.old_value + 2)
    del after["figures"]["约谈单位数"]  # only OLD has it: blanks, never #VALUE!
    after["figures"]["新增数据"] = {"label": "新增的指标", "value": 5, "unit": "个"}  # only NEW has it
    old_copy = dump(before, tmp_path / "old.yaml")
    new = dump(after, tmp_path / "new.yaml")
    new.write_text(new.read_text(encoding="utf-8").replace("{{ 约谈单位数 }}家", "若干"), encoding="utf-8")
    workbook = tmp_path / "deltas.xlsx"
    result = run("diff", old_copy, new, "--xlsx", workbook)
    assert result.returncode == 0, result.stderr
    out = soffice_convert(workbook, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    text = out.read_text(encoding="utf-8")
    for bad in ("#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "Err:"):
        assert bad not in text
    header = rows[2]
    assert header[:10] == ["序号", "类别", "数据名", "指标", "单位", "原稿", "新稿", "增减", "增幅", "状态"]
    by_name = {row[2]: row for row in rows[3:]}
    assert by_name[edits.FIGURE][5:10] == [str(edits.old_value), str(edits.old_value + 2), "+2",
                                           f"+{200 / edits.old_value:.1f}%", "变化"]
    assert by_name["督查组数"][5:10] == ["0", "3", "+3", "", "变化"]
    assert by_name["约谈单位数"][5:10] == ["1", "", "", "", "删除"]
    assert by_name["新增数据"][5:10] == ["", "5", "", "", "新增"]
    assert by_name["法治讲座场次"][7:10] == ["0", "0.0%", "未变"]


def test_a_long_paragraphs_summary_is_compared_sentence_by_sentence():
    """Past align.LONG characters the summary's excerpt is worked out sentence by sentence first (a
    50,000-character paragraph compared character by character held `diff` for 16 s): an added and
    a removed sentence show whole, a word added in place as itself, the equal stretches cut short."""
    import random

    from lawgov_report.align import LONG
    from lawgov_report.yearover.compare import inline_diff

    rng = random.Random(3)
    sentences = [f"第{i}项工作：" + "".join(rng.choice("依法行政执法监督复议应诉普法") for _ in range(30)) + "。"
                 for i in range(1, 120)]
    old = "".join(sentences)
    changed = list(sentences)
    changed[10] = changed[10].replace("：", "：进一步", 1)
    del changed[60]
    changed.insert(90, "新增一项：全面推行行政执法公示制度。")
    new = "".join(changed)
    assert len(old) + len(new) > LONG
    shown = inline_diff(old, new)
    assert "【增：进一步】" in shown
    assert "【增：新增一项：全面推行行政执法公示制度。】" in shown
    assert f"【删：{sentences[60]}】" in shown
    assert len(shown) < 600  # (the equal stretches between the changes cut to a little context)
