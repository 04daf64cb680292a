"""Where the diff summary's comparison goes: ``compare_files`` of a FACTOR-sized report against an
edited copy (bench/gen_scaled.py), and its three parts, in CPU milliseconds, best of RUNS.

    python bench/bench_compare.py [--factor 50] [--runs 5] [--profile]

Both sides are loaded and built first, as ``diff -o`` has them; only the comparison is timed, the
collector held as diff holds it. ``--profile``: cProfile of one comparison, by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def best_ms(fn, runs: int) -> float:
    """The least CPU time of ``runs`` calls of ``fn``, in milliseconds."""
    spent = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        spent.append(time.process_time() - start)
    return min(spent) * 1000


def main() -> None:
    import gen_scaled
    from lawgov_report.yearover import compare
    from lawgov_report.yearover.diff import _load_both, compare_files

    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp) / "old.yaml", Path(tmp) / "new.yaml"
        old_path.write_text(gen_scaled.scaled_report(args.factor), encoding="utf-8")
        new_path.write_text(gen_scaled.edited(old_path.read_text(encoding="utf-8")), encoding="utf-8")
        old, new = _load_both(old_path, new_path, None, (), build=True)
    o, n = old.loaded, new.loaded
    gc.disable()
    compare_files(old, new)  # warm
    parts = {
        "compare_files": lambda: compare_files(old, new),
        "  fields": lambda: compare.compare_fields(o.report, n.report),
        "  figures": lambda: compare.compare_figures(old.values, new.values, o.source, n.source),
        "  texts": lambda: compare.compare_texts(o.report, n.report, o.source, n.source),
    }
    for name, fn in parts.items():
        print(f"{name:<14} {best_ms(fn, args.runs):7.1f} ms  (x{args.factor}, best of {args.runs})")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(compare_files, old, new)
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
