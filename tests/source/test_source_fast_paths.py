"""The load, raw-scalar and validation shortcuts (issue 18) answer exactly what the plain forms answer.

Each shortcut is compared with the plain form it replaced, written out here, or with what the YAML
marks and the model's rules say, on inputs chosen for the edges each shortcut decides on.
"""

from __future__ import annotations

import math
import random
import re

import pytest
import yaml

from lawgov_report.errors import ReportError
from lawgov_report.source import rawscalars
from lawgov_report.source.model import Figure, Report
from lawgov_report.source.records import ValidationError
from lawgov_report.source.validate import content_problems
from lawgov_report.source.yamlsource import load_text

# The placeholder regex as first written (X{2,}, [待请]填写 …): the fast spelling must match the same.
PLAIN_PLACEHOLDER = re.compile(r"X{2,}|x{3,}|×{2,}|╳{2,}|\*{3,}|TODO|TBD|待补充|[待请]填写|待填|请补充|待定|＿{2,}|_{3,}"
                               r"|□{2,}|○{2,}|？{2,}|\?{2,}|\[\s*\]|（\s*）|【[^】]{0,12}】")


def test_placeholder_spelling_finds_the_same_as_the_plain_one():
    alphabet = list("Xx×╳*TODBA待补充请填写定＿_□○？?[]（）【】 \t\n文字一")
    rng = random.Random(18)
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        plain, fast = PLAIN_PLACEHOLDER.search(text), rawscalars.PLACEHOLDER.search(text)
        assert (plain and (plain.span(), plain.group())) == (fast and (fast.span(), fast.group())), text


REPORT = """\
figures:
  甲: 010
  乙: {value: 1:30, previous: 0x1F, label: XX}
  丙:
    previous: 1_000
    value: 1.10
    note: 待填写
  丁: 12
template: TODO
year: 02020
issuer: 某县（ ）
sections:
  - title: 主要工作
    paragraphs: [开展工作【待补充】次。]
"""


def _plain_number_paths(source):
    """The number scalars as first found: every scalar's path tested, in file order."""
    for path, node in source.nodes.items():
        if path == ("year",) or len(path) >= 2 and path[0] == "figures" and (
                len(path) == 2 or (len(path) == 3 and path[2] in ("value", "previous"))):
            yield path, (node.value, node.tag, node.style)


@pytest.mark.parametrize("text", [REPORT, "year: 2020\nfigures: [010, {value: 0x10}]\n", "- 1\n- 2\n", "year: 07\n",
                                  "figures:\nyear: 010\n",
                                  "year: 07\nfigures:\n  a: 010\n  b:\n    previous: 0x1F\n    value: '1.10'\n"])
def test_number_scalars_are_those_the_path_test_finds_in_file_order(text):
    source = load_text(text, "r.yaml")
    found = [(path, scalar[:3]) for path, scalar in rawscalars._number_paths(source)]
    assert found == list(_plain_number_paths(source))


def test_lint_of_raw_scalars_reports_each_slip_in_file_order():
    findings = rawscalars.lint(load_text(REPORT, "r.yaml"))
    assert [(d.line, d.path, d.message_en) for d in findings] == [
        (2, "figures.甲", "leading zero read as octal"),
        (3, "figures.乙.value", "read as base-60"),
        (3, "figures.乙.previous", "read as hex/binary"),
        (5, "figures.丙.previous", "underscore in number"),
        (6, "figures.丙.value", "trailing zero is dropped"),
        (10, "year", "leading zero read as octal"),
        (3, "figures.乙.label", "placeholder 'XX' left in the text"),
        (7, "figures.丙.note", "placeholder '待填写' left in the text"),
        (11, "issuer", "placeholder '（ ）' left in the text"),
        (14, "sections[0].paragraphs[0]", "placeholder '【待补充】' left in the text"),
    ]


