"""Batch rendering: a whole county's reports in one run, in parallel, with a roll-up of the figures.

Inputs are files, folders (searched recursively for *.yaml) and globs. Each report renders in a
worker process (the template is loaded and compiled once per worker, not per report); a bad report
never stops the others. Outputs mirror the input folders under OUTDIR and are written atomically.
"""

from __future__ import annotations

import glob
import os
import re
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import Diagnostic, ReportError

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(name: str) -> str:
    """A file name every Windows, macOS and Linux folder accepts."""
    name = _UNSAFE.sub("_", name).strip().rstrip(". ") or "_"
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name[:120]


@dataclass(frozen=True, slots=True)
class Job:
    """One report to render: its path, and the sub-folder of OUTDIR its outputs go to."""

    path: str
    subdir: str


def _walk(folder: str):
    """(file, sub-folder) of every report under ``folder``, sorted, hidden folders skipped.

    Plain strings from os.walk, not Path objects: a county-wide batch lists 10,000 files, and the
    list is held for the whole run."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, folder)
        subdir = sys.intern("" if rel == "." else rel)
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                yield os.path.join(root, name), subdir


def discover(inputs: list[str]) -> tuple[list[Job], list[Diagnostic]]:
    """Expand files, folders and globs into jobs (in order, without duplicates)."""
    jobs: list[Job] = []
    seen: set[str] = set()
    problems: list[Diagnostic] = []

    def add(path: str, subdir: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            jobs.append(Job(path, subdir))

    for item in inputs:
        if os.path.isdir(item):
            for path, subdir in _walk(item):
                add(path, subdir)
        elif os.path.isfile(item):
            add(item, "")
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                problems.append(Diagnostic(item, 0, 0, "error", "", "没有匹配的文件", message_en="no match"))
            for match in matches:
                if os.path.isfile(match):
                    add(match, "")
        else:
            problems.append(Diagnostic(item, 0, 0, "error", "", "找不到文件或文件夹", message_en="not found"))
    return jobs, problems


@dataclass
class Outcome:
    """What one worker reports back: small, so thousands of them stay cheap."""

    path: str
    ok: bool
    outputs: list[str] = field(default_factory=list)
    error: Diagnostic | None = None
    errors: int = 0
    warnings: int = 0
    unit: str = ""
    year: int | None = None
    figures: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)  # name -> (label, unit)
    digits: dict = field(default_factory=dict)  # name -> decimal places shown
    skipped: bool = False  # --resume: its outputs were complete, so it was not rendered again
    cancelled: bool = False  # Ctrl-C came before it started: neither done nor failed
    placeholders: int = 0  # texts still holding 待补充, ×× …: rendered, but not finished
    findings: str = ""  # every error and warning, as ``check`` words them, for the batch's log


# Worker state: set once per worker process by _init_worker.
_OPTIONS: dict = {}
_STOP: list = []  # the batch's stop event (Ctrl-C): a worker starts no new report once it is set


def _init_worker(options: dict, stop=None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _OPTIONS.clear()
    _OPTIONS.update(options)
    _STOP[:] = [stop] if stop is not None else []
    if stop is not None:
        # SIGTERM (the pool stopped on a second Ctrl-C) unwinds like an error, so atomic writes roll back
        signal.signal(signal.SIGTERM, _terminated)
        sys.unraisablehook = _stop_after_finalizer
        _watch_parent()


def _terminated(signum, frame):
    raise SystemExit(1)


def _stop_after_finalizer(unraisable) -> None:
    """A stop (SIGTERM's SystemExit) raised while a finalizer ran (a ZipFile's __del__) cannot unwind
    from there: Python prints it as "Exception ignored … Traceback" and the worker goes on. It is
    sent again, to be raised where it can unwind; anything else is reported as Python would."""
    if isinstance(unraisable.exc_value, SystemExit):
        import threading

        # (a moment later: sent at once, it is raised before the finalizer has returned)
        threading.Timer(0.02, os.kill, (os.getpid(), signal.SIGTERM)).start()
        return
    sys.__unraisablehook__(unraisable)


def _watch_parent() -> None:
    """Stop this worker when the batch's main process dies (killed, closed window): without it the
    worker would go on writing reports nobody counts, then fail with BrokenPipe tracebacks."""
    import threading

    parent = os.getppid()
    if sys.platform.startswith("linux"):
        # Linux tells a worker at once (SIGTERM, which unwinds like an error: see _terminated), before
        # it could fail sending a result down the dead parent's pipe; the watch below is for the rest.
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                from lawgov_report.atomic import COMMIT_LOCK

                COMMIT_LOCK.acquire()  # not in the middle of placing a report's files
                os._exit(1)  # a write in progress leaves only a temporary file, removed by the next run

    threading.Thread(target=watch, daemon=True, name="lawgov-parent-watch").start()
    sys.stderr = _SilentWhenOrphaned(sys.stderr, parent)


class _SilentWhenOrphaned:
    """A worker's stderr that says nothing once the batch's main process is gone: a result the worker
    was sending down the dead parent's pipe fails with BrokenPipe, and nobody is left to read why."""

    def __init__(self, stream, parent: int):
        self._stream, self._parent = stream, parent

    def write(self, text: str) -> int:
        if os.getppid() != self._parent:
            return len(text)
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def output_stem(job: Job, options: dict) -> Path:
    """Where a job's outputs go, without the suffix: OUTDIR/<safe sub-folders>/<safe stem>."""
    outdir = Path(options["outdir"]) / Path(*[safe_name(p) for p in Path(job.subdir).parts])
    return outdir / safe_name(Path(job.path).stem)


