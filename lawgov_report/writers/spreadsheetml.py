"""Raw SpreadsheetML for the statistics appendix: cell styles, the sheet's parts and the package.

Written directly (as writers/package.py does for the .docx) rather than through openpyxl, whose
import alone costs about 340 ms, more than a whole render: a one-sheet workbook is a handful of
small XML parts. Everything Excel, WPS and LibreOffice need for a print-ready sheet is here: fonts
with their GB2312 charset, borders, number formats, frozen panes, print titles, A4 page setup.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lawgov_report.writers.ooxml import escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats


def _attr(text: str) -> str:
    """Text for an XML attribute value in double quotes."""
    return escape(text).replace('"', "&quot;")


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass(frozen=True)
class Font:
    name: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class CellStyle:
    """A cell format: font, number format, border, alignment."""

    font: Font
    number_format: str = "General"
    border: bool = True
    horizontal: str = "center"  # left | center | right
    wrap: bool = True


class Styles:
    """The workbook's cell formats, numbered as they are first asked for."""

    def __init__(self, default_font: Font):
        self.fonts: list[Font] = [default_font]
        self.formats: dict[str, int] = {}
        self.styles: list[CellStyle | None] = [None]  # xf 0: the default cell
        self._index: dict[CellStyle, int] = {}

    def __call__(self, style: CellStyle) -> int:
        """The ``s`` attribute of a cell with this style."""
        index = self._index.get(style)
        if index is None:
            if style.font not in self.fonts:
                self.fonts.append(style.font)
            if style.number_format != "General" and style.number_format not in self.formats:
                self.formats[style.number_format] = FIRST_CUSTOM_FORMAT + len(self.formats)
            index = self._index[style] = len(self.styles)
            self.styles.append(style)
        return index

    def xml(self) -> bytes:
        fonts = "".join(
            f'<font>{"<b/>" if f.bold else ""}<sz val="{f.size:g}"/><name val="{escape(f.name)}"/>'
            f'<charset val="134"/><family val="3"/></font>' for f in self.fonts)
        num_fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in self.formats.items())
        thin = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
        borders = ("<border><left/><right/><top/><bottom/><diagonal/></border>"
                   f"<border>{''.join(thin.format(side) for side in ('left', 'right', 'top', 'bottom'))}"
                   "<diagonal/></border>")
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for style in self.styles[1:]:
            fmt = self.formats.get(style.number_format, 0)
            apply_fmt = ' applyNumberFormat="1"' if fmt else ""
            wrap = ' wrapText="1"' if style.wrap else ""
            wrap += ' indent="1"' if style.horizontal == "right" else ""  # numbers off the border
            xfs.append(f'<xf numFmtId="{fmt}" fontId="{self.fonts.index(style.font)}" fillId="0" '
                       f'borderId="{1 if style.border else 0}" xfId="0" applyFont="1" applyBorder="1" '
                       f'applyAlignment="1"{apply_fmt}><alignment horizontal="{style.horizontal}" '
                       f'vertical="center"{wrap}/></xf>')
        num_fmts = f'<numFmts count="{len(self.formats)}">{num_fmts}</numFmts>' if self.formats else ""
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}">'
                f'{num_fmts}'
                f'<fonts count="{len(self.fonts)}">{fonts}</fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                f'<borders count="2">{borders}</borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
                '</styleSheet>').encode("utf-8")


class SharedStrings:
    """The shared string table: each distinct text once."""

    def __init__(self):
        self.index: dict[str, int] = {}
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> bytes:
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in self.index)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" '
                f'count="{self.count}" uniqueCount="{len(self.index)}">{items}</sst>').encode("utf-8")


def workbook_xml(sheet: str, print_area: str, print_titles: str) -> bytes:
    """The workbook: one sheet, its print area and repeated title rows, recalculated on open."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets><definedNames>'
            f'<definedName name="_xlnm.Print_Area" localSheetId="0">{escape(quoted)}!{print_area}</definedName>'
            f'<definedName name="_xlnm.Print_Titles" localSheetId="0">{escape(quoted)}!{print_titles}</definedName>'
            # No cached values are written: every formula is computed when the file is opened.
            '</definedNames><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>').encode("utf-8")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>').encode("utf-8")

_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>').encode("utf-8")

_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL_NS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>').encode("utf-8")

_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>lawgov-report</Application></Properties>').encode("utf-8")


def package(sheet_xml: bytes, workbook: bytes, styles: bytes, strings: bytes, core: bytes) -> bytes:
    """The .xlsx file's bytes (entries dated 1980-01-01, so equal input gives equal bytes)."""
    buf = io.BytesIO()
    stamp = (1980, 1, 1, 0, 0, 0)
    parts = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
             ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
             ("xl/worksheets/sheet1.xml", sheet_xml), ("xl/styles.xml", styles),
             ("xl/sharedStrings.xml", strings), ("docProps/core.xml", core), ("docProps/app.xml", _APP)]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in parts:
            zf.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()
