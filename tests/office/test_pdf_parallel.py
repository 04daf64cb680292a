"""batch --pdf: one LibreOffice per worker, each with its own profile, every file converted once."""

from __future__ import annotations

import re
import shutil

from support.office import need

from lawgov_report.office.pdf import convert_in_parallel

from test_pdf import counted_soffice, pages_of, starts  # noqa: F401  (the fixture logs each start)


def test_two_workers_start_two_libreoffices_with_their_own_profiles(rendered, tmp_path, counted_soffice):
    need("pdfinfo")
    folders = [tmp_path / "乡镇", tmp_path / "部门"]
    files = []
    for n in range(5):  # two folders, as a batch's outputs mirror the input folders
        folder = folders[n % 2]
        folder.mkdir(exist_ok=True)
        files.append(folder / f"单位-{n}.docx")
        shutil.copyfile(rendered, files[-1])
    converted = convert_in_parallel(files, workers=2)
    lines = starts(counted_soffice)
    assert len(lines) == 2, lines
    profiles = {re.search(r"-env:UserInstallation=(\S+)", line).group(1) for line in lines}
    assert len(profiles) == 2
    # each file given to exactly one LibreOffice, its PDF beside it, in the order asked
    assert sorted(sum((re.findall(r"单位-\d\.docx", line) for line in lines), [])) == sorted(f.name for f in files)
    assert converted.pdfs == [f.with_suffix(".pdf") for f in files]
    assert all(pages_of(p) == pages_of(converted.pdfs[0]) for p in converted.pdfs)


def test_one_worker_is_one_start(rendered, tmp_path, counted_soffice):
    files = []
    for n in range(2):
        files.append(tmp_path / f"单位-{n}.docx")
        shutil.copyfile(rendered, files[-1])
    assert len(convert_in_parallel(files, workers=1).pdfs) == 2
    assert len(starts(counted_soffice)) == 1


def _our_libreoffices() -> list[int]:
    """Processes running LibreOffice with one of our private profiles (lawgov-pdf-*)."""
    import os

    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if b"lawgov-pdf-" in fh.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def test_ctrl_c_while_converting_ends_every_libreoffice_and_says_how_to_resume(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import pytest

    if not Path("/proc").is_dir():
        pytest.skip("reads /proc")
    need("soffice")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from gen_reports import generate

    inputs, out = tmp_path / "in", tmp_path / "out"
    generate(inputs, 60)
    command = [sys.executable, "-m", "lawgov_report", "batch", str(inputs), "-o", str(out), "-j", "2", "--pdf"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _our_libreoffices() and proc.poll() is None:
        time.sleep(0.05)
    assert _our_libreoffices(), "no LibreOffice started"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal's group; LibreOffice runs in its own session
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr[-2000:]
    assert "--resume --pdf" in stderr
    time.sleep(0.5)
    assert _our_libreoffices() == [], "LibreOffice left running after Ctrl-C"
    pdfs = list(out.rglob("*.pdf"))
    assert len(pdfs) < 60  # stopped, not finished
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in pdfs)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    rerun = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert len(list(out.rglob("*.pdf"))) == 60
