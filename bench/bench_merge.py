"""What merge costs, on the Lushan example with the issue's review as Word tracked changes.

    python bench/bench_merge.py [--runs 10]

Cold: ``lawgov-report merge`` in a fresh process, against ``lawgov-report render`` of the same
report (merge renders twice: once to know where each paragraph came from, once to check the result).
Warm, in one process: the build with provenance against the plain build (what provenance adds to
a render that asks for it; a plain render does not), and the whole merge.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"
sys.path.insert(0, str(ROOT / "tests"))


def cold(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lawgov_report", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(func, runs: int) -> float:
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    from support import review

    from lawgov_report.compose.build import build
    from lawgov_report.pipeline import load_report, resolve_template
    from lawgov_report.source.yamlsource import load_file
    from lawgov_report.yearover.merge import merge

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, "-m", "lawgov_report", "render", str(EXAMPLE), "-o", str(folder)],
                       check=True, capture_output=True)
        reviewed = folder / "reviewed.docx"
        review.tracked_review(folder / "lushan-2020.docx", reviewed)
        render_cold = cold(["render", str(EXAMPLE), "-o", str(folder / "r"), "--force", "--no-xlsx"], runs)
        merge_cold = cold(["merge", str(EXAMPLE), str(reviewed), "-o", str(folder / "m.yaml"), "--force"], runs)
        loaded = load_report(EXAMPLE)
        template = resolve_template(loaded, None)
        plain = warm(lambda: build(loaded.report, template, loaded.source), runs * 10)
        traced = warm(lambda: build(loaded.report, template, loaded.source, provenance=True), runs * 10)
        whole = warm(lambda: merge(load_file(EXAMPLE), reviewed), runs * 10)
    print(f"cold render (.docx): {render_cold * 1000:7.0f} ms   cold merge: {merge_cold * 1000:7.0f} ms")
    print(f"warm build: {plain * 1000:6.1f} ms   with provenance: {traced * 1000:6.1f} ms   "
          f"whole merge: {whole * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
