"""Reading a PDF page as pixels (pdftoppm's PPM): where the red and the dark ink is, in millimetres
from the page's top and left edges. Lines and colours are measured here, text positions with
``pdftotext -bbox`` (support.office.pdf_lines)."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lawgov_report.office.preview import read_ppm
from support.office import need

MM_PER_PT = 25.4 / 72


def red(r: int, g: int, b: int) -> bool:
    return r > 180 and g < 90 and b < 90


def dark(r: int, g: int, b: int) -> bool:
    return r < 110 and g < 110 and b < 110


@dataclass
class Band:
    """Consecutive pixel rows holding ink of one kind: from ``top`` to ``bottom`` mm, ``left`` to
    ``right`` mm at the widest; ``widest`` is the longest row's width in mm."""

    top: float
    bottom: float
    left: float
    right: float
    widest: float


class Page:
    """One page of a PDF as RGB pixels."""

    def __init__(self, pdf: Path, number: int, dpi: int = 144):
        need("pdftoppm")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), str(pdf),
                            f"{tmp}/p"], check=True, timeout=60)
            [ppm] = Path(tmp).glob("p*.ppm")
            self.width, self.height, self.rgb = read_ppm(ppm)
        self.mm = 25.4 / dpi  # millimetres per pixel

    def bands(self, kind=dark, top_mm: float = 0, bottom_mm: float = 297, left_mm: float = 0,
              right_mm: float = 210) -> list[Band]:
        """The bands of ``kind`` ink within the window, top to bottom."""
        x0, x1 = int(left_mm / self.mm), min(int(right_mm / self.mm), self.width)
        out: list[Band] = []
        last = None
        for y in range(max(int(top_mm / self.mm), 0), min(int(bottom_mm / self.mm), self.height)):
            row = self.rgb[(y * self.width + x0) * 3:(y * self.width + x1) * 3]
            xs = [x for x in range(x1 - x0) if kind(row[3 * x], row[3 * x + 1], row[3 * x + 2])]
            if not xs:
                continue
            left, right = (x0 + xs[0]) * self.mm, (x0 + xs[-1]) * self.mm
            if last is not None and y == last + 1:
                band = out[-1]
                band.bottom = y * self.mm
                band.left, band.right = min(band.left, left), max(band.right, right)
                band.widest = max(band.widest, right - left)
            else:
                out.append(Band(y * self.mm, y * self.mm, left, right, right - left))
            last = y
        return out
