"""Loading a report file: safe YAML with positions, validated into a typed Report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawgov_report.source.model import Report
from lawgov_report.source.validate import validate
from lawgov_report.source.yamlsource import Source, load_file


@dataclass
class Loaded:
    """A validated report with the source it came from (for locating later findings)."""

    source: Source
    report: Report


def load_report(path: str | Path) -> Loaded:
    """Read and validate a report file; raises :class:`ReportError` with every problem found."""
    source = load_file(path)
    return Loaded(source, validate(source))