def test_positions_and_extents_are_the_marks_of_each_value_and_key_in_file_order():
    text = "year: 2020\nfigures:\n  甲: {value: 3}\nsections:\n  - title: 主要工作\n    paragraphs: [文字]\n"
    source = load_text(text, "r.yaml")
    assert list(source.positions) == [(), ("year",), ("figures",), ("figures", "甲"), ("figures", "甲", "value"),
                                      ("sections",), ("sections", 0), ("sections", 0, "title"),
                                      ("sections", 0, "paragraphs"), ("sections", 0, "paragraphs", 0)]
    assert source.positions[("figures", "甲", "value")] == (3, 14)
    assert source.key_positions[("figures", "甲", "value")] == (3, 7)
    start, end = source.extents[("sections", 0, "title")]
    assert text[start:end] == "主要工作"
    assert source.locate(("sections", 0, "paragraphs", 0)) == (6, 18)
    assert source.locate(("sections", 0, "missing", 3), key=True) == (5, 5)
    assert source.locate(("figures", "甲"), key=True) == (3, 3)


@pytest.mark.parametrize("flow", [False, True])  # read by yamlfast; by libyaml (a flow mapping)
def test_key_positions_of_many_paths_are_each_ones_key_position(flow):
    lines = ["year: 2020", "figures:"]
    for i in range(40):
        lines += [f"  数{i}: {{value: {i}}}"] if flow else [f"  数{i}:", f"    value: {i}"]
    source = load_text("\n".join(lines) + "\n", "r.yaml")
    paths = [("figures", f"数{i}") for i in range(41)] + [("year",), ("figures", "数3", "value"), ()]
    assert source.key_positions_of(paths) == [source.key_position(path) for path in paths]
    assert source.key_positions_of(paths)[3] == ((6, 3) if flow else (9, 3))
    assert source.key_positions_of(paths)[40] is None and source.key_positions_of([]) == []


def test_a_duplicate_key_keeps_the_first_position():
    with pytest.raises(ReportError) as caught:
        load_text("year: 2020\nissuer: 甲\nyear: 2021\n", "r.yaml")
    assert caught.value.source.key_positions[("year",)] == (1, 1)
    assert "第一次在第 1 行" in caught.value.diagnostics[0].message


@pytest.mark.parametrize("value, ok", [
    (18, True), (2.5, True), (-3, True), (10 ** 15 - 1, True), (-(10 ** 15) + 1, True), (10 ** 15, False),
    (-(10 ** 15), False), (1e15, False), (math.inf, False), (-math.inf, False), (math.nan, False), (True, False),
    ("18", False), (None, True)])
def test_number_fields_accept_what_the_rules_accept(value, ok):
    data = {"value": value} if value is not None else {"value": None, "unit": "个"}
    if ok:
        assert Figure.model_validate(data).value == value
    else:
        with pytest.raises(ValidationError):
            Figure.model_validate(data)


def test_text_fields_and_lists_of_texts():
    base = {"issuer": "某县人民政府", "year": 2020, "sections": [{"title": "一", "paragraphs": ["文字"]}]}
    report = Report.model_validate({**base, "preamble": ["甲", "乙"], "recipient": "市政府："})
    assert report.preamble == ["甲", "乙"] and report.recipient == "市政府："
    with pytest.raises(ValidationError) as caught:
        Report.model_validate({**base, "preamble": ["甲", 3, None], "recipient": 5, "issuer": ["x"], "sections": []})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("issuer",), "string_type"), (("recipient",), "string_type"), (("preamble", 1), "string_type"),
        (("preamble", 2), "string_type"), (("sections",), "too_short")]


def test_content_problems_are_found_in_every_text_in_file_order():
    text = ('issuer: "某县\\a"\nyear: 2020\nsections:\n  - title: 标题｛｛ 甲 ｝｝\n    paragraphs:\n'
            '      - {text: 正文, points: ["一｛{ 乙 }}", 好]}\nfigures:\n  year: 1\n  "2甲": 2\n')
    problems = content_problems(load_text(text, "r.yaml"))
    assert [(d.path, d.message_en) for d in problems] == [
        ("figures.year", "reserved figure name"), ("figures.2甲", "figure name cannot be quoted"),
        ("issuer", "control character"), ("sections[0].title", "full-width braces"),
        ("sections[0].paragraphs[0].points[0]", "full-width braces")]


def test_the_builder_keeps_every_scalar_node_in_file_order_whichever_path_reads_it():
    # Texts in mappings and in sequences are read inline by the builder, other scalars through the
    # constructor: the scalars' nodes must still come out in file order, their values as PyYAML's.
    text = ("run_in: true\npoints: [一, '二', 3, off]\nnested:\n  - a: 文字\n    b: [x, {c: TRUE}]\n"
            "  - 数据\n")
    source = load_text(text, "r.yaml")
    assert source.data == yaml.safe_load(text)
    assert list(source.nodes) == [("run_in",), ("points", 0), ("points", 1), ("points", 2), ("points", 3),
                                  ("nested", 0, "a"), ("nested", 0, "b", 0), ("nested", 0, "b", 1, "c"),
                                  ("nested", 1)]
    assert source.scalar_texts == "\n".join(["true", "一", "二", "3", "off", "文字", "x", "TRUE", "数据"])


def _corpus_data():
    """The data of every example and check-corpus file that loads, and of a few reshaped ones."""
    from pathlib import Path

    from lawgov_report.source.yamlsource import load_file

    root = Path(__file__).resolve().parents[2]
    out = []
    for path in sorted([*root.glob("examples/*.yaml"), *root.glob("tests/corpus/check/*.yaml")]):
        try:
            out.append(load_file(path).data)
        except ReportError as exc:
            source = getattr(exc, "source", None)
            if source is not None and source.data is not None:
                out.append(source.data)
    example = out[0]
    shuffled = {key: example[key] for key in reversed(list(example))}  # keys in another order than the fields
    shuffled["figures"] = {name: dict(reversed(list(f.items()))) if isinstance(f, dict) else f
                           for name, f in example["figures"].items()}
    out += [shuffled, {**shuffled, "year": 10 ** 20, "issuer": 3, "frobnicate": 1},
            {**example, "sections": [{"title": "一", "run_in": "yes", "paragraphs": [{"text": 1, "tail": 2}]}]},
            {**example, "figures": {"甲": {"value": 1, "formula": "乙 + 1"}, "乙": {"unit": 5, "digits": 9}}},
            {**example, "masthead": {"copy_number": 12, "signers": "李明", "secrecy": 1}}, {"year": 2020}, [],
            # lists of texts and of records, read by the first pass without _validate's dispatch
            {**example, "sections": [{"title": "一", "paragraphs": [{"text": "甲", "points": ["乙", "丙"]}, "丁"],
                                      "sections": [{"title": "二", "paragraphs": ["戊"], "sections": []}]}]},
            {**example, "sections": [{"title": "一", "paragraphs": [{"points": ["乙", 3]}, 5],
                                      "sections": [{"title": "二", "paragraphs": "戊"}, "己"]}]}]
    return out


@pytest.mark.parametrize("data", _corpus_data())
def test_the_first_pass_makes_the_records_and_the_second_the_errors_of_the_field_by_field_loop(data):
    """model_validate answers what one field-by-field pass collecting every error answers."""
    from lawgov_report.source.records import _validate_model

    errors: list[dict] = []
    expected = _validate_model(Report, data, (), errors)
    if errors:
        with pytest.raises(ValidationError) as caught:
            Report.model_validate(data)
        assert caught.value.errors() == errors
    else:
        report = Report.model_validate(data)
        assert report == expected and report.model_dump() == expected.model_dump()


def _folded_values():
    """YAML texts whose values hold a placeholder or a suspect character only once their lines are
    folded, their indentation dropped or their escapes read, in every scalar style."""
    words = ["XX", "待补充", "[\n      ]", "（\n\n      ）", "【一二三四五\n      六七八九十】", "｛｛ 甲 ｝｝", "\u202e", "文字"]
    out = []
    for word in words:
        out += [f"note: 开头{word}结尾\n", f"note: '开头{word}结尾'\n", f'note: "开头{word}结尾"\n',
                f"note: |\n  开头{word.replace(chr(10) + '      ', chr(10) + '  ')}结尾\n",
                f"note: >\n  开头{word.replace(chr(10) + '      ', chr(10) + '  ')}结尾\n",
                f"closing:\n  - 开头{word}结尾\n"]
    out += ['note: "\\x58\\x58"\n', 'note: "\\u5f85\\u8865\\u5145"\n', 'note: "\\a"\n', 'note: "【一二三四五六七八九十一\\\n  二】"\n']
    return out


