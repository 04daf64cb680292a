"""The SpreadsheetML (.xlsx) writer behind every workbook we make: the statistics appendix, the
batch roll-up (汇总表) and the figure comparison (数据对比表).

Why not openpyxl: importing it costs ~150-340 ms and saving a small workbook ~15 ms, more than a
whole cold render and far beyond the batch budget; and it holds every cell in memory, so a
10,000-row roll-up would grow with the batch. A workbook is a handful of small XML parts, and this
writer knows just what our tables need: strings, numbers, formulas (optionally with the value
Python computed, so a reader shows it even before recalculating), cell styles (fonts with their
GB2312 charset, borders, fills, number formats), column widths, row heights, merged cells, frozen
panes, and an A4 print setup with print area, repeated title rows and a page-number footer.

Sheets are written one at a time. A *streamed* sheet's rows go into its zip entry as they are
appended, with inline strings, so a roll-up costs little memory; a *held* sheet keeps its rows
until the book is written and shares its strings, as Excel itself writes them. Zip entries are
dated 1980-01-01, so equal input gives equal bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lawgov_report.writers import theme
from lawgov_report.writers.ooxml import escape, escape_attr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STAMP = (1980, 1, 1, 0, 0, 0)
FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats
# Column widths are counted in the default font's digits, so callers' width maths assume 宋体 11.
_DEFAULT_FONT = ("宋体", 11, False)


@dataclass(frozen=True)
class Formula:
    """A formula (without the leading '=') and, if known, the value Python computed for it."""

    text: str
    value: float | int | str | None = None


@dataclass(frozen=True)
class Style:
    """A cell style: font, size, bold, border, alignment, number format, fill."""

    font: str = "仿宋_GB2312"
    size: float = 12
    bold: bool = False
    border: bool = True  # thin black on all four sides
    halign: str = "general"  # general | left | center | right
    valign: str = "center"
    wrap: bool = False
    numfmt: str = "General"
    fill: str | None = None  # RGB hex, e.g. "F2F2F2"
    indent: int = 0  # e.g. 1 keeps right-aligned numbers off the border
    locked: bool = True  # False: editable when the sheet is protected (a form's cells to fill in)


_LETTERS: list[str] = []


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    # Cached: a roll-up asks for the same few dozen letters for every one of its cells.
    while len(_LETTERS) <= index:
        n, letters = len(_LETTERS) + 1, ""
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        _LETTERS.append(letters)
    return _LETTERS[index]


def cell_ref(row: int, col: int) -> str:
    """(0, 0) -> A1."""
    return f"{column_letter(col)}{row + 1}"


def text_width(text: str) -> float:
    """Excel column width units a text needs: CJK characters count about 2, others 1."""
    return sum(2.1 if ord(c) >= 0x2E80 else 1.1 for c in str(text))


def _num(value) -> str:
    """A number as a cell's ``<v>``: repr round-trips a float exactly (12.0 stays a float)."""
    return repr(value)


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_REF = re.compile(r"([A-Z]+)(\d+)")


