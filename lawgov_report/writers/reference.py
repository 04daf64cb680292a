"""The default reference .docx: page setup and named styles of the official format, and nothing else.

The shipped ``templates/annual-report/reference.docx`` is made by this module
(``python -m lawgov_report.writers.reference PATH``). It is slim on purpose: python-docx's default
template carries two 438 KB style parts and a theme that sends Chinese text to a Japanese font.
Users restyle it in Word or WPS; the writer keeps its styles and section setup and replaces the body.
"""

from __future__ import annotations

import io
import sys
import zipfile

from lawgov_report.writers import ooxml as x
from lawgov_report.writers import schemaorder, theme

# Punctuation may hang past the right margin (w:overflowPunct, Word's default 允许标点溢出边界), said
# explicitly in the defaults every paragraph inherits. Measured on LibreOffice's PDF: without it (or
# with 0) a mark that would be a full line's 29th character hangs but is not printed (4 marks of the
# Lushan example were lost); with it the line's last character moves down with its mark (a line of
# 27) and every character is printed. Word hangs the mark either way.
_HANGING_PUNCTUATION = '<w:overflowPunct w:val="1"/>'
_PARA_3HAO = (f'<w:spacing w:before="0" w:after="0" w:line="{x.LINE_PITCH}" w:lineRule="exact"/>')


def _rpr(font: str, size: int, spacing: int | None = x.CHAR_SPACING) -> str:
    sp = f'<w:spacing w:val="{spacing}"/>' if spacing else ""
    return f'<w:rPr>{x.rfonts(font)}<w:color w:val="000000"/>{sp}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def _pstyle(style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal",
            next_style: str | None = None, extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{nxt}'
            f'{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>')


def _cstyle(style_id: str, name: str, rpr: str) -> str:
    return f'<w:style w:type="character" w:styleId="{style_id}"><w:name w:val="{name}"/>{rpr}</w:style>'


def _heading(level: int, font: str) -> str:
    ppr = f'<w:keepNext/><w:outlineLvl w:val="{level - 1}"/>'
    return _pstyle(f"Heading{level}", f"heading {level}", ppr, _rpr(font, x.SIZE_3), next_style="Normal")


