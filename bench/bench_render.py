"""Render speed of the Lushan example against docxtpl making the same document, in one run.

    python bench/bench_render.py [--runs 10]

The docxtpl side (docxtpl_baseline.py) writes the same paragraphs in the same styles, the 附件 page
and the statistics table, from content already laid out for it.

Cold: a fresh process each time (``lawgov-report render`` of the .docx vs ``python
docxtpl_baseline.py``), median of N. Warm, in one process, median of N*10:
- "document render": a validated report -> built Document -> .docx bytes (docxtpl's job: data and
  template in, document out);
- "whole render": the report file -> check (YAML, validation, 公文 lint) -> .docx file on disk, what
  ``render`` does, against docxtpl's render + save;
- the docx writer alone.
Figures are printed and written to bench/results/render.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"
sys.path.insert(0, str(ROOT / "bench"))


def timed(cmd: list[str], env=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import docx_baseline_text  # noqa: F401  (bench/docx_baseline_text.py: how to ask for the .docx alone)
    from docxtpl_baseline import document_context, make_template, render as docxtpl_render

    from lawgov_report.compose.build import build
    from lawgov_report.pipeline import load_report, render_file, resolve_template
    from lawgov_report.writers import docx as docx_writer

    # The console script beside this interpreter (a version manager's shim would add its own start-up).
    exe = Path(sys.executable).parent / "lawgov-report"
    exe = str(exe) if exe.exists() else None
    work = Path(tempfile.mkdtemp(prefix="lawgov-bench-"))
    loaded = load_report(EXAMPLE)
    template = resolve_template(loaded, None)
    built = build(loaded.report, template, loaded.source)
    context = document_context(built)
    text_json = work / "context.json"
    text_json.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    tpl = work / "docxtpl-template.docx"
    make_template(str(tpl), str(template.find("reference.docx")), len(context["table"]["header"]))

    render_cmd = [exe or sys.executable, *([] if exe else ["-m", "lawgov_report"]), "render", str(EXAMPLE),
                  "-o", str(work / "out"), "--force", *docx_baseline_text.DOCX_ONLY]
    baseline_cmd = [sys.executable, str(ROOT / "bench" / "docxtpl_baseline.py"), str(tpl), str(text_json),
                    str(work / "docxtpl.docx")]
    python_start = [sys.executable, "-c", "pass"]
    cold = {"lawgov-report render": [], "docxtpl script": [], "python -c pass": []}
    for _ in range(args.runs):  # interleaved, so drift on the machine hits both alike
        cold["lawgov-report render"].append(timed(render_cmd))
        cold["docxtpl script"].append(timed(baseline_cmd))
        cold["python -c pass"].append(timed(python_start))

    warm_runs = args.runs * 10
    ours, theirs = [], []
    render_file(EXAMPLE, work / "warm", overwrite=True, **docx_baseline_text.DOCX_ONLY_KW)
    docxtpl_render(str(tpl), str(text_json), str(work / "warm.docx"))
    for _ in range(warm_runs):
        start = time.perf_counter()
        render_file(EXAMPLE, work / "warm", overwrite=True, **docx_baseline_text.DOCX_ONLY_KW)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        docxtpl_render(str(tpl), str(text_json), str(work / "warm.docx"))
        theirs.append(time.perf_counter() - start)
    # The document render: validated report -> Document -> .docx bytes.
    document_render, writer = [], []
    for _ in range(warm_runs):
        start = time.perf_counter()
        document = build(loaded.report, template, loaded.source)
        docx_writer.to_bytes(document, template.reference_docx)
        document_render.append(time.perf_counter() - start)
    for _ in range(warm_runs):
        start = time.perf_counter()
        docx_writer.to_bytes(document, template.reference_docx)
        writer.append(time.perf_counter() - start)

    med = {k: statistics.median(v) * 1000 for k, v in cold.items()}
    result = {
        "cold_ms": med,
        "cold_ratio_ours_over_docxtpl": med["lawgov-report render"] / med["docxtpl script"],
        "warm_ms": {"document render (report -> .docx bytes)": statistics.median(document_render) * 1000,
                    "whole render (file -> check -> .docx on disk)": statistics.median(ours) * 1000,
                    "docx writer alone": statistics.median(writer) * 1000,
                    "docxtpl render + save": statistics.median(theirs) * 1000},
    }
    base = result["warm_ms"]["docxtpl render + save"]
    result["warm_ratio_document_render_over_docxtpl"] = result["warm_ms"]["document render (report -> .docx bytes)"] / base
    result["warm_ratio_whole_render_over_docxtpl"] = result["warm_ms"]["whole render (file -> check -> .docx on disk)"] / base
    print(f"cold, median of {args.runs} (ms):")
    for k, v in med.items():
        print(f"  {k:28s} {v:8.1f}")
    print(f"  ratio ours/docxtpl           {result['cold_ratio_ours_over_docxtpl']:.2f}")
    print(f"warm, median of {warm_runs} (ms):")
    for k, v in result["warm_ms"].items():
        print(f"  {k:48s} {v:8.2f}")
    print(f"  ratio document render / docxtpl              {result['warm_ratio_document_render_over_docxtpl']:.2f}")
    print(f"  ratio whole render / docxtpl                 {result['warm_ratio_whole_render_over_docxtpl']:.2f}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "render.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
