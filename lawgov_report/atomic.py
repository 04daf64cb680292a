"""Atomic output: a file appears complete or not at all, and is replaced only on request."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from lawgov_report.errors import ReportError


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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _write_error(path: Path, exc: OSError) -> ReportError:
    if isinstance(exc, PermissionError):
        message, hint = "无法写入：没有权限，或文件正被 Word/WPS 等程序打开", "关闭打开该文件的程序后再试，或换一个输出文件夹"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        message, hint = "无法写入：输出位置中有同名的文件，不是文件夹", "用 -o 指定一个文件夹"
    elif exc.errno == 28:  # ENOSPC
        message, hint = "无法写入：磁盘已满", "清理磁盘空间后再试"
    else:
        message, hint = f"无法写入：{exc.strerror or exc}", "检查输出文件夹是否存在、是否可写"
    return ReportError.single(str(path), message, hint=hint, message_en=f"cannot write: {exc}")
