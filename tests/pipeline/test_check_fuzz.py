"""``check`` on the example with random typing slips: it always answers with diagnostics, never an
exception (the CLI would show that as a traceback), and every finding is located in the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lushan-2020.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
# What a Chinese input method and a hurried clerk put where they should not.
SLIPS = list("：　\t{}[]:-\"'&*!|>%@`#，,\\\n") + ["{{", "}}", "{%", "- ", ": ", "&a ", "*a", "２", "。"]


@st.composite
def slipped(draw):
    text = TEXT
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(SLIPS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 3)):]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slipped())
def test_check_never_raises_and_locates_every_finding(text):
    from lawgov_report.pipeline.check import check_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.yaml"
        path.write_text(text, encoding="utf-8")
        checked = check_file(path)
    lines = text.count("\n") + 1
    for diag in checked.diagnostics:
        assert diag.message
        if diag.file == str(path):
            assert 1 <= diag.line <= lines, diag
