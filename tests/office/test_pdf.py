"""lawgov_report.office.pdf with the real LibreOffice: one start for many files, failures named, atomic
placement, a timeout, and the install hint when LibreOffice is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.office import need

from lawgov_report.errors import ReportError
from lawgov_report.office.pdf import convert_to_pdf


@pytest.fixture()
def counted_soffice(tmp_path, monkeypatch):
    """The real soffice behind a wrapper that logs each start (and its arguments), first on PATH."""
    real = need("soffice")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "starts.log"
    wrapper = bindir / "soffice"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return log


def starts(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def copies(docx: Path, folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    out = []
    for n in range(1, count + 1):
        out.append(folder / f"鲁山县-{n:02d}.docx")  # Chinese names, as clerks name files
        shutil.copyfile(docx, out[-1])
    return out


def test_twenty_files_one_start_well_under_twenty_single_conversions(rendered, tmp_path, counted_soffice):
    need("pdfinfo")
    batch = copies(rendered, tmp_path / "batch", 20)
    began = time.perf_counter()
    converted = convert_to_pdf(batch, tmp_path / "batch-pdf")
    batch_seconds = time.perf_counter() - began
    assert len(starts(counted_soffice)) == 1, starts(counted_soffice)
    assert [p.name for p in converted.pdfs] == [f"鲁山县-{n:02d}.pdf" for n in range(1, 21)]
    expected_pages = pages_of(converted.pdfs[0])
    assert expected_pages >= 4 and all(pages_of(p) == expected_pages for p in converted.pdfs)

    # Single conversions, each its own LibreOffice start: 20 of them cost 20 times one, so five
    # measured ones give the figure without spending a minute of the suite on the other fifteen.
    singles = copies(rendered, tmp_path / "single", 5)
    began = time.perf_counter()
    for docx in singles:
        convert_to_pdf([docx], tmp_path / "single-pdf")
    single_seconds = (time.perf_counter() - began) / len(singles)
    assert len(starts(counted_soffice)) == 1 + len(singles)
    print(f"\n20 files in one start: {batch_seconds:.1f} s; one file alone: {single_seconds:.1f} s "
          f"(20 alone: ~{20 * single_seconds:.0f} s)")
    assert batch_seconds < 20 * single_seconds / 3, (batch_seconds, single_seconds)


def test_a_failed_file_is_named_and_the_others_are_placed(rendered, tmp_path, counted_soffice):
    good = tmp_path / "正常.docx"
    shutil.copyfile(rendered, good)
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(rendered.read_bytes()[:3000])  # a truncated download
    out = tmp_path / "pdf"
    with pytest.raises(ReportError) as caught:
        convert_to_pdf([good, broken], out)
    assert len(starts(counted_soffice)) == 1
    [diag] = caught.value.diagnostics
    assert diag.file == str(broken) and diag.severity == "error"
    assert "无法转换" in diag.message and "Word 或 WPS" in diag.hint
    assert caught.value.converted.pdfs == [out / "正常.pdf"]  # what a batch can still report
    assert (out / "正常.pdf").read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in out.iterdir()) == ["正常.pdf"]  # nothing half-written beside it


def test_existing_pdf_is_replaced_only_with_overwrite(rendered, tmp_path, counted_soffice):
    docx = tmp_path / "报告.docx"
    shutil.copyfile(rendered, docx)
    target = tmp_path / "报告.pdf"
    target.write_bytes(b"precious")
    with pytest.raises(ReportError) as caught:
        convert_to_pdf([docx], overwrite=False)
    assert "已存在" in caught.value.diagnostics[0].message and "--force" in caught.value.diagnostics[0].hint
    assert target.read_bytes() == b"precious" and starts(counted_soffice) == []
    assert convert_to_pdf([docx]).pdfs == [target]  # beside the .docx by default
    assert target.read_bytes()[:5] == b"%PDF-"


def test_two_files_with_one_name_are_refused_before_starting(rendered, tmp_path, counted_soffice):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "报告.docx", tmp_path / "b" / "报告.docx"
    shutil.copyfile(rendered, first)
    shutil.copyfile(rendered, second)
    with pytest.raises(ReportError) as caught:
        convert_to_pdf([first, second], tmp_path / "out")
    [diag] = caught.value.diagnostics
    assert diag.file == str(second) and str(first) in diag.message
    assert starts(counted_soffice) == [] and not (tmp_path / "out").exists()


def _running(marker: str) -> list[str]:
    """Command lines of live processes that mention ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if proc.name.isdigit() and marker in cmdline:
            found.append(cmdline)
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find leftover processes")
def test_timeout_names_the_files_and_leaves_no_libreoffice_running(rendered, tmp_path, counted_soffice):
    docx = copies(rendered, tmp_path / "in", 3)
    with pytest.raises(ReportError) as caught:
        convert_to_pdf(docx, tmp_path / "out", timeout=0.3)
    assert [d.file for d in caught.value.diagnostics] == [str(p) for p in docx]
    assert all("超时" in d.message for d in caught.value.diagnostics)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    profile = next(arg for arg in starts(counted_soffice)[0].split() if arg.startswith("-env:UserInstallation="))
    time.sleep(0.5)
    assert _running(profile.split("=", 1)[1]) == []


