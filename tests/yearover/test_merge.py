"""``lawgov-report merge``: a reviewer's edits in the rendered .docx (plain, or Word tracked changes
with a comment) come back into the YAML: the figure changed once and still quoted by name, the
rewording and the added sentence in their text, the plan item gone, every comment kept; rendering
the merged YAML gives the reviewed text up to the 附件 page exactly."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from support import review
from lawgov_report.readers.merge import body_paragraphs
from lawgov_report.readers.reviewed import read_reviewed
from lawgov_report.source.yamlsource import load_file


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=180)


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.lstrip().startswith("#")] + [
        m.group(0).strip() for m in re.finditer(r"(?m)(?<=\S)\s+#\s.*$", text)]


def reviewed_copy(src, dst, edit) -> None:
    """``src`` with each paragraph's text replaced by ``edit(text, style name)`` (python-docx, plain)."""
    import docx

    document = docx.Document(str(src))
    for p in document.paragraphs:
        new = edit(p.text, p.style.name) if p.runs else p.text
        if new != p.text:
            p.runs[0].text = new
            for run_ in p.runs[1:]:
                run_.text = ""
    document.save(str(dst))


def rendered_report(folder, text: str, name: str = "r"):
    """A small report written and rendered in ``folder``: (its YAML, its .docx)."""
    report = folder / f"{name}.yaml"
    report.write_text(text, encoding="utf-8")
    assert run("render", report, "-o", folder).returncode == 0
    return report, folder / f"{name}.docx"


@pytest.fixture(scope="module")
def rendered(example, tmp_path_factory):
    folder = tmp_path_factory.mktemp("merge")
    result = run("render", example, "-o", folder)
    assert result.returncode == 0, result.stderr
    return folder / "lushan-2020.docx"


def body_text(docx_path, accept=True) -> list[str]:
    return [p.text for p in body_paragraphs(read_reviewed(docx_path, accept).paragraphs)]


