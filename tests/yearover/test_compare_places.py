"""Where the summary says a changed figure or a reworded text is: its label a clerk can find (一、1.第2段第1项) and the
line and column of the text in the file, for every kind of text a report has (开头, 标题, 段落,
分项, 段落结尾, 结尾, 附件), under numbering styles set by a section and continued by the next."""

from __future__ import annotations

import pytest
import yaml

from lawgov_report.pipeline import load_report
from lawgov_report.yearover.compare import Comparison, compare_figures, summary_lines
from lawgov_report.yearover.comparetexts import compare_texts
from lawgov_report.yearover.diff import _load_both
from support.figures import figures_report

OLD = """\
issuer: 某县人民政府
year: 2020
preamble:
  - 开头甲段落照旧不变的文字。
  - 开头乙段落原来的文字内容。
sections:
  - title: 第一部分的标题原文
    numbering: "1."
    sections:
      - title: 子一
        paragraphs:
          - 子一正文只有一段原来的文字。
      - title: 子二
        numbering: "（1）"
        paragraphs:
          - text: 子二第一段开头原来的文字
            points:
              - 要点甲原来的文字内容。
              - 要点乙原来的文字内容。
            tail: 子二第一段结尾原来的文字
          - 子二第二段原来的文字内容。
        sections:
          - title: 孙一
            paragraphs:
              - 孙一正文原来的文字内容。
  - title: 第二部分
    paragraphs:
      - 第二部分正文原来的文字。
closing:
  - 结尾甲原来的文字内容。
  - 结尾乙原来的文字内容。
attachments:
  - 附件甲原来的名称
  - 附件乙原来的名称
"""

# each text reworded: (its old words, its new words, the label the summary gives it, its kind)
REWORDED = [
    ("开头乙段落原来的文字内容", "开头乙段落改过的文字内容", "开头第2段", "开头"),
    ("第一部分的标题原文", "第一部分的标题改文", "一、", "标题"),
    ("子一正文只有一段原来的文字", "子一正文只有一段改过的文字", "一、1.", "段落"),
    ("子二第一段开头原来的文字", "子二第一段开头改过的文字", "一、2.第1段", "段落"),
    ("要点乙原来的文字内容", "要点乙改过的文字内容", "一、2.第1段第2项", "分项"),
    ("子二第一段结尾原来的文字", "子二第一段结尾改过的文字", "一、2.第1段结尾", "段落"),
    ("子二第二段原来的文字内容", "子二第二段改过的文字内容", "一、2.第2段", "段落"),
    ("孙一正文原来的文字内容", "孙一正文改过的文字内容", "一、2.（1）", "段落"),
    ("第二部分正文原来的文字", "第二部分正文改过的文字", "二、", "段落"),
    ("结尾甲原来的文字内容", "结尾甲改过的文字内容", "结尾第1段", "结尾"),
    ("附件乙原来的名称", "附件乙改过的名称", "附件第2项", "附件"),
]


@pytest.fixture(scope="module")
def changes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("places")
    new_text = OLD
    for old_words, new_words, _, _ in REWORDED:
        new_text = new_text.replace(old_words, new_words)
    (folder / "old.yaml").write_text(OLD, encoding="utf-8")
    (folder / "new.yaml").write_text(new_text, encoding="utf-8")
    old, new = load_report(folder / "old.yaml"), load_report(folder / "new.yaml")
    return new_text, compare_texts(old.report, new.report, old.source, new.source)


def test_every_reworded_text_is_labelled_and_found(changes):
    new_text, found = changes
    assert [c.kind for c in found] == ["修改"] * len(REWORDED)
    lines = new_text.splitlines()
    for change, (old_words, new_words, label, what) in zip(found, REWORDED):
        assert (change.old_label, change.new_label, change.what) == (label, label, what)
        assert old_words in change.old_text and new_words in change.new_text
        line = lines[change.line - 1]  # at the text itself, in NEW
        assert line.index(new_words) == change.col - 1, (change, line)
        assert change.file.endswith("new.yaml")


def test_sections_removed_added_and_moved_are_reported_once(tmp_path):
    data = yaml.safe_load(OLD)
    first, second = data["sections"]
    del first["sections"][1]  # 子二: its two paragraphs (text, 2 items, tail) and 孙一 with its own
    data["sections"] = [second, first, {"title": "第三部分", "paragraphs": ["新增段落一。", "新增段落二。"]}]
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    old, new = load_report(tmp_path / "old.yaml"), load_report(tmp_path / "new.yaml")
    found = compare_texts(old.report, new.report, old.source, new.source)
    shown = [(c.kind, c.what, c.old_label, c.new_label, c.children, c.file.rsplit("/", 1)[-1]) for c in found]
    assert sorted(shown) == sorted([
        ("删除", "标题", "一、2.", "", 7, "old.yaml"),  # not each of its texts again
        ("移动", "标题", "二、", "一、", 0, "new.yaml"),  # its paragraph moved with it, not reported
        ("新增", "标题", "", "三、", 2, "new.yaml"),
    ]), shown
    removed = next(c for c in found if c.kind == "删除")
    assert OLD.splitlines()[removed.line - 1].strip() == "- title: 子二"


def test_figures_shown_are_found_where_declared(tmp_path):
    """A changed, added, removed or unfilled figure at its key in the report the summary names; one
    the same in both is only counted."""
    old_text = figures_report({"同": "10", "变": "20", "删": "30", "待": "40"})
    new_text = figures_report({"增": "5", "待": "{value: null}", "变": "21", "同": "10"})
    (tmp_path / "old.yaml").write_text(old_text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new_text, encoding="utf-8")
    old, new = _load_both(tmp_path / "old.yaml", tmp_path / "new.yaml", None, ())
    found = {d.name: d for d in compare_figures(old.values, new.values, old.loaded.source, new.loaded.source)}
    assert {name: d.status for name, d in found.items()} == {
        "增": "added", "待": "unfilled", "变": "changed", "同": "same", "删": "removed"}

    def at(text: str, name: str) -> tuple[int, int]:
        line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"  {name}:"))
        return line, 3

    for name in ("增", "待", "变"):
        assert (found[name].new_line, found[name].new_col) == at(new_text, name)
    for name in ("待", "变", "删"):
        assert (found[name].old_line, found[name].old_col) == at(old_text, name)
    assert (found["增"].old_line, found["删"].new_line) == (0, 0)  # not in that report
    summary = "\n".join(summary_lines(Comparison("old.yaml", "new.yaml", 2021, 2021, figures=[*found.values()])))
    assert f"new.yaml:{at(new_text, '增')[0]}:3: 新增 增：（未填写） → 5" in summary
    assert f"old.yaml:{at(old_text, '删')[0]}:3: 删除 删：30 → （未填写）" in summary
    assert "未变 1 项" in summary and "同：" not in summary
