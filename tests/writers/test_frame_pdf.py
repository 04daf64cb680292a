"""The whole 公文 (GB/T 9704-2012 7.2-7.5), measured on LibreOffice's PDF page by page: the 版头's red
mark, 发文字号 and 签发人, red line and title; the page-number dashes; the 版记 on the bottom edge of
the last page; the 署名 layouts; the 附件说明's wrap; and a web edition without any of it.

Positions of text come from ``pdftotext -bbox``, lines and colours from the page image."""

from __future__ import annotations

import re
import zipfile

import pytest

from support.office import need, pdf_lines
from support.pixels import MM_PER_PT, Page, dark, red

CHAR = 15.75  # pt: one 3号 character with the -0.25 pt spacing
LEFT, RIGHT = 1587 / 20, (11906 - 1474) / 20  # the type area's edges, pt
TYPE_TOP, TYPE_BOTTOM = 37.0, 297.0 - 35.0  # mm from the page's top edge
TYPE_WIDTH = 156.0  # mm
PITCH = 28.95  # pt: one line of the 22-line grid

MORE_CC = ("县纪委监委", "县人民法院", "县人民检察院")  # the 抄送 line wraps
LONG_NAME = "鲁山县2020年度法治政府建设工作台账及各乡镇、县直各单位落实情况汇总表"


def _variant(text: str) -> str:
    """The print example unsealed, from joint issuers, with two signers and an attachment whose
    name wraps."""
    text = text.replace("seal: true ", "# seal: true")
    text = text.replace("  mark: 鲁山县人民政府文件", "  mark: [鲁山县人民政府, 中共鲁山县委员会, 文件]")
    text = text.replace("    - 李明\n", "    - 李明\n    - 王刚\n")
    text = text.replace("    - 县政协办公室\n", "    - 县政协办公室\n" + "".join(f"    - {n}\n" for n in MORE_CC))
    return text.replace("# note: （此件公开发布）", f"attachments: [{LONG_NAME}]\n# note:")


@pytest.fixture(scope="module")
def pdfs(root, tmp_path_factory):
    """The print example (sealed), its variant, and its web edition, converted in one LibreOffice start."""
    need("soffice")
    from lawgov_report.office.pdf import convert_to_pdf
    from lawgov_report.pipeline import render_file

    out = tmp_path_factory.mktemp("frame")
    example = root / "examples" / "lushan-2020-print.yaml"
    variant = out / "variant.yaml"
    variant.write_text(_variant(example.read_text(encoding="utf-8")), encoding="utf-8")
    render_file(example, out, formats=("docx",), stem="print")
    render_file(variant, out, formats=("docx",))
    render_file(example, out, formats=("docx",), stem="web", edition="web")
    # No 附件 page, one attachment whose name wraps: the text ends on the lines where the 版记 would stand.
    template = out / "no-appendix"
    template.mkdir()
    (template / "template.yaml").write_text("name: no-appendix\nextends: annual-report\nappendix: false\n",
                                            encoding="utf-8")
    full = out / "full.yaml"
    full.write_text(example.read_text(encoding="utf-8").replace("template: annual-report ", f"template: {template} ")
                    .replace("# note: （此件公开发布）", f"attachments: [{LONG_NAME}]\n# note:"), encoding="utf-8")
    render_file(full, out, formats=("docx",))
    docx = {name: out / f"{name}.docx" for name in ("print", "variant", "web", "full")}
    convert_to_pdf(list(docx.values()), out)
    return {name: out / f"{name}.pdf" for name in docx} | {f"{name}.docx": path for name, path in docx.items()}


@pytest.fixture(scope="module")
def pages(pdfs):
    return {name: pdf_lines(pdfs[name]) for name in ("print", "variant", "web", "full")}


def line(lines, needle: str):
    found = [ln for ln in lines if needle in ln[3].replace(" ", "")]
    assert found, (needle, [ln[3] for ln in lines])
    return found[0]


