"""LibreOffice's PDF of the Lushan example keeps the grid: 22 lines a page, 28 characters a line,
page numbers right on odd pages and left on even ones."""

from __future__ import annotations

import pytest

from support.office import pdf_lines, soffice_convert, text_width

PT_PER_LINE = 28.95
LEFT = 1587 / 20  # left margin in points
RIGHT = (11906 - 1474) / 20


@pytest.fixture(scope="module")
def pages(rendered, tmp_path_factory):
    pdf = soffice_convert(rendered, "pdf", tmp_path_factory.mktemp("pdf"))
    return pdf_lines(pdf)


def test_a4_and_page_count(pages):
    assert len(pages) >= 4


def test_22_lines_on_every_full_page(pages):
    for number, lines in enumerate(pages[:-1], start=1):
        body = lines[:-1]  # the last line is the page number
        slots = round((body[-1][0] - body[0][0]) / PT_PER_LINE) + 1
        assert slots == 22, f"page {number}: {slots} grid lines"
        if number > 1:
            assert len(body) == 22, f"page {number}: {len(body)} lines"


def test_28_characters_on_every_full_line(pages):
    full_cjk = 0
    for lines in pages:
        body = lines[:-1]
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
                # text; the line is still justified to the right margin.
                assert 24 <= width <= 29 and x_max > RIGHT - 8, (width, text)
    assert full_cjk > 30


def test_page_numbers_right_on_odd_left_on_even(pages):
    for number, lines in enumerate(pages, start=1):
        y, x_min, x_max, text = lines[-1]
        assert text.replace(" ", "") == f"—{number}—"
        if number % 2:
            assert x_max > RIGHT - 40 and x_min > (LEFT + RIGHT) / 2, (number, x_min, x_max)
        else:
            assert x_min < LEFT + 40 and x_max < (LEFT + RIGHT) / 2, (number, x_min, x_max)
        assert y > 841.89 - 99 + 5, "the page number sits below the type area"
