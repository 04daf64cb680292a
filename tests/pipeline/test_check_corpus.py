"""The broken-file corpus (tests/corpus/check): each file is a mistake a clerk makes, found and located.

Every file's second line says what ``lawgov-report check`` must answer:
``# expect: exit=1 line=4 keyword=全角冒号`` — the exit code, the line of the first finding of that
severity (the first error when the exit code is 1, the first warning when it is 0), and a word
of its message. The few files that cannot carry a comment (a Word file renamed .yaml) are listed
in NO_HEADER. No file may print a traceback, and ``render`` writes nothing for any file with an error.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawgov_report.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "check"
EXPECT = re.compile(r"# expect: exit=(\d) line=(\d+) keyword=(\S+)")
NO_HEADER = {"word-file-renamed.yaml": (1, 1, "Word")}


def expectation(path: Path) -> tuple[int, int, str]:
    if path.name in NO_HEADER:
        return NO_HEADER[path.name]
    raw = path.read_bytes()
    encodings = ["utf-16"] if raw.startswith(b"\xff\xfe") else ["utf-8-sig", "gb18030"]
    for errors in ("strict", "replace"):  # "replace": binary junk after the header
        for encoding in encodings:
            try:
                match = EXPECT.search(raw[:300 if errors == "replace" else None].decode(encoding, errors))
            except UnicodeDecodeError:
                continue
            if match:
                return int(match[1]), int(match[2]), match[3]
    raise AssertionError(f"{path.name}: no '# expect:' line")


FILES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".yaml")


def check(*args):
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    # A traceback would surface as an exception other than the SystemExit carrying the exit code.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


def test_corpus_is_large_enough():
    assert len(FILES) >= 30
    assert sum(expectation(p)[0] == 1 for p in FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_broken_file_is_found_at_its_line(path):
    exit_code, line, keyword = expectation(path)
    result = check(path)
    assert result.exit_code == exit_code, result.output
    severity = "错误" if exit_code == 1 else "警告"
    findings = [l for l in result.output.splitlines() if re.match(rf"{re.escape(str(path))}:\d+(:\d+)?: {severity}", l)]
    assert findings, result.output
    assert findings[0].startswith(f"{path}:{line}:"), result.output
    assert keyword in result.output, result.output
    assert re.search(r"发现 \d+ 个错误、\d+ 个警告", result.output.splitlines()[-1])
    if exit_code == 0:
        assert check("--strict", path).exit_code == 1  # warnings fail only under --strict


def test_every_finding_has_a_hint_or_says_enough():
    """A clerk fixes a mistake from the message alone: errors come with a hint line."""
    missing = []
    for path in FILES:
        lines = check(path).output.splitlines()
        for i, line in enumerate(lines):
            if ": 错误" in line and not (i + 1 < len(lines) and lines[i + 1].startswith("    提示：")):
                missing.append(line)
    # Plain type errors ("应为文字") are self-explanatory; most findings should carry a hint.
    assert len(missing) <= 3, "\n".join(missing)


def test_render_writes_nothing_for_broken_files(tmp_path):
    """render runs the same check first: for every file with an error, no output appears."""
    broken = [p for p in FILES if expectation(p)[0] == 1]
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "lawgov_report", "render", *map(str, broken), "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())
    for path in broken:  # each file's errors are reported by render too, at the same line
        _, line, _ = expectation(path)
        assert f"{path}:{line}:" in result.stderr, path.name


def test_json_output_matches_text(tmp_path):
    import json

    path = CORPUS / "undefined-and-misspelt.yaml"
    text = check(path).output
    data = json.loads(check("--format", "json", path).output)
    assert data["errors"] == 2 and data["files"][0]["ok"] is False
    for diag in data["diagnostics"]:
        assert f"{diag['file']}:{diag['line']}:{diag['col']}:" in text
        assert diag["message"] in text and diag["message_en"]


def test_english_for_maintainers():
    result = check("--lang", "en", "--edition", "web", CORPUS / "fullwidth-colon.yaml")  # web: no 署名 to warn of
    assert ": error" in result.output and "full-width colon" in result.output
    assert "1 error(s), 0 warning(s)" in result.output
