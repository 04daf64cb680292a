"""``lawgov-report preview``: a PNG per page and a contact sheet, checked against what poppler
draws itself; the PNG is read back by a decoder written here from the PNG specification (and by
Pillow too, where it happens to be installed)."""

from __future__ import annotations

import math
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from support.office import need

from lawgov_report.office.preview import BACKGROUND, GAP, THUMB_HEIGHT, page_name, read_ppm, sheet_name


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of an 8-bit RGB PNG; every chunk's CRC is checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, kinds = 8, b"", []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        kinds.append(kind)
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour, interlace) == (8, 2, 0)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and pos == len(data)
    raw, stride, rows, prev = zlib.decompress(idat), width * 3, [], bytes(width * 3)
    assert len(raw) == height * (stride + 1)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride if kind else 0):  # filter 0: the row as is
            a, b = (line[i - 3] if i >= 3 else 0), prev[i]
            c = prev[i - 3] if i >= 3 else 0
            pred = [0, a, b, (a + b) // 2, _paeth(a, b, c)][kind]
            line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, b"".join(rows)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def previewed(example, tmp_path_factory):
    """``preview`` of the example YAML, and the PDF of the same report for comparison."""
    need("soffice")
    need("pdftoppm")
    need("pdfinfo")
    base = tmp_path_factory.mktemp("preview")
    result = run("preview", example, "-o", base / "out")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    made = run("render", example, "-o", base / "pdf", "--pdf")
    assert made.returncode == 0, made.stderr
    return base / "out", base / "pdf" / "lushan-2020.pdf", result


def test_one_png_per_page_at_100_dpi(previewed):
    out, pdf, result = previewed
    count = pdf_pages(pdf)
    pages = [out / page_name("lushan-2020", n, count) for n in range(1, count + 1)]
    assert sorted(out.iterdir()) == sorted([*pages, out / sheet_name("lushan-2020")])
    for page in pages:
        assert png_size(page) == (827, 1170)  # A4 at 100 dpi
        assert f"已生成 {page}" in result.stdout
    assert f"全部 {count} 页" in result.stdout
    assert "以 Noto Serif CJK SC 代替" in result.stderr  # the fonts of the preview are named too


def test_contact_sheet_holds_every_page_as_poppler_draws_it(previewed, tmp_path):
    out, pdf, _ = previewed
    width, height, rgb = decode_png((out / sheet_name("lushan-2020")).read_bytes())
    subprocess.run(["pdftoppm", "-scale-to-x", "-1", "-scale-to-y", str(THUMB_HEIGHT), str(pdf),
                    str(tmp_path / "t")], check=True)
    thumbs = [read_ppm(p) for p in sorted(tmp_path.glob("t-*.ppm"), key=lambda p: int(p.stem.split("-")[1]))]
    count = pdf_pages(pdf)
    assert len(thumbs) == count
    columns = min(count, math.ceil(math.sqrt(2 * count)))
    cell_w = max(w for w, _, _ in thumbs)
    assert (width, height) == (GAP + columns * (cell_w + GAP),
                               GAP + math.ceil(count / columns) * (THUMB_HEIGHT + GAP))
    assert rgb[:3] == bytes([BACKGROUND] * 3)  # the ground in the corner
    for index, (w, h, page) in enumerate(thumbs):
        left = GAP + (index % columns) * (cell_w + GAP) + (cell_w - w) // 2
        top = GAP + (index // columns) * (THUMB_HEIGHT + GAP)
        for y in (0, h // 3, h // 2, h - 1):  # rows across the page, text and page number included
            at = ((top + y) * width + left) * 3
            assert rgb[at:at + w * 3] == page[y * w * 3:(y + 1) * w * 3], (index, y)
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(out / sheet_name("lushan-2020")) as image:
        image.load()
        assert image.size == (width, height) and image.mode == "RGB" and image.tobytes() == rgb


def test_preview_of_a_docx_and_existing_files_need_force(previewed, tmp_path):
    out, pdf, _ = previewed
    docx = pdf.with_suffix(".docx")
    result = run("preview", docx, "-o", out)
    assert result.returncode == 1 and "已存在" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    fresh = tmp_path / "fresh"
    result = run("preview", docx, "-o", fresh)
    assert result.returncode == 0, result.stderr
    assert len(list(fresh.glob("lushan-2020-第*页.png"))) == pdf_pages(pdf)
    stale = fresh / "lushan-2020-第9页.png"  # left by a preview of a longer version
    stale.write_bytes(b"old")
    result = run("preview", docx, "-o", fresh, "--force")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and len(list(fresh.glob("lushan-2020-第*页.png"))) == pdf_pages(pdf)


def test_preview_of_a_missing_file_is_one_chinese_line(tmp_path):
    need("soffice")
    result = run("preview", tmp_path / "没有.docx", "-o", tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{tmp_path / '没有.docx'}: 错误 找不到文件")
