"""PDF export through LibreOffice (导出 PDF): many .docx, one headless LibreOffice start.

LibreOffice runs with a private profile (``-env:UserInstallation``), so it works while the clerk's
own LibreOffice is open, and with a fontconfig file that maps the official fonts to installed free
ones for the PDF only (:mod:`lawgov_report.office.fonts`). It converts into a temporary folder; each
PDF is then moved into place atomically, so a half-written PDF never appears. The library raises
:class:`ReportError` naming each file that failed; the CLI prints it.

Use from another command (e.g. ``batch --pdf``)::

    converted = convert_to_pdf(docx_files, outdir, overwrite=force)   # one LibreOffice start
    converted.pdfs                                # the PDFs written, in the order of docx_files
    converted.font_warnings(str(outdir))          # one warning per substituted font
    convert_in_parallel(docx_files, workers=4)    # up to 4 LibreOffices at once, each its own profile

On failure it raises :class:`PdfError` (a ReportError): ``exc.diagnostics`` name the failed files,
``exc.converted`` holds the PDFs that were still written.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import ERROR, WARNING, Diagnostic, ReportError

INSTALL_HINT = ("Windows：从 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice（装在默认位置即可，"
                "无需打开）；Debian/Ubuntu：sudo apt-get install libreoffice-writer fonts-noto-cjk。"
                "装好后重新运行本命令，并加 --force（已生成的 Word 文件会被替换）；batch 可改加 --resume，只补做 PDF")

# seconds: LibreOffice's start, then each file. A Lushan-sized report takes well under a second.
START_TIMEOUT, PER_FILE_TIMEOUT = 90, 30

# The LibreOffice processes converting now: on Ctrl-C they are ended, not left running (each is
# started in a session of its own, so the terminal's Ctrl-C does not reach it).
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()


def find_soffice() -> str | None:
    """LibreOffice's ``soffice`` on PATH, else in its usual install folder on Windows and macOS."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if os.name == "nt":
        for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA"):
            base = os.environ.get(var)
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
                candidates.append(Path(base) / "Programs" / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


@dataclass
class Converted:
    """What a conversion produced: the PDFs written and the fonts substituted in them."""

    pdfs: list[Path] = field(default_factory=list)
    substitutions: list = field(default_factory=list)  # list[pdffonts.Substitution]

    def font_warnings(self, file: str) -> list[Diagnostic]:
        """One warning per substituted font, reported against ``file`` (a PDF or the output folder)."""
        from lawgov_report.office.fonts import describe

        return [Diagnostic(file, 0, 0, WARNING, "", describe(sub),
                           message_en=f"PDF uses {sub.substitute} for {sub.official}")
                for sub in self.substitutions]


class PdfError(ReportError):
    """Some or all PDFs were not made; ``converted`` holds those that were."""

    def __init__(self, diagnostics: list[Diagnostic], converted: Converted | None = None):
        super().__init__(diagnostics)
        self.converted = converted or Converted()


def _error(file: Path | str, message: str, hint: str = "", en: str = "") -> Diagnostic:
    return Diagnostic(str(file), 0, 0, ERROR, "", message, hint, en)


def missing_libreoffice(docx_files: list[Path]) -> PdfError:
    """The error shown when LibreOffice is not installed: the .docx exists, the PDF does not."""
    return PdfError([_error(path, "未找到 LibreOffice，无法生成 PDF（Word 文件已生成）", INSTALL_HINT,
                               "LibreOffice not found; the .docx was written, the PDF was not")
                        for path in docx_files])


def convert_to_pdf(docx_files: list[str | Path], outdir: str | Path | None = None, overwrite: bool = True,
                   timeout: float | None = None) -> Converted:
    """Convert ``docx_files`` to PDF with ONE LibreOffice start; ``outdir`` defaults to each file's folder.

    Every PDF that converted is placed; then, if any failed (or LibreOffice is missing or timed
    out), :class:`PdfError` names each failed file. An existing PDF is replaced only with
    ``overwrite``.
    """
    from lawgov_report.office import fonts as pdffonts

    sources = [Path(p) for p in docx_files]
    if not sources:
        return Converted()
    targets = [(Path(outdir) if outdir is not None else src.parent) / f"{src.stem}.pdf" for src in sources]
    problems = _check_targets(sources, targets, overwrite)
    if problems:
        raise PdfError(problems)
    soffice = find_soffice()
    if soffice is None:
        raise missing_libreoffice(sources)
    substitutions = pdffonts.plan_for(sources)
    timeout = timeout if timeout is not None else START_TIMEOUT + PER_FILE_TIMEOUT * len(sources)
    result = Converted(substitutions=substitutions or [])
    with tempfile.TemporaryDirectory(prefix="lawgov-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        if substitutions is not None:
            conf = work / "fonts.conf"
            conf.write_text(pdffonts.fontconfig_text(substitutions), encoding="utf-8")
            env["FONTCONFIG_FILE"] = str(conf)
        converted_dir = work / "pdf"
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(converted_dir),
                   *[str(src.resolve()) for src in sources]]
        stderr = _run(command, env, timeout, sources)
        for src, target in zip(sources, targets):
            made = converted_dir / f"{src.stem}.pdf"
            if not _is_pdf(made):
                problems.append(_error(src, "LibreOffice 无法转换此文件，未生成 PDF",
                                       "请用 Word 或 WPS 打开此文件，确认它没有损坏" + _detail(stderr),
                                       "LibreOffice could not convert this file"))
                continue
            try:
                result.pdfs.append(_place(made, target))
            except OSError as exc:
                problems.append(_error(target, "无法写入 PDF 文件", "请关闭正在打开此 PDF 的程序后重试",
                                       f"cannot write the PDF: {exc}"))
    if problems:
        raise PdfError(problems, result)
    return result


def convert_in_parallel(docx_files: list[str | Path], workers: int, overwrite: bool = True,
                        timeout: float | None = None) -> Converted:
    """Convert ``docx_files`` (each beside itself) with up to ``workers`` LibreOffice processes at once.

    One LibreOffice converts one file at a time on one core; ``batch --pdf -j N`` gives each of N
    LibreOffices (each with its own profile folder, so they do not lock each other out) a share of
    the files, largest first, balanced by size. Converted and failed files are gathered as
    :func:`convert_to_pdf` reports them, in the order of ``docx_files``."""
    from concurrent.futures import ThreadPoolExecutor

    sources = [Path(p) for p in docx_files]
    workers = max(1, min(workers, len(sources)))
    if workers == 1:
        return convert_to_pdf(sources, None, overwrite, timeout)
    shares: list[list[Path]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for src in sorted(sources, key=lambda p: -_size(p)):
        emptiest = loads.index(min(loads))
        shares[emptiest].append(src)
        loads[emptiest] += _size(src)

    def convert(share: list[Path]) -> tuple[Converted, list[Diagnostic]]:
        try:
            return convert_to_pdf(share, None, overwrite, timeout), []
        except PdfError as exc:
            return exc.converted, exc.diagnostics

    # Threads only wait here: the work is in the LibreOffice processes.
    pool = ThreadPoolExecutor(workers)
    try:
        outcomes = list(pool.map(convert, shares))
    except BaseException:  # Ctrl-C: end every LibreOffice, so the threads return at once
        stop_all()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    made = {pdf for done, _ in outcomes for pdf in done.pdfs}
    result = Converted(pdfs=[pdf for pdf in (src.parent / f"{src.stem}.pdf" for src in sources) if pdf in made])
    for done, _ in outcomes:
        result.substitutions.extend(sub for sub in done.substitutions if sub not in result.substitutions)
    problems = [diag for _, diags in outcomes for diag in diags]
    if problems:
        order = {str(src): i for i, src in enumerate(sources)}
        problems.sort(key=lambda d: order.get(d.file, len(order)))
        raise PdfError(problems, result)
    return result


def stop_all() -> None:
    """End every LibreOffice this process is converting with (Ctrl-C): no PDF of theirs is placed."""
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for proc in running:
        _end(proc, os.name == "posix")  # the thread waiting on it collects it


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_targets(sources: list[Path], targets: list[Path], overwrite: bool) -> list[Diagnostic]:
    """Missing inputs, two inputs that would give the same PDF, and PDFs that exist without overwrite."""
    problems = [_error(src, "找不到文件", en="file not found") for src in sources if not src.is_file()]
    seen: dict[str, Path] = {}  # LibreOffice writes them all into one folder, named by stem
    for src, target in zip(sources, targets):
        first = seen.setdefault(src.stem.casefold(), src)
        if first is not src:
            problems.append(_error(src, f"与 {first} 同名，生成的 PDF 会互相覆盖", "请给其中一个文件改名",
                                   "two inputs give the same PDF name"))
        if target.exists() and not overwrite:
            problems.append(_error(target, "输出文件已存在，未覆盖", "如需覆盖，请加 --force",
                                   "output exists; use --force"))
    return problems


def _run(command: list[str], env: dict, timeout: float, sources: list[Path]) -> str:
    """Run LibreOffice; on timeout kill it and everything it started, and name the files."""
    posix = os.name == "posix"
    try:
        proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=posix)
    except OSError as exc:
        raise PdfError([_error(src, "无法启动 LibreOffice，未生成 PDF", INSTALL_HINT,
                                  f"cannot start LibreOffice: {exc}") for src in sources]) from None
    with _RUNNING_LOCK:
        _RUNNING.add(proc)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc, posix)
        raise PdfError([_error(src, f"LibreOffice 转换超时（{timeout:g} 秒），未生成 PDF",
                                  "请关闭多余的程序后重试；文件很多时可分批转换",
                                  "LibreOffice timed out") for src in sources]) from None
    except BaseException:  # Ctrl-C while waiting: LibreOffice must not go on alone
        _kill(proc, posix)
        raise
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(proc)
    return err.decode("utf-8", "replace")


def _kill(proc: subprocess.Popen, posix: bool) -> None:
    """End LibreOffice and wait for it (from the thread that started it)."""
    _end(proc, posix)
    proc.communicate()


def _end(proc: subprocess.Popen, posix: bool) -> None:
    # soffice is a launcher: the real soffice.bin is its child, so end the whole process group
    # (or tree, on Windows) rather than the launcher alone.
    try:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        try:
            proc.kill()
        except OSError:
            pass  # already gone


def _detail(stderr: str) -> str:
    """LibreOffice's own words, for a maintainer; its start-up chatter about Java is left out."""
    lines = [line for line in stderr.splitlines() if line.strip() and "javaldx" not in line]
    return f"（LibreOffice：{lines[-1].strip()}）" if lines else ""


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def _place(made: Path, target: Path) -> Path:
    """Move a converted PDF to its target atomically (a rename, or a copy beside it then a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(made, target)
    except OSError:
        from lawgov_report.atomic import write_bytes

        return write_bytes(target, made.read_bytes())
    return target
