"""``lawgov-report new`` clears last year's plan section: this year's report writes next year's plans.

Last year's “2021年工作计划” must not come back as “2022年工作计划” with last year's items. The
draft keeps the section's title (its year moved on), replaces the body with a 待填写 placeholder that
``check`` names at its line and column, and keeps last year's items beneath as ``# 上年计划`` comments.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import docx
import pytest

from lawgov_report.pipeline import load_report, render_file
from lawgov_report.yearover.plans import PLACEHOLDER, is_plan_title


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def make(last, target):
    result = run("new", last, "-o", target)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return target.read_text(encoding="utf-8"), result


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


def old_plan(path):
    """Last year's plan section, as loaded (the one whose title says {{ year + 1 }})."""
    report = load_report(path).report
    return next(i for i, s in enumerate(report.sections) if "year + 1" in s.title), report


@pytest.mark.parametrize("name", ["lushan-2020.yaml", "lushan-2020-print.yaml"])
def test_the_plan_section_is_cleared_and_last_years_items_kept_as_comments(root, tmp_path, name):
    last = root / "examples" / name
    target = tmp_path / name.replace("2020", "2021")
    text, result = make(last, target)
    index, old = old_plan(last)
    section = load_report(target).report.sections[index]
    assert section.title == old.sections[index].title == "{{ year + 1 }}年工作计划"  # reads 2022 in 2021's report
    assert [p.text for p in section.paragraphs] == [PLACEHOLDER] and not section.sections
    assert section.numbering == "1."  # the clerk's layout keys stay
    line = line_of(text, PLACEHOLDER)
    beneath = text.split("\n")[line:line + 12]
    items = [s.title for s in old.sections[index].sections]
    assert [c.strip() for c in beneath if "# 上年计划：" in c] == [f"# 上年计划：{t}" for t in items]
    assert "      #   - 推动依法治县工作有序开展。做好县委县政府法律顾问工作。" in beneath
    # none of last year's plan is left in the body of this year's report
    body = "\n".join(l for l in text.split("\n") if not l.lstrip().startswith("#"))
    assert items[1] not in body.split("plan_review:")[0]
    assert f"已清空“2022年工作计划”部分（{target}:{line}）" in result.stdout
    # the rest of new's output is as it was
    assert "上年工作计划 4 项已列入 plan_review" in result.stdout
    assert [i.plan for i in load_report(target).report.plan_review] == items


def test_check_names_the_placeholder_until_it_is_filled(example, tmp_path):
    target = tmp_path / "lushan-2021.yaml"
    text, _ = make(example, target)
    line = line_of(text, PLACEHOLDER)
    col = text.split("\n")[line - 1].index(PLACEHOLDER) + 1
    result = run("check", target)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert f"{target}:{line}:{col}: 警告 sections[2].paragraphs[0]: 还有待填写的占位内容“待填写”" in result.stderr + result.stdout
    filled = text.replace(PLACEHOLDER, "深入推进“八五”普法，全面落实行政执法三项制度。")
    target.write_text(filled, encoding="utf-8")
    after = json.loads(run("check", target, "--format", "json").stdout)["diagnostics"]
    assert not [d for d in after if "待填写的占位" in d["message"]]
    assert not [d for d in after if d["path"].startswith("sections[2]")]


def test_the_rendered_draft_heads_next_years_plans_with_only_the_placeholder(example, tmp_path):
    """The filled-in draft rendered to .docx and read back with python-docx: “三、2022年工作计划”,
    then the placeholder, and not one of last year's plan items."""
    target = tmp_path / "lushan-2021.yaml"
    text, _ = make(example, target)
    target.write_text(re.sub(r"value: null, previous: (\d+)", r"value: \1, previous: \1", text), encoding="utf-8")
    render_file(target, tmp_path)
    paragraphs = [p.text.strip() for p in docx.Document(tmp_path / "lushan-2021.docx").paragraphs if p.text.strip()]
    at = paragraphs.index("三、2022年工作计划")
    assert paragraphs[at + 1] == PLACEHOLDER
    assert not any("大普法" in p or "法律顾问工作" in p for p in paragraphs)


LITERAL = """\
issuer: 某县司法局
year: 2020
sections:
  - title: 2020年工作情况   # 主要工作
    paragraphs:
      - 受理{{ 受理数 }}件。
  - title: {title}   # 上年计划部分
    run_in: false
    paragraphs:
      # 第一项是重点
      - 加强执法监督。  # 每季度一次
      - points:
          - 推进“八五”普法。
          - 落实法律顾问制度。
    sections:
      - title: 做好2021年复议工作。
closing:
  - 特此报告。
figures:
  受理数: {{value: 18, unit: 件}}
"""


@pytest.mark.parametrize("title, new_title", [
    ("2021年工作计划", "2022年工作计划"),
    ("2020年工作总结和2021年工作打算", "2021年工作总结和2022年工作打算"),
    ("下步打算", "下步打算"),
    ("下一步工作", "下一步工作"),
    ("存在的问题和下一步工作", "存在的问题和下一步工作"),
    ("下一年度工作安排", "下一年度工作安排"),
])
def test_a_typed_plan_title_moves_on_and_the_clerks_comments_stay(tmp_path, title, new_title):
    last = tmp_path / "unit-2020.yaml"
    last.write_text(LITERAL.format(title=title), encoding="utf-8")
    text, result = make(last, tmp_path / "unit-2021.yaml")
    report = load_report(tmp_path / "unit-2021.yaml").report
    assert report.sections[1].title == new_title
    assert report.sections[0].title == "2020年工作情况"  # only the plan section's title is moved by this
    assert [p.text for p in report.sections[1].paragraphs] == [PLACEHOLDER] and not report.sections[1].sections
    assert report.sections[1].run_in is False
    lines = [l.strip() for l in text.split("\n")]
    at = lines.index(f"- {PLACEHOLDER}")
    assert lines[at + 1:at + 8] == ["# 第一项是重点", "# 每季度一次", "# 上年计划：加强执法监督。", "# 上年计划：推进“八五”普法。",
                                    "# 上年计划：落实法律顾问制度。", "# 上年计划：做好2021年复议工作。", "closing:"]
    assert f"已清空“{new_title}”部分（{tmp_path / 'unit-2021.yaml'}:{at + 1}）" in result.stdout
    assert "# 上年计划部分" in text  # the comment after the title