def mm(pt: float) -> float:
    return pt * MM_PER_PT


def red_line(page: Page):
    """The 版头's red separator: a red band as wide as the type area, thinner than a character."""
    [rule] = [b for b in page.bands(red) if b.widest >= 0.9 * TYPE_WIDTH and b.bottom - b.top < 1.5]
    return rule


# -- 版头 -------------------------------------------------------------------------------------------

def test_mark_is_red_35mm_below_the_type_area(pdfs):
    mark = Page(pdfs["print"], 1).bands(red)[0]
    assert abs(mark.top - TYPE_TOP - 35) <= 4, mark
    assert mark.bottom - mark.top > 10  # the mark's glyphs, not a line


def test_doc_number_flush_left_and_signer_right_on_one_line(pages):
    lines = pages["print"][0]
    number, signer = line(lines, "鲁政文〔2021〕5号"), line(lines, "签发人：李明")
    assert abs(number[0] - signer[0]) < 1  # one line
    assert abs(number[1] - (LEFT + CHAR)) < 3, number  # a 1-character indent from the left
    assert abs(signer[2] - (RIGHT - CHAR)) < 3, signer  # and from the right


def test_red_line_4mm_below_the_doc_number_and_title_two_lines_lower(pdfs, pages):
    page = Page(pdfs["print"], 1)
    rule = red_line(page)
    assert rule.left - 28 < 1.5 and 184 - rule.right < 1.5  # the type area's width
    number = line(pages["print"][0], "鲁政文〔2021〕5号")
    ink = page.bands(dark, mm(number[0]), mm(number[0]) + 10, 28, 184)
    assert abs(rule.top - ink[-1].bottom - 4) <= 1.5, (rule, ink[-1])
    title = line(pages["print"][0], "关于2020年度法治政府建设情况的报告")
    [first_title_line] = [ln for ln in pages["print"][0] if ln[3] == "鲁山县人民政府"]
    assert first_title_line[0] < title[0]
    assert mm(first_title_line[0]) - rule.bottom >= mm(2 * PITCH) - 1


def test_copy_number_and_urgency_flush_left_on_the_first_lines(pages):
    lines = pages["print"][0]
    copy, urgency = line(lines, "000001"), line(lines, "加急")
    assert abs(copy[1] - LEFT) < 1.5 and abs(urgency[1] - LEFT) < 1.5
    # the next line of the grid (the two fonts' boxes differ by a point or two)
    assert mm(copy[0]) - TYPE_TOP < 8 and abs(urgency[0] - copy[0] - PITCH) < 3


def test_masthead_keeps_the_body_on_the_22_line_grid(pages):
    """The body under the masthead sits on the same grid lines as on a page without one."""
    first = [ln for ln in pages["print"][0] if ln[1] < LEFT + 2 * CHAR + 1 and ln[2] > RIGHT - 3]
    second = [ln for ln in pages["print"][1] if not re.fullmatch(r"—\d+—", ln[3].replace(" ", ""))]
    assert len(first) >= 3 and len(second) == 22
    offset = (second[0][0] - LEFT) % PITCH  # a body line's box in its grid line
    for ln in first:
        assert abs((ln[0] - LEFT) % PITCH - offset) < 0.5, ln


def test_joint_issuers_with_wenjian_beside_them(pdfs, pages):
    lines = pages["variant"][0]
    host, other, wenjian = line(lines, "鲁山县人民政府"), line(lines, "中共鲁山县委员会"), line(lines, "文件")
    assert host[0] < other[0]  # the host first, each on its own line
    assert wenjian[1] > max(host[2], other[2])  # "文件" to the right of the names
    assert host[0] < wenjian[0] < other[0]  # centred on them
    mark = Page(pdfs["variant"], 1).bands(red)[0]
    assert abs(mark.top - TYPE_TOP - 35) <= 4, mark