def finished_before(jobs: list[Job], options: dict) -> list[Path]:
    """The outputs an earlier run already wrote for these jobs (a rerun must --resume or --force)."""
    found = []
    for job in jobs:
        docx = output_stem(job, options).with_suffix(".docx")
        if docx.exists():
            found.append(docx)
    return found


def render_job(job: Job, options: dict | None = None) -> Outcome:
    """Render one report (in a worker); never raises for a clerk's mistake."""
    from lawgov_report.pipeline import render_file

    options = options or _OPTIONS
    if _STOP and _STOP[0].is_set():
        return Outcome(job.path, False, cancelled=True)
    target = output_stem(job, options)
    try:
        result = render_file(job.path, target.parent, options.get("template"), tuple(options.get("template_dirs", ())),
                             overwrite=options.get("force", False), formats=tuple(options.get("formats", ("docx",))),
                             stem=target.name, resume=options.get("resume", False),
                             edition=options.get("edition", "print"))
    except ReportError as exc:
        diags = exc.diagnostics
        errors = [d for d in diags if d.severity == "error"]
        return Outcome(job.path, False, error=(errors or diags)[0], errors=len(errors),
                       warnings=len(diags) - len(errors), findings=_worded(diags + getattr(exc, "warnings", [])))
    except Exception as exc:  # an engine bug must not take the other reports down with it
        return Outcome(job.path, False, error=Diagnostic(job.path, 0, 0, "error", "", f"内部错误：{exc!r}",
                                                         message_en=f"internal error: {exc!r}"), errors=1)
    return Outcome(job.path, not result.errors, [str(p) for p in result.outputs],
                   error=result.errors[0] if result.errors else None, errors=len(result.errors),
                   warnings=len(result.warnings), unit=result.unit, year=result.year, figures=result.figures,
                   labels=result.labels, digits=result.digits, skipped=result.skipped,
                   placeholders=sum(d.message_en.startswith("placeholder ") for d in result.warnings),
                   findings=_worded(result.errors + result.warnings))


def _worded(diagnostics: list[Diagnostic]) -> str:
    """Findings as ``check`` prints them, one after another (errors first, each in line order)."""
    ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d.file, d.line, d.col))
    return "\n".join(d.format() for d in ordered)


def status(outcome: Outcome) -> str:
    """How a report came out, in a word or two: 完成, 完成（3 个警告）, 未填完（占位内容 9 处）, 失败."""
    if not outcome.ok:
        return "失败"
    if outcome.placeholders:
        return f"未填完（占位内容 {outcome.placeholders} 处）"
    return f"完成（{outcome.warnings} 个警告）" if outcome.warnings else "完成"


