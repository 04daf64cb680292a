"""Page previews (页面预览): a PNG of each page of a report and a contact sheet of all pages.

A report YAML is rendered to .docx in a temporary folder first; a .docx goes straight to
LibreOffice (:mod:`lawgov_report.office.pdf`); poppler's ``pdftoppm`` draws the pages. The contact sheet
is assembled here from small PPM thumbnails and encoded as PNG with zlib, so no imaging library
is needed.
"""

from __future__ import annotations

import math
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import Diagnostic, ReportError

PAGE_DPI = 100  # an A4 page is 827 x 1170 pixels: readable, and a few hundred KB
THUMB_HEIGHT = 300  # pixels of one page on the contact sheet
GAP = 16  # pixels between pages on the contact sheet
BACKGROUND, EDGE = 0xD8, 0x80  # grey behind the pages, and a darker line around each page

POPPLER_HINT = ("Debian/Ubuntu：sudo apt-get install poppler-utils；Windows：安装 poppler（例如 conda install "
                "poppler），并把其 bin 文件夹加入 PATH")


@dataclass
class Previewed:
    """The page images and the contact sheet written, with the warnings met on the way."""

    pages: list[Path] = field(default_factory=list)
    sheet: Path | None = None
    warnings: list[Diagnostic] = field(default_factory=list)


def page_name(stem: str, number: int, count: int) -> str:
    """``lushan-2020-第01页.png``: zero-padded so that the files sort in page order."""
    return f"{stem}-第{number:0{len(str(count))}d}页.png"


def sheet_name(stem: str) -> str:
    return f"{stem}-全部页面.png"


