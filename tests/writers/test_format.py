"""The official format (../shared/GBT9704.md), read back from the .docx's XML.

Effective fonts are resolved as Word does: run -> run style -> paragraph style -> basedOn chain ->
docDefaults. No theme font may be left anywhere.
"""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def parts(rendered):
    with zipfile.ZipFile(rendered) as zf:
        return {name: etree.fromstring(zf.read(name)) for name in zf.namelist() if name.endswith(".xml")}


class Styles:
    """Resolve effective run and paragraph properties through the style hierarchy."""

    def __init__(self, styles):
        self.by_id = {s.get(q("styleId")): s for s in styles.iterfind("w:style", NS)}
        self.defaults_rpr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self.default_para = next(s.get(q("styleId")) for s in styles.iterfind("w:style", NS)
                                 if s.get(q("type")) == "paragraph" and s.get(q("default")) == "1")

    def chain(self, style_id):
        while style_id:
            style = self.by_id[style_id]
            yield style
            based = style.find("w:basedOn", NS)
            style_id = based.get(q("val")) if based is not None else None

    def rpr_value(self, run, para_style, getter):
        rpr = run.find("w:rPr", NS)
        if rpr is not None:
            value = getter(rpr)
            if value is not None:
                return value
            rstyle = rpr.find("w:rStyle", NS)
            if rstyle is not None:
                for style in self.chain(rstyle.get(q("val"))):
                    value = getter(style.find("w:rPr", NS))
                    if value is not None:
                        return value
        for style in self.chain(para_style):
            value = getter(style.find("w:rPr", NS))
            if value is not None:
                return value
        return getter(self.defaults_rpr)

    def ppr_value(self, para, getter):
        ppr = para.find("w:pPr", NS)
        if ppr is not None:
            value = getter(ppr)
            if value is not None:
                return value
        for style in self.chain(self.para_style(para)):
            value = getter(style.find("w:pPr", NS))
            if value is not None:
                return value
        return None

    def para_style(self, para):
        ps = para.find("w:pPr/w:pStyle", NS)
        return ps.get(q("val")) if ps is not None else self.default_para


def east_asia(rpr):
    if rpr is None:
        return None
    fonts = rpr.find("w:rFonts", NS)
    return fonts.get(q("eastAsia")) if fonts is not None and fonts.get(q("eastAsia")) else None


def size(rpr):
    if rpr is None:
        return None
    sz = rpr.find("w:sz", NS)
    return int(sz.get(q("val"))) / 2 if sz is not None else None


def outline(ppr):
    if ppr is None:
        return None
    lvl = ppr.find("w:outlineLvl", NS)
    return int(lvl.get(q("val"))) if lvl is not None else None


EXPECTED_BY_STYLE = {"Title": ("方正小标宋简体", 22), "Normal": ("仿宋_GB2312", 16),
                     "Heading1": ("黑体", 16), "Heading2": ("楷体_GB2312", 16),
                     "Heading3": ("仿宋_GB2312", 16), "Heading4": ("仿宋_GB2312", 16),
                     # GB/T 9704-2012 7.3.4, 7.3.7: 附件说明 in 3号仿宋; "附件" in 3号黑体; its title 2号小标宋
                     "AttachmentNote": ("仿宋_GB2312", 16), "AppendixLabel": ("黑体", 16),
                     "AppendixTitle": ("方正小标宋简体", 22)}


def test_effective_font_of_every_run(parts):
    styles = Styles(parts["word/styles.xml"])
    body = parts["word/document.xml"].find("w:body", NS)
    seen = set()
    for para in body.iterfind("w:p", NS):
        pstyle = styles.para_style(para)
        level = styles.ppr_value(para, outline)
        for i, run in enumerate(para.iterfind("w:r", NS)):
            if run.find("w:t", NS) is None:
                continue
            font = styles.rpr_value(run, pstyle, east_asia)
            sz = styles.rpr_value(run, pstyle, size)
            text = run.find("w:t", NS).text
            if pstyle == "Normal" and level == 1 and i == 0:
                want = ("楷体_GB2312", 16)  # a run-in （一） heading
            elif pstyle == "Normal" and level == 0 and i == 0:
                want = ("黑体", 16)
            else:
                want = EXPECTED_BY_STYLE[pstyle]
            assert (font, sz) == want, (text[:20], pstyle, level)
            seen.add((pstyle, level))
    assert ("Title", None) in seen and ("Heading1", 0) in seen and ("Normal", 1) in seen
    assert ("Heading3", 2) in seen
    assert {("AttachmentNote", None), ("AppendixLabel", None), ("AppendixTitle", None)} <= seen


def test_no_theme_fonts_anywhere(rendered):
    """Every style and run names its fonts; the theme part (Word requires one) is only a fallback,
    and its East Asian fonts are the official Chinese ones (tests/writers/test_validity.py)."""
    with zipfile.ZipFile(rendered) as zf:
        for name in zf.namelist():
            assert b"Theme=" not in zf.read(name), name
        assert "仿宋_GB2312".encode() in zf.read("word/theme/theme1.xml")


def test_headings_have_outline_levels(parts):
    styles = Styles(parts["word/styles.xml"])
    body = parts["word/document.xml"].find("w:body", NS)
    levels = {}
    for para in body.iterfind("w:p", NS):
        text = "".join(t.text for t in para.iterfind(".//w:t", NS))
        levels[text[:3]] = styles.ppr_value(para, outline)
    assert levels["一、2"] == 0 and levels["二、存"] == 0
    assert levels["（一）"] == 1 and levels["（七）"] == 1
    assert levels["1.紧"] == 2 and levels["4.将"] == 2
    assert levels["202"] is None  # the preamble is body text


def test_page_setup(parts):
    sect = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    pg = sect.find("w:pgSz", NS)
    assert (pg.get(q("w")), pg.get(q("h"))) == ("11906", "16838")
    mar = sect.find("w:pgMar", NS)
    assert [mar.get(q(k)) for k in ("top", "left", "bottom", "right")] == ["2098", "1587", "1984", "1474"]
    grid = sect.find("w:docGrid", NS)
    assert grid.get(q("type")) == "lines" and int(grid.get(q("linePitch"))) == 579


def test_line_pitch_and_widows_on_body_text(parts):
    styles = Styles(parts["word/styles.xml"])
    normal = styles.by_id["Normal"].find("w:pPr", NS)
    spacing = normal.find("w:spacing", NS)
    assert spacing.get(q("lineRule")) == "exact" and int(spacing.get(q("line"))) / 20 <= 28.99
    assert normal.find("w:widowControl", NS).get(q("val")) == "0"
    assert normal.find("w:ind", NS).get(q("firstLineChars")) == "200"
    rpr = styles.by_id["Normal"].find("w:rPr", NS)
    assert rpr.find("w:spacing", NS).get(q("val")) == "-5"


def test_odd_and_even_footers_with_page_fields(rendered, parts):
    assert parts["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    sect = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    refs = {r.get(q("type")): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.iterfind("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    rels = etree.fromstring(zipfile.ZipFile(rendered).read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for kind, align in (("default", "right"), ("even", "left")):
        footer = parts["word/" + targets[refs[kind]]]
        instr = "".join(t.text for t in footer.iterfind(".//w:instrText", NS))
        assert instr.strip() == "PAGE"
        assert footer.find(".//w:jc", NS).get(q("val")) == align
        text = "".join(t.text for t in footer.iterfind(".//w:t", NS))
        assert text == "— 1 —"
