"""The frame of the printed 公文 in WordprocessingML: 版头, 署名 layouts and 版记 (GB/T 9704-2012 7.2-7.4).

These elements are placed by measure, not by style: the 发文机关标志 stands 35 mm below the top of
the type area, the red line 4 mm below the 发文字号, the 版记's last line on the bottom edge of the
type area. They are formatted directly (not through the reference document's styles), so a
template's own reference .docx needs no new styles for them. The numbers were measured on
LibreOffice's PDF (tests/writers/test_frame_pdf.py measures them again).
"""

from __future__ import annotations

from lawgov_report import document as d
from lawgov_report.writers import ooxml as x

RED = "FF0000"
TYPE_WIDTH = x.PAGE_WIDTH - x.MARGIN_LEFT - x.MARGIN_RIGHT  # twips: 156 mm
TYPE_HEIGHT = x.PAGE_HEIGHT - x.MARGIN_TOP - x.MARGIN_BOTTOM  # twips: 225 mm
PT = 20  # twips per point
MM = 56.7  # twips per millimetre
ROW = x.LINE_PITCH  # one line of the 22-line grid
MARK_TOP = round(35 * MM)  # 发文机关标志: its top edge below the top of the type area [7.2.4]
MARK_MAX_SIZE = 116  # half-points (58 pt): a short name is not drawn larger than this
RULE_BELOW_NUMBER = round(4 * MM)  # the red line below the 发文字号 [7.2.7]
# Measured in LibreOffice: in an exact line 2 pt higher than its font, a CJK glyph's top stands at
# the line's top (the mark's red ink began 34.97 mm below the type area); a 3号 grid line's glyphs
# end this far above the line's bottom.
GRID_GLYPH_BOTTOM_GAP = 152  # twips
IMPRINT_LINE = 560  # twips: a 版记 line (4号, with room above and below between the rules)
IMPRINT_RULES = 40  # twips the rules add to the 版记's height (measured: its last rule otherwise ends 0.7 mm low)


def _ppr(*children: str) -> str:
    """A pPr of children already in CT_PPr order."""
    inner = "".join(children)
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def _rpr(font: str | None = None, size: int | None = None, color: str | None = None) -> str:
    """An rPr in CT_RPr order: rFonts, color, sz, szCs (the character spacing comes from the style)."""
    out = x.rfonts(font) if font else ""
    out += f'<w:color w:val="{color}"/>' if color else ""
    out += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    return f"<w:rPr>{out}</w:rPr>" if out else ""


_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
_OFF_GRID = '<w:snapToGrid w:val="0"/>'