def test_a_report_without_a_plan_section_is_unchanged_by_this(example, tmp_path):
    original = example.read_text(encoding="utf-8")
    start = original.index('  - title: "{{ year + 1 }}年工作计划"')
    end = original.index("# closing:")
    last = tmp_path / "lushan-2020.yaml"
    last.write_text(original[:start] + "\n" + original[end:], encoding="utf-8")
    text, result = make(last, tmp_path / "lushan-2021.yaml")
    body = original[original.index("sections:"):start]
    assert body in text  # every section as it was
    assert PLACEHOLDER not in text and "# 上年计划：" not in text
    assert "已清空" not in result.stdout
    assert "没有找到上年报告的“工作计划”部分" in result.stderr


def test_a_plan_section_in_braces_is_left_and_said(tmp_path):
    last = tmp_path / "unit-2020.yaml"
    last.write_text("issuer: 某县司法局\nyear: 2020\nsections:\n  - title: 工作情况\n    paragraphs: [做了工作。]\n"
                    "  - {title: 2021年工作计划, paragraphs: [继续推进。]}\n", encoding="utf-8")
    text, result = make(last, tmp_path / "unit-2021.yaml")
    assert "{title: 2021年工作计划, paragraphs: [继续推进。]}" in text
    line = line_of(text, "{title: 2021年工作计划")
    assert re.search(rf"unit-2021\.yaml:{line}:5: 警告 sections\[1\]: .*未能自动清空", result.stderr), result.stderr
    assert "已清空" not in result.stdout


def test_the_second_year_compares_with_the_plans_written_in_the_first(example, tmp_path):
    """2021's plans, as the clerk wrote them, become the comments of 2022's draft; 2020's are gone."""
    first = tmp_path / "lushan-2021.yaml"
    text, _ = make(example, first)
    text = re.sub(r"value: null, previous: (\d+)", r"value: \1, previous: \1", text)
    first.write_text(text.replace(PLACEHOLDER, "全面推进“八五”普法。"), encoding="utf-8")
    second, _ = make(first, tmp_path / "lushan-2022.yaml")
    assert [l.strip() for l in second.split("\n") if "# 上年计划：" in l] == ["# 上年计划：全面推进“八五”普法。"]
    assert [i.plan for i in load_report(tmp_path / "lushan-2022.yaml").report.plan_review] == ["全面推进“八五”普法。"]


def test_plan_titles_are_told_from_the_others():
    assert all(is_plan_title(t, 2020) for t in ("2021年工作计划", "下步打算", "下一步工作计划", "存在的问题和下一步工作",
                                               "2021年推进法治政府建设的主要安排", "今后工作思路"))
    assert not any(is_plan_title(t, 2020) for t in ("2020年主要工作", "存在的问题", "强化组织领导，明确工作安排",
                                                    "其他需要报告的情况", "2019年工作计划落实情况"))


def test_a_reviewed_draft_merges_back_with_the_plan_comments_and_the_fill_in_notes(example, tmp_path):
    """The draft's figures filled in (new's ``# 待填写本年数值`` notes left beside them), rendered, a
    reviewer writes the new plan over the placeholder and changes one number in Word; merge writes
    both back, keeps the ``# 上年计划`` comments and every note but the one of the number it wrote."""
    target = tmp_path / "lushan-2021.yaml"
    text, _ = make(example, target)
    text = re.sub(r"value: null, previous: (\d+)", r"value: \1, previous: \1", text)
    target.write_text(text, encoding="utf-8")
    assert run("render", target, "-o", tmp_path).returncode == 0
    document = docx.Document(tmp_path / "lushan-2021.docx")
    for p in document.paragraphs:
        if p.text.strip() in (PLACEHOLDER, "") or "举办法治讲座82场次" in p.text:
            new = "全面推进“八五”普法。" if p.text.strip() == PLACEHOLDER else p.text.replace("法治讲座82场次", "法治讲座90场次")
            if new != p.text and p.runs:
                p.runs[0].text = new
                for r in p.runs[1:]:
                    r.text = ""
    document.save(tmp_path / "reviewed.docx")
    result = run("merge", target, tmp_path / "reviewed.docx", "-o", tmp_path / "merged.yaml")
    assert result.returncode == 0, result.stderr
    merged = (tmp_path / "merged.yaml").read_text(encoding="utf-8")
    report = load_report(tmp_path / "merged.yaml").report
    assert [p.text for p in report.sections[2].paragraphs] == ["全面推进“八五”普法。"]
    assert merged.count("# 上年计划：") == text.count("# 上年计划：") == 4
    assert report.figures["法治讲座场次"].value == 90
    notes = [l.split(":")[0].strip() for l in text.split("\n") if l.endswith("# 待填写本年数值")]
    kept = [l.split(":")[0].strip() for l in merged.split("\n") if l.endswith("# 待填写本年数值")]
    assert kept == [n for n in notes if n != "法治讲座场次"] and len(kept) >= 30
