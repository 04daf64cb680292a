"""Raw OOXML for the official format: fonts, line grid, page numbers, paragraph and run markup.

Everything about WordprocessingML that python-docx does not say for us sits here, so the writer
and the reference-document generator share one definition of the format (../shared/GBT9704.md).
"""

from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# Page (GB/T 9704-2012 5.1, 5.2): A4, margins in twips, 22 lines x 28 characters.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
LINE_PITCH = 579  # twips: exact 28.95 pt; 580 already drops a page to 21 lines
# Footer distance from the page edge: the page number's em dashes stand 7 mm below the type area
# [7.5]. Measured on LibreOffice's PDF (the dash, not the footer paragraph's top): a distance of 1225
# put the dash 10.5 mm below; 3.5 mm (198 twips) more raises it to 7 mm.
FOOTER_DISTANCE = 1423
CHAR_SPACING = -5  # twentieths of a point: -0.25 pt, so 28 characters of 3号 fit a line
CHAR_WIDTH = 315  # twips of one 3号 character with that spacing (16 pt - 0.25 pt)

# Fonts (GB/T 9704-2012 and practice); written into the file, never substituted here.
FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
FONT_LATIN = "Times New Roman"
SIZE_3 = 32  # half-points: 3号 = 16 pt
SIZE_2 = 44  # 2号 = 22 pt
SIZE_4 = 28  # 4号 = 14 pt

# Paragraph and character style ids of the reference document, by role.
STYLE_IDS = {
    "body": "Normal",
    "title": "Title",
    "heading1": "Heading1",
    "heading2": "Heading2",
    "heading3": "Heading3",
    "heading4": "Heading4",
    "recipient": "Recipient",
    "signature": "Signature",
    "date": "Date",
    "note": "Note",
    "attachment_note": "AttachmentNote",
    "appendix_label": "AppendixLabel",
    "appendix_title": "AppendixTitle",
    "table_text": "TableText",
    "table_header": "TableHeader",
    "footer": "Footer",
}
HEADING_CHAR_STYLE = {1: "Heading1Char", 2: "Heading2Char", 3: "Heading3Char", 4: "Heading4Char"}


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What makes a text more than one run of itself: a character to escape or drop, or a line break.
NEEDS_ESCAPE = re.compile("[&<>\n\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_plain(text: str) -> bool:
    """Whether ``text`` is one run as it stands: nothing to escape or drop, no line break (what
    NEEDS_ESCAPE finds)."""
    # A printable text has no control character, U+FFFE or U+FFFF: str.isprintable and three
    # finds scan Chinese text in 1.6 ns a character, the regex in 2.6. A text isprintable refuses
    # (an ideographic space is not "printable") is asked the regex.
    if text.isprintable():
        return "&" not in text and "<" not in text and ">" not in text
    return not NEEDS_ESCAPE.search(text)


def escape(text: str) -> str:
    """Text for an XML element body (also drops characters XML 1.0 forbids)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _FORBIDDEN.search(text):
        text = _FORBIDDEN.sub("", text)
    return text


def element(name: str):
    """An empty ``w:name`` element in lxml, its namespace bound to the w: prefix (without the
    binding lxml writes it as ``<ns0:name xmlns:ns0=…>``: valid, but not what Word writes)."""
    from lxml import etree

    return etree.Element(f"{{{W_NS}}}{name}", nsmap={"w": W_NS})


def plain(text: str) -> str:
    """The text a reader gets back from :func:`text_runs` (characters XML forbids dropped, a
    carriage return read as a line end)."""
    if _FORBIDDEN.search(text):
        text = _FORBIDDEN.sub("", text)
    return text.replace("\r", "\n") if "\r" in text else text


def text_runs(text: str, rpr: str = "") -> str:
    """Runs for ``text``; a newline becomes a line break inside the paragraph."""
    if is_plain(text):  # nearly every text: one run as it stands (one scan, not escape's four)
        return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    if "\n" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(f"<w:r>{rpr}<w:br/></w:r>")
        if line:
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>')
    return "".join(out)


def rfonts(east_asia: str, latin: str = FONT_LATIN) -> str:
    """Explicit fonts for every script, so no run falls back to a theme font."""
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
            f'w:cs="{latin}" w:hint="eastAsia"/>')


def page_number_field() -> str:
    """A PAGE field as complex-field runs (what Word itself writes)."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def footer_xml(odd: bool) -> str:
    """A footer with "— N —": odd pages right with a 1-character indent, even pages left."""
    ind = '<w:ind w:right="280"/>' if odd else '<w:ind w:left="280"/>'
    jc = "right" if odd else "left"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NSDECL}>'
            f'<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="{jc}"/>{ind}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{page_number_field()}'
            f'<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')


