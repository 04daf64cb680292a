"""Batch throughput, peak memory and start-up, measured in one run.

    python bench/bench_batch.py [--small 1000] [--large 10000] [--jobs 2]

- throughput: N generated reports (the size of the Lushan example) rendered to .docx + .xlsx with a
  roll-up, reports per second on this machine;
- peak memory: the largest resident set of the batch's main process and of any worker, for the small
  and the large batch (the ratio is what should stay flat);
- start-up: ``lawgov-report --help`` and a single ``render``, median of 10.
Figures are printed and written to bench/results/batch.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

_MEASURE = r"""
import json, resource, sys, time
from lawgov_report.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit as exc:
    code = exc.code
else:
    code = 0
elapsed = time.perf_counter() - start
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "main_peak_mb": self_kb / 1024, "worker_peak_mb": child_kb / 1024,
                  "code": code}), file=sys.stderr)
"""


def run_batch(inputs: Path, outdir: Path, jobs: int) -> dict:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, "batch", str(inputs), "-o", str(outdir), "-j", str(jobs)],
                          capture_output=True, text=True)
    line = proc.stderr.strip().splitlines()[-1]
    return json.loads(line)


def exe() -> list[str]:
    script = Path(sys.executable).parent / "lawgov-report"
    return [str(script)] if script.exists() else [sys.executable, "-m", "lawgov_report"]


def median_ms(cmd: list[str], runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    from gen_reports import generate

    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lawgov-batch-"))
    results = {}
    try:
        for label, count in (("small", args.small), ("large", args.large)):
            if not count:
                continue
            inputs = work / f"in-{count}"
            generate(inputs, count)
            outcome = run_batch(inputs, work / f"out-{count}", args.jobs)
            outcome["reports"] = count
            outcome["reports_per_second"] = count / outcome["seconds"]
            results[label] = outcome
            print(f"{count:6d} reports: {outcome['seconds']:.1f} s, {outcome['reports_per_second']:.0f} reports/s, "
                  f"main peak {outcome['main_peak_mb']:.0f} MB, worker peak {outcome['worker_peak_mb']:.0f} MB "
                  f"(exit {outcome['code']})")
            shutil.rmtree(work / f"out-{count}", ignore_errors=True)
            shutil.rmtree(inputs, ignore_errors=True)
        if "small" in results and "large" in results:
            for key in ("main_peak_mb", "worker_peak_mb"):
                ratio = results["large"][key] / results["small"][key]
                results[f"{key}_ratio_large_over_small"] = ratio
                print(f"  {key} ratio large/small: {ratio:.2f}")
        example = ROOT / "examples" / "lushan-2020.yaml"
        out = work / "single"
        results["help_ms"] = median_ms([*exe(), "--help"])
        results["render_ms"] = median_ms([*exe(), "render", str(example), "-o", str(out), "--force"])
        results["python_startup_ms"] = median_ms([sys.executable, "-c", "pass"])
        print(f"--help {results['help_ms']:.0f} ms; render {results['render_ms']:.0f} ms "
              f"(python itself starts in {results['python_startup_ms']:.0f} ms here)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "batch.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