def test_fontconfig_file_sends_each_official_font_to_its_substitute(tmp_path):
    """fontconfig itself (fc-match) reads the generated file and answers with the substitutes."""
    from lawgov_report.office.fonts import SUBSTITUTES, Substitution, fontconfig_text, installed_families, plan

    need("fc-match")
    installed = installed_families()
    substitutions = plan(set(SUBSTITUTES), installed)
    assert substitutions, "no official font is installed here, so each needs a substitute"
    conf = tmp_path / "fonts.conf"
    conf.write_text(fontconfig_text(substitutions), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    for sub in substitutions:
        assert isinstance(sub, Substitution) and sub.substitute in installed
        answer = subprocess.run(["fc-match", "--format", "%{family}", sub.official], env=env, check=True,
                                capture_output=True, text=True).stdout
        assert sub.substitute in answer.split(","), (sub, answer)
    # without the file, fontconfig does not know the official names (so the test above means something)
    plain = subprocess.run(["fc-match", "--format", "%{family}", "楷体_GB2312"], check=True, capture_output=True,
                           text=True).stdout
    assert not {"LXGW WenKai", "AR PL UKai CN"} & set(plain.split(",")) or "楷体_GB2312" in installed


def test_font_plan_prefers_official_then_named_substitutes_then_any_chinese_font():
    from lawgov_report.office.fonts import Substitution, plan

    used = {"仿宋_GB2312", "黑体", "楷体_GB2312", "Times New Roman"}
    # an official font that is installed is used as is; a Windows 楷体 beats a free 楷体
    assert plan(used, {"仿宋_GB2312", "SimHei", "楷体", "AR PL UKai CN"}) == [
        Substitution("楷体_GB2312", "楷体"), Substitution("黑体", "SimHei")]
    # a mainland-style free 楷体 beats AR PL UKai's Taiwan-style punctuation
    assert plan({"楷体_GB2312"}, {"AR PL UKai CN", "LXGW WenKai"}) == [Substitution("楷体_GB2312", "LXGW WenKai")]
    assert plan(used, {"Noto Serif CJK SC", "Noto Sans CJK SC"}) == [
        Substitution("仿宋_GB2312", "Noto Serif CJK SC"), Substitution("楷体_GB2312", "Noto Serif CJK SC"),
        Substitution("黑体", "Noto Sans CJK SC")]
    assert plan({"黑体"}, {"DejaVu Sans"}, chinese=("文泉驿正黑",)) == [Substitution("黑体", "文泉驿正黑")]
    assert plan({"黑体"}, {"DejaVu Sans"}) == [Substitution("黑体", None)]
    assert plan({"Times New Roman"}, set()) == []


def test_fonts_in_docx_are_the_official_ones(rendered):
    from lawgov_report.office.fonts import fonts_in_docx

    assert fonts_in_docx(rendered) == {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"}


def _path_without_libreoffice() -> str:
    keep = [d for d in os.environ["PATH"].split(os.pathsep)
            if d and not any(Path(d, name).exists() for name in ("soffice", "libreoffice"))]
    return os.pathsep.join(keep)


def test_render_pdf_without_libreoffice_writes_docx_and_says_how_to_install(example, tmp_path):
    env = dict(os.environ, PATH=_path_without_libreoffice())
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "lawgov_report", "render", str(example), "-o", str(out), "--pdf"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    docx = out / "lushan-2020.docx"
    assert docx.read_bytes()[:2] == b"PK" and f"已生成 {docx}" in result.stdout
    assert not (out / "lushan-2020.pdf").exists()
    [error] = [line for line in result.stderr.splitlines() if ": 错误" in line]  # warnings may come first
    assert error.startswith(f"{docx}: 错误") and "未找到 LibreOffice" in error, result.stderr
    assert "Windows" in result.stderr and "apt-get install libreoffice" in result.stderr