def styles_xml() -> str:
    """Styles of every role the writer uses; each names its East Asian font explicitly."""
    body_ppr = (f'<w:widowControl w:val="0"/><w:snapToGrid w:val="1"/>{_PARA_3HAO}'
                f'<w:ind w:firstLine="{2 * x.CHAR_WIDTH}" w:firstLineChars="200"/><w:jc w:val="both"/>')
    no_indent = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
    # Table text does not snap to the 28.95 pt body grid: a row would take a whole grid line.
    table_ppr = ('<w:widowControl w:val="0"/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" '
                 'w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>')
    styles = [
        _pstyle("Normal", "Normal", body_ppr, _rpr(x.FONT_BODY, x.SIZE_3), based_on=None,
                extra='<w:uiPriority w:val="0"/>').replace('w:type="paragraph"', 'w:type="paragraph" w:default="1"'),
        _pstyle("Title", "Title", '<w:snapToGrid w:val="0"/>' + no_indent + '<w:jc w:val="center"/>', _rpr(x.FONT_TITLE, x.SIZE_2, None),
                next_style="Normal"),
        _heading(1, x.FONT_HEI),
        _heading(2, x.FONT_KAI),
        _heading(3, x.FONT_BODY),
        _heading(4, x.FONT_BODY),
        _cstyle("Heading1Char", "标题 1 字符", _rpr(x.FONT_HEI, x.SIZE_3)),
        _cstyle("Heading2Char", "标题 2 字符", _rpr(x.FONT_KAI, x.SIZE_3)),
        _cstyle("Heading3Char", "标题 3 字符", _rpr(x.FONT_BODY, x.SIZE_3)),
        _cstyle("Heading4Char", "标题 4 字符", _rpr(x.FONT_BODY, x.SIZE_3)),
        _pstyle("Recipient", "主送机关", no_indent, _rpr(x.FONT_BODY, x.SIZE_3)),
        # 署名 kept with its 成文日期: a page must never end between the two.
        _pstyle("Signature", "署名", '<w:keepNext/>' + no_indent + f'<w:ind w:right="{2 * x.CHAR_WIDTH}"/><w:jc w:val="right"/>',
                _rpr(x.FONT_BODY, x.SIZE_3)),
        _pstyle("Date", "成文日期", no_indent + f'<w:ind w:right="{2 * x.CHAR_WIDTH}"/><w:jc w:val="right"/>',
                _rpr(x.FONT_BODY, x.SIZE_3)),
        _pstyle("Note", "附注", "", _rpr(x.FONT_BODY, x.SIZE_3)),
        # 附件说明: "附件：" 2 characters in; a name that wraps continues under its first character [7.3.4].
        _pstyle("AttachmentNote", "附件说明", x.attachment_note_indent(5, 3), _rpr(x.FONT_BODY, x.SIZE_3)),
        _pstyle("AppendixLabel", "附件标识", '<w:pageBreakBefore/>' + no_indent + '<w:jc w:val="left"/>',
                _rpr(x.FONT_HEI, x.SIZE_3)),
        _pstyle("AppendixTitle", "附件标题", '<w:snapToGrid w:val="0"/>' + no_indent + '<w:jc w:val="center"/>',
                _rpr(x.FONT_TITLE, x.SIZE_2, None)),
        _pstyle("TableText", "表格文字", table_ppr, _rpr(x.FONT_BODY, x.SIZE_4, None)),
        _pstyle("TableHeader", "表格标题行", table_ppr, _rpr(x.FONT_HEI, x.SIZE_4, None)),
        _pstyle("Footer", "footer", '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
                '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
                _rpr(x.FONT_SONG, x.SIZE_4, None).replace(x.FONT_LATIN, x.FONT_SONG)),
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:tblPr><w:tblBorders>' + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders></w:tblPr></w:style>',
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault>{_rpr(x.FONT_BODY, x.SIZE_3).replace("<w:rPr>", "<w:rPr>", 1)[:-8]}'
                f'<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
                f'<w:pPrDefault><w:pPr>{_HANGING_PUNCTUATION}{_PARA_3HAO}</w:pPr></w:pPrDefault></w:docDefaults>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {x.NSDECL}>'
            f'{defaults}{"".join(styles)}</w:styles>')


def settings_xml() -> str:
    """Settings: different odd and even footers (both must exist), Chinese line-breaking rules."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {x.NSDECL}>'
            '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
            '<w:characterSpacingControl w:val="compressPunctuation"/>'
            '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
            '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>'
            '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')


def font_table_xml() -> str:
    """The fonts the document names, with the GB2312 charset so Word substitutes sensibly."""
    fonts = [(x.FONT_BODY, "modern", "fixed"), (x.FONT_TITLE, "script", "variable"),
             (x.FONT_HEI, "modern", "fixed"), (x.FONT_KAI, "modern", "fixed"),
             (x.FONT_SONG, "auto", "variable"), (x.FONT_LATIN, "roman", "variable")]
    body = "".join(
        f'<w:font w:name="{name}"><w:charset w:val="{"00" if name == x.FONT_LATIN else "86"}"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, family, pitch in fonts)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {x.NSDECL}>{body}</w:fonts>'


def document_xml() -> str:
    sect = x.section_properties().replace(f" {x.NSDECL}", "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {x.NSDECL}><w:body>'
            f'<w:p/>{sect}</w:body></w:document>')


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"""

_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/><Relationship Id="rIdTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>法治政府建设情况报告</dc:title><dc:creator>lawgov-report</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"""


def make_reference_docx() -> bytes:
    """The bytes of the default reference .docx (deterministic: fixed timestamps in the zip)."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _CORE,
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": x.footer_xml(odd=True),
        "word/footer2.xml": x.footer_xml(odd=False),
        "word/theme/theme1.xml": theme.theme_xml(x.FONT_HEI, x.FONT_BODY),
    }
    # Every property element in the schema's order, whoever added a style or a fragment.
    parts = {name: schemaorder.normalise_part(name, text) for name, text in parts.items()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)
    return buf.getvalue()


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    with open(sys.argv[1], "wb") as fh:
        fh.write(make_reference_docx())
