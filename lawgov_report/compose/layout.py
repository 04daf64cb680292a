"""Laying out the document frame's XML as Document blocks: headings numbered, 一是/二是 points,
tables, the 版头 and 版记, and the sections the frame wrote by reference (framesections.py)."""

from __future__ import annotations

import dataclasses

from lxml import etree

from lawgov_report import document as d
from lawgov_report.errors import ReportError
from lawgov_report.compose.numbering import CONTINUE, LEVEL_OF_STYLE, child_style, heading_number, point_marker
from lawgov_report.compose.templates import Template

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_comments=True, remove_pis=True)
# Provenance marks: a rendered text travels through the template's frame as
# MARK_OPEN index MARK_SEP text MARK_CLOSE (private-use characters no text contains), so the layout
# knows which YAML text each span came from whatever the frame does around it.
MARK_OPEN, MARK_SEP, MARK_CLOSE = "\ue000", "\ue001", "\ue002"


def parse_frame(xml: str, template: Template):
    """The frame's XML as an element tree; a frame that is not well-formed is the template's mistake."""
    try:
        # The text as it is: libxml2 reads a 50x report's frame in half the time it takes over the
        # same text encoded to UTF-8 (2 ms less a render). Whatever it refuses (an encoding
        # declaration, a lone surrogate, a syntax error) goes the UTF-8 way below, which says why.
        return etree.fromstring(xml, _XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        pass
    try:
        return etree.fromstring(xml.encode("utf-8"), _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReportError.single(str(template.folders[0]), f"模板生成的文档结构有误：{exc}",
                                 message_en=f"template produced bad XML: {exc}") from None


def frame_error(template: Template, exc: Exception) -> ReportError:
    """A failure inside the document frame, at the frame's file and line (from Jinja's rewritten traceback)."""
    from jinja2 import TemplateError
    from jinja2.sandbox import SecurityError

    if not isinstance(exc, (TemplateError, ArithmeticError, TypeError, ValueError, AttributeError, LookupError,
                            RecursionError, MemoryError, NameError)):
        raise exc
    file, line = str(template.folders[0]), 0
    tb = exc.__traceback__
    while tb is not None:  # the innermost frame that is a template file
        name = tb.tb_frame.f_code.co_filename
        if any(name.startswith(str(folder)) for folder in template.folders):
            # A frame of the template's compiled code (rendered without Jinja's traceback rewriting)
            # is at a line of that code: the template's line is the one Jinja's debug map gives.
            compiled = tb.tb_frame.f_globals.get("__jinja_template__")
            file, line = name, compiled.get_corresponding_lineno(tb.tb_lineno) if compiled is not None else tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, ZeroDivisionError):
        detail = "除数为零"
    elif isinstance(exc, (RecursionError, MemoryError)):
        detail = "嵌套太深或数据太多（宏调用了自己？）"
    elif isinstance(exc, NameError):
        detail = "数超出范围（无穷大）"
    elif isinstance(exc, SecurityError):
        detail = f"超出限制：{exc}"
    else:
        detail = str(exc)
    return ReportError.single(file, f"模板生成出错：{detail}", line, 0, message_en=f"template failed: {exc!r}")


class Layout:
    """Walks the document frame's XML and lays out blocks, numbering headings as it goes."""

    def __init__(self, template: Template, origins: list | None = None, tables: dict | None = None,
                 sections: dict | None = None):
        self.blocks: list[d.Block] = []
        self.tables = tables or {}  # <table ref="..."/>: tables the engine made (the 附件's statistics)
        self.sections = sections or {}  # <section ref="..."/>: snapshots of sections (framesections.py)
        run_in = template.option("run_in", [False, True, True, True])
        run_in = [run_in] * 4 if isinstance(run_in, bool) else list(run_in) or [False]
        self.run_in_default = run_in + run_in[-1:] * (4 - len(run_in))
        self.continue_all = template.option("numbering") == CONTINUE  # the template numbers on throughout
        self.origins = origins

    def text(self, text: str | None) -> str:
        """A text without its provenance marks."""
        if not text or self.origins is None or MARK_OPEN not in text:
            return text or ""
        return "".join(s.text for s in self.marked(text))

    def marked(self, text: str | None) -> list[d.Span]:
        """A text as spans: one per marked clerk text (with its origin), one per stretch between."""
        if not text:
            return []
        if self.origins is None or MARK_OPEN not in text:
            return [d.Span(text)]
        spans = []
        rest = text
        while rest:
            start = rest.find(MARK_OPEN)
            if start < 0:
                spans.append(d.Span(rest))
                break
            if start:
                spans.append(d.Span(rest[:start]))
            sep = rest.index(MARK_SEP, start)
            end = rest.index(MARK_CLOSE, sep)
            spans.append(d.Span(rest[sep + 1:end], origin=self.origins[int(rest[start + 1:sep])]))
            rest = rest[end + 1:]
        return spans

    def one(self, text: str | None) -> d.Span:
        """A text that stays one span (a heading's title, a 署名), with the origin of its marked part."""
        if self.origins is None or not text or MARK_OPEN not in text:
            return d.Span(text or "")
        spans = self.marked(text)
        origin = next((s.origin for s in spans if s.origin is not None), None)
        return d.Span("".join(s.text for s in spans), origin=origin)

    def children(self, elements, style: str, start: int = 0) -> int:
        """Lay out a section's contents, its sub-headings numbered from ``start`` + 1; returns the last
        number given (what a following section with ``numbering: continue`` numbers on from)."""
        count = start
        carried = 0  # the last number of the previous sub-section's own sub-headings
        for child in elements:
            tag = child.tag  # lxml makes a new str at each reading of .tag, .text or .tail: read once
            if tag == "section":
                count += 1
                carried = self.section(child, style, count, carried)
            else:
                self.leaf(child, style, tag)
        return count

    def leaf(self, child, child_style: str, tag: str) -> None:
        if tag == "p":
            self.blocks.append(d.Block(d.BODY, self.spans(child)))
        elif tag in ("signature", "date"):
            self.blocks.append(d.Block(tag, [self.one(child.text)], level=_SEALS.get(child.get("seal"), 0)))
        elif tag in ("title", "recipient", "note", "appendix-label", "appendix-title"):
            self.blocks.append(d.Block(tag.replace("-", "_"), [self.one(child.text)]))
        elif tag == "blank":
            self.blocks.append(d.Block(d.BLANK))
        elif tag == "page-break":
            self.blocks.append(d.Block(d.PAGE_BREAK))
        elif tag == "attachment-note":
            self.attachment_note(child)
        elif tag in ("copy-number", "secrecy", "urgency", "separator"):
            self.blocks.append(d.Block(tag.replace("-", "_"), [d.Span(child.text)] if child.text else []))
        elif tag in ("mark", "doc-number", "imprint"):
            self.masthead_or_imprint(child)
        elif tag == "table":
            self.blocks.append(d.Block(d.TABLE, table=self.table(child)))
        elif tag == "group":
            self.children(list(child), child_style)

    def spans(self, element) -> list[d.Span]:
        if self.origins is not None:
            return self.traced_spans(element)
        text = element.text
        spans = [d.Span(text)] if text else []
        n = 0
        for child in element:
            text, tail = child.text, child.tail
            if child.tag == "point":
                n += 1
                spans.append(d.Span(point_marker(n), True))
                spans.append(d.Span(text or ""))
            elif text:
                spans.append(d.Span(text))
            if tail:
                spans.append(d.Span(tail))
        return spans

    def traced_spans(self, element) -> list[d.Span]:
        """:meth:`spans` of a build with provenance: each clerk text's span knows its origin."""
        spans = self.marked(element.text)
        n = 0
        for child in element:
            if child.tag == "point":
                n += 1
                spans.append(d.Span(point_marker(n), generated=True))
                spans.append(self.one(child.text))
            elif child.text:
                spans.extend(self.marked(child.text))
            if child.tail:
                spans.extend(self.marked(child.tail))
        return spans

    def table(self, element) -> d.Table:
        """A <table> of the frame: its rows and cells, or for <table ref="appendix"/> the statistics
        table compose.appendix made (a copy: the frame may place it more than once)."""
        made = self.tables.get(element.get("ref")) if len(element) == 0 else None
        return dataclasses.replace(made) if made is not None else _table(element)

    def section(self, element, style: str, count: int, carried: int = 0) -> int:
        if self.sections and len(element) == 0:
            snapshot = self.sections.get(element.get("ref"))
            if snapshot is not None:
                return self.snapshot_section(snapshot, style, count, carried)
        level = LEVEL_OF_STYLE[style]
        heading, rest = None, []
        for child in element:  # one walk for the heading and the rest (find() parses a path each time)
            if child.tag != "heading":
                rest.append(child)
            elif heading is None:
                heading = child
        title = self.one(heading.text if heading is not None else None)
        block = d.Block(d.HEADING, [d.Span(heading_number(style, count), generated=True), title],
                        level=level, heading_spans=2)
        self.blocks.append(block)
        run_in = element.get("run-in")
        run_in = (run_in == "true") if run_in is not None else self.run_in_default[min(level, 4) - 1]
        if run_in and rest and rest[0].tag == "p":
            block.spans.extend(self.spans(rest[0]))
            rest = rest[1:]
        numbering = element.get("numbering")
        numbers_on = numbering == CONTINUE or (self.continue_all and numbering is None)
        return self.children(rest, child_style(numbering, level), carried if numbers_on else 0)

    def snapshot_section(self, snapshot: tuple, style: str, count: int, carried: int = 0) -> int:
        """:meth:`section` of what the shipped macro would have written for a section's snapshot
        (framesections.py): its heading, its paragraphs, then its sub-sections."""
        numbering, run_in, title, paragraphs, sections = snapshot
        level = LEVEL_OF_STYLE[style]
        block = d.Block(d.HEADING, [d.Span(heading_number(style, count), True),
                                    d.Span(title) if self.origins is None else self.one(title)], level, 2)
        self.blocks.append(block)
        if run_in is None:
            run_in = self.run_in_default[min(level, 4) - 1]
        if run_in and paragraphs:
            block.spans.extend(self.paragraph_spans(*paragraphs[0]))
            paragraphs = paragraphs[1:]
        for text, points, tail in paragraphs:
            self.blocks.append(d.Block(d.BODY, self.paragraph_spans(text, points, tail)))
        numbers_on = numbering == CONTINUE or (self.continue_all and numbering is None)
        style = child_style(numbering, level)
        count = carried if numbers_on else 0
        carried = 0
        for child in sections:
            count += 1
            carried = self.snapshot_section(child, style, count, carried)
        return count

    def paragraph_spans(self, text: str, points: tuple, tail: str) -> list[d.Span]:
        """:meth:`spans` of the <p> the macro writes: <p>text<point>…</point>…tail</p>."""
        if not points:  # text and tail, one run of XML text
            return self.marked(text + tail) if self.origins is not None else [d.Span(text + tail)] if text or tail else []
        traced = self.origins is not None
        spans = (self.marked(text) if traced else [d.Span(text)]) if text else []
        for n, point in enumerate(points, start=1):
            spans.append(d.Span(point_marker(n), True))
            spans.append(self.one(point) if traced else d.Span(point))
        if tail:
            spans.extend(self.marked(tail) if traced else (d.Span(tail),))
        return spans

    def masthead_or_imprint(self, element) -> None:
        """发文机关标志 (a name per line, then "文件"), 发文字号 with 签发人, and the 版记's lines."""
        if element.tag == "mark":
            names = [d.Span(n.text or "") for n in element if n.tag == "name"]
            suffix = element.get("suffix") or ""
            spans = names + ([d.Span(suffix)] if suffix else [])
            self.blocks.append(d.Block(d.MARK, spans, heading_spans=len(names)))
        elif element.tag == "doc-number":
            number = element.findtext("number") or ""
            signers = [d.Span(s.text or "") for s in element if s.tag == "signer"]
            self.blocks.append(d.Block(d.DOC_NUMBER, [d.Span(number)] + signers, heading_spans=1))
        else:
            for child in element:
                if child.tag == "cc":
                    names = [n.text or "" for n in child if n.tag == "name"]
                    self.blocks.append(d.Block(d.IMPRINT_CC, [d.Span("抄送："), d.Span("，".join(names) + "。")]))
                elif child.tag == "printed":
                    self.blocks.append(d.Block(d.IMPRINT_PRINTED, [d.Span(child.get("by") or ""),
                                                                   d.Span(child.get("on") or "")], heading_spans=1))

    def attachment_note(self, element) -> None:
        items = [self.one(item.text) for item in element if item.tag == "item"]
        if len(items) == 1:
            self.blocks.append(d.Block(d.ATTACHMENT_NOTE, [d.Span("附件："), items[0]]))
            return
        for i, name in enumerate(items, start=1):
            spans = [d.Span("附件：")] if i == 1 else []
            spans += [d.Span(f"{i}.", generated=True), name]
            self.blocks.append(d.Block(d.ATTACHMENT_NOTE, spans, level=0 if i == 1 else 1))


_SEALS = {"true": d.SEALED, "signature": d.SIGNATURE_SEAL}


def _table(element) -> d.Table:
    # <cell merge="up"/> continues the cell above (a vertical merge): None in the Table.
    rows = [[None if cell.get("merge") == "up" else (cell.text or "") for cell in row if cell.tag == "cell"]
            for row in element if row.tag == "row"]
    widths = [int(w) for w in (element.get("widths") or "").split()] or []
    numeric = [flag == "1" for flag in (element.get("numeric") or "").split()]
    size = element.get("size") or ""
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    return d.Table(header, body, widths, numeric, int(size) if size.isdigit() else 0)
