"""The .docx writer: Document blocks become paragraphs with the reference document's named styles.

The reference .docx (from the template) supplies styles, page setup and footers; this writer
replaces its body. Block kinds map to style ids (``ooxml.STYLE_IDS``) and nothing else is formatted
directly, except what depends on the text itself: the signature and date indents, and the outline
level of a run-in heading.
"""

from __future__ import annotations

from lawgov_report import document as d
from lawgov_report.writers import docxframe as frame
from lawgov_report.writers import ooxml as x
from lawgov_report.writers.schemaorder import ordered

_STYLE_OF_KIND = {
    d.TITLE: "Title", d.RECIPIENT: "Recipient", d.SIGNATURE: "Signature", d.DATE: "Date",
    d.NOTE: "Note", d.ATTACHMENT_NOTE: "AttachmentNote", d.APPENDIX_LABEL: "AppendixLabel",
    d.APPENDIX_TITLE: "AppendixTitle",
}


def _paragraph(style: str | None, runs: str, ppr_extra: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style and style != "Normal" else ""
    if ppr_extra.count("<") > 1:  # in the schema's order, however the caller put it together
        ppr = ordered("pPr", ppr + ppr_extra)
    else:  # one empty element after pStyle (which comes first) is in order; most table cells
        ppr += ppr_extra
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{runs}</w:p>"


def _heading(block: d.Block) -> str:
    texts, split = [s.text for s in block.spans], block.heading_spans
    head = "".join(texts[:split])  # lists: join walks a generator slower (700 headings)
    body = "".join(texts[split:])
    level = min(max(block.level, 1), 4)
    if head and x.is_plain(head) and (not body or x.is_plain(body)):
        # Plain texts (nearly every heading; 700 at 50x): what the lines below make of them, from
        # markup made once a level.
        if not body:
            return f"{_HEADING_OPEN[level]}{head}</w:t></w:r></w:p>"
        return f"{_RUN_IN_OPEN[level]}{head}{_RUN_IN_BODY}{body}</w:t></w:r></w:p>"
    if not body:
        return _paragraph(f"Heading{level}", x.text_runs(head))
    # Run in: the paragraph is body text carrying the heading's outline level; the heading's
    # words take the heading's character style, so Word's navigation pane still lists it.
    rpr = f'<w:rPr><w:rStyle w:val="{x.HEADING_CHAR_STYLE[level]}"/></w:rPr>'
    return _paragraph(None, x.text_runs(head, rpr) + x.text_runs(body), f'<w:outlineLvl w:val="{level - 1}"/>')


_HEADING_OPEN = {level: f'<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr><w:r><w:t xml:space="preserve">'
                 for level in x.HEADING_CHAR_STYLE}
_RUN_IN_OPEN = {level: f'<w:p><w:pPr><w:outlineLvl w:val="{level - 1}"/></w:pPr><w:r><w:rPr><w:rStyle '
                       f'w:val="{style}"/></w:rPr><w:t xml:space="preserve">'
                for level, style in x.HEADING_CHAR_STYLE.items()}
_RUN_IN_BODY = '</w:t></w:r><w:r><w:t xml:space="preserve">'


def _table(table: d.Table) -> str:
    """A table's WordprocessingML."""
    return "".join(_table_parts(table))


def _table_parts(table: d.Table, encoded: bool = False) -> list:
    """A table's WordprocessingML as pieces (their UTF-8 with ``encoded``), for the body to take
    without joining them first."""
    opening, header, rows, _ = _table_markup(table, encoded)
    out = [opening, *header]
    out += rows
    out.append(_utf8(_TABLE_END) if encoded else _TABLE_END)
    return out


class TableMarkup:
    """A table as the writer writes it, row by row, for the redline (writers.redlinerows): its
    opening (``<w:tbl>``, properties, grid), each row's XML, and each row's cells' texts (what
    docxbody.cell_texts reads back from them)."""

    def __init__(self, table: d.Table):
        self.opening, header, rows, stride = _table_markup(table)
        # (each row's pieces joined through map and zip, no Python between them: 2,000 rows at 50x)
        self.rows = header + (rows if stride == 1 else list(map("".join, zip(*[iter(rows)] * stride))))
        self.cells = _cell_texts(([table.header] if table.header else []) + table.rows)

    def xml(self) -> str:
        return self.opening + "".join(self.rows) + _TABLE_END


def _cell_texts(rows: list[list[str | None]]) -> list[list[str]]:
    """Each row's cells' texts as a reader gets them back: a merged cell's none, characters XML
    forbids dropped (ooxml.plain). Rows of one length are gone through a column at a time (the 附件
    table's 10,000 cells at 50x: cell by cell took twice as long)."""
    if rows and rows[0] and len(set(map(len, rows))) == 1:
        columns = [column if all(column) else [cell or "" for cell in column] for column in zip(*rows)]
        joined = "".join(["".join(column) for column in columns])
        # (printable: no character to drop, no carriage return; one test for the whole table)
        if joined.isprintable() or x.plain(joined) == joined:
            return list(map(list, zip(*columns)))
    cells = [[cell or "" for cell in row] for row in rows]
    joined = "\t".join(["\t".join(row) for row in cells])
    if "\r" in joined or x.plain(joined) != joined:  # (most tables have nothing to drop)
        cells = [[x.plain(cell) for cell in row] for row in cells]
    return cells


_TABLE_END, _ROW_OPEN, _ROW_END = "</w:tbl>", "<w:tr><w:trPr><w:cantSplit/></w:trPr>", "</w:tr>"
_CELL_END, _RUN_END = "</w:p></w:tc>", "</w:t></w:r></w:p></w:tc>"


def _utf8(xml: str) -> bytes:
    return xml.encode("utf-8")


def _table_markup(table: d.Table, encoded: bool = False) -> tuple:
    """A table's opening (up to its first row), its header row (a list of one, or none), its body
    rows as pieces, and how many pieces make a row (1: each row's XML). ``encoded``: all as UTF-8."""
    cols = len(table.header) or (len(table.rows[0]) if table.rows else 0)
    widths = table.widths or [round(9360 / max(cols, 1))] * cols
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    total = sum(widths)

    # A wide table's text is smaller than the styles' 4号: it depends on the table, so it is set here.
    rpr = f'<w:rPr><w:sz w:val="{table.text_size}"/><w:szCs w:val="{table.text_size}"/></w:rPr>' \
        if table.text_size else ""
    # Each column's cell markup up to the text, made once per table: the 附件 table of a 50x report
    # has 2,000 rows, and building every cell's properties anew cost 0.1 s in ten renders.
    columns = max(cols, len(widths), max(map(len, table.rows), default=0))
    width_of = [widths[i] if i < len(widths) else widths[-1] for i in range(columns)]
    plain, continued, restart = ([_cell_head(width_of[i], merge, "TableText", _alignment(table.numeric, i))
                                  for i in range(columns)]
                                 for merge in ("", '<w:vMerge/>', '<w:vMerge w:val="restart"/>'))

    run_open = f'<w:r>{rpr}<w:t xml:space="preserve">'

    def row(cells: list[str | None], below: list | None) -> str:
        out = [_ROW_OPEN]
        for i, cell in enumerate(cells):
            # A vertical merge: None continues the cell above; a cell with None below starts one.
            if cell is None:
                out.append(continued[i])
            else:
                out.append(restart[i] if below is not None and i < len(below) and below[i] is None else plain[i])
                out.append(x.text_runs(cell, rpr))
            out.append(_CELL_END)
        out.append(_ROW_END)
        return "".join(out)

    opening = (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
               f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
    header = []
    if table.header:
        cells = "".join(f'{_cell_head(width_of[i], "", "TableHeader", "")}'
                        f'{x.text_runs(cell or "", rpr)}</w:p></w:tc>' for i, cell in enumerate(table.header))
        header.append(f"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{cells}</w:tr>")
    body = table.rows
    by_column = _rows_by_column(body, plain, continued, restart, run_open, encoded)
    if by_column is not None:
        rows, stride = by_column
    else:
        rows, stride = [row(r, body[n + 1] if n + 1 < len(body) else None) for n, r in enumerate(body)], 1
        if encoded:
            rows = [_utf8(r) for r in rows]
    if encoded:
        opening, header = _utf8(opening), [_utf8(h) for h in header]
    return opening, header, rows, stride


def _rows_by_column(body: list, plain: list[str], continued: list[str], restart: list[str], run_open: str,
                    encoded: bool = False) -> tuple[list, int] | None:
    """The body rows made a column at a time, as pieces with how many make a row; or None where
    that does not apply. ``encoded``: the pieces are UTF-8.

    Cell by cell, the 附件 table of a 50x report (10,000 cells) took 7 ms; a column at a time, where
    every cell of a column is made alike, 2.6 ms. It applies to a table whose rows have the same
    number of cells and whose texts are each one run as they stand (nothing to escape, no line
    break): the statistics table. Any other goes cell by cell (``row`` in :func:`_table_markup`)."""
    if not body or not body[0] or len(set(map(len, body))) != 1:
        return None
    columns = list(zip(*body))
    if not all(x.is_plain("".join(filter(None, column))) for column in columns):
        return None
    # A row is its opening, three pieces a cell (its markup up to the text, the text, the rest) and
    # its end, laid into one list column by column (slice assignment, no loop over cells in Python):
    # a cell's text is never copied into a string of its own, and the table is joined once, with
    # the body. As UTF-8 the markup stays ASCII bytes: a str holding Chinese would widen all of it
    # to two bytes a character and take 2.6 ms at 50x to encode.
    mark = _utf8 if encoded else str
    count, stride = len(body), 3 * len(columns) + 2
    pieces = [mark(_ROW_OPEN)] * (count * stride)  # each row's opening in place; the rest laid over it
    pieces[stride - 1::stride] = [mark(_ROW_END)] * count
    run_open, cell_end, run_end = mark(run_open), mark(_CELL_END), mark(_RUN_END)
    for i, column in enumerate(columns):
        head, merge_head, merged = mark(plain[i]), mark(restart[i]), mark(continued[i])
        opened, merge_opened = head + run_open, merge_head + run_open
        if all(column):  # a text in every cell, no merge: most columns
            heads, tails, texts = [opened] * count, [run_end] * count, column
        else:  # None continues the cell above; a cell with None below starts a merge
            below = column[1:] + ("",)
            heads = [merged if text is None else (merge_opened if text else merge_head) if under is None
                     else (opened if text else head) for text, under in zip(column, below)]
            tails = [run_end if text else cell_end for text in column]
            texts = [text or "" for text in column]
        if encoded:  # one encode a column: no text holds NUL (is_plain above), so it cuts them apart
            texts = "\x00".join(texts).encode("utf-8").split(b"\x00")
        pieces[1 + 3 * i::stride] = heads
        pieces[2 + 3 * i::stride] = texts
        pieces[3 + 3 * i::stride] = tails
    return pieces, stride


def _alignment(numeric: list[bool], i: int) -> str:
    """A body cell's justification: numbers right, text left, the first column (序号) as styled."""
    if i < len(numeric) and numeric[i]:
        return '<w:jc w:val="right"/>'
    if i < len(numeric) and i > 0:
        return '<w:jc w:val="left"/>'
    return ""


def _cell_head(width: int, merge: str, style: str, jc: str) -> str:
    """A table cell's markup up to its runs: properties, then the paragraph's (as _paragraph writes them)."""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>')


def body_xml(document: d.Document) -> str:
    """The paragraphs and tables of the body, as WordprocessingML (no sectPr)."""
    return "".join(body_parts(document))


def body_parts(document: d.Document, tables: bool = False, encoded: bool = False) -> list:
    """The body's WordprocessingML as pieces, in order: the writer deflates them a slice at a time
    (package.assemble), never making the whole body one string. ``tables``: each table of the
    document's a :class:`TableMarkup` among them (the redline's), not pieces. ``encoded``: the
    pieces are UTF-8 (what the writer deflates)."""
    pieces: list = []
    # Encoded, each paragraph is encoded on its own, and a table a column at a time (_rows_by_column).
    add = (lambda xml: pieces.append(xml.encode("utf-8"))) if encoded else pieces.append
    blocks = document.blocks
    signature = next((b for b in blocks if b.kind == d.SIGNATURE), None)
    date = next((b for b in blocks if b.kind == d.DATE), None)
    layout = (signature or date).level if signature or date else d.UNSEALED
    indents = frame.signature_indents(signature.text if signature else None, date.text if date else None, layout)
    imprint = [b for b in blocks if b.kind in (d.IMPRINT_CC, d.IMPRINT_PRINTED)]
    page_break = False
    lines_above_mark = 0
    for block in blocks:
        kind = block.kind
        if kind == d.HEADING:  # first: most blocks of a long report (700 of 760 at 50x)
            add(_heading(block))
            page_break = False
            continue
        if kind in (d.COPY_NUMBER, d.SECRECY, d.URGENCY):
            lines_above_mark += 1
            add(frame.flush_left(block))
            continue
        if kind == d.MARK:
            add(frame.mark_xml(block, lines_above_mark))
            continue
        if kind == d.DOC_NUMBER:
            add(frame.doc_number_xml(block))
            continue
        if kind == d.SEPARATOR:
            add(frame.separator_xml())
            continue
        if kind in (d.IMPRINT_CC, d.IMPRINT_PRINTED):
            continue  # set together at the end
        extra = '<w:pageBreakBefore/>' if page_break and kind != d.APPENDIX_LABEL else ""
        page_break = False
        if kind == d.BODY:
            add(_paragraph(None, x.text_runs(block.text), extra))
        elif kind == d.BLANK:
            add(_paragraph(None, "", extra))
        elif kind == d.PAGE_BREAK:
            page_break = True
        elif kind == d.TABLE and block.table is not None:
            if tables:
                add(TableMarkup(block.table))
            else:
                pieces.extend(_table_parts(block.table, encoded))
        elif kind in (d.SIGNATURE, d.DATE):
            add(frame.signature_xml(block, indents[0] if kind == d.SIGNATURE else indents[1]))
        elif kind == d.ATTACHMENT_NOTE:
            add(frame.attachment_note_xml(block))
        else:
            add(_paragraph(_STYLE_OF_KIND.get(kind), x.text_runs(block.text), extra))
    if imprint:
        add(frame.imprint_xml(imprint))
    return pieces


def to_bytes(document: d.Document, reference_docx: bytes, reference_name: str = "reference.docx",
             body: str | None = None) -> bytes:
    """The .docx file's bytes: the reference's styles, page setup and footers; our body.

    ``body``: the body's XML when the caller made it from the document (the redline's, tracked)."""
    from lawgov_report.writers import package

    reference = package.load_reference(reference_docx, reference_name)
    meta = document.meta
    core = package.core_properties(meta.get("title", ""), meta.get("issuer", ""),
                                   f"{meta.get('year', '')}年度法治政府建设情况报告")
    return package.assemble(reference, body_parts(document, encoded=True) if body is None else [_utf8(body)], core)