class Sheet:
    """One worksheet. Set widths, panes and print setup before the first row of a streamed sheet."""

    def __init__(self, book: "Workbook", name: str, index: int, stream=None):
        self.book = book
        self.name = _BAD_SHEET_CHARS.sub("_", name)[:31] or f"Sheet{index + 1}"
        self.index = index
        self.widths: dict[int, float] = {}  # 0-based column -> width in digits of the default font
        self.default_height: float = 18  # points; 12 pt Chinese text needs about 18
        self.freeze_at: str | None = None  # the top-left cell that scrolls, e.g. "A4"
        self.merges: list[str] = []
        self.print_title_rows: tuple[int, int] | None = None  # 0-based, repeated on every page
        self.print_title_cols: tuple[int, int] | None = None  # 0-based, repeated on every page across
        self.running_title: str | None = None  # printed at the head of every page but the first
        self.landscape = False
        self.fit_width = True  # print every column on one page's width
        self.hidden_columns: set[int] = set()  # 0-based
        self.protected = False  # only cells whose style is not ``locked`` can be edited
        self.validations: list = []  # data validations: objects with an xml() (form.Validation)
        self._rows: list[str] = []  # a held sheet's rows
        self._row = 0
        self._max_col = 0
        self._stream = stream
        self._started = False

    @property
    def next_row(self) -> int:
        """The 0-based index of the row the next append writes."""
        return self._row

    def append(self, values: list, styles: list[Style | None] | Style | None = None,
               height: float | None = None) -> int:
        """Write one row; returns its 0-based index. ``None`` leaves a cell empty (but styled).

        A row with no cells and no height writes nothing: the next row simply comes one lower."""
        r, row = self._row, str(self._row + 1)
        book, held = self.book, self._stream is None
        per_cell = isinstance(styles, (list, tuple))
        cells = []
        for c, value in enumerate(values):
            style = styles[c] if per_cell else styles
            s = f' s="{book.style_id(style)}"' if style is not None else ""
            ref = column_letter(c) + row
            if value is None:
                if s:
                    cells.append(f'<c r="{ref}"{s}/>')
            elif isinstance(value, Formula):
                cached, f = value.value, f"<f>{escape(value.text)}</f>"
                if isinstance(cached, str):
                    cells.append(f'<c r="{ref}"{s} t="str">{f}<v>{escape(cached)}</v></c>')
                elif cached is None:
                    cells.append(f'<c r="{ref}"{s}>{f}</c>')
                else:
                    cells.append(f'<c r="{ref}"{s}>{f}<v>{_num(cached)}</v></c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"{s}><v>{_num(value)}</v></c>')
            elif held:
                cells.append(f'<c r="{ref}"{s} t="s"><v>{book.string_id(str(value))}</v></c>')
            else:  # a shared string table would keep every text of a streamed sheet in memory
                text = escape(str(value))
                cells.append(f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        self._max_col = max(self._max_col, len(values))
        if cells or height:
            ht = f' ht="{height}" customHeight="1"' if height else ""
            self._write(f'<row r="{row}"{ht}>{"".join(cells)}</row>')
        self._row += 1
        return r

    def print_area(self) -> str | None:
        """The range the sheet's rows cover, e.g. $A$1:$E$42."""
        if not (self._row and self._max_col):
            return None
        return f"$A$1:${column_letter(self._max_col - 1)}${self._row}"

    def _write(self, text: str) -> None:
        if self._stream is None:
            self._rows.append(text)
            return
        if not self._started:  # widths and panes may be set until the first row is written
            self._stream.write(self._head().encode("utf-8"))
            self._started = True
        self._stream.write(text.encode("utf-8"))

    def _head(self) -> str:
        fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if self.fit_width else ""
        # Only a held sheet knows its extent before its rows; the dimension is optional anyway.
        area = self.print_area() if self._stream is None else None
        dimension = f'<dimension ref="{area.replace("$", "")}"/>' if area else ""
        view = f'<sheetView{" tabSelected=" + chr(34) + "1" + chr(34) if self.index == 0 else ""} workbookViewId="0"'
        if self.freeze_at:
            m = _REF.fullmatch(self.freeze_at)
            col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(m.group(1)))) - 1
            row = int(m.group(2)) - 1
            # The pane that scrolls both ways: below and right of the frozen rows and columns.
            pane = "bottomRight" if col and row else "topRight" if col else "bottomLeft"
            split = (f' xSplit="{col}"' if col else "") + (f' ySplit="{row}"' if row else "")
            view += (f'><pane{split} topLeftCell="{self.freeze_at}" activePane="{pane}" state="frozen"/>'
                     f'<selection pane="{pane}" activeCell="{self.freeze_at}" sqref="{self.freeze_at}"/></sheetView>')
        else:
            view += "/>"
        cols = "".join(f'<col min="{c + 1}" max="{c + 1}" width="{round(w, 2)!r}" customWidth="1"'
                       f'{" hidden=" + chr(34) + "1" + chr(34) if c in self.hidden_columns else ""}/>'
                       for c, w in sorted(self.widths.items()))
        return (f'{_XML}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{fit}{dimension}<sheetViews>{view}</sheetViews>'
                f'<sheetFormatPr defaultRowHeight="{_num(self.default_height)}"/>'
                f'{"<cols>" + cols + "</cols>" if cols else ""}<sheetData>')

    def _foot(self) -> str:
        merges = (f'<mergeCells count="{len(self.merges)}">'
                  + "".join(f'<mergeCell ref="{m}"/>' for m in self.merges) + "</mergeCells>") if self.merges else ""
        orientation = "landscape" if self.landscape else "portrait"
        fit = ' fitToWidth="1" fitToHeight="0"' if self.fit_width else ""
        # In the schema's order: sheetProtection, mergeCells, dataValidations, printOptions …
        # Protection without a password: it guards against slips, and a clerk can still lift it.
        protection = ('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>'
                      if self.protected else "")
        checks = (f'<dataValidations count="{len(self.validations)}">'
                  + "".join(v.xml() for v in self.validations) + "</dataValidations>") if self.validations else ""
        return (f'</sheetData>{protection}{merges}{checks}<printOptions horizontalCentered="1"/>'
                '<pageMargins left="0.6" right="0.6" top="0.8" bottom="0.8" header="0.3" footer="0.4"/>'
                f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>'
                f'{self._header_footer()}</worksheet>')

    def _header_footer(self) -> str:
        footer = "&amp;C第 &amp;P 页，共 &amp;N 页"
        if not self.running_title:
            return f"<headerFooter><oddFooter>{footer}</oddFooter></headerFooter>"
        # (the first page has the title in its own cells; "&" is a header code, written "&&")
        title = escape(self.running_title.replace("&", "&&"))
        return (f'<headerFooter differentFirst="1"><oddHeader>&amp;C{title}</oddHeader><oddFooter>{footer}</oddFooter>'
                f"<firstFooter>{footer}</firstFooter></headerFooter>")


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class Workbook:
    """A workbook written to bytes; its sheets are written one at a time, in order."""

    def __init__(self, title: str = "", creator: str = "lawgov-report", file=None):
        """``file``: a binary file to stream the package into (then call ``finish``), else memory."""
        self.title = title
        self.creator = creator
        self.sheets: list[Sheet] = []
        self._styles: dict[Style, int] = {}
        self._style_of: dict[int, tuple[Style, int]] = {}  # by id(): see style_id
        self._strings: dict[str, int] = {}
        self._string_count = 0
        self._held: list[tuple[str, str]] = []  # held sheets' parts, placed after the workbook part
        self._buf = file if file is not None else io.BytesIO()
        self._zip = zipfile.ZipFile(self._buf, "w")
        self._open: Sheet | None = None

    def style_id(self, style: Style) -> int:
        """The ``s`` attribute of a cell with this style (0 is the default cell)."""
        # Hashing a 10-field frozen dataclass for every cell was a third of a roll-up's time; the
        # same few Style objects recur, so look them up by identity first. Keeping the object in
        # the value stops its id() being reused by another.
        known = self._style_of.get(id(style))
        if known is None:
            known = self._style_of[id(style)] = (style, self._styles.setdefault(style, len(self._styles) + 1))
        return known[1]

    def string_id(self, text: str) -> int:
        """The index of ``text`` in the shared string table."""
        self._string_count += 1
        return self._strings.setdefault(text, len(self._strings))

    def add_sheet(self, name: str, stream: bool = False) -> Sheet:
        """A new sheet (closing the previous one). With ``stream``, rows go straight into the zip."""
        self._close_sheet()
        index = len(self.sheets)
        handle = self._zip.open(_entry(f"xl/worksheets/sheet{index + 1}.xml"), "w") if stream else None
        sheet = self._open = Sheet(self, name, index, handle)
        self.sheets.append(sheet)
        return sheet

    def _close_sheet(self) -> None:
        sheet, self._open = self._open, None
        if sheet is None:
            return
        if sheet._stream is not None:
            if not sheet._started:
                sheet._stream.write(sheet._head().encode("utf-8"))
            sheet._stream.write(sheet._foot().encode("utf-8"))
            sheet._stream.close()
            sheet._stream = None
        else:
            data = sheet._head() + "".join(sheet._rows) + sheet._foot()
            self._held.append((f"xl/worksheets/sheet{sheet.index + 1}.xml", data))
            sheet._rows = []

    def to_bytes(self, core: bytes | None = None) -> bytes:
        """The .xlsx file's bytes. ``core``: docProps/core.xml to use instead of a dateless one."""
        self.finish(core)
        return self._buf.getvalue()

    def finish(self, core: bytes | None = None) -> None:
        """Write the remaining parts and close the package (into ``file`` when one was given)."""
        self._close_sheet()
        parts = [("[Content_Types].xml", self._content_types()), ("_rels/.rels", _ROOT_RELS),
                 ("xl/workbook.xml", self._workbook()), ("xl/_rels/workbook.xml.rels", self._workbook_rels()),
                 *self._held, ("xl/styles.xml", self._styles_xml()),
                 ("xl/theme/theme1.xml", theme.theme_xml(_DEFAULT_FONT[0], _DEFAULT_FONT[0]))]
        if self._strings:
            parts.append(("xl/sharedStrings.xml", self._shared_strings()))
        parts += [("docProps/core.xml", core or self._core()), ("docProps/app.xml", _APP)]
        for name, data in parts:
            self._zip.writestr(_entry(name), data)
        self._zip.close()

    def _content_types(self) -> str:
        sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{s.index + 1}.xml" '
                         f'ContentType="{_CT}.worksheet+xml"/>' for s in self.sheets)
        strings = (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
                   if self._strings else "")
        return (f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>{sheets}'
                f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>{strings}'
                f'<Override PartName="/xl/theme/theme1.xml" ContentType="{theme.CONTENT_TYPE}"/>'
                '<Override PartName="/docProps/core.xml" '
                'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                '<Override PartName="/docProps/app.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')

    def _workbook(self) -> str:
        sheets = "".join(f'<sheet name="{escape_attr(s.name)}" sheetId="{s.index + 1}" r:id="rId{s.index + 1}"/>'
                         for s in self.sheets)
        names = ""
        for s in self.sheets:
            quoted = escape("'" + s.name.replace("'", "''") + "'")
            area = s.print_area()
            if area:
                names += f'<definedName name="_xlnm.Print_Area" localSheetId="{s.index}">{quoted}!{area}</definedName>'
            titles = []  # (columns first, as Excel writes them)
            if s.print_title_cols:
                first, last = s.print_title_cols
                titles.append(f"{quoted}!${column_letter(first)}:${column_letter(last)}")
            if s.print_title_rows:
                first, last = s.print_title_rows
                titles.append(f"{quoted}!${first + 1}:${last + 1}")
            if titles:
                names += (f'<definedName name="_xlnm.Print_Titles" localSheetId="{s.index}">'
                          f'{",".join(titles)}</definedName>')
        return (f'{_XML}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><workbookPr/>'
                f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
                f'{"<definedNames>" + names + "</definedNames>" if names else ""}'
                # Readers recompute every formula on open: cached values may be absent or stale.
                '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>')

    def _workbook_rels(self) -> str:
        n = len(self.sheets)
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(n))
        rels += (f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
                 f'<Relationship Id="rId{n + 3}" Type="{theme.RELATIONSHIP}" Target="theme/theme1.xml"/>')
        if self._strings:
            rels += f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        return f'{_XML}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'

    def _core(self) -> str:
        # No dates, so a roll-up or comparison is the same bytes whenever it is made.
        return (f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
                'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{escape(self.title)}</dc:title><dc:creator>{escape(self.creator)}</dc:creator>"
                "</cp:coreProperties>")

    def _shared_strings(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in self._strings)
        return (f'{_XML}<sst xmlns="{MAIN_NS}" count="{self._string_count}" uniqueCount="{len(self._strings)}">'
                f"{items}</sst>")

    def _styles_xml(self) -> str:
        fonts = [_DEFAULT_FONT]
        fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
        numfmts: dict[str, int] = {}
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        fill_ids: dict[str, int] = {}
        for style in sorted(self._styles, key=self._styles.get):
            font = (style.font, style.size, style.bold)
            if font not in fonts:
                fonts.append(font)
            fill_id = 0
            if style.fill:
                if style.fill not in fill_ids:
                    fill_ids[style.fill] = len(fills)
                    fills.append(f'<fill><patternFill patternType="solid"><fgColor rgb="FF{style.fill}"/>'
                                 '<bgColor indexed="64"/></patternFill></fill>')
                fill_id = fill_ids[style.fill]
            # Every format but General is declared, built-in look-alikes too: no id table to keep right.
            fmt = (0 if style.numfmt == "General"
                   else numfmts.setdefault(style.numfmt, FIRST_CUSTOM_FORMAT + len(numfmts)))
            applies = ((' applyNumberFormat="1"' if fmt else "") + (' applyFill="1"' if fill_id else "")
                       + ("" if style.locked else ' applyProtection="1"'))
            align = (' wrapText="1"' if style.wrap else "") + (f' indent="{style.indent}"' if style.indent else "")
            xfs.append(f'<xf numFmtId="{fmt}" fontId="{fonts.index(font)}" fillId="{fill_id}" '
                       f'borderId="{1 if style.border else 0}" xfId="0" applyFont="1" applyBorder="1" '
                       f'applyAlignment="1"{applies}><alignment horizontal="{style.halign}" '
                       f'vertical="{style.valign}"{align}/>'
                       f'{"" if style.locked else "<protection locked=" + chr(34) + "0" + chr(34) + "/>"}</xf>')
        # charset 134 (GB2312) lets Excel and WPS pick the Chinese face the name asks for. The
        # children in the Open XML SDK's order: b, i, …, sz, color, name, family, charset, scheme.
        font_xml = "".join(f'<font>{"<b/>" if bold else ""}<sz val="{size:g}"/><name val="{escape(name)}"/>'
                           '<family val="3"/><charset val="134"/></font>' for name, size, bold in fonts)
        fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape_attr(code)}"/>' for code, i in numfmts.items())
        thin = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
        borders = ("<border><left/><right/><top/><bottom/><diagonal/></border>"
                   f"<border>{''.join(thin.format(side) for side in ('left', 'right', 'top', 'bottom'))}"
                   "<diagonal/></border>")
        return (f'{_XML}<styleSheet xmlns="{MAIN_NS}">'
                f'{f"<numFmts count={chr(34)}{len(numfmts)}{chr(34)}>{fmts}</numFmts>" if numfmts else ""}'
                f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
                f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
                f'<borders count="2">{borders}</borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


_ROOT_RELS = (f'{_XML}<Relationships xmlns="{PKG_REL_NS}">'
              f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
              f'<Relationship Id="rId2" Type="{PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>'
              f'<Relationship Id="rId3" Type="{REL_NS}/extended-properties" Target="docProps/app.xml"/>'
              '</Relationships>')

_APP = (f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>lawgov-report</Application></Properties>')
