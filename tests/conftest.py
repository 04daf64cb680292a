"""Shared fixtures: the repository's files and a rendered Lushan example."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"
SEED = ROOT / "seeds" / "lushan-2020-report.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def example() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def seed_paragraphs() -> list[str]:
    """The seed's paragraphs, less what the engine generates or what is not text.

    - "[bookmark: _GoBack]" is a Word bookmark the text export wrote out, not text;
    - the seed's typed "（1） " becomes the generated "（一）";
    - the export ends with a newline and then a lone space (the empty last paragraph of the Word
      file); that final artefact is dropped, and asserted to be only that.
    """
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[-1] == " ", "the seed's last line changed"
    lines = lines[:-1]
    lines = [line.replace("[bookmark: _GoBack]", "") for line in lines]
    lines = [line.replace("（1） ", "（一）", 1) if line.startswith("（1） ") else line for line in lines]
    return lines


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    """The Lushan example rendered once for the session: OUTDIR/lushan-2020.docx."""
    from lawgov_report.pipeline import render_file

    outdir = tmp_path_factory.mktemp("rendered")
    render_file(EXAMPLE, outdir)
    return outdir / "lushan-2020.docx"
