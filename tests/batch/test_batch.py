"""Batch: 200 reports in nested folders, 10 broken; the roll-up; an interrupted batch."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from support.office import soffice_convert

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from gen_reports import generate, report_text  # noqa: E402

BROKEN = {
    # name: (mutation of a good report's text, line of the first error, keyword)
    "fullwidth-colon": (lambda t: t.replace("year: 2020", "year：2020", 1), "全角冒号"),
    "tab": (lambda t: t.replace("\nsections:\n  - title", "\nsections:\n\t- title", 1), "Tab"),
    "missing-year": (lambda t: t.replace("year: 2020", "# year: 2020", 1), "year"),
    "misspelt-key": (lambda t: t.replace("\nsections:", "\nsecitons:", 1), "secitons"),
    "undefined-figure": (lambda t: t.replace("{{ 受理复议案件数 }}", "{{ 受理复议案件 }}", 1), "受理复议案件"),
    "duplicate-key": (lambda t: t.replace("year: 2020", "year: 2020\nyear: 2021", 1), "重复"),
    "value-with-unit": (lambda t: t.replace("value: 18,", "value: 18起,", 1), "数"),
    "broken-braces": (lambda t: t.replace("{{ year }}年主要工作", "{{ year }年主要工作", 1), "{{"),
    "binary": (None, "不是"),
    "empty": (lambda t: "", "空"),
}


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=600, **kw)


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("county")
    inputs = root / "in"
    paths = generate(inputs, 190)
    bad_dir = inputs / "部门" / "问题件"
    bad_dir.mkdir(parents=True)
    base = report_text(9999)
    for name, (mutate, _) in BROKEN.items():
        target = bad_dir / f"{name}.yaml"
        if mutate is None:
            target.write_bytes(b"PK\x03\x04\x00\x00binary junk\x00")
        else:
            target.write_text(mutate(base), encoding="utf-8")
    out = root / "out"
    result = run("batch", inputs, "-o", out, "-j", "2")
    return inputs, out, paths, result


def test_good_reports_render_and_bad_ones_are_listed(county):
    inputs, out, paths, result = county
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    docx = sorted(out.rglob("*.docx"))
    xlsx = [p for p in out.rglob("*.xlsx") if p.name != "汇总.xlsx"]
    assert len(docx) == 190 and len(xlsx) == 190
    # outputs mirror the input folders
    assert (out / "乡镇" / "片区00" / "unit-00000.docx").exists()
    for name, (_, keyword) in BROKEN.items():
        lines = [line for line in result.stderr.splitlines() if f"问题件/{name}.yaml:" in line]
        assert lines, f"{name} not listed:\n{result.stderr}"
        assert keyword in lines[0] or keyword in result.stderr, lines[0]
        assert f"{name}.yaml:" in lines[0] and lines[0].split(f"{name}.yaml:")[1][:1].isdigit(), lines[0]
    assert "失败 10 份" in result.stdout


def test_rollup_has_a_row_per_report_and_totals_recalculate(county, tmp_path):
    inputs, out, paths, result = county
    summary = out / "汇总.xlsx"
    assert summary.exists()
    converted = soffice_convert(summary, "csv:Text - txt - csv (StarCalc):44,34,76,1",
                                tmp_path)
    rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    header, body, total = rows[1], rows[2:-1], rows[-1]
    assert len(body) == 190
    column = next(i for i, h in enumerate(header) if h.startswith("受理行政复议案件"))
    expected = 0
    import re

    for path in paths:
        m = re.search(r"受理复议案件数: \{[^}]*value: (\d+)", path.read_text(encoding="utf-8"))
        expected += int(m.group(1))
    assert float(total[column].replace(",", "")) == expected
    # A rate is computed again from the summed parts, never added up.
    rate = next(i for i, h in enumerate(header) if h.startswith("行政复议法定期限结案率"))
    closed = next(i for i, h in enumerate(header) if h.startswith("行政复议法定期限内结案"))
    # (shown without decimals, as every report prints the rate: to the nearest whole number)
    assert float(total[rate]) == pytest.approx(float(total[closed].replace(",", "")) / expected * 100, abs=0.5)
    assert not any(cell.startswith(("#", "Err:")) for row in rows for cell in row)
    # Numbers show the decimals the reports show them with: not 133.33 where every report printed
    # the rate as 133, and no optional decimals (#,##0.##), which Excel shows as "100." for 100.
    assert all(re.fullmatch(r"[\d,]*", row[rate]) for row in body)
    with zipfile.ZipFile(summary) as book:
        codes = re.findall(r'formatCode="([^"]*)"', book.read("xl/styles.xml").decode("utf-8"))
    assert codes and not any(".#" in code for code in codes), codes


def start_batch_and_wait(tmp_path, **popen):
    """A 400-report batch, once it has written 20 .docx files: (process, OUTDIR)."""
    inputs = tmp_path / "in"
    generate(inputs, 400)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "lawgov_report", "batch", str(inputs), "-o", str(out), "-j", "2"],
                            **popen)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 20:
        time.sleep(0.05)
    return proc, out


def test_interrupted_batch_leaves_only_complete_files(tmp_path):
    proc, out = start_batch_and_wait(tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in stderr
    written = [p for p in out.rglob("*") if p.is_file()]
    assert written, "nothing was written before the interrupt"
    assert len([p for p in written if p.suffix == ".docx"]) < 400
    assert not [p for p in written if p.name.endswith(".tmp")]
    for path in written:
        with zipfile.ZipFile(path) as zf:  # every file that exists is a complete package
            assert zf.testzip() is None


def test_killed_batch_leaves_no_truncated_output(tmp_path):
    proc, out = start_batch_and_wait(tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
    import os

    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None


def test_safe_names_and_existing_outputs(tmp_path):
    from lawgov_report.batch.run import safe_name

    assert safe_name('a:b*c?"d<e>|f') == "a_b_c__d_e__f"
    assert safe_name("CON") == "_CON"
    assert safe_name("报告. ") == "报告"
    inputs = tmp_path / "in"
    generate(inputs, 3)
    out = tmp_path / "out"
    assert run("batch", inputs, "-o", out, "-j", "1").returncode == 0
    again = run("batch", inputs, "-o", out, "-j", "1")
    assert again.returncode == 1 and "已存在" in again.stderr
    assert run("batch", inputs, "-o", out, "-j", "1", "--force").returncode == 0
