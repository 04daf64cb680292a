"""Broken copies of the Lushan example, each made by one mutation, get the right verdict at the mutated
line from ``check`` and from ``render`` (which writes nothing for an invalid copy), with no traceback.

The mutations find their place by content, not line number, so the example may keep changing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args, cwd=None):
    result = subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                            capture_output=True, timeout=120)
    out = result.stdout.decode("utf-8", errors="replace")
    err = result.stderr.decode("utf-8", errors="replace")
    assert "Traceback" not in out + err, out + err
    assert result.returncode in (0, 1), (result.returncode, out, err)  # never a crash (e.g. -11)
    return result.returncode, out, err


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"the example no longer contains {needle!r}")


def first_key_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    raise AssertionError


def replace(text: str, old: str, new: str) -> str:
    assert old in text, f"the example no longer contains {old!r}"
    return text.replace(old, new, 1)


def bomb(text: str) -> str:
    lines = [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ['"哈"'] * 9) + "]" for i in range(12)]
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def year_line(text: str) -> str:
    return next(line for line in text.split("\n") if line.startswith("year:"))


# name -> (mutate(text) -> str, expected line (from the mutated text), keyword)
MUTATIONS = {
    "fullwidth-colon": (lambda t: replace(t, year_line(t), year_line(t).replace("year:", "year：")),
                        lambda t: line_of(t, "year："), "全角冒号"),
    "tab": (lambda t: replace(t, "\n    sections:", "\n\tsections:"), lambda t: line_of(t, "\tsections:"), "Tab"),
    "duplicate-key": (lambda t: replace(t, year_line(t), year_line(t) + "\nissuer: 另一个县人民政府"),
                      lambda t: line_of(t, "另一个县人民政府"), "重复"),
    "misspelt-key": (lambda t: replace(t, "\nissuer:", "\nisuer:"), lambda t: line_of(t, "isuer:"), "issuer"),
    "missing-year": (lambda t: replace(t, year_line(t) + "\n", ""), first_key_line, "year"),
    "year-chinese": (lambda t: replace(t, year_line(t), "year: 二〇二〇"), lambda t: line_of(t, "二〇二〇"),
                     "中文数字"),
    "undefined-figure": (lambda t: replace(t, "{{ 受理复议案件数 }}", "{{ 受理复议案件总数 }}"),
                         lambda t: line_of(t, "受理复议案件总数"), "未定义"),
    "broken-braces": (lambda t: replace(t, "{{ 出庭应诉案件数 }}", "{{ 出庭应诉案件数 }"),
                      lambda t: line_of(t, "{{ 出庭应诉案件数 }案"), "{{"),
    "sandbox-escape": (lambda t: replace(t, "规范完善行政执法文书。", "规范完善行政执法文书{{ ''.__class__.__mro__ }}。"),
                       lambda t: line_of(t, "__mro__"), "安全"),
    "alias-bomb": (bomb, lambda t: line_of(t, "lol5:"), "别名"),
    "truncated": (lambda t: t[: t.index("{", t.index("\nfigures:")) + 12],
                  lambda t: len(t.split("\n")), "不完整"),
}


@pytest.fixture(scope="module")
def example_text(example) -> str:
    return example.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_mutation_is_an_error_at_its_line_and_renders_nothing(tmp_path, example_text, name):
    mutate, where, keyword = MUTATIONS[name]
    text = mutate(example_text)
    src = tmp_path / "lushan-2020.yaml"
    src.write_text(text, encoding="utf-8")
    line = where(text)
    code, out, _ = run("check", src)
    assert code == 1, out
    errors = [l for l in out.splitlines() if ": 错误" in l]
    assert errors and errors[0].startswith(f"{src}:{line}:"), out
    assert keyword in out, out
    code, _, err = run("render", src, "-o", tmp_path / "out")
    assert code == 1
    assert f"{src}:{line}:" in err and keyword in err, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_binary_junk_is_refused_at_its_line(tmp_path, example_text):
    src = tmp_path / "junk.yaml"
    src.write_bytes(example_text.encode("utf-8") + b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    code, out, _ = run("check", src)
    assert code == 1 and out.startswith(f"{src}:{example_text.count(chr(10)) + 1}:") and "二进制" in out, out
    assert run("render", src, "-o", tmp_path / "out")[0] == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "crlf"])
def test_gbk_bom_and_crlf_just_work(tmp_path, example_text, example, encoding):
    """Saved as GBK, with a BOM or with Windows line ends, the example checks and renders the same."""
    src = tmp_path / "lushan-2020.yaml"
    if encoding == "crlf":
        src.write_bytes(example_text.replace("\n", "\r\n").encode("utf-8"))
    else:
        src.write_bytes(example_text.encode(encoding))
    code, out, _ = run("check", src)
    assert code == 0, out
    _, original, _ = run("check", example)
    same = [l.replace(str(example), "") for l in original.splitlines() if ": 警告" in l]
    mine = [l.replace(str(src), "") for l in out.splitlines() if ": 警告" in l and "GBK" not in l]
    assert mine == same  # the same findings at the same lines and columns
    if encoding == "gb18030":
        assert "GBK" in out
    code, _, err = run("render", src, "-o", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / "lushan-2020.docx").stat().st_size > 5000


def test_oversized_file_is_refused(tmp_path, example_text):
    src = tmp_path / "big.yaml"
    src.write_text(example_text + "# " + "长" * 800_000 + "\n", encoding="utf-8")
    code, out, _ = run("check", src)
    assert code == 1 and "过大" in out, out


def test_deep_nesting_does_not_crash_the_process(tmp_path):
    """libyaml's composer recurses in C: 100 000 nested brackets used to kill the process (SIGSEGV)."""
    src = tmp_path / "deep.yaml"
    src.write_text("issuer: x\nyear: 2020\nsections: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    code, out, _ = run("check", src)
    assert code == 1 and "嵌套" in out and out.startswith(f"{src}:3:"), out


def test_alias_bomb_is_refused_before_anything_is_built():
    """The guard streams parser events and refuses at the alias that crosses the limit, so a bomb of
    10^12 values costs what parsing its dozen lines costs (building 200 000 values took ~1 s)."""
    import time

    from lawgov_report.errors import ReportError
    from lawgov_report.source.yamlsource import load_text

    text = bomb("issuer: x\n")
    start = time.perf_counter()
    with pytest.raises(ReportError) as caught:
        load_text(text, "bomb.yaml")
    assert time.perf_counter() - start < 0.2
    assert "别名" in caught.value.diagnostics[0].message
