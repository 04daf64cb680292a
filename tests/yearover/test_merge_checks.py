"""``lawgov-report merge`` on the example, as a clerk runs it: the numbers of the issue (56 -> 60,
11 -> 110 …) come back as the figures' new values, plain or tracked; another unit's or another
year's document is refused with nothing written; a redline merged with ``--tracked reject`` says
what is written, and only the tracked changes that change the YAML are listed."""

from __future__ import annotations

import re
import subprocess
import sys

import docx
import pytest

from support.review import tracked_number

# (text around the number as printed, new number): 56 -> 60 keeps no end, 11 -> 110 looks like a
# number added after the old one, 75 -> 57 reorders, 80余 -> 108余 keeps the marker.
EDITS = [("主体56个", "主体60个"), ("合同11份", "合同110份"), ("监督证75个", "监督证57个"),
         ("共计80余人", "共计108余人"), ("全县43个", "全县34个")]
EXPECTED = {"执法主体数": (56, 60), "审核合同数": (11, 110), "发放监督证数": (75, 57), "骨干培训人数": (80, 108),
            "骨干培训单位数": (43, 34)}


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=180)


def edited(src, dst, tracked: bool) -> None:
    document = docx.Document(str(src))
    ident = [900]
    for paragraph in document.paragraphs:
        for old, new in EDITS:
            if old not in paragraph.text:
                continue
            if tracked:  # the number alone replaced, as a reviewer selects it and types
                a, b = re.search(r"\d+", old), re.search(r"\d+", new)
                tracked_number(paragraph._p, old[:a.start()], a.group(), b.group(), ident)
            else:
                text = paragraph.text.replace(old, new)
                paragraph.runs[0].text = text
                for run_ in paragraph.runs[1:]:
                    run_.text = ""
    document.save(str(dst))


@pytest.mark.parametrize("tracked", [False, True], ids=["plain", "tracked"])
def test_the_numbers_of_the_issue_merge_as_the_new_values(example, rendered, tmp_path, tracked):
    reviewed = tmp_path / "审阅稿.docx"
    edited(rendered, reviewed, tracked)
    target = tmp_path / "m.yaml"
    result = run("merge", example, reviewed, "-o", target)
    assert result.returncode == 0, result.stderr
    merged = target.read_text(encoding="utf-8")
    for name, (old, new) in EXPECTED.items():
        assert f"{name}: {old} → {new}" in result.stdout
        assert re.search(rf"^  {name}: (\{{.*value: )?{new}\b", merged, re.M), name
        assert "{{ " + name + " }}" in merged
    assert not re.search(r"\d\{\{|\}\}\d", merged)  # no digit of an edit left beside a {{ }}
    assert "未能写回" not in result.stderr


# The same issuer's report of the same year on another subject.
SAFETY = """issuer: 鲁山县人民政府
year: 2020
title: [鲁山县人民政府, 关于2020年度安全生产工作情况的报告]
preamble:
  - "2020年，全县安全生产形势总体平稳。现报告如下："
sections:
  - title: 主要工作
    paragraphs:
      - 开展隐患排查{{ 排查次数 }}次，整改隐患{{ 隐患数 }}处。
      - 组织应急演练，提升处置能力。
  - title: 下一步打算
    paragraphs:
      - 继续压实企业主体责任。
signature: 鲁山县人民政府
date: 2021-03-05
figures:
  排查次数: {value: 18, unit: 次}
  隐患数: {value: 240, unit: 处}
"""


@pytest.fixture(scope="module")
def others(example, tmp_path_factory):
    """The example as another county's report, and as the next year's: rendered."""
    folder = tmp_path_factory.mktemp("others")
    text = example.read_text(encoding="utf-8")
    (folder / "baofeng-2020.yaml").write_text(text.replace("鲁山县", "宝丰县"), encoding="utf-8")
    (folder / "lushan-2021.yaml").write_text(text.replace("\nyear: 2020", "\nyear: 2021"), encoding="utf-8")
    (folder / "safety-2020.yaml").write_text(SAFETY, encoding="utf-8")
    for name in ("baofeng-2020", "lushan-2021", "safety-2020"):
        assert run("render", folder / f"{name}.yaml", "-o", folder).returncode == 0
    return folder


