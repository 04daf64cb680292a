"""write_all: a report's files appear together or not at all, even when a signal lands mid-way.

The signal is sent from inside the placing itself (os.link / os.replace, wrapped to send it right
after the first file lands), in a separate process whose SIGTERM handler raises SystemExit, as a
batch worker's does when its main process dies."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent('''
    import os, signal, sys
    from pathlib import Path
    from lawgov_report import atomic

    def terminated(signum, frame):
        raise SystemExit(3)

    signal.signal(signal.SIGTERM, terminated)
    out = Path(sys.argv[1])
    overwrite = sys.argv[2] == "overwrite"
    if overwrite:
        (out / "r.docx").write_bytes(b"old docx")
        (out / "r.xlsx").write_bytes(b"old xlsx")
    name = "replace" if overwrite else "link"
    real = getattr(os, name)
    sent = []

    def place_then_signal(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        if str(dst).endswith("r.docx") and not sent:
            sent.append(1)
            os.kill(os.getpid(), signal.SIGTERM)  # lands after the .docx, before the .xlsx

    setattr(os, name, place_then_signal)
    try:
        atomic.write_all({out / "r.docx": b"new docx", out / "r.xlsx": b"new xlsx"}, overwrite=overwrite)
    except SystemExit as exc:
        print("exit", exc.code)
    else:
        print("no signal")
''')


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill with SIGTERM ends a Windows process at once")
@pytest.mark.parametrize("mode", ["new", "overwrite"])
def test_a_signal_while_placing_leaves_the_report_whole(tmp_path, mode):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), mode], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "exit 3", result.stdout + result.stderr  # the signal still stops it
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    # held until both were placed: the new pair, and no temporaries or set-aside old files
    assert files == {"r.docx": b"new docx", "r.xlsx": b"new xlsx"}, files