def _exact(before: int, line: int, after: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'


def _p(ppr: str, runs: str) -> str:
    return f"<w:p>{ppr}{runs}</w:p>"


def flush_left(block: d.Block) -> str:
    """份号 (仿宋), 密级和保密期限 and 紧急程度 (黑体): 3号, flush left on the first lines [7.2.1-7.2.3]."""
    font = x.FONT_BODY if block.kind == d.COPY_NUMBER else x.FONT_HEI
    return _p(_ppr(_NO_INDENT, '<w:jc w:val="left"/>'), x.text_runs(block.text, _rpr(font)))


def mark_size(names: list[str], suffix: str) -> int:
    """The 发文机关标志's size in half-points: the widest line (with "文件" beside joint names)
    fills at most 90 % of the type area's width."""
    width = max(x.text_width(n) for n in names) if names else 1
    if suffix and len(names) > 1:
        width += 1 + x.text_width(suffix)
    size = int(TYPE_WIDTH * 0.9 / max(width, 1) / 10)  # half-points from twips per character
    return max(min(size, MARK_MAX_SIZE), 32)


def _rows(twips: int) -> int:
    """Whole grid lines that hold ``twips``."""
    return -(-twips // ROW)


def mark_xml(block: d.Block, lines_above: int) -> str:
    """发文机关标志: red 小标宋, centred, its top edge 35 mm below the top of the type area; joint
    issuers each on their own line, "文件" beside them, centred on them [7.2.4].

    The paragraphs are off the grid, and the last one's spacing after brings the next paragraph back
    onto the 22-line grid."""
    names = [s.text for s in block.spans[: block.heading_spans]]
    suffix = "".join(s.text for s in block.spans[block.heading_spans:])
    size = mark_size(names, suffix)
    line = size * 10 + 40  # twips: the font size and 2 pt, so the glyphs are not clipped
    top = lines_above * ROW
    before = max(MARK_TOP - top, 0)
    height = before + line * len(names)
    after = _rows(top + height) * ROW - top - height
    rpr = _rpr(x.FONT_TITLE, size, RED)
    if suffix and len(names) > 1:
        return _joint_mark(names, suffix, rpr, before, line, after)
    out = []
    for i, name in enumerate(names):
        text = name + (suffix if len(names) == 1 else "")
        spacing = _exact(before if i == 0 else 0, line, after if i == len(names) - 1 else 0)
        out.append(_p(_ppr(_OFF_GRID, spacing, _NO_INDENT, '<w:jc w:val="center"/>'), x.text_runs(text, rpr)))
    return "".join(out)


def _joint_mark(names: list[str], suffix: str, rpr: str, before: int, line: int, after: int) -> str:
    """Joint issuers with "文件": a borderless two-column table, the names left, "文件" centred on them."""
    names_width = round(max(x.text_width(n) for n in names) * line)
    suffix_width = round((x.text_width(suffix) + 1) * line)
    cell_ppr = _ppr(_OFF_GRID, _exact(0, line), _NO_INDENT, '<w:jc w:val="distribute"/>')
    left = "".join(_p(cell_ppr, x.text_runs(n, rpr)) for n in names)
    right = _p(_ppr(_OFF_GRID, _exact(0, line), _NO_INDENT, '<w:jc w:val="right"/>'), x.text_runs(suffix, rpr))
    none = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    cell = '<w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
    table = (f'<w:tbl><w:tblPr><w:tblW w:w="{names_width + suffix_width}" w:type="dxa"/><w:jc w:val="center"/>'
             f'<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
             f'<w:tblGrid><w:gridCol w:w="{names_width}"/><w:gridCol w:w="{suffix_width}"/></w:tblGrid>'
             f'<w:tr><w:tc>{cell.format(w=names_width)}{left}</w:tc>'
             f'<w:tc>{cell.format(w=suffix_width)}{right}</w:tc></w:tr></w:tbl>')
    # Empty off-grid paragraphs before and after hold the table at its place and restore the grid.
    return _spacer(before) + table + _spacer(after)


def _spacer(height: int) -> str:
    """An empty paragraph ``height`` twips high (at least 1 pt, as Word allows no less), off the grid."""
    return _p(_ppr(_OFF_GRID, _exact(0, max(height, 20)), _NO_INDENT), "")


def doc_number_xml(block: d.Block) -> str:
    """发文字号 flush left with a 1-character indent and 签发人 right-aligned with a 1-character indent
    on the same line, as an upward document has them; several 签发人 one per line above, the number
    on the last [7.2.5, 7.2.6]. Without 签发人 the number is centred (a downward document)."""
    number = "".join(s.text for s in block.spans[: block.heading_spans])
    signers = [s.text for s in block.spans[block.heading_spans:]]
    if not signers:
        return _p(_ppr(_NO_INDENT, '<w:jc w:val="center"/>'), x.text_runs(number))
    label_rpr, name_rpr = _rpr(x.FONT_BODY), _rpr(x.FONT_KAI)
    widest = max(x.text_width(n) for n in signers)
    # "签发人：" from a tab stop that ends the widest name one character from the right edge; the
    # names after it, and a later name at the stop where the first one starts, so they line up.
    names_at = TYPE_WIDTH - x.CHAR_WIDTH - round(widest * x.CHAR_WIDTH)
    label_at = names_at - round(x.text_width("签发人：") * x.CHAR_WIDTH)
    tabs = f'<w:tabs><w:tab w:val="left" w:pos="{label_at}"/><w:tab w:val="left" w:pos="{names_at}"/></w:tabs>'
    ppr = _ppr(tabs, f'<w:ind w:left="{x.CHAR_WIDTH}" w:firstLine="0" w:firstLineChars="0"/>',
               '<w:jc w:val="left"/>')
    out = []
    for i, name in enumerate(signers):
        runs = x.text_runs(number) if i == len(signers) - 1 else ""
        if i == 0:
            runs += "<w:r><w:tab/></w:r>" + x.text_runs("签发人：", label_rpr)
        else:
            runs += "<w:r><w:tab/></w:r><w:r><w:tab/></w:r>"
        out.append(_p(ppr, runs + x.text_runs(name, name_rpr)))
    return "".join(out)


def separator_xml() -> str:
    """版头分隔线: a red line the width of the type area, 4 mm below the 发文字号 [7.2.7].

    An empty off-grid paragraph one grid line high whose top border is the line; its spacing before
    lowers the border from the 发文字号's line to 4 mm below the glyphs."""
    before = max(RULE_BELOW_NUMBER - GRID_GLYPH_BOTTOM_GAP, 0)
    width = 12  # eighths of a point: 1.5 pt, which the border adds to the paragraph's height
    border = f'<w:pBdr><w:top w:val="single" w:sz="{width}" w:space="0" w:color="{RED}"/></w:pBdr>'
    return _p(_ppr(border, _OFF_GRID, _exact(before, ROW - before - width * PT // 8), _NO_INDENT), "")


def signature_indents(signature: str | None, date: str | None, layout: int) -> tuple[float, float]:
    """Right indents (in 3号 characters) of 署名 and 成文日期 [7.3.5].

    Unsealed (7.3.5.2): the date's first character 2 characters right of the 署名's first
    character, the line that reaches further right indented 2 characters. Sealed (7.3.5.1): the date
    right-indented 4 characters, the 署名 centred on it. 签名章 (7.3.5.3): the date right-indented 4
    characters; the 署名 line (the 签发人's title) is indented 2 characters from the left instead."""
    sw = rendered_width(signature) if signature else 0.0
    dw = rendered_width(date) if date else 0.0
    if layout == d.UNSEALED:
        if signature is None or date is None:
            return 2.0, 2.0
        if dw <= sw - 2:
            return 2.0, sw - dw
        return 4 + dw - sw, 2.0
    if layout == d.SEALED:
        return max(4 + (dw - sw) / 2, 0.0) if date else 4.0, 4.0
    return 0.0, 4.0


def rendered_width(text: str) -> float:
    """A 3号 line's width in characters as Word and LibreOffice set it: Latin letters and digits half
    a character, and a quarter character of space where Chinese meets them (autoSpaceDE/DN)."""
    width = x.text_width(text)
    latin = [ord(c) < 0x2E80 and c not in "—…“”‘’·" for c in text]
    width += 0.25 * sum(1 for a, b in zip(latin, latin[1:]) if a != b)
    return width


def signature_xml(block: d.Block, indent: float) -> str:
    """署名 or 成文日期 with its right indent; a 签名章's title line is indented from the left."""
    style = "Signature" if block.kind == d.SIGNATURE else "Date"
    if block.kind == d.SIGNATURE and block.level == d.SIGNATURE_SEAL:
        ind = f'<w:ind w:left="{2 * x.CHAR_WIDTH}" w:firstLine="0" w:firstLineChars="0"/>'
        return _p(_ppr(f'<w:pStyle w:val="{style}"/>', ind, '<w:jc w:val="left"/>'), x.text_runs(block.text))
    return _p(_ppr(f'<w:pStyle w:val="{style}"/>', f'<w:ind w:right="{round(indent * x.CHAR_WIDTH)}"/>'),
              x.text_runs(block.text))


def attachment_note_xml(block: d.Block) -> str:
    """附件说明: "附件：" indented 2 characters; a name that wraps continues under its first character
    (the AttachmentNote style's hanging indent), and numbered names line up under the first one's
    number, each wrapping under its own first character [7.3.4]."""
    number = next((s.text for s in block.spans if s.generated), "")
    if not number:  # one attachment: the style says it all
        return _p(_ppr('<w:pStyle w:val="AttachmentNote"/>'), x.text_runs(block.text))
    label = x.text_width("附件：") if block.spans[0].text == "附件：" else 0
    left = 2 + x.text_width("附件：") + _number_width(number)
    ind = x.attachment_note_indent(left, label + _number_width(number))
    return _p(_ppr('<w:pStyle w:val="AttachmentNote"/>', ind), x.text_runs(block.text))


def _number_width(number: str) -> float:
    """"1." before a name, in 3号 characters: a digit half a character, the full stop a quarter, and
    the quarter character LibreOffice and Word put between it and the Chinese name."""
    return 0.5 * sum(c.isdigit() for c in number) + 0.25 * (len(number) - sum(c.isdigit() for c in number)) + 0.25


def imprint_xml(blocks: list[d.Block]) -> str:
    """版记: 4号仿宋 lines between rules, the first and last 0.35 mm, those between 0.25 mm [7.4].

    A floating table anchored to the bottom of the type area: its last rule lies on the bottom edge
    of the type area of the page where the document ends, whatever the text above ends with."""
    size4 = x.SIZE_4 * 10  # twips of a 4号 character
    rows = []
    lines = 0  # the 版记's lines, for its height
    for block in blocks:
        if block.kind == d.IMPRINT_CC:
            label, names = block.spans[0].text, "".join(s.text for s in block.spans[1:])
            # Wrapped names continue after the colon: a hanging indent as wide as "抄送：".
            label_width = round(x.text_width(label) * size4)
            ind = f'<w:ind w:left="{size4 + label_width}" w:right="{size4}" w:hanging="{label_width}"/>'
            runs = x.text_runs(label + names, _rpr(x.FONT_BODY, x.SIZE_4))
            tabs = ""
            per_line = (TYPE_WIDTH - 2 * size4 - label_width) // (size4 - 5)  # 4号 less the -0.25 pt spacing
            lines += max(-(-round(x.text_width(names) * 2) // (2 * per_line)), 1)
        else:
            by = "".join(s.text for s in block.spans[: block.heading_spans])
            on = "".join(s.text for s in block.spans[block.heading_spans:])
            # 印发机关 1 character from the left, 印发日期 1 character from the right, on one line.
            tabs = f'<w:tabs><w:tab w:val="right" w:pos="{TYPE_WIDTH - size4}"/></w:tabs>'
            ind = f'<w:ind w:left="{size4}" w:right="{size4}" w:firstLine="0" w:firstLineChars="0"/>'
            runs = (x.text_runs(by, _rpr(x.FONT_BODY, x.SIZE_4)) + "<w:r><w:tab/></w:r>"
                    + x.text_runs(on, _rpr(x.FONT_BODY, x.SIZE_4)))
            lines += 1
        ppr = _ppr(tabs, _OFF_GRID, _exact(0, IMPRINT_LINE), ind, '<w:jc w:val="left"/>')
        rows.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{TYPE_WIDTH}" w:type="dxa"/>'
                    f'<w:vAlign w:val="center"/></w:tcPr>{_p(ppr, runs)}</w:tc></w:tr>')
    rule = '<w:{side} w:val="single" w:sz="{sz}" w:space="0" w:color="000000"/>'
    borders = (rule.format(side="top", sz=8) + '<w:left w:val="nil"/>' + rule.format(side="bottom", sz=8)
               + '<w:right w:val="nil"/>' + rule.format(side="insideH", sz=6) + '<w:insideV w:val="nil"/>')
    # Its top at the type area's height less its own (LibreOffice does not honour tblpYSpec="bottom");
    # placed from the page's left edge, as LibreOffice floats a table as wide as the type area only then.
    top = TYPE_HEIGHT - lines * IMPRINT_LINE - IMPRINT_RULES
    position = ('<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
                f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{x.MARGIN_LEFT}" w:tblpY="{top}"/>')
    # Tiny empty paragraphs around it: a table straight after the 附件's table would join it, and a
    # document ends with a paragraph.
    tiny = _spacer(20)
    return (tiny + f'<w:tbl><w:tblPr>{position}<w:tblW w:w="{TYPE_WIDTH}" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{TYPE_WIDTH}"/></w:tblGrid>{"".join(rows)}</w:tbl>' + tiny)
