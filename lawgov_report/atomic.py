"""Atomic output: a file appears complete or not at all, and is replaced only on request."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import tempfile
import threading
from pathlib import Path

from lawgov_report.errors import ReportError

# Every temporary file is named ".<output name>.lawgov-<random>.tmp", so a cleanup after an interrupted
# batch removes only ours, never a user's own ".something.tmp".
TEMP_MARK = ".lawgov-"
# Held while write_all moves a report's files into place: a batch worker whose parent died waits for
# it before exiting, so it never leaves a .docx without its .xlsx.
COMMIT_LOCK = threading.RLock()


def write_bytes(path: str | Path, data: bytes, overwrite: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place.

    A failure (the old file open in Word or WPS, no permission, a full disk, an output folder that is
    a file) is a :class:`ReportError` naming the file, and leaves the old file as it was."""
    with atomic_file(path, overwrite) as fh:
        fh.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_file(path: str | Path, overwrite: bool = True):
    """A binary file to write ``path`` through: renamed into place when the block ends without error,
    removed otherwise. For outputs too large to hold in memory first (a batch's roll-up)."""
    path = Path(path)
    if not overwrite and path.exists():
        raise ReportError.single(str(path), "文件已存在，未覆盖", hint="如需覆盖，请加 --force",
                                 message_en="file exists; use --force to replace it")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise


def is_temporary(name: str) -> bool:
    """Whether a file name is one of our temporaries (:data:`TEMP_MARK`)."""
    return name.startswith(".") and name.endswith(".tmp") and TEMP_MARK in name


def write_all(payloads: dict[Path, bytes], overwrite: bool = False) -> list[Path]:
    """Write several files as one: all of them appear, or none does and the old ones stay.

    Each is first written to a temporary file beside it; only when all are written are they moved into
    place. Without ``overwrite`` a file is placed by a hard link, which fails if the name appeared in
    the meantime (two renders of same-named reports into one folder: one of them is told so, and
    nothing of either is mixed). A failure while placing moves everything back; Ctrl-C or SIGTERM
    takes effect once the files are all placed (or all moved back)."""
    with signals_held():
        return _write_all(payloads, overwrite)


@contextlib.contextmanager
def signals_held():
    """Ctrl-C and SIGTERM wait until the block ends, then act as they would have.

    A signal's handler raises where the code happens to be: between placing a report's .docx and
    recording it for the rollback, it would leave a .docx without its .xlsx (seen when a batch's
    main process was killed and its workers were told to stop). Only the main thread can set
    handlers, and only it runs them, so elsewhere nothing needs holding."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[sig] = signal.signal(sig, lambda signum, frame: caught.append(signum))
        except (ValueError, OSError):  # pragma: no cover - a platform without this signal
            pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(caught):
            handler = previous.get(sig)
            if callable(handler):
                handler(sig, None)  # e.g. KeyboardInterrupt, or a batch worker's SystemExit
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), sig)


def _write_all(payloads: dict[Path, bytes], overwrite: bool) -> list[Path]:
    temps: list[tuple[Path, str]] = []
    placed: list[tuple[Path, str | None]] = []  # (target, its old version set aside, or None)
    lock = None
    try:
        for path, data in payloads.items():
            path = Path(path)
            if path.is_dir():  # a user's folder of that name is never set aside or replaced
                raise IsADirectoryError(21, "is a folder", str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", suffix=".tmp", dir=path.parent)
            temps.append((path, tmp))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644)
        COMMIT_LOCK.acquire()
        lock = _folder_lock(temps[0][0]) if temps else None
        for path, tmp in temps:
            if overwrite:
                old = None
                if path.exists():
                    old = str(path.parent / f".{path.name}{TEMP_MARK}old-{secrets.token_hex(6)}.tmp")
                    os.replace(path, old)
                placed.append((path, old))
                os.replace(tmp, path)
            else:
                _place_new(tmp, path)
                placed.append((path, None))
    except BaseException as exc:
        for path, old in reversed(placed):
            try:
                if old is not None:
                    os.replace(old, path)
                elif path.exists():
                    os.unlink(path)
            except OSError:
                pass
        _release(lock)
        for _, tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, FileExistsError):
            raise ReportError.single(exc.filename or str(path), "文件已存在，未覆盖（可能是另一个同名报告刚刚写入）",
                                     hint="如需覆盖，请加 --force", message_en="file exists; use --force") from None
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise
    _release(lock)
    for _, old in placed:
        if old is not None:
            try:
                os.unlink(old)
            except OSError:
                pass
    for path, tmp in temps:
        if os.path.exists(tmp):
            os.unlink(tmp)  # placed by a hard link: the temporary name goes
    return [path for path, _ in temps]


def _folder_lock(first: Path, wait: float = 10.0) -> str | None:
    """A lock file beside a report's outputs while they are placed, so two processes writing the same
    report names (two --force renders at once) never leave one's .docx beside the other's .xlsx."""
    import time

    lock = str(first.parent / f".{first.stem}{TEMP_MARK}lock.tmp")
    deadline = time.monotonic() + wait
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return lock
        except FileExistsError:
            try:
                if time.time() - os.path.getmtime(lock) > 60:  # left by a process that was killed
                    os.unlink(lock)
                    continue
            except OSError:
                continue
            if time.monotonic() > deadline:
                return None  # placing still works; only the pairing of a simultaneous writer is unguarded
            time.sleep(0.02)
        except OSError:
            return None  # a folder where we cannot create it: the rename below reports the problem


def _release(lock: str | None = None) -> None:
    if lock is not None:
        try:
            os.unlink(lock)
        except OSError:
            pass
    try:
        COMMIT_LOCK.release()
    except RuntimeError:  # failed before the lock was taken
        pass


def _place_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if ``path`` does not exist, atomically (FileExistsError otherwise)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(17, "exists", str(path)) from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        if os.name == "nt":
            os.rename(tmp, path)  # Windows refuses to rename onto an existing name
            return
        if path.exists():
            raise FileExistsError(17, "exists", str(path)) from None
        os.replace(tmp, path)


def _write_error(path: Path, exc: OSError) -> ReportError:
    if isinstance(exc, PermissionError):
        message, hint = "无法写入：没有权限，或文件正被 Word/WPS 等程序打开", "关闭打开该文件的程序后再试，或换一个输出文件夹"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        message, hint = "无法写入：输出位置中有同名的文件，不是文件夹", "用 -o 指定一个文件夹"
    elif isinstance(exc, IsADirectoryError):
        message, hint = "无法写入：已有同名的文件夹", "改名或移走这个文件夹，或用 -o 指定另一个输出文件夹"
    elif exc.errno == 28:  # ENOSPC
        message, hint = "无法写入：磁盘已满", "清理磁盘空间后再试"
    else:
        message, hint = f"无法写入：{exc.strerror or exc}", "检查输出文件夹是否存在、是否可写"
    return ReportError.single(str(path), message, hint=hint, message_en=f"cannot write: {exc}")
