"""Import names its figures as a clerk would: the thing counted, by its measure word; the 附件
table's 指标 and 上年 when the document has one; names unique without numeric suffixes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "lushan-2020-report.txt"
HEYANG = ROOT / "tests" / "corpus" / "import-unseen" / "heyang-justice-2020-gb18030.txt"
# What a label may never be: a function word, verb or preposition alone, or a whole area.
NOT_LABELS = {"有", "共", "为", "对", "组织", "全县", "来", "共计", "共为", "对全县", "成立", "受理", "审结", "司法",
              "司法所中", "来共出庭应诉"}
MEASURE_WORDS = {"个", "起", "件", "人", "名", "次", "家", "宗", "份", "册", "幅", "场次", "人次", "%"}


@pytest.fixture(scope="module")
def seed():
    from lawgov_report.readers import import_report

    return import_report(SEED).draft.figures


def _by_value(figures: dict, value, unit: str) -> tuple[str, dict]:
    found = [(name, f) for name, f in figures.items() if f["value"] == value and f["unit"] == unit]
    assert len(found) == 1, found
    return found[0]


def test_a_count_is_named_by_what_its_measure_word_counts(seed):
    # "组织全县43个行政执法单位主管领导及法制室主任共计80余人": 43 counts units, 80 counts people.
    name, units = _by_value(seed, 43, "个")
    assert units["label"] == "行政执法单位" and name == "行政执法单位数"
    _, people = _by_value(seed, 80, "人")
    assert people["label"].endswith("法制室主任")


@pytest.mark.parametrize("value, unit, label", [
    (15, "名", "律师"),  # 组织15名律师
    (110, "家", "企业"),  # 共为110家企业
    (4, "个", "督查组"),  # 成立4个督查组
    (7, "家", "行政处罚案卷备案单位"),  # 共计有7家、77宗行政处罚案卷备案
    (1, "起", "出庭应诉案件"),  # 共出庭应诉 1案件起: 案 begins the noun, 起 is the measure word
    (10, "%", "律师服务费下调（下限）"),  # 下调10%-20%律师服务费: one range, two figures
    (20, "%", "律师服务费下调（上限）"),
])
def test_seed_labels_are_not_function_words(seed, value, unit, label):
    assert _by_value(seed, value, unit)[1]["label"] == label


def test_seed_labels_units_and_names(seed):
    labels = {f["label"] for f in seed.values()}
    assert not labels & NOT_LABELS
    assert all(len(label) > 1 for label in labels)
    assert {f["unit"] for f in seed.values()} <= MEASURE_WORDS  # never 案
    assert not [name for name in seed if name[-1].isdigit()]  # no 行政执法人员数2
    # The second count of 行政执法人员 is told apart by what the sentence says they did.
    assert _by_value(seed, 1798, "名")[1]["label"] == "参加考试的行政执法人员"


def test_heyang_keeps_whole_words_and_borrows_the_noun_a_bare_verb_acts_on():
    from lawgov_report.readers import import_report

    figures = import_report(HEYANG).draft.figures
    assert "审查县政府规范性文件及重大合同数" in figures  # the name no longer cuts off 审
    assert _by_value(figures, 35, "件")[1]["label"] == "受理行政复议申请"  # 受理35件, after 收到行政复议申请38件
    assert _by_value(figures, 33, "件")[1]["label"] == "审结行政复议申请"
    # "全县17个司法所中有9个只有1名工作人员": 17 司法所 (not 司法), and the 9 are told apart by what
    # the sentence says of them, not by a number after the name.
    assert _by_value(figures, 17, "个") == ("司法所数", _by_value(figures, 17, "个")[1])
    assert _by_value(figures, 9, "个")[1]["label"] == "只有1名工作人员的司法所"
    assert not {f["label"] for f in figures.values()} & NOT_LABELS


def test_words_trim_drops_function_words_areas_and_linking_verbs():
    from lawgov_report.readers import words

    assert words.trim("对全县") == ""
    assert words.trim("来共出庭应诉") == "出庭应诉"
    assert words.trim("司法所中有") == "司法所"
    assert words.trim("执法人员占比") == "执法人员占比"  # 占比 says it is a ratio
    assert words.trim("按时办结率") == "按时办结率"  # 按时 says which
    assert words.nouns("行政复议机关收到行政复议申请") == "行政复议申请"
    assert words.nouns("办理行政复议案件") == "行政复议案件"


def test_a_rendered_report_comes_back_with_its_appendix_labels_and_previous_values(tmp_path):
    from lawgov_report.readers import import_report, verify

    text = (ROOT / "examples" / "lushan-2020.yaml").read_text("utf-8")
    text = text.replace("受理复议案件数: {value: 18, unit: 起}", "受理复议案件数: {value: 18, unit: 起, previous: 15}")
    text = text.replace("展出版面数: {label: 展出版面, value: 130, unit: 幅, approx: 余, category: 普法宣传}",
                        "展出版面数: {label: 展出版面, value: 130, unit: 幅, approx: 余, category: 普法宣传, "
                        "previous: 100, previous_approx: 余}")
    assert text.count("previous") >= 2
    source = tmp_path / "lushan.yaml"
    source.write_text(text, "utf-8")
    docx = tmp_path / "lushan.docx"
    done = subprocess.run([sys.executable, "-m", "lawgov_report", "render", str(source), "-o", str(docx)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    imported = import_report(docx)
    figures = imported.draft.figures
    _, units = _by_value(figures, 43, "个")
    assert units["label"] == "参加业务骨干培训的行政执法单位"  # the table's 指标, not the prose's words
    assert _by_value(figures, 80, "人")[1]["label"] == "业务骨干培训人数"
    assert _by_value(figures, 20, "%")[1]["label"] == "律师服务费下调幅度（上限）"
    name, cases = _by_value(figures, 18, "起")
    assert name == "受理复议案件数" and cases["previous"] == 15  # the 指标目录 name, and 上年
    boards = _by_value(figures, 130, "幅")[1]
    assert (boards["previous"], boards["previous_approx"]) == (100, "余")
    assert re.search(r"受理复议案件数: \{.*previous: 15", imported.yaml)
    assert verify.check(imported.yaml, "lushan.yaml", imported.draft.expected) == []  # it still renders back


def test_a_statistics_table_is_read_by_its_headers_and_matched_by_value_and_words():
    from lawgov_report.readers.draft import SourceParagraph
    from lawgov_report.readers.statistics import read_rows, take

    rows = ["序号\t指标名称\t单位\t2020年\t2019年", "1\t规范性文件报备率\t%\t100\t95", "2\t规范性文件合法率\t%\t100\t",
            "3\t业务骨干培训人数\t人\t80余\t60余"]
    pages = [SourceParagraph("附件", 1)] + [SourceParagraph(t, i, "table") for i, t in enumerate(rows, 2)]
    read = read_rows(pages, 2020)
    assert [(r.label, r.value, r.previous, r.previous_approx) for r in read] == [
        ("规范性文件报备率", 100, 95, ""), ("规范性文件合法率", 100, None, ""), ("业务骨干培训人数", 80, 60, "余")]
    assert read_rows(pages, 2022) == []  # neither 本年 nor the report's year: not a statistics table
    assert take(read, 100, "%", "合法率").label == "规范性文件合法率"  # of two 100%, the one the words say
    assert take(read, 100, "％", "备案率").label == "规范性文件报备率"
    assert take(read, 100, "%", "合法率") is None  # each row names one figure