class Progress:
    """A progress bar with count and ETA on a terminal; plain lines otherwise."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = 0
        self.failed = 0
        self.start = time.monotonic()
        self._last = 0.0

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += not outcome.ok
        if self.tty:
            now = time.monotonic()
            if now - self._last < 0.1 and self.done < self.total:
                return
            self._last = now
            elapsed = now - self.start
            rate = self.done / elapsed if elapsed > 0 else 0
            eta = (self.total - self.done) / rate if rate else 0
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            bar = "■" * filled + "□" * (width - filled)  # both in GBK: a Chinese Windows console shows them
            self.stream.write(f"\r{bar} {self.done}/{self.total}  失败 {self.failed}  "
                              f"{rate:.0f} 份/秒  剩余约 {eta:.0f} 秒 ")
            self.stream.flush()
        else:
            self.stream.write(f"[{self.done}/{self.total}] {status(outcome)} {outcome.path}\n")

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class BatchResult:
    """How a batch went: counts, the failures (in input order) and how long it took.

    Successful outcomes are not kept: each goes to the ``sink`` as it arrives, so a batch of
    10,000 reports holds no more than one of 1,000 (the roll-up collects what it needs on disk)."""

    done: int
    ok: int
    failures: list[Outcome]
    seconds: float
    interrupted: bool = False
    skipped: int = 0  # of ``ok``: complete from an earlier run (--resume)


def _indexed(job_and_index: tuple[int, Job]) -> tuple[int, Outcome]:
    index, job = job_and_index
    return index, render_job(job)


def run(jobs: list[Job], options: dict, workers: int | None = None, progress: Progress | None = None,
        sink=None) -> BatchResult:
    """Render every job with ``workers`` processes (1: in this process).

    ``sink(index, outcome)`` is called in this process for every outcome as it arrives."""
    start = time.monotonic()
    workers = workers or os.cpu_count() or 1
    workers = max(1, min(workers, len(jobs) or 1))
    failures: dict[int, Outcome] = {}
    counts = {"done": 0, "ok": 0, "skipped": 0}
    interrupted = False

    def take(index: int, outcome: Outcome) -> None:
        if outcome.cancelled:
            return
        counts["done"] += 1
        counts["skipped"] += outcome.skipped
        if outcome.ok:
            counts["ok"] += 1
        else:
            failures[index] = outcome
        if sink is not None:
            sink(index, outcome)
        if progress:
            progress.update(outcome)

    if workers == 1:
        _init_worker(options)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            for index, job in enumerate(jobs):
                take(index, render_job(job, options))
        except KeyboardInterrupt:
            interrupted = True
    else:
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else "spawn"
        ctx = multiprocessing.get_context(method)
        chunk = max(1, min(16, len(jobs) // (workers * 8) or 1))
        stop = ctx.Event()
        pool = ctx.Pool(workers, initializer=_init_worker, initargs=(options, stop), maxtasksperchild=None)
        flags = {"interrupted": False}

        def on_ctrl_c(signum, frame):
            # The first Ctrl-C starts no new report; the ones being written are finished and counted,
            # so the count is true and every report has all its files or none. A second one stops at once.
            if stop.is_set():
                raise KeyboardInterrupt
            stop.set()
            flags["interrupted"] = True

        import threading

        previous = signal.signal(signal.SIGINT, on_ctrl_c) if threading.current_thread() is threading.main_thread() \
            else None
        try:
            for index, outcome in pool.imap_unordered(_indexed, enumerate(jobs), chunksize=chunk):
                take(index, outcome)
            pool.close()
        except KeyboardInterrupt:
            pool.terminate()
            flags["interrupted"] = True
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            pool.join()
        interrupted = flags["interrupted"]
    if progress:
        progress.close()
    return BatchResult(counts["done"], counts["ok"], [failures[i] for i in sorted(failures)],
                       time.monotonic() - start, interrupted, counts["skipped"])


def clean_temporaries(outdir: Path) -> int:
    """Remove temporary files an interrupted batch left (never a finished output)."""
    removed = 0
    if not outdir.is_dir():
        return 0
    from lawgov_report.atomic import is_temporary

    for tmp in outdir.rglob(".*.tmp"):
        if not is_temporary(tmp.name):
            continue  # a user's own file, not one of ours
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed
