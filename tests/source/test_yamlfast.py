"""yamlfast reads what libyaml and the builder read, exactly, or declines.

Every text here is read both ways: yamlfast.read and yamlsource.read_thoroughly (libyaml's composer
and the builder). Where yamlfast reads a text it must give the same data (with the same types) and
the same nodes for every value, key and scalar: path, order, value, tag, style, and start and end
marks (offset, line, column). The texts are the examples, every YAML file under tests/, texts made
for the edges the reader decides on, and thousands of mutations of the examples: lines re-indented,
joined, doubled, dropped, values swapped for numbers, dates, quotes, colons, comments.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from lawgov_report.errors import ReportError
from lawgov_report.source import yamlfast
from lawgov_report.source.yamlnodes import NodeView
from lawgov_report.source.yamlsource import MAX_NODES, load_text, read_thoroughly

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("examples/*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))


def _described(node) -> tuple:
    start, end = node.start_mark, node.end_mark
    scalar = isinstance(node.value, str)
    return (node.value if scalar else None, node.tag, (node.style or "") if scalar else None,
            (start.index, start.line, start.column), (end.index, end.line, end.column))


def agree(text: str) -> bool:
    """Whether yamlfast read ``text`` (False: it declined); fails the test where the readings differ."""
    fast = yamlfast.read(text, "t.yaml", MAX_NODES)
    if fast is None:
        return False
    try:
        thorough = read_thoroughly(text, "t.yaml")
    except ReportError as exc:
        raise AssertionError(f"yamlfast read a text the builder refuses: {exc.diagnostics[:2]}\n{text}") from None
    data, nodes, values, keys = fast
    assert repr(data) == repr(thorough.data), text
    for fast_nodes, thorough_nodes in ((nodes, thorough.nodes), (values, thorough.value_nodes),
                                       (keys, thorough.key_nodes)):
        assert list(fast_nodes) == list(thorough_nodes), text
        for path in fast_nodes:
            assert _described(fast_nodes[path]) == _described(thorough_nodes[path]), (path, text)
            mark = thorough_nodes[path].start_mark
            assert fast_nodes.position(path) == (mark.line + 1, mark.column + 1), (path, text)
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository(path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 (a GBK test file): decoded elsewhere")
    agree(text)


EDGES = [
    "a: 1\nh:", "a: 1\nh:\n", "a:\n- x\n- ", "a:\n  b:", "a: x  ", "a: x  # c", "a: x\n# c",
    "a: x\n  # c\n   ", "a:\n  - b:\n    c: 1", "k: 'a'''", 'k: ""', "k: 1.5", "k: 2020-01-01", "k: 010",
    "k: 0x1F", "k: true", "k: ~", "k: null", "k: 1_000", "k: 12:30", "k: +5", "k: .5", "k: 1,900",
    "a:\n- - x\n  - y\n- z", "a:\n  -   b: 1\n      c: 2\n  - d", "  a: 1\n  b: 2", "- a\n- b",
    "a:\n\n  # x\n  b: 1\n\n# y\nc:\n", "a:\n- b: 1\n  c:\n  - 2\n  - 3\nd: 4", "a: 'x' # c\nb: \"y\"  \n",
    "键: 中文 #注释\n键2: 中文#不是注释\n", "a: 𠀀字\nb: 'é'\n", "a:\n  b:\n    c:\n      d: 1\n  e: 2\n",
    "a: [1]", "a: {b: 1}", "a: |\n  x\n", "a: >\n  x\n", "a: &x 1\nb: *x", "a: !!str 1", "%YAML 1.1\n---\na: 1",
    "a: 1\n---\nb: 2", "a: 1\n...\n", "a:\n  b: 1\n c: 2", "a: b: c", "a: x\n  y", "- a\nb: 1", "a: 1\na: 2",
    "a：1", "a　b: 1", "<<: 1", "a : 1", "a: 'x\n  y'", 'a: "x\\ty"', "a: 2020-13-01", "a:\tb", "a: 1\r\nb: 2",
    "a: -5", "a: -x", "a: ? b", "a: x:", "# only a comment\n", "", "a: 'x' y", "a: \"x\"#c",
    # the common lines and what looks like them: a Chinese text with a colon or # in it, a comment
    # where a value would be, a key with a slip in it, the same plain value read twice
    "a: 中文:冒号", "a: 中文: 冒号", "a: 中文#号", "a: 中文 #注释", "a: 中文:", "a: 时间12:30  ", "a: 文字  \nb: 1",
    "a: # 注释\n  b: 1", "a: # 注释\nb: 2", "a:\n- # 注释\n- x", "a:\n  - x # c\n  - # c\n  - 中文#",
    "a 　b: 1", "a　: 1", "a：: 1", "- a : 1", "- a　b: 1", "a: 1\nb: 1\nc: 1 # x\nd: '1'\ne: 1",
    "a:\n  b:\n    - c: 1\n      d: 中文\n    - c: 2\n  e: 3\nf: 4", "a:\n- b:\n  - 1\n  - 2\n- c", "a:\n  b: 1\n\n# x\n  c: 2",
    "a:\n  - 中文\n  -   中文\n  - 'x'", "x" * 61 + ": 1", "x" * 60 + ": 1", "a: 1\n" + "x" * 70,
]


@pytest.mark.parametrize("text", EDGES)
def test_edges(text):
    agree(text)


def test_the_subset_covers_a_report_in_block_style():
    """The reader is worth having only if it reads what reports are: the examples in block style
    (as the bench's generated reports are written) are read, not declined."""
    for path in ROOT.glob("examples/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        assert agree(text), path


_SPECIALS = ["1", "010", "1.5", "true", "no", "~", "null", "2021-03-05", "1:30", "'引号'", '"双引号"', "a: b",
             "x #注释", "x#y", "[1, 2]", "{a: 1}", "-", "- x", "&a", "*a", "!x", "|", ">", "''", "'it''s'", "",
             "中文: 冒号", "中文：全角", "1,900", "80余", "'{{ year }}年'", "@x", "%", "?", "文字   ", "  ",
             "中文:冒号", "中文#号", "中文 # 注释", "文字:", "# 注释", "12:30开会", "x  # c", "中文 ：", "'a' # c"]


def _mutations(text: str, rng: random.Random, count: int):
    lines = text.split("\n")
    for _ in range(count):
        out = list(lines)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(out))
            line = out[i]
            kind = rng.randrange(10)
            if kind == 0:  # re-indent
                out[i] = " " * rng.choice([1, 2]) + line if rng.random() < 0.5 else line[rng.choice([1, 2]):]
            elif kind == 1:  # join with the next line
                out[i:i + 2] = [" ".join(out[i:i + 2])]
            elif kind == 2:
                out.insert(i, line)
            elif kind == 3:
                del out[i]
            elif kind == 4 and ": " in line:  # another value
                head = line.split(": ", 1)[0]
                out[i] = f"{head}: {rng.choice(_SPECIALS)}"
            elif kind == 5 and line.lstrip().startswith("- "):
                head = line[:len(line) - len(line.lstrip())]
                out[i] = f"{head}- {rng.choice(_SPECIALS)}"
            elif kind == 6:
                out.insert(i, rng.choice(["", "# 注释", "   ", "  # 缩进的注释"]))
            elif kind == 7:
                out[i] = line + rng.choice([" # 注释", "  ", ":", " x", "'", "#", ": x", " :"])
            elif kind == 8 and ": " in line:  # a slip in the key: a full-width space or colon, a space
                at = line.index(": ")
                cut = rng.randrange(len(line) - len(line.lstrip()), at + 1)
                out[i] = line[:cut] + rng.choice(["\u3000", "：", " ", "#", "-", "'"]) + line[cut:]
            else:
                out[i] = line.replace(": ", ":", 1) if rng.random() < 0.5 else line.replace("- ", "-", 1)
        yield "\n".join(out)


@pytest.mark.parametrize("path", sorted(ROOT.glob("examples/*.yaml")), ids=lambda p: p.name)
def test_mutated_reports(path):
    rng = random.Random(path.name)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    block = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    for source in (path.read_text(encoding="utf-8"), block):
        read = sum(agree(text) for text in _mutations(source, rng, 600))
    # the file as written has its figures as flow mappings {…}, which the reader leaves to libyaml
    assert read > 150, f"only {read} of 600 mutations in block style were read: the comparison tested little"


def test_load_text_takes_the_fast_reading_and_locates_from_it():
    text = "title: 标题\nfigures:\n  受理数:\n    value: 18\n    unit: 件\n"
    source = load_text(text, "t.yaml")
    assert isinstance(source.nodes, NodeView)
    assert source.locate(("figures", "受理数", "value")) == (4, 12)
    assert source.locate(("figures", "受理数"), key=True) == (3, 3)
    assert source.extents[("figures", "受理数")] == (30, len(text))  # to where the next value would stand
    assert source.scalar_texts == "标题\n18\n件"


def test_a_text_the_reader_declines_is_read_the_thorough_way():
    source = load_text("a: [1, 2]\n", "t.yaml")
    assert source.data == {"a": [1, 2]} and not isinstance(source.nodes, NodeView)


def test_a_decoded_text_is_checked_only_for_what_decoding_lets_through():
    """read(decoded=True) skips the scan for characters textfile.decode refuses or rewrites; every
    character of that scan but the tab and the byte-order mark must be one of those."""
    from lawgov_report.source.textfile import decode

    for code in range(0x110000):
        char = chr(code)
        if not yamlfast.UNSUPPORTED_CHARACTERS.match(char) or char in "\t\ufeff":
            continue
        raw = f"a: x{char}y\n".encode("utf-8", "surrogatepass")
        try:
            text, _ = decode(raw, "t.yaml")
        except ReportError:
            continue
        assert char not in text, hex(code)
    for text in ("a: x\ty\n", "a: x\ufeffy\n"):
        assert yamlfast.read(text, "t.yaml", MAX_NODES, decoded=True) is None