def preview(path: str | Path, outdir: str | Path, overwrite: bool = False, render_docx=None) -> Previewed:
    """Write a PNG per page of ``path`` (.docx or .pdf, or a report that ``render_docx`` turns into a
    .docx) and a contact sheet into ``outdir``.

    ``render_docx(path, folder)`` renders a report file into ``folder`` and returns the .docx and the
    warnings met; the caller supplies it, so LibreOffice's stage never reaches back into the pipeline.
    """
    path, outdir = Path(path), Path(outdir)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ReportError.single(str(path), "未找到 pdftoppm（poppler），无法生成页面预览", hint=POPPLER_HINT,
                                 message_en="pdftoppm (poppler) not found")
    sheet = outdir / sheet_name(path.stem)
    existing = [sheet] if sheet.exists() else []
    existing += _page_files(outdir, path.stem)
    if existing and not overwrite:  # checked before the slow part; the page count is not known yet
        raise ReportError([Diagnostic(str(t), 0, 0, "error", "", "输出文件已存在，未覆盖",
                                      "如需覆盖，请加 --force", "output exists; use --force") for t in existing])
    result = Previewed()
    with tempfile.TemporaryDirectory(prefix="lawgov-preview-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        pdf = _pdf_of(path, work, render_docx, result.warnings)
        pages = _draw(pdftoppm, ["-png", "-r", str(PAGE_DPI)], pdf, work / "page", ".png")
        thumbs = _draw(pdftoppm, ["-scale-to-x", "-1", "-scale-to-y", str(THUMB_HEIGHT)], pdf, work / "thumb",
                       ".ppm")
        targets = [outdir / page_name(path.stem, n, len(pages)) for n in range(1, len(pages) + 1)]
        sheet_png = contact_sheet([read_ppm(t) for t in thumbs])
        from lawgov_report.atomic import write_bytes

        for old in set(_page_files(outdir, path.stem)) - set(targets):
            old.unlink()  # a previous preview of a longer report had more pages
        for made, target in zip(pages, targets):
            result.pages.append(write_bytes(target, made.read_bytes()))
        result.sheet = write_bytes(sheet, sheet_png)
    return result


def _checked_docx(path: Path) -> Path:
    """``path``, once every part of it has been found readable and bounded: LibreOffice is not handed an
    encrypted, corrupt or zip-bomb .docx someone sent (lawgov_report.archive)."""
    from lawgov_report.archive import open_archive, read_part

    try:
        data = path.read_bytes()
    except OSError:
        raise ReportError.single(str(path), "找不到文件或无法读取", message_en="cannot read") from None
    with open_archive(data, str(path)) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                read_part(archive, info, str(path))
    return path


def _pdf_of(path: Path, work: Path, render_docx, warnings: list[Diagnostic]) -> Path:
    """The PDF of a report file: rendered and converted in ``work``, or the file itself if a PDF."""
    from lawgov_report.office.pdf import convert_to_pdf

    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if not path.is_file():
            raise ReportError.single(str(path), "找不到文件", message_en="file not found")
        return path
    if suffix == ".docx":
        docx = _checked_docx(path)
    elif render_docx is not None:
        docx, found = render_docx(path, work)
        warnings.extend(found)
    else:
        raise ReportError.single(str(path), "只能预览 .docx 或 .pdf 文件", message_en="not a .docx or .pdf")
    converted = convert_to_pdf([docx], work / "pdf")
    warnings.extend(converted.font_warnings(str(path)))
    return converted.pdfs[0]


def _draw(pdftoppm: str, options: list[str], pdf: Path, prefix: Path, suffix: str) -> list[Path]:
    """Run pdftoppm; its files, in page order (it numbers them ``prefix-1``, or ``prefix-01``…)."""
    try:
        subprocess.run([pdftoppm, *options, str(pdf), str(prefix)], check=True, capture_output=True,
                       timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReportError.single(str(pdf), "pdftoppm 无法读取此 PDF，未生成页面预览",
                                 message_en=f"pdftoppm failed: {exc}") from None
    made = [p for p in prefix.parent.glob(f"{prefix.name}-*{suffix}")]
    return sorted(made, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _page_files(outdir: Path, stem: str) -> list[Path]:
    """Page images of ``stem`` already in ``outdir``, from this or an earlier preview."""
    pattern = re.compile(rf"{re.escape(stem)}-第\d+页\.png")
    return sorted(p for p in outdir.iterdir() if pattern.fullmatch(p.name)) if outdir.is_dir() else []


def read_ppm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (P6, maxval 255), as pdftoppm writes it."""
    data = path.read_bytes()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval, separated by whitespace
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError(f"{path}: not an 8-bit binary PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:pos + 1 + width * height * 3]


def contact_sheet(pages: list[tuple[int, int, bytes]], columns: int | None = None) -> bytes:
    """All pages side by side in rows, on a grey ground, as PNG bytes."""
    count = len(pages)
    columns = columns or max(1, min(count, math.ceil(math.sqrt(2 * count))))
    rows = math.ceil(count / columns)
    cell_w = max(w for w, _, _ in pages)
    cell_h = max(h for _, h, _ in pages)
    width, height = GAP + columns * (cell_w + GAP), GAP + rows * (cell_h + GAP)
    canvas = bytearray([BACKGROUND]) * (width * height * 3)
    for index, (w, h, rgb) in enumerate(pages):
        left = GAP + (index % columns) * (cell_w + GAP) + (cell_w - w) // 2
        top = GAP + (index // columns) * (cell_h + GAP)
        _frame(canvas, width, left - 1, top - 1, w + 2, h + 2)
        for y in range(h):
            at = ((top + y) * width + left) * 3
            canvas[at:at + w * 3] = rgb[y * w * 3:(y + 1) * w * 3]
    return encode_png(width, height, bytes(canvas))


def _frame(canvas: bytearray, width: int, left: int, top: int, w: int, h: int) -> None:
    line = bytes([EDGE]) * (w * 3)
    for y in (top, top + h - 1):
        canvas[(y * width + left) * 3:(y * width + left + w) * 3] = line
    for y in range(top, top + h):
        for x in (left, left + w - 1):
            canvas[(y * width + x) * 3:(y * width + x + 1) * 3] = line[:3]


def encode_png(width: int, height: int, rgb: bytes) -> bytes:
    """An 8-bit RGB PNG: signature, IHDR, one zlib IDAT with filter 0 on every row, IEND."""
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))