@pytest.mark.parametrize("text", _folded_values())
def test_a_value_holds_nothing_its_files_text_does_not(text):
    """text_may_hold is True wherever a value holds a placeholder or a suspect character (and False
    only when none does)."""
    source = load_text(text, "r.yaml")
    for pattern, may in zip((rawscalars.PLACEHOLDER, rawscalars.SUSPECT), rawscalars.text_may_hold(source)):
        held = any(pattern.search(node.value) for node in source.nodes.values() if isinstance(node.value, str))
        assert may or not held, (text, pattern.pattern)


def test_the_text_test_spares_the_values_of_a_report_without_any():
    source = load_text(REPORT.replace("TODO", "甲").replace("XX", "乙").replace("待填写", "丙")
                       .replace("（ ）", "丁").replace("【待补充】", "戊"), "r.yaml")
    assert rawscalars.text_may_hold(source) == (False, False)
    assert rawscalars.text_may_hold(load_text(REPORT, "r.yaml"))[0]


_SUSPECTS = ["\u202e", "\u2066", "｛", "｝"]  # what a text yamlfast reads may hold of them (the rest it refuses)


@pytest.mark.parametrize("reader", ["yamlfast", "PyYAML"])
def test_one_search_answers_for_placeholders_and_suspects_as_two_would(reader):
    """Both answers of text_may_hold are those of a search of the text for each pattern, in
    whichever order the two kinds stand, in a text yamlfast reads and in one PyYAML reads."""
    rng = random.Random(18)
    pieces = ["文字", "XX", "（ ）", "【待补充】", "x", "（", "_", *_SUSPECTS]
    head = "note: " if reader == "yamlfast" else "note: {a: 1}\nclosing: "  # (a flow mapping: PyYAML's)
    for _ in range(400):
        text = head + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) + "\n"
        source = load_text(text, "r.yaml")
        fast = isinstance(source.nodes, rawscalars.ScalarView)
        assert fast == (reader == "yamlfast"), text
        expected = (rawscalars._PLACEHOLDER_IN_TEXT.search(text) is not None, rawscalars.SUSPECT.search(text) is not None)
        assert rawscalars.text_may_hold(source) == expected, text


def test_a_text_is_searched_again_when_it_is_another_text():
    """The answer remembered is the last text's, by identity: an equal text read again is searched again."""
    first = load_text("note: 文字\n", "r.yaml")
    assert rawscalars.text_may_hold(first) == (False, False)
    second = load_text("note: XX\n", "r.yaml")
    assert rawscalars.text_may_hold(second) == (True, False)
    assert rawscalars.text_may_hold(first) == (False, False)


def test_a_text_read_again_by_the_other_reader_is_searched_again(monkeypatch):
    """The answer is remembered with the reader that read the text: the same text object read by
    yamlfast, then by PyYAML, is searched again for the second (the two branches search differently)."""
    from lawgov_report.source import yamlfast

    text = "note: 文字\u202e\n"
    first = load_text(text, "r.yaml")
    assert isinstance(first.nodes, rawscalars.ScalarView)
    assert rawscalars.text_may_hold(first) == (False, True)
    monkeypatch.setattr(yamlfast, "read", lambda *args, **kwargs: None)  # (the thorough way, as for a flow mapping)
    second = load_text(text, "r.yaml")
    assert second.text is text and not isinstance(second.nodes, rawscalars.ScalarView)
    monkeypatch.setattr(rawscalars, "_PLACEHOLDER_IN_TEXT", re.compile("文字"))  # (told apart only by a search)
    assert rawscalars.text_may_hold(second) == (True, True)
