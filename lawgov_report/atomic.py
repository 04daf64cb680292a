"""Atomic output: a file appears complete or not at all, and is replaced only on request."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lawgov_report.errors import ReportError


def write_bytes(path: str | Path, data: bytes, overwrite: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    if not overwrite and path.exists():
        raise ReportError.single(str(path), "文件已存在，未覆盖", hint="如需覆盖，请加 --force",
                                 message_en="file exists; use --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path