def test_several_signers_line_up_with_the_number_on_the_last(pages):
    lines = pages["variant"][0]
    first, second = line(lines, "签发人：李明"), line(lines, "王刚")
    number = line(lines, "鲁政文〔2021〕5号")
    assert abs(second[0] - first[0] - PITCH) < 1 and abs(number[0] - second[0]) < 1
    assert abs((first[2] - 2 * CHAR) - second[1]) < 3  # the names start at one place


# -- 页码 -------------------------------------------------------------------------------------------

def test_page_number_dash_7mm_below_the_type_area(pdfs, pages):
    for number, lines in enumerate(pages["print"], start=1):
        [footer] = [ln for ln in lines if re.fullmatch(r"—\d+—", ln[3].replace(" ", ""))]
        # the first dash: the left 10 pt of the footer's text, where the digits are not
        dash = Page(pdfs["print"], number).bands(dark, mm(footer[0]), mm(footer[0]) + 8, mm(footer[1]),
                                                 mm(footer[1] + 10))
        assert len(dash) == 1 and abs(dash[0].top - TYPE_BOTTOM - 7) <= 1.5, (number, dash)


# -- 版记 -------------------------------------------------------------------------------------------

def test_imprint_on_the_bottom_edge_of_the_last_page(pdfs, pages):
    last = len(pages["print"])
    rules = [b for b in Page(pdfs["print"], last).bands(dark, 150, 270, 20, 190)
             if b.widest >= 0.9 * TYPE_WIDTH and b.bottom - b.top < 1]
    bottom = rules[-1]
    assert abs(bottom.bottom - TYPE_BOTTOM) <= 3, rules
    assert len([r for r in rules if r.bottom > bottom.bottom - 25]) == 3  # first, between, last
    lines = pages["print"][-1]
    cc, printed = line(lines, "抄送：县委办公室，县人大常委会办公室，县政协办公室。"), line(lines, "2021年3月6日印发")
    assert mm(cc[0]) < mm(printed[0]) < bottom.top
    assert abs(printed[2] - (RIGHT - 14)) < 3  # 4号: a 1-character (14 pt) right indent
    assert abs(line(lines, "鲁山县人民政府办公室")[1] - (LEFT + 14)) < 3 and abs(cc[1] - (LEFT + 14)) < 3
    assert all("抄送" not in ln[3] for page in pages["print"][:-1] for ln in page)  # after the 附件 pages


def test_wrapped_cc_aligns_after_the_colon_and_the_imprint_still_ends_on_the_edge(pdfs, pages):
    lines = pages["variant"][-1]
    cc = line(lines, "抄送：")
    following = lines[lines.index(cc) + 1]
    assert following[3].replace(" ", "").endswith("县人民检察院。") and abs(following[0] - cc[0] - 28) < 2
    assert abs(following[1] - (LEFT + 4 * 14)) < 3  # under the first name, after "抄送："
    rules = [b for b in Page(pdfs["variant"], len(pages["variant"])).bands(dark, 150, 270, 20, 190)
             if b.widest >= 0.9 * TYPE_WIDTH and b.bottom - b.top < 1]
    assert len(rules) == 3 and abs(rules[-1].bottom - TYPE_BOTTOM) <= 3, rules


def test_imprint_takes_a_new_page_rather_than_cover_the_text(pdfs, pages):
    """Where the text reaches into the 版记's lines, the 版记 goes to the foot of a page of its own."""
    full = pages["full"]
    dated = next(i for i, page in enumerate(full) if any("2021年3月5日" in ln[3].replace(" ", "") for ln in page))
    assert not any("抄送" in ln[3] for ln in full[dated])
    assert dated == len(full) - 2 and any("抄送" in ln[3] for ln in full[-1])
    rules = [b for b in Page(pdfs["full"], len(full)).bands(dark, 150, 270, 20, 190)
             if b.widest >= 0.9 * TYPE_WIDTH and b.bottom - b.top < 1]
    assert len(rules) == 3 and abs(rules[-1].bottom - TYPE_BOTTOM) <= 3


