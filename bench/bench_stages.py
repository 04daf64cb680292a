"""Where the warm render of one report goes, stage by stage, at the seed's size and at FACTOR times.

    python bench/bench_stages.py [--factor 50] [--runs 10] [--diff]

Each stage of ``render`` (pipeline/check.py, pipeline/render.py) is timed alone, in CPU time per
report, warm (two runs first), the collector held as the render holds it: load (bytes -> YAML with
positions), rawscalars (typing slips in raw values), validate (-> Report), build (Report ->
Document: texts in the sandbox, numbering, 附件, frame), lint (公文 conventions), to_bytes (Document
-> .docx bytes), and gc (collecting what the report left in the young generation). With ``--diff``,
``diff -o`` of the FACTOR-sized report against an edited copy, and its ratio to the stages' sum.
The issue-18 figures, against docxtpl, come from bench_scale.py; this is the profile behind them.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def stages(path: Path, runs: int) -> dict[str, float]:
    """Milliseconds of CPU per report for each stage of the render of ``path``."""
    from lawgov_report.compose.build import build
    from lawgov_report.compose.lint import lint
    from lawgov_report.compose.templates import resolve_template
    from lawgov_report.pipeline.load import Loaded
    from lawgov_report.source import rawscalars
    from lawgov_report.source.validate import validate
    from lawgov_report.source.yamlsource import load_file
    from lawgov_report.writers import docx as docx_writer

    spent: dict[str, float] = {}

    def timed(name, fn, *args, **kwargs):
        start = time.process_time()
        out = fn(*args, **kwargs)
        spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return out

    for run in range(runs + 2):
        if run == 2:
            spent.clear()
        gc.disable()
        source = timed("load", load_file, path)
        timed("rawscalars", rawscalars.lint, source)
        report = timed("validate", validate, source)
        template = timed("template", resolve_template, Loaded(source, report), None, ())
        document = timed("build", build, report, template, source, edition="print")
        timed("lint", lint, report, source, template, document.figure_values, edition="print",
              rendered=document.texts)
        timed("to_bytes", docx_writer.to_bytes, document, template.reference_docx, str(template.reference_path))
        gc.enable()
        del source, report, document
        timed("gc", gc.collect, 0)  # what the report left: the young generation, as the next automatic pass
    out = {name: seconds / runs * 1000 for name, seconds in spent.items()}
    out["total"] = sum(out.values())
    return out


def diff_ms(old: Path, new: Path, out: Path, runs: int = 3) -> float:
    from lawgov_report.yearover.diff import diff_files

    diff_files(old, new, out, overwrite=True)
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        diff_files(old, new, out, overwrite=True)
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    from gen_scaled import edited, scaled_report

    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=int, default=50)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--diff", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lawgov-stages-"))
    columns = {}
    for factor in (1, args.factor):
        path = work / f"x{factor}.yaml"
        path.write_text(scaled_report(factor), encoding="utf-8")
        columns[factor] = stages(path, args.runs if factor > 1 else args.runs * 10)
    print(f"{'stage':12s} {'x1 ms':>8s} {'x%d ms' % args.factor:>9s} {'ratio':>7s}")
    for name in columns[1]:
        one, big = columns[1][name], columns[args.factor][name]
        print(f"{name:12s} {one:8.2f} {big:9.1f} {big / one if one else 0:7.1f}")
    if args.diff:
        big = work / f"x{args.factor}.yaml"
        edited_path = work / "edited.yaml"
        edited_path.write_text(edited(big.read_text(encoding="utf-8")), encoding="utf-8")
        red = diff_ms(big, edited_path, work / "redline.docx")
        print(f"diff -o x{args.factor}: {red:.1f} ms, {red / columns[args.factor]['total']:.2f} x the stages' sum")


if __name__ == "__main__":
    main()
