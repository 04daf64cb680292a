"""``lawgov-report new``: next year's draft keeps every comment, moves the year and the figures on,
clears what the clerk must fill in, and carries last year's plans as the checklist."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from lawgov_report.errors import ReportError
from lawgov_report.pipeline import load_report, render_file


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def draft(example, tmp_path_factory):
    target = tmp_path_factory.mktemp("new") / "lushan-2021.yaml"
    result = run("new", example, "-o", target)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return target, result


def comments(text: str) -> list[str]:
    """Every comment of a YAML text: whole comment lines, and comments after a value."""
    out = []
    for line in text.split("\n"):
        if line.lstrip().startswith("#"):
            out.append(line.strip())
        else:
            m = re.search(r"\s#\s.*$", line)
            if m:
                out.append(m.group(0).strip())
    return out


def test_draft_is_structurally_valid_and_moves_the_year(draft, example):
    target, result = draft
    old = load_report(example).report
    new = load_report(target).report  # validates; raises on any structural mistake
    assert new.year == old.year + 1
    assert f"{old.year}年 → {old.year + 1}年" in result.stdout
    assert new.sections[0].title == old.sections[0].title  # "{{ year }}年主要工作" follows by itself


def test_every_comment_of_the_original_is_kept(draft, example):
    target, _ = draft
    original = example.read_text(encoding="utf-8")
    produced = target.read_text(encoding="utf-8")
    # (but the opening comment's "2020 年度", which moves on with the year)
    head, _, rest = original.partition("\n\n")
    original = re.sub(r"(?<!\d)2020(?=\s*年度)", "2021", head) + "\n\n" + rest
    kept = comments(produced)
    missing = [c for c in comments(original) if c not in kept]
    assert not missing
    # whole comment lines are kept verbatim, in their order
    lines = [line for line in original.split("\n") if line.lstrip().startswith("#")]
    produced_lines = produced.split("\n")
    positions = [produced_lines.index(line) for line in lines]
    assert positions == sorted(positions)


def test_figures_move_to_previous_and_are_left_to_fill(draft, example):
    target, result = draft
    old = load_report(example)
    new = load_report(target)
    moved = 0
    for name, figure in old.report.figures.items():
        if figure.formula is not None or figure.value is None:
            continue
        assert new.report.figures[name].previous == figure.value, name
        assert new.report.figures[name].value is None, name
        moved += 1
    assert moved >= 35
    assert f"{moved} 个数据的本年数值" in result.stdout
    lines = target.read_text(encoding="utf-8").split("\n")
    for name in new.report.figures:
        if new.report.figures[name].previous is not None:  # visibly empty where it is declared
            line = lines[new.source.locate(("figures", name), key=True)[0] - 1]
            assert "value: null" in line or "待填写" in line, line


def test_the_draft_is_reported_incomplete_figure_by_figure(draft, tmp_path):
    target, _ = draft
    with pytest.raises(ReportError) as caught:
        render_file(target, tmp_path)
    unfilled = [d for d in caught.value.diagnostics if d.path.startswith("figures.")]
    assert len(unfilled) >= 35
    assert all(d.file == str(target) and d.line > 0 for d in unfilled)
    assert not list(tmp_path.iterdir())


def test_last_years_plans_are_carried_as_the_checklist(draft, example):
    target, result = draft
    old = load_report(example).report
    plan_section = next(s for s in old.sections if "year + 1" in s.title)
    new = load_report(target).report
    assert [item.plan for item in new.plan_review] == [s.title for s in plan_section.sections]
    with_points = [s for s in plan_section.sections if s.paragraphs and s.paragraphs[0].points]
    carried = {item.plan: item.details for item in new.plan_review}
    for section in with_points:
        assert carried[section.title] == section.paragraphs[0].points
    assert f"上年工作计划 {len(plan_section.sections)} 项" in result.stdout
    # the plan section stays, its body cleared for next year's plans (test_yearover_plan.py)
    assert any("year + 1" in s.title for s in new.sections)


def test_refuses_to_overwrite_without_force(example, tmp_path):
    target = tmp_path / "next.yaml"
    target.write_text("precious", encoding="utf-8")
    result = run("new", example, "-o", target)
    assert result.returncode == 1
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    assert run("new", example, "-o", target, "--force").returncode == 0
    assert load_report(target).report.year == load_report(example).report.year + 1


def test_never_overwrites_last_years_file(tmp_path, example):
    last = tmp_path / "report.yaml"
    last.write_bytes(example.read_bytes())
    result = run("new", last, "-o", last, "--force")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert last.read_bytes() == example.read_bytes()


def test_default_name_follows_the_year(tmp_path, example):
    last = tmp_path / "lushan-2020.yaml"
    last.write_bytes(example.read_bytes())
    assert run("new", last).returncode == 0
    assert (tmp_path / "lushan-2021.yaml").exists()


SHAPES = """\
issuer: 某县人民政府  # 发文机关
year: 2020
title:
  - 某县人民政府
  - 关于2020年度法治政府建设情况的报告   # 标题里直接写的年份
