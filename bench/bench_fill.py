"""What ``form`` and ``fill`` cost: writing a form, reading it back with openpyxl, the whole commands.

    python bench/bench_fill.py [--runs 10] [--units 200]

Warm (one process, median of N): our form writer on the Lushan 2021 draft (unit form) and on a
county of ``--units`` copies; openpyxl reading each back (what fill pays to read); openpyxl writing
the same unit form (values only, no styles), for scale. Cold (fresh processes, median of N):
``import openpyxl`` alone, ``lawgov-report form`` and ``lawgov-report fill --dry-run`` on the unit form.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_ms(args: list[str], runs: int, cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args()
    from openpyxl import Workbook, load_workbook

    from lawgov_report.compose.catalogue import SharedFigures
    from lawgov_report.pipeline.fill import load_targets
    from lawgov_report.readers.workbook import read_form
    from lawgov_report.writers import form as forms

    work = Path(tempfile.mkdtemp(prefix="bench-fill-"))
    try:
        draft = work / "lushan-2021.yaml"
        subprocess.run([sys.executable, "-m", "lawgov_report", "new", str(EXAMPLE), "-o", str(draft)], check=True,
                       capture_output=True)
        target = load_targets([draft])[0]
        unit = lambda: forms.unit_form(target.figures, "标题", target.report.issuer, draft.name)  # noqa: E731
        unit_file = work / "unit.xlsx"
        unit_file.write_bytes(unit())
        county_dir = work / "county"
        county_dir.mkdir()
        for i in range(args.units):
            shutil.copy(draft, county_dir / f"unit-{i:04d}.yaml")
        targets = load_targets(sorted(county_dir.glob("*.yaml")))
        shared = SharedFigures(targets[0].catalogue)
        for t in targets:
            shared.add({n: (f.label, f.unit) for n, f in t.figures.items()})
        columns = forms.county_columns(targets[0].catalogue, shared.extra())
        rows = [forms.CountyRow(t.report.issuer, t.report.year, str(t.path), t.figures) for t in targets]
        county = lambda: forms.county_form(rows, columns, targets[0].catalogue, "标题")  # noqa: E731
        county_file = work / "county.xlsx"
        county_file.write_bytes(county())

        def openpyxl_unit():
            book = Workbook()
            sheet = book.active
            for name, figure in target.figures.items():
                sheet.append([1, figure.category, figure.label, figure.unit, figure.previous, figure.value, "", name])
            book.save(work / "openpyxl.xlsx")

        results = {
            "unit form, our writer (ms)": median_ms(unit, args.runs),
            "unit form, openpyxl values only (ms)": median_ms(openpyxl_unit, args.runs),
            f"county form of {args.units}, our writer (ms)": median_ms(county, args.runs),
            "read unit form, openpyxl (ms)": median_ms(lambda: read_form(unit_file), args.runs),
            f"read county form of {args.units}, openpyxl (ms)": median_ms(lambda: read_form(county_file),
                                                                          max(1, args.runs // 2)),
            "load_workbook alone, unit form (ms)": median_ms(lambda: load_workbook(unit_file), args.runs),
            "cold: import openpyxl (ms)": cold_ms([sys.executable, "-c", "import openpyxl"], args.runs, work),
            "cold: lawgov-report form (ms)": cold_ms([sys.executable, "-m", "lawgov_report", "form", draft.name, "-o",
                                                     "cold.xlsx", "--force"], args.runs, work),
            "cold: lawgov-report fill --dry-run (ms)": cold_ms([sys.executable, "-m", "lawgov_report", "fill",
                                                               draft.name, "unit.xlsx", "--dry-run"], args.runs, work),
        }
        width = max(map(len, results))
        for key, value in results.items():
            print(f"{key:<{width}}  {value:8.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
