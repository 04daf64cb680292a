"""Batch and render against interruption and races: Ctrl-C, a killed main process, two renders of
same-named reports at once, a rerun of an interrupted batch (issue 14). After each, every report has
all its outputs (.docx and .xlsx) or none, and the counts told to the clerk are true."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from gen_reports import generate  # noqa: E402


def _start(tmp_path, count=120, **popen):
    inputs = tmp_path / "in"
    generate(inputs, count)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "lawgov_report", "batch", str(inputs), "-o", str(out), "-j", "2",
                             "--no-summary"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 6:
        time.sleep(0.05)
    return proc, inputs, out


def _reports(out: Path) -> tuple[set, set]:
    docx = {p.with_suffix("") for p in out.rglob("*.docx")}
    xlsx = {p.with_suffix("") for p in out.rglob("*.xlsx") if p.name != "汇总.xlsx"}
    return docx, xlsx


def test_ctrl_c_finishes_the_reports_being_written_and_counts_them(tmp_path):
    proc, inputs, out = _start(tmp_path, start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr[-2000:]
    docx, xlsx = _reports(out)
    assert docx == xlsx, f"half-written: {docx ^ xlsx}"
    done = int(re.search(r"完成 (\d+)/120 份", stderr)[1])
    assert done == len(docx)  # the count told is the count written
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    # the rerun completes the county, counting the finished ones as done
    rerun = subprocess.run([sys.executable, "-m", "lawgov_report", "batch", str(inputs), "-o", str(out), "-j", "2",
                            "--resume"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"成功 120 份（其中 {done} 份此前已完成" in rerun.stdout
    assert (out / "汇总.xlsx").is_file()
    assert _reports(out)[0] == _reports(out)[1] and len(_reports(out)[0]) == 120


def test_a_rerun_without_resume_or_force_is_refused_before_writing(tmp_path):
    inputs = tmp_path / "in"
    generate(inputs, 3)
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-m", "lawgov_report", "batch", str(inputs), "-o", str(out), "-j", "1"],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = subprocess.run([sys.executable, "-m", "lawgov_report", "batch", str(inputs), "-o", str(out), "-j", "1"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "--resume" in again.stderr and "Traceback" not in again.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_killing_the_main_process_stops_the_workers(tmp_path):
    proc, _, out = _start(tmp_path, count=200)
    proc.kill()  # only the main process: its workers must notice and stop
    _, stderr = proc.communicate(timeout=60)
    time.sleep(2.5)  # a worker checks for its parent twice a second
    settled = _reports(out)
    time.sleep(1.5)
    assert _reports(out) == settled, "workers went on writing after the main process died"
    docx, xlsx = settled
    assert docx == xlsx, f"half-written: {docx ^ xlsx}"
    assert "Traceback" not in stderr
    for path in out.rglob("*.docx"):
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None


def _report(folder: Path, issuer: str) -> Path:
    folder.mkdir(parents=True)
    path = folder / "报告.yaml"
    path.write_text(f"issuer: {issuer}\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
                    f"      - \"开展工作{{{{ 甲 }}}}次。\"\nfigures:\n  甲: 9\n", encoding="utf-8")
    return path


def test_two_renders_of_same_named_reports_at_once_lose_nothing(tmp_path):
    out = tmp_path / "out"
    first, second = _report(tmp_path / "甲", "甲县人民政府"), _report(tmp_path / "乙", "乙县人民政府")
    for _ in range(3):  # the race is not certain in one try; the promise must hold in every one
        for p in out.glob("*"):
            p.unlink()
        procs = [subprocess.Popen([sys.executable, "-m", "lawgov_report", "render", str(src), "-o", str(out)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for src in (first, second)]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        codes = sorted(code for code, _, _ in results)
        assert codes == [0, 1], results  # one wrote, the other was told the name is taken
        told = "".join(o + e for _, o, e in results)
        assert told.count("已生成") == 2 and "已存在" in told and "Traceback" not in told  # .docx and .xlsx of one
        _assert_one_report(out)


def _assert_one_report(out: Path) -> None:
    with zipfile.ZipFile(out / "报告.docx") as zf:
        docx_issuer = "甲" if "甲县人民政府" in zf.read("word/document.xml").decode() else "乙"
    with zipfile.ZipFile(out / "报告.xlsx") as zf:
        xlsx_text = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
    assert f"{docx_issuer}县人民政府" in xlsx_text  # both files are the same report's


def test_two_forced_renders_at_once_never_pair_one_reports_docx_with_the_others_xlsx(tmp_path):
    out = tmp_path / "out"
    sources = _report(tmp_path / "甲", "甲县人民政府"), _report(tmp_path / "乙", "乙县人民政府")
    for _ in range(4):
        procs = [subprocess.Popen([sys.executable, "-m", "lawgov_report", "render", str(src), "-o", str(out), "--force"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for src in sources]
        results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
        assert [code for code, _, _ in results] == [0, 0], results
        _assert_one_report(out)
        assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_stop_raised_inside_a_finalizer_still_stops_the_worker_quietly():
    """SIGTERM's SystemExit raised while a ZipFile's __del__ ran was printed as "Exception ignored …
    Traceback" and the worker went on (seen once, the main process killed mid-batch)."""
    code = ("import signal, sys, time\n"
            "from lawgov_report.batch import run\n"
            "signal.signal(signal.SIGTERM, run._terminated)\n"
            "sys.unraisablehook = run._stop_after_finalizer\n"
            "class Finalized:\n"
            "    def __del__(self):\n"
            "        raise SystemExit(1)\n"
            "Finalized()\n"
            "for _ in range(200):\n"
            "    time.sleep(0.01)\n"
            "print('went on')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "went on" not in done.stdout
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
