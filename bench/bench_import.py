"""How import's time grows with the report: linear, or not.

    python bench/bench_import.py [--lines 1000 5000 10000] [--tree /work/main]

A report of N lines is made from the unseen corpus's own sentences (headings 一、（一）1. and body
paragraphs with statistics, units, qualifiers, ranges and dates), then imported in a fresh process
(``import_report``: read, recognise, figures, YAML) and its YAML checked by rendering it back
(``verify.check``), each timed. ``--tree`` runs another checkout of the engine on the same inputs
(e.g. main, before this change). Also: the cost of importing the word segmenter (rjieba) and of
segmenting 10,000 characters.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "import-unseen" / "fengcheng-county-2022.txt"

TIMED = """
import sys, time
start = time.perf_counter()
from lawgov_report.readers import import_report, verify
done = import_report(sys.argv[1])
middle = time.perf_counter()
differences = verify.check(done.yaml, "bench.yaml", done.draft.expected)
end = time.perf_counter()
print(middle - start, end - middle, len(done.draft.figures), len(differences))
"""

SEGMENTER = """
import time
start = time.perf_counter()
import rjieba
imported = time.perf_counter()
text = open({path!r}, encoding="utf-8").read()
text = (text * (10000 // len(text) + 1))[:10000]
rjieba.cut(text)
first = time.perf_counter()
rjieba.cut(text)
second = time.perf_counter()
print(imported - start, first - imported, second - first)
"""


def report(lines: int) -> str:
    """A report of about ``lines`` lines: the corpus's body paragraphs repeated under numbered items."""
    body = [x for x in CORPUS.read_text(encoding="utf-8").splitlines()
            if len(x) > 40 and not x[0].isdigit() and not x.startswith(("一", "二", "三", "四", "（"))]
    out = ["鹿城县人民政府关于2022年度法治政府建设情况的报告", "", "2022年，全县依法行政工作取得新进展。",
           "一、主要举措和成效", "（一）依法行政"]
    item = 0
    while len(out) < lines:
        item += 1
        out.append(f"{item}.加强第{item}项工作。")
        out.append(body[item % len(body)])
    out += ["", "鹿城县人民政府", "2023年1月10日"]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--tree", default=str(ROOT), help="the engine checkout to time (default: this one)")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=args.tree)
    results = {"tree": args.tree, "runs": []}
    with tempfile.TemporaryDirectory() as folder:
        for n in args.lines:
            path = Path(folder) / f"report-{n}.txt"
            path.write_text(report(n), encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", TIMED, str(path)], capture_output=True, text=True, env=env,
                                 timeout=3600)
            if out.returncode:
                print(out.stderr[-2000:])
                continue
            read, check, figures, differences = out.stdout.split()
            row = {"lines": n, "import_s": float(read), "check_s": float(check), "figures": int(figures),
                   "differences": int(differences)}
            results["runs"].append(row)
            print(f"{n:>6} lines: import {float(read):7.2f} s, check {float(check):7.2f} s, "
                  f"{figures} figures, {differences} differences")
    seg = subprocess.run([sys.executable, "-c", SEGMENTER.format(path=str(CORPUS))], capture_output=True, text=True)
    if seg.returncode == 0:
        imported, first, second = (float(x) for x in seg.stdout.split())
        results["rjieba"] = {"import_s": imported, "first_10k_chars_s": first, "warm_10k_chars_s": second}
        print(f"rjieba: import {imported * 1000:.0f} ms, 10,000 characters {first * 1000:.1f} ms "
              f"(then {second * 1000:.1f} ms)")
    target = ROOT / "bench" / "results"
    target.mkdir(exist_ok=True)
    (target / "import.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
