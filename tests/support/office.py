"""Real clients for tests: LibreOffice (headless, private profile, free fonts for the official
ones), pandoc and poppler. Tests that need one are skipped only where it is absent and CI is not
set; in CI a missing client is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>LXGW WenKai</family><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
"""


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI (.ci/run installs it)")
        pytest.skip(f"{tool} not installed")
    return path


def soffice_convert(src: Path, fmt: str, outdir: Path, timeout: int = 180) -> Path:
    """Convert with LibreOffice headless, with a private profile and the font aliases."""
    soffice = need("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "fonts.conf"
        conf.write_text(FONTS_CONF, encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(conf))
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       check=True, env=env, timeout=timeout, capture_output=True)
    ext = fmt.split(":")[0]
    out = outdir / f"{src.stem}.{ext}"
    assert out.exists(), f"LibreOffice did not write {out}"
    return out


def pdf_lines(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page, the text lines (yMin, xMin, xMax, text) as poppler lays them out."""
    from lxml import etree

    need("pdftotext")
    html = pdf.with_suffix(".bbox.html")
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(html)], check=True, timeout=60)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    tree = etree.parse(str(html))
    pages = []
    for page in tree.iterfind(".//x:page", ns):
        lines = []
        for line in page.iterfind(".//x:line", ns):
            words = [w.text or "" for w in line.iterfind(".//x:word", ns)]
            lines.append((float(line.get("yMin")), float(line.get("xMin")), float(line.get("xMax")),
                          "".join(words)))
        pages.append(lines)
    return pages


def text_width(text: str) -> float:
    """Width in 3号 characters: CJK and full-width 1, ASCII half."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "—…“”‘’·" else 1.0 for c in text)
