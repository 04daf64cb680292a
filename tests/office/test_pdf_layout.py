"""The Lushan example's PDF, made the clerk's way (``render --pdf``, i.e. lawgov_report.office.pdf), keeps
the grid: A4, 22 lines a page, 28 characters a line, page numbers right on odd pages and left on
even ones; and the warnings name each substituted font."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from support.office import need, pdf_lines, text_width

PT_PER_LINE = 28.95
LEFT = 1587 / 20  # left margin in points
RIGHT = (11906 - 1474) / 20


@pytest.fixture(scope="module")
def render_pdf(example, tmp_path_factory):
    """``lawgov-report render --pdf`` of the example: the PDF and what the CLI printed."""
    need("soffice")
    outdir = tmp_path_factory.mktemp("pdf")
    result = subprocess.run([sys.executable, "-m", "lawgov_report", "render", str(example), "-o", str(outdir),
                             "--pdf"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pdf = outdir / "lushan-2020.pdf"
    assert f"已生成 {pdf}" in result.stdout and (outdir / "lushan-2020.docx").exists()
    return pdf, result.stderr


@pytest.fixture(scope="module")
def pages(render_pdf):
    return pdf_lines(render_pdf[0])


def test_a4_and_page_count(render_pdf, pages):
    need("pdfinfo")
    info = subprocess.run(["pdfinfo", str(render_pdf[0])], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (595, 842), info  # A4: 210 x 297 mm
    assert "(A4)" in info
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(pages) >= 4


def test_warnings_name_each_substituted_font(render_pdf):
    """Fonts absent here are named with their substitute; an installed official font would not be."""
    from lawgov_report.office.fonts import SUBSTITUTES, installed_families

    pdf, stderr = render_pdf
    installed = installed_families() or frozenset()
    for official in SUBSTITUTES:
        named = re.search(rf"{pdf}: 警告 PDF 中 {official} 以 (.+?) 代替", stderr)
        if official in installed:
            assert named is None, stderr
        else:
            assert named and named.group(1) in installed, (official, stderr)
    need("pdffonts")
    embedded = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    if "Noto Serif CJK SC" in stderr:
        assert "NotoSerifCJK" in embedded, embedded  # the substitute really is in the PDF
    if "LXGW WenKai" in stderr:
        assert "LXGWWenKai" in embedded, embedded
    # 楷体 in a mainland face: AR PL UKai centres "，" and "。" (Taiwan style); .ci/run installs LXGW WenKai.
    if os.environ.get("CI") or "LXGW WenKai" in (installed_families() or ()):
        assert "UKai" not in embedded, embedded


def page_number(lines):
    """A page's "— N —" line (poppler may list it before a table's last cells), and the others."""
    numbers = [line for line in lines if re.fullmatch(r"—\d+—", line[3].replace(" ", ""))]
    assert len(numbers) == 1, lines
    return numbers[0], [line for line in lines if line is not numbers[0]]


def body_pages(pages):
    """The report's own pages: those before the first one that opens with 附件 (an appendix, or the
    附件说明 pushed over by a full last page)."""
    for index, lines in enumerate(pages):
        if index and page_number(lines)[1][0][3].startswith("附件"):
            return pages[:index]
    return pages


# A heading stays with what follows it (keepNext), as in Word: the page before it may end a line early.
HEADING = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）")


def test_22_lines_on_every_full_page(pages):
    body_only = body_pages(pages)
    assert len(body_only) >= 4  # the Lushan report's text alone fills four pages and more
    for number, lines in enumerate(body_only[:-1], start=1):
        body = page_number(lines)[1]
        offsets = [(line[0] - body[0][0]) / PT_PER_LINE for line in body]
        # (page 1's title, 2号 小标宋, is off the body's grid)
        assert number == 1 or all(abs(o - round(o)) < 0.05 for o in offsets), f"page {number}: off the grid"
        slots = round(offsets[-1]) + 1
        next_first = page_number(body_only[number])[1][0][3]
        full = 21 if HEADING.match(next_first) else 22
        assert slots >= full, f"page {number}: {slots} grid lines"
        if number > 1:
            assert len(body) == slots, f"page {number}: {len(body)} lines"


UNBREAKABLE = re.compile(r"[\d.,%％]+[，。、；：！？）》”]")


def test_28_characters_on_every_full_line(pages):
    full_cjk = 0
    for lines in body_pages(pages):
        body = page_number(lines)[1]
        for line, following in zip(body, body[1:]):
            y, x_min, x_max, text = line
            if x_max < RIGHT - 20 or following[1] > LEFT + 10:
                continue  # a paragraph's last line, or a title line
            width = text_width(text) + (2 if x_min > LEFT + 10 else 0)
            if all(ord(c) >= 0x2E80 for c in text):
                full_cjk += 1
                # punctuation may hang or be squeezed at the line end (行末标点压缩)
                assert 27 <= width <= 29, (width, text)
            else:
                # Digits and Latin letters are half-width and get a little space beside Chinese
                # text; the line is still justified to the right margin. A number with the mark
                # after it ("100%。") moves down as one: the line it leaves is looser.
                least = 20 if UNBREAKABLE.match(following[3]) else 24
                assert least <= width <= 29 and x_max > RIGHT - 8, (width, text)
    assert full_cjk > 30


def test_page_numbers_right_on_odd_left_on_even(pages):
    for number, lines in enumerate(pages, start=1):
        (y, x_min, x_max, text), _ = page_number(lines)
        assert text.replace(" ", "") == f"—{number}—"
        if number % 2:
            assert x_max > RIGHT - 40 and x_min > (LEFT + RIGHT) / 2, (number, x_min, x_max)
        else:
            assert x_min < LEFT + 40 and x_max < (LEFT + RIGHT) / 2, (number, x_min, x_max)
        assert y > 841.89 - 99 + 5, "the page number sits below the type area"
