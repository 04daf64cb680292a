"""A rendered report leaves no reference cycles behind, so it is freed the moment it is done.

The render holds Python's garbage collector (pipeline.check.collector_paused); that only pays if
what one report builds is freed by reference counting. A recursive closure, or a Jinja context
kept alive by a recursive macro, makes the whole report cyclic garbage: at 50 times the seed's size
that was 123,000 objects for the collector to trace after every report.
"""

from __future__ import annotations

import gc
from pathlib import Path

from lawgov_report.pipeline import render_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _garbage_after(action) -> int:
    gc.collect()
    gc.disable()
    try:
        action()
        return gc.collect()
    finally:
        gc.enable()


def test_render_leaves_no_cyclic_garbage(tmp_path):
    for name in ("lushan-2020.yaml", "lushan-2020-print.yaml"):
        render_file(EXAMPLES / name, tmp_path, overwrite=True)  # warm: templates compiled, caches filled
        found = _garbage_after(lambda: render_file(EXAMPLES / name, tmp_path, overwrite=True))
        # What may remain does not grow with the report: the frame's recursive macro and its
        # emptied context, the zip writer's own cycles (66 objects). Before: 2,180 for the seed.
        assert found < 100, f"{name}: {found} objects left in reference cycles"