@pytest.mark.parametrize("other,line,says", [("baofeng-2020", 7, "审阅稿的标题里是“宝丰县人民政府”"),
                                             ("lushan-2021", 8, "报告是 2020 年度的，审阅稿标题是 2021 年度"),
                                             ("safety-2020", 6, "只有 4 段与报告对得上")])
def test_another_reports_document_is_refused_and_nothing_written(example, others, tmp_path, other, line, says):
    target = tmp_path / "m.yaml"
    result = run("merge", example, others / f"{other}.docx", "-o", target)
    assert result.returncode == 1
    assert f"lushan-2020.yaml:{line}:" in result.stderr and "不是这份报告的" in result.stderr and says in result.stderr
    assert "--other-report" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()
    forced = run("merge", example, others / f"{other}.docx", "-o", target, "--other-report")
    assert forced.returncode == 0, forced.stderr
    assert target.exists()


def test_the_same_report_reviewed_is_not_refused(example, rendered, tmp_path):
    result = run("merge", example, rendered, "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    assert "审阅稿与报告一致" in result.stdout


@pytest.fixture(scope="module")
def redline(example, tmp_path_factory):
    """Two drafts (受理复议案件数 21 in A, 23 in B; a word added in B) and B's redline against A."""
    folder = tmp_path_factory.mktemp("redline")
    text = example.read_text(encoding="utf-8")
    a = text.replace("受理复议案件数: {value: 18", "受理复议案件数: {value: 21").replace(
        "复议结案数: {value: 18", "复议结案数: {value: 21")
    b = a.replace("受理复议案件数: {value: 21", "受理复议案件数: {value: 23").replace("依法受理", "依法审查受理")
    (folder / "A.yaml").write_text(a, encoding="utf-8")
    (folder / "B.yaml").write_text(b, encoding="utf-8")
    result = run("diff", folder / "A.yaml", folder / "B.yaml", "-o", folder / "redline.docx")
    assert result.returncode == 0, result.stderr
    return folder


def test_rejecting_a_redline_says_what_is_written(redline, tmp_path):
    result = run("merge", redline / "B.yaml", redline / "redline.docx", "-o", tmp_path / "m.yaml", "--tracked", "reject")
    assert result.returncode == 0, result.stderr
    assert "受理复议案件数: 23 → 21" in result.stdout
    assert "计算指标 复议结案率: 91 → 100（随输入数据）" in result.stdout
    assert "撤销插入“23”" in result.stdout and "撤销删除“21”" in result.stdout
    assert "21 → 23" not in result.stdout + result.stderr
    assert "输入数据改了" not in result.stderr and "计算指标“复议结案率”" not in result.stderr  # the rate follows
    assert "value: 21" in (tmp_path / "m.yaml").read_text(encoding="utf-8")


def test_only_the_tracked_changes_that_change_the_yaml_are_listed(redline, tmp_path):
    total = len(docx.Document(str(redline / "redline.docx")).element.body.xpath(".//w:ins | .//w:del"))
    same = run("merge", redline / "B.yaml", redline / "redline.docx", "-o", tmp_path / "b.yaml")
    assert same.returncode == 0, same.stderr
    assert f"审阅稿中有修订 {total} 处" in same.stdout and "报告的 YAML 不因修订而改动" in same.stdout
    assert "第 " not in same.stdout  # none listed one by one
    into_a = run("merge", redline / "A.yaml", redline / "redline.docx", "-o", tmp_path / "a.yaml")
    assert into_a.returncode == 0, into_a.stderr
    listed = [line for line in into_a.stdout.split("\n") if re.match(r"  第 \d+ 段", line)]
    assert "受理复议案件数: 21 → 23" in into_a.stdout
    assert 0 < len(listed) < total  # the 附件 table's revisions are not among them
    assert f"其中 {len(listed)} 处所在的段落改动了 YAML" in into_a.stdout


def test_reviewed_numbers_that_do_not_hold_together_are_refused_at_the_figure(example, rendered, tmp_path):
    """受理 18 -> 10 while 结案 stays 18: the rate would be 180%; the reviewer's data, not a defect of merge."""
    document = docx.Document(str(rendered))
    for paragraph in document.paragraphs:
        if "依法受理行政复议案件 18 起" in paragraph.text:
            paragraph.runs[0].text = paragraph.text.replace("依法受理行政复议案件 18 起", "依法受理行政复议案件 10 起")
            for run_ in paragraph.runs[1:]:
                run_.text = ""
    document.save(str(tmp_path / "rev.docx"))
    result = run("merge", example, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 1 and not (tmp_path / "m.yaml").exists()
    assert "lushan-2020.yaml:141:" in result.stderr and "受理复议案件数 18 → 10" in result.stderr
    assert "180%" in result.stderr and "merge 的缺陷" not in result.stderr and "Traceback" not in result.stderr


def test_a_marker_written_beside_a_number_is_the_figures(example, rendered, tmp_path):
    """A new user's review: 80余 -> 85 dropped the figure for text, 56 -> 约60 left 约 before its {{ }}
    (printed 约约65 the next year). The marker is the figure's approx: added, changed or removed."""
    reviewed = tmp_path / "审阅稿.docx"
    document = docx.Document(str(rendered))
    edits = [("共计80余人", "共计85人"), ("主体56个", "主体约60个"), ("全县1798名", "全县1800余名")]
    for paragraph in document.paragraphs:
        for old, new in edits:
            if old in paragraph.text:
                paragraph.runs[0].text = paragraph.text.replace(old, new)
                for run_ in paragraph.runs[1:]:
                    run_.text = ""
    document.save(str(reviewed))
    target = tmp_path / "m.yaml"
    result = run("merge", example, reviewed, "-o", target)
    assert result.returncode == 0, result.stderr
    for line in ("骨干培训人数: 80余 → 85", "执法主体数: 56 → 约60", "参考执法人员数: 1798 → 1800余"):
        assert line in result.stdout, result.stdout
    merged = target.read_text(encoding="utf-8")
    figures = {m[1]: m[2] for m in re.finditer(r"^  (\S+): (.*)$", merged, re.M)}
    assert "approx" not in figures["骨干培训人数"] and "value: 85" in figures["骨干培训人数"]
    assert "approx: 约" in figures["执法主体数"] and "approx: 余" in figures["参考执法人员数"]
    assert "约{{" not in merged and "}}余" not in merged and "未能写回" not in result.stderr


def test_a_marker_printed_after_the_unit_stays_when_only_the_number_changes(tmp_path):
    """98%以上 -> 99%以上, where 以上 stands in the text after the unit: the figure keeps its 以上 (the
    first try dropped it, as if the reviewer had removed it); 80余 -> 85 still removes 余."""
    report = tmp_path / "r.yaml"
    report.write_text("issuer: 某县司法局\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
                      "      - 群众满意率{{ 满意率 }}%以上，共计{{ 人数 }}人。\nfigures:\n"
                      "  满意率: {value: 98, unit: \"%\", approx: 以上}\n  人数: {value: 80, unit: 人, approx: 余}\n",
                      encoding="utf-8")
    assert run("render", report, "-o", tmp_path, "--edition", "web").returncode == 0
    document = docx.Document(str(tmp_path / "r.docx"))
    for paragraph in document.paragraphs:
        if "满意率" in paragraph.text:
            paragraph.runs[0].text = paragraph.text.replace("98%", "99%").replace("80余人", "85人")
            for run_ in paragraph.runs[1:]:
                run_.text = ""
    document.save(str(tmp_path / "v.docx"))
    result = run("merge", report, tmp_path / "v.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    merged = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert '满意率: {value: 99, unit: "%", approx: 以上}' in merged and "人数: {value: 85, unit: 人}" in merged