# -- 署名 and 成文日期 -------------------------------------------------------------------------------

def _signature_and_date(lines):
    date = line(lines, "2021年3月5日")
    [signature] = [ln for ln in lines if ln[3] == "鲁山县人民政府" and abs(date[0] - ln[0] - PITCH) < 1]
    return signature, date


def test_sealed_date_right_indented_4_and_signature_centred_on_it(pages):
    page = next(p for p in pages["print"] if any("2021年3月5日" in ln[3].replace(" ", "") for ln in p))
    signature, date = _signature_and_date(page)
    assert abs(date[2] - (RIGHT - 4 * CHAR)) < 3, date
    assert abs((signature[1] + signature[2]) / 2 - (date[1] + date[2]) / 2) < CHAR / 2


def test_unsealed_date_2_characters_right_of_the_signature(pages):
    page = next(p for p in pages["variant"] if any("2021年3月5日" in ln[3].replace(" ", "") for ln in p))
    signature, date = _signature_and_date(page)
    # The date (longer than the 署名 less 2 characters) ends 2 characters from the right edge; its
    # digits are wider in the substitute font here than in Times New Roman, hence the tolerance.
    assert abs(date[2] - (RIGHT - 2 * CHAR)) < 3, date
    assert abs(date[1] - signature[1] - 2 * CHAR) < CHAR, (signature, date)


# -- 附件说明 ---------------------------------------------------------------------------------------

def test_attachment_name_wraps_under_its_first_character(pages):
    lines = [ln for page in pages["variant"] for ln in page]
    first = next(i for i, ln in enumerate(lines) if ln[3].startswith("附件：1."))
    assert abs(lines[first][1] - (LEFT + 2 * CHAR)) < 3  # "附件：" indented 2 characters
    wrapped = lines[first + 1]
    assert LONG_NAME.endswith(wrapped[3].replace(" ", ""))
    # under the name's first character: past "附件：1." (5 characters and the number), not at the margin
    assert LEFT + 5.5 * CHAR < wrapped[1] < LEFT + 7 * CHAR, wrapped
    second = lines[first + 2]
    assert second[3].startswith("2.") and abs(second[1] - (LEFT + 5 * CHAR)) < 3


def test_a_single_attachment_name_wraps_under_its_first_character(pages):
    """One attachment, no number: the AttachmentNote style's hanging indent."""
    lines = [ln for page in pages["full"] for ln in page]
    first = next(i for i, ln in enumerate(lines) if ln[3].startswith("附件："))
    assert abs(lines[first][1] - (LEFT + 2 * CHAR)) < 3
    wrapped = lines[first + 1]
    assert LONG_NAME.endswith(wrapped[3].replace(" ", "")) and abs(wrapped[1] - (LEFT + 5 * CHAR)) < 3, wrapped


# -- the web edition ------------------------------------------------------------------------------

PRINT_ONLY = ("鲁山县人民政府文件", "鲁政文〔2021〕5号", "签发人", "李明", "000001", "加急", "抄送：", "2021年3月6日印发")


def test_web_edition_has_no_masthead_or_imprint(pdfs):
    import docx

    web = [p.text for p in docx.Document(str(pdfs["web.docx"])).paragraphs]
    printed = [p.text for p in docx.Document(str(pdfs["print.docx"])).paragraphs]
    for text in PRINT_ONLY:
        assert not any(text in p for p in web), text
        assert any(text in p for p in printed) or text in ("抄送：", "2021年3月6日印发"), text
    assert web[0] == "鲁山县人民政府" and printed.index("鲁山县人民政府") > 3  # the title comes first
    with zipfile.ZipFile(pdfs["web.docx"]) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert "FF0000" not in body and "tblpPr" not in body


def test_web_pdf_has_no_red(pdfs, pages):
    assert Page(pdfs["web"], 1).bands(red) == []
    assert not any(needle in ln[3] for page in pages["web"] for ln in page for needle in PRINT_ONLY)