def section_properties(odd_footer_rid: str = "rIdFooterOdd", even_footer_rid: str = "rIdFooterEven") -> str:
    """The page setup: A4, margins, footers for odd and even pages, the 22-line grid."""
    return (f'<w:sectPr {NSDECL}>'
            f'<w:footerReference w:type="default" r:id="{odd_footer_rid}"/>'
            f'<w:footerReference w:type="even" r:id="{even_footer_rid}"/>'
            f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
            f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
            f'w:left="{MARGIN_LEFT}" w:header="851" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
            f'<w:cols w:space="425"/>'
            f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>'
            f'</w:sectPr>')


def attachment_note_indent(left: float, hanging: float) -> str:
    """A hanging indent in 3号 characters: the first line at ``left - hanging``, the rest at ``left``."""
    return (f'<w:ind w:left="{round(left * CHAR_WIDTH)}" w:hangingChars="{round(hanging * 100)}" '
            f'w:hanging="{round(hanging * CHAR_WIDTH)}"/>')


def text_width(text: str) -> float:
    """Width of a text in 3号 characters: CJK and full-width count 1, ASCII half."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in "—…“”‘’·" else 1.0 for c in text)


# Tracked changes (修订): what the redline writer marks as inserted or deleted. Every revision
# carries an id unique in the document, an author and a date, as Word requires.

def escape_attr(text: str) -> str:
    """Text for an XML attribute value in double quotes."""
    return escape(text).replace('"', "&quot;")


def revision_attrs(rev_id: int, author: str, date: str) -> str:
    """``w:id``, ``w:author`` and ``w:date`` (ISO 8601, UTC) of one revision."""
    return f'w:id="{rev_id}" w:author="{escape_attr(author)}" w:date="{date}"'


def revision(kind: str, rev_id: int, author: str, date: str, content: str = "") -> str:
    """``<w:ins>``/``<w:del>`` around runs, or empty as the mark of a paragraph, row or cell."""
    attrs = revision_attrs(rev_id, author, date)
    return f"<w:{kind} {attrs}>{content}</w:{kind}>" if content else f"<w:{kind} {attrs}/>"


def run(rpr: str, parts: list[tuple[str, str]], deleted: bool = False) -> str:
    """One run: ``parts`` are ("t", text) or ("x", raw child XML such as <w:br/>); a deleted run
    holds its text in ``w:delText`` (and field codes in ``w:delInstrText``), as Word writes it."""
    out = []
    for kind, value in parts:
        if kind == "t":
            tag = "w:delText" if deleted else "w:t"
            out.append(f'<{tag} xml:space="preserve">{escape(value)}</{tag}>')
        elif deleted:
            out.append(value.replace("<w:instrText", "<w:delInstrText").replace("</w:instrText>", "</w:delInstrText>"))
        else:
            out.append(value)
    return f"<w:r>{rpr}{''.join(out)}</w:r>"


def paragraph_properties_change(rev_id: int, author: str, date: str, old_ppr_children: str) -> str:
    """``w:pPrChange``: the paragraph's properties before the change (restored on reject)."""
    return (f"<w:pPrChange {revision_attrs(rev_id, author, date)}><w:pPr>{old_ppr_children}</w:pPr>"
            f"</w:pPrChange>")