doc_number: 某政〔2021〕5号
date: 2021-03-05   # 成文日期
sections:
  - title: "{{ year }}年工作"
    paragraphs:
      - 受理{{ 受理数 }}件，结案{{ 结案数 }}件，满意度{{ 满意度 }}，2020年全部办结。
  - title: 下一年度工作安排
    paragraphs:
      - points:
          - 继续推进依法行政。
          - 加强执法监督。
figures:
  受理数:            # 块状写法
    label: 受理案件
    value: 18       # 本年
    unit: 件
  结案数: {value: 17, previous: 12, unit: 件}
  满意度: 98%
  比例: {formula: 结案数 / 受理数 * 100, unit: "%"}
"""


def test_every_shape_of_figure_and_header(tmp_path):
    last = tmp_path / "shapes-2020.yaml"
    last.write_text(SHAPES, encoding="utf-8")
    result = run("new", last)
    assert result.returncode == 0, result.stderr
    target = tmp_path / "shapes-2021.yaml"
    text = target.read_text(encoding="utf-8")
    report = load_report(target).report
    assert report.year == 2021
    assert report.title == ["某县人民政府", "关于2021年度法治政府建设情况的报告"]
    assert report.date is None and report.doc_number is None
    assert re.search(r"^date: +# 成文日期$", text, re.M)
    assert re.search(r"^doc_number: # 待填写发文字号$", text, re.M)
    figures = report.figures
    assert (figures["受理数"].value, figures["受理数"].previous, figures["受理数"].unit) == (None, 18, "件")
    assert "    value: # 待填写本年数值" not in text and re.search(r"^    value: +# 本年$", text, re.M)
    assert (figures["结案数"].value, figures["结案数"].previous) == (None, 17)
    assert (figures["满意度"].value, figures["满意度"].previous, figures["满意度"].unit) == (None, 98, "%")
    assert figures["比例"].formula and figures["比例"].previous is None  # computed from its inputs
    assert [item.plan for item in report.plan_review] == ["继续推进依法行政。", "加强执法监督。"]
    # the year typed in a text (it will not move on) is pointed out, at its line in the new file
    line = next(i for i, t in enumerate(text.split("\n"), start=1) if "2020年全部办结" in t)
    assert f"{target}:{line}:" in result.stderr and "“2020”" in result.stderr
    assert comments(SHAPES) == [c for c in comments(text) if c in comments(SHAPES)]


def test_a_second_year_replaces_the_checklist(draft, tmp_path):
    target, _ = draft
    text = target.read_text(encoding="utf-8")
    filled = re.sub(r"value: null, previous: (\d+)", r"value: \1, previous: \1", text)
    second = tmp_path / "lushan-2021.yaml"
    second.write_text(filled, encoding="utf-8")
    result = run("new", second, "-o", tmp_path / "lushan-2022.yaml")
    assert result.returncode == 0, result.stderr
    produced = (tmp_path / "lushan-2022.yaml").read_text(encoding="utf-8")
    assert len(re.findall(r"^plan_review:", produced, re.M)) == 1
    assert load_report(tmp_path / "lushan-2022.yaml").report.year == 2022


def test_check_lists_exactly_the_figures_to_fill(draft):
    """``check`` (issue 4) finds the draft structurally sound and lists what is still to fill in."""
    import json

    from lawgov_report.cli import COMMANDS

    if "check" not in COMMANDS:
        pytest.skip("check is not part of this build yet")
    target, _ = draft
    result = run("check", target, "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [d for d in json.loads(result.stdout)["diagnostics"] if d["severity"] == "error"]
    to_fill = {name for name, f in load_report(target).report.figures.items() if f.previous is not None}
    figures = [d for d in errors if d["path"].startswith("figures.")]
    assert {d["path"].split(".", 1)[1] for d in figures} == to_fill
    assert all(d["file"] == str(target) and d["line"] > 0 for d in errors)
    # anything else is a consequence of a figure still to fill (a text that formats its value)
    assert all(any(name in d["message"] for name in to_fill) for d in errors if d not in figures)


def test_a_printed_reports_dates_and_numbers_are_cleared(root, tmp_path):
    """发文字号, 成文日期, 印发日期 and 份号 belong to last year's document; 版头 and 版记 keys stay."""
    target = tmp_path / "next.yaml"
    result = subprocess.run([sys.executable, "-m", "lawgov_report", "new", str(root / "examples" / "lushan-2020-print.yaml"),
                             "-o", str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "成文日期、发文字号、印发日期、份号" in result.stdout
    report = load_report(target).report
    assert (report.date, report.doc_number, report.imprint.printed_on, report.masthead.copy_number) == (None,) * 4
    assert report.masthead.signers == ["李明"] and report.imprint.printed_by == "鲁山县人民政府办公室"


def test_a_county_folder_moves_on_a_year_at_once(example, tmp_path):
    """The justice bureau's case: every unit's report, sub-folders kept; a broken one is named and the
    others are still made."""
    last = tmp_path / "2020"
    for sub, name in (("乡镇", "城关镇-2020.yaml"), ("部门", "司法局2020.yaml")):
        (last / sub).mkdir(parents=True, exist_ok=True)
        (last / sub / name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (last / "部门" / "坏.yaml").write_text("issuer: 甲\nyear：2020\n", encoding="utf-8")
    result = run("new", last, "-o", tmp_path / "2021")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (tmp_path / "2021" / "乡镇" / "城关镇-2021.yaml").is_file()
    assert (tmp_path / "2021" / "部门" / "司法局2021.yaml").is_file()
    assert re.search(r"坏\.yaml:2:\d+: 错误", result.stderr), result.stderr
    assert "共 3 份：已生成 2 份，失败 1 份" in result.stdout
    made = load_report(tmp_path / "2021" / "乡镇" / "城关镇-2021.yaml").report
    assert made.year == 2021
    again = run("new", last, "-o", tmp_path / "2021")
    assert again.returncode == 1 and again.stderr.count("输出文件已存在") == 2
    no_target = run("new", last)
    assert no_target.returncode == 1 and "-o 指定新年度的文件夹" in no_target.stderr


def test_the_opening_comment_names_the_new_year(tmp_path):
    """The file's opening comment says which year's report it is; a year elsewhere in it (the
    seed's file name) is the clerk's and stays."""
    target = tmp_path / "lushan-2021.yaml"
    subprocess.run([sys.executable, "-m", "lawgov_report", "new", "examples/lushan-2020.yaml", "-o", str(target)],
                   check=True, capture_output=True)
    opening = target.read_text(encoding="utf-8").splitlines()[1]
    assert "2021 年度法治政府建设情况报告" in opening and "lushan-2020-report.txt" in opening