@pytest.fixture(scope="module", params=["plain", "tracked"])
def merged(request, example, rendered, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    reviewed = folder / "审阅稿.docx"
    (review.plain_review if request.param == "plain" else review.tracked_review)(rendered, reviewed)
    target = folder / "merged.yaml"
    result = run("merge", example, reviewed, "-o", target)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return request.param, reviewed, target, result


def test_the_figure_changes_once_and_stays_quoted(merged):
    _, _, target, result = merged
    source = load_file(target)
    assert source.data["figures"]["参考执法人员数"]["value"] == 1900
    assert "组织全县{{ 参考执法人员数 }}名行政执法人员" in source.text
    assert "1900" not in source.text.replace("value: 1900", "")
    assert "参考执法人员数: 1798 → 1900" in result.stdout


def test_rewording_and_new_sentence_in_their_text_and_plan_item_gone(merged):
    _, _, target, _ = merged
    text = target.read_text(encoding="utf-8")
    assert ("- 坚持高标准部署。下发了《关于印发〈鲁山县{{ year }}年度法治政府建设工作安排〉的通知》等文件，"
            "对全年工作作出了具体安排部署。全年召开专题会议四次。") in text
    assert "进一步完善内部各项工作制度" not in text
    assert "三是" not in text and "二是推进" not in text  # generated markers are never written


def test_every_comment_of_the_yaml_is_kept(merged, example):
    _, _, target, _ = merged
    before = comment_lines(example.read_text(encoding="utf-8"))
    after = comment_lines(target.read_text(encoding="utf-8"))
    assert all(line in after for line in before)


def test_rendering_the_merged_yaml_gives_the_reviewed_text(merged, tmp_path):
    _, reviewed, target, result = merged
    out = run("render", target, "-o", tmp_path)
    assert out.returncode == 0, out.stderr
    assert body_text(tmp_path / "merged.docx") == body_text(reviewed)
    assert "未能写回" not in result.stderr


def test_tracked_changes_are_listed_and_the_word_comment_becomes_a_yaml_comment(merged):
    kind, _, target, result = merged
    if kind != "tracked":
        pytest.skip("plain edits have no revisions")
    assert "审阅稿中有修订" in result.stdout
    assert f"插入“{review.NUMBER[1]}”（{review.AUTHOR}）" in result.stdout
    lines = target.read_text(encoding="utf-8").split("\n")
    # anchored in the text of 一是: above that item
    at = next(i for i, line in enumerate(lines) if "坚持高标准部署" in line)
    assert lines[at - 1].strip() == f"# 审阅批注（{review.AUTHOR}）：{review.COMMENT}"


def test_rejecting_the_tracked_changes_gives_the_report_back(example, rendered, tmp_path):
    reviewed = tmp_path / "审阅稿.docx"
    review.tracked_review(rendered, reviewed, comment=False)
    target = tmp_path / "rejected.yaml"
    result = run("merge", example, reviewed, "-o", target, "--tracked", "reject")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == example.read_text(encoding="utf-8")
    assert "审阅稿中有修订" in result.stdout


def test_the_report_is_never_overwritten_without_force(example, rendered, tmp_path):
    copy = tmp_path / "report.yaml"
    copy.write_bytes(example.read_bytes())
    reviewed = tmp_path / "审阅稿.docx"
    review.plain_review(rendered, reviewed)
    result = run("merge", copy, reviewed)  # no -o: beside it, never over it
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == example.read_bytes()
    assert (tmp_path / "report-审阅合并.yaml").exists()
    again = run("merge", copy, reviewed, "-o", copy)
    assert again.returncode == 1 and "--force" in again.stderr
    assert copy.read_bytes() == example.read_bytes()
    forced = run("merge", copy, reviewed, "-o", copy, "--force")
    assert forced.returncode == 0 and "1900" in copy.read_text(encoding="utf-8")


def test_a_number_changed_in_one_of_two_quotes_is_a_conflict(tmp_path):
    report, docx_path = rendered_report(tmp_path, "issuer: 某县人民政府\nyear: 2020\nsections:\n  - title: 工作\n"
                                        "    paragraphs:\n      - 受理案件{{ 案件数 }}起。\n      - 共办结{{ 案件数 }}起。\n"
                                        "figures:\n  案件数: {value: 18, unit: 起}\n")
    reviewed_copy(docx_path, tmp_path / "rev.docx", lambda text, _: text.replace("受理案件18起。", "受理案件20起。"))
    result = run("merge", report, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    assert "不一致" in result.stderr and "r.yaml:9" in result.stderr
    assert "value: 18" in (tmp_path / "m.yaml").read_text(encoding="utf-8")


def test_an_edit_inside_the_generated_table_is_listed_not_placed(example, rendered, tmp_path):
    import docx

    document = docx.Document(str(rendered))
    cell = document.tables[0].rows[3].cells[4]
    cell.paragraphs[0].runs[0].text = "90"
    document.save(str(tmp_path / "rev.docx"))
    result = run("merge", example, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    assert "附件统计表由 figures 生成" in result.stderr and "第 28 段" in result.stderr
    assert "lushan-2020.yaml:119" in result.stderr  # the line of the row's figure (执法人员培训单位数)
    assert (tmp_path / "m.yaml").read_text(encoding="utf-8") == example.read_text(encoding="utf-8")


KEYS_REPORT = """# 测试报告
issuer: 某县司法局
year: 2020
recipient: 某县人民政府：   # 主送机关
preamble:
  - "{{ year }}年，我局认真履职。现报告如下："
sections:
  - title: 主要工作
    paragraphs:
      - 办理案件{{ 案件数 }}起。
signature: 某县司法局   # 署名
date: 2021-03-05
figures:
  案件数: {value: 18, unit: 起}
"""


def test_title_recipient_signature_and_date_go_to_their_keys(tmp_path):
    report, docx_path = rendered_report(tmp_path, KEYS_REPORT)
    edits = {"关于2020年度法治政府建设情况的报告": "关于2020年度法治政府建设工作情况的报告",
             "某县人民政府：": "某县人民政府办公室：", "2021年3月5日": "2021年3月8日"}

    def edit(text, style):
        return "某县司法局（印）" if text == "某县司法局" and style == "署名" else edits.get(text, text)

    reviewed_copy(docx_path, tmp_path / "rev.docx", edit)
    result = run("merge", report, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    merged = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    # the template's title becomes the report's own, its {{ }} kept
    assert 'title:\n  - "{{ issuer }}"\n  - 关于{{ year }}年度法治政府建设工作情况的报告\n' in merged
    assert "recipient: 某县人民政府办公室：   # 主送机关" in merged
    assert "signature: 某县司法局（印）   # 署名" in merged
    assert "date: 2021-03-08" in merged
    out = run("render", tmp_path / "m.yaml", "-o", tmp_path / "again")
    assert out.returncode == 0, out.stderr
    assert body_text(tmp_path / "again" / "m.docx") == body_text(tmp_path / "rev.docx")


def test_an_input_of_a_derived_figure_changed_while_its_rate_was_left_is_reported(example, rendered, tmp_path):
    reviewed_copy(rendered, tmp_path / "rev.docx",
                  lambda text, _: text.replace("依法受理行政复议案件 18 起", "依法受理行政复议案件 20 起"))
    result = run("merge", example, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    assert "受理复议案件数: 18 → 20" in result.stdout
    assert "计算指标“复议结案率”审阅稿仍为 100，合并后为 90" in result.stderr
    assert "lushan-2020.yaml:141" in result.stderr  # the derived figure's line


def test_a_moved_paragraph_keeps_its_figures_quoted(tmp_path):
    import docx

    report, docx_path = rendered_report(
        tmp_path, "issuer: 某县司法局\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
        "      - 第一段文字。\n      - 办理案件{{ 案件数 }}起，比上年增加。\n      - 第三段文字，说明情况。\n"
        "      - 第四段文字，总结经验。\nfigures:\n  案件数: {value: 18, unit: 起}\n", "mv")
    document = docx.Document(str(tmp_path / "mv.docx"))
    paragraphs = [p for p in document.paragraphs if p.text]
    moved = next(p for p in paragraphs if p.text.startswith("办理案件"))._p
    moved.getparent().remove(moved)
    next(p for p in paragraphs if p.text.startswith("第四段"))._p.addnext(moved)
    document.save(str(tmp_path / "rev.docx"))
    result = run("merge", report, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    merged = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert merged.index("第四段文字") < merged.index("办理案件{{ 案件数 }}起")
    assert "办理案件18起" not in merged


def test_a_figure_moved_to_another_paragraph_is_listed(tmp_path):
    report, docx_path = rendered_report(
        tmp_path, "issuer: 某县司法局\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
        "      - 全年办理案件{{ 案件数 }}起，比上年增加。\n      - 第二段文字，说明情况。\n"
        "figures:\n  案件数: {value: 18, unit: 起}\n", "mf")
    reviewed_copy(docx_path, tmp_path / "rev.docx", lambda text, _: text.replace(
        "全年办理案件18起，比上年增加。", "全年办理案件比上年增加。").replace("第二段文字，说明情况。", "第二段文字，共18件，说明情况。"))
    result = run("merge", report, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    assert "数据“案件数”（18）从审阅稿第 5 段移到了第 6 段" in result.stderr and "mf.yaml:9" in result.stderr


def test_figures_printed_with_filters_change_their_value(tmp_path):
    report, docx_path = rendered_report(
        tmp_path, "issuer: 某县司法局\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
        "      - 成立{{ 督查组数 | chinese }}个督查组，发放材料{{ 材料份数 | thousands }}份，满意度{{ 满意度 | with_unit }}。\n"
        "figures:\n  督查组数: {value: 4, unit: 个}\n  材料份数: {value: 58000, unit: 份, approx: 余}\n"
        "  满意度: {value: 98, unit: \"%\", approx: 以上}\n", "f")
    reviewed_copy(docx_path, tmp_path / "rev.docx", lambda text, _: text.replace("成立四个", "成立五个").replace(
        "58,000余", "60,000余").replace("98%以上", "99%以上"))
    result = run("merge", report, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    for line in ("督查组数: 4 → 5", "材料份数: 58000 → 60000", "满意度: 98 → 99"):
        assert line in result.stdout
    merged = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert "{{ 督查组数 | chinese }}" in merged and "{{ 材料份数 | thousands }}" in merged
    assert "未能写回" not in result.stderr


def test_bad_input_is_a_located_chinese_error_and_writes_nothing(example, tmp_path):
    not_docx = tmp_path / "审阅稿.docx"
    not_docx.write_text("这不是 Word 文件", encoding="utf-8")
    result = run("merge", example, not_docx, "-o", tmp_path / "m.yaml")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "不是有效的 .docx 文件" in result.stderr and not (tmp_path / "m.yaml").exists()
    broken = tmp_path / "r.yaml"
    broken.write_text("issuer: 某县\nyear：2020\n", encoding="utf-8")
    result = run("merge", broken, not_docx, "-o", tmp_path / "m.yaml")
    assert result.returncode == 1 and "r.yaml:2:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "m.yaml").exists()
    assert "merge" in run("--help").stdout


def test_an_item_moved_within_its_paragraph_keeps_its_figures_quoted(example, rendered, tmp_path):
    def swap(text, _):
        if not text.startswith("（六）强化执法监督"):
            return text
        head, rest = text.split("四是", 1)
        four, five = rest.split("五是", 1)
        return head + "四是" + five + "五是" + four

    reviewed_copy(rendered, tmp_path / "rev.docx", swap)
    result = run("merge", example, tmp_path / "rev.docx", "-o", tmp_path / "m.yaml")
    assert result.returncode == 0 and "未能写回" not in result.stderr, result.stderr
    merged = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert merged.index("推进行政执法监督工作。") < merged.index("完成{{ year }}年执法证件换发")
    assert "组织全县{{ 参考执法人员数 }}名" in merged


def test_the_print_edition_merges_and_lists_an_edit_of_its_masthead(root, tmp_path):
    example = root / "examples" / "lushan-2020-print.yaml"
    assert run("render", example, "-o", tmp_path).returncode == 0
    reviewed = tmp_path / "rev.docx"
    review.tracked_review(tmp_path / "lushan-2020-print.docx", reviewed)
    reviewed_copy(reviewed, reviewed, lambda text, _: "特急" if text == "加急" else text)
    result = run("merge", example, reviewed, "-o", tmp_path / "m.yaml")
    assert result.returncode == 0, result.stderr
    assert "参考执法人员数: 1798 → 1900" in result.stdout
    assert "版头的修改未写回：“特急”" in result.stderr
    assert result.stderr.count("\n") == 2  # that one finding only: the 版记 and the body merge cleanly
