"""The .docx's bytes do not depend on how many pieces of the body are deflated at a time."""

from __future__ import annotations

from pathlib import Path

from lawgov_report.pipeline.check import check_file
from lawgov_report.writers import docx, package

ROOT = Path(__file__).resolve().parents[2]


def test_the_bytes_are_the_same_whatever_the_slice(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    checked = check_file(ROOT / "examples" / "lushan-2020.yaml")
    document, template = checked.document, checked.template
    made = {}
    for size in (1, 3, package._SLICE, 10 ** 7):  # a piece at a time, … , the whole body at once
        monkeypatch.setattr(package, "_SLICE", size)
        made[size] = docx.to_bytes(document, template.reference_docx, str(template.reference_path))
    assert len(set(made.values())) == 1
    assert len(docx.body_parts(document)) > 3  # so that the slices above do cut the body
