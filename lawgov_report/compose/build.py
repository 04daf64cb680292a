"""Building a Document from a Report with a template.

Three steps: the clerk's texts are rendered against the figures (sandboxed Jinja); the template's
document frame (Jinja, autoescaped XML) lays them out; the XML becomes Document blocks, with heading
numbers and 一是/二是 generated here, never typed.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from lawgov_report import document as d
from lawgov_report.errors import WARNING, Diagnostic, ReportError
from lawgov_report.figures.values import FigureValue
from lawgov_report.source.model import Report, Section
from lawgov_report.compose.numbering import CONTINUE, LEVEL_OF_STYLE, STYLES, child_style, heading_number, point_marker
from lawgov_report.compose.framesections import SectionReferences
from lawgov_report.compose.templates import Template
from lawgov_report.compose.texts import TextError, TextRenderer
from lawgov_report.source.yamlsource import Source, format_path

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_comments=True, remove_pis=True)
_RENDERER = TextRenderer()


def text_renderer() -> TextRenderer:
    """The process-wide text renderer (its expression cache serves a whole batch)."""
    return _RENDERER


# Provenance marks: a rendered text travels through the template's frame as
# MARK_OPEN index MARK_SEP text MARK_CLOSE (private-use characters no text contains), so the builder
# knows which YAML text each span came from whatever the frame does around it.
MARK_OPEN, MARK_SEP, MARK_CLOSE = "\ue000", "\ue001", "\ue002"


class _Texts:
    """Renders every clerk text of one report, collecting located errors instead of stopping."""

    origins: list | None = None  # provenance: see _TracedTexts

    def __init__(self, source: Source | None, file: str, context: dict):
        self.source = source
        self.file = file
        self.context = context
        self.errors: list[Diagnostic] = []
        self.quoted: set[str] = set()  # figure names the texts quote (for the unquoted-figure warning)
        self.rendered: dict = {}  # path -> a text with {{ }} as rendered, unmarked (lint checks these)

    def __call__(self, text: str, path: tuple) -> str:
        if "{" not in text:  # most texts quote nothing: nothing to render (lint takes them as written)
            return text
        bare = _RENDERER.render_names(text, self.context)  # most of the others quote names only
        if bare is not None:
            self.quoted.update(bare[1])
            self.rendered[path] = bare[0]
            return bare[0]
        self.quoted |= _RENDERER.quoted_names(text)
        try:
            self.rendered[path] = out = _RENDERER.render(text, self.context)
            return out
        except TextError as exc:
            if self._quotes_failed_figure(text):
                return text  # the figure's own error says it; "〔丙〕不是数字" would only mislead
            if self.source is not None:
                diag = self.source.diagnostic(path, exc.message, hint=exc.hint, message_en=exc.message_en,
                                              needle=exc.needle)
            else:
                diag = Diagnostic(self.file, 0, 0, "error", format_path(path), exc.message, exc.hint,
                                  exc.message_en)
            self.errors.append(diag)
            return text

    def mark(self, out: str, path: tuple, source: str) -> str:
        """A value the engine wrote from a key (成文日期); marked with its path when tracing."""
        return out

    def _quotes_failed_figure(self, text: str) -> bool:
        failed = self.context.get("__failed__", ())
        return bool(failed) and bool(_RENDERER.quoted_names(text) & failed)


class _TracedTexts(_Texts):
    """Renders texts like :class:`_Texts` and marks each with where it came from (provenance), so a
    plain render pays nothing for it."""

    def __init__(self, source: Source | None, file: str, context: dict):
        super().__init__(source, file, context)
        self.origins: list[d.Origin] = []

    def __call__(self, text: str, path: tuple) -> str:
        out = super().__call__(text, path)
        if not out:
            return out
        self.origins.append(d.Origin(tuple(path), text, _RENDERER.pieces(text, self.context, out)))
        return f"{MARK_OPEN}{len(self.origins) - 1}{MARK_SEP}{out}{MARK_CLOSE}"

    def mark(self, out: str, path: tuple, source: str) -> str:
        if not out:
            return out
        self.origins.append(d.Origin(tuple(path), source, ((out, None),)))
        return f"{MARK_OPEN}{len(self.origins) - 1}{MARK_SEP}{out}{MARK_CLOSE}"



def figure_values(report: Report, source: Source | None, file: str,
                  template: Template | None = None) -> tuple[dict, list[Diagnostic]]:
    """Every figure as a :class:`FigureValue`, completed from the template's 指标目录 and derived
    ones computed from their formulas; with every error, and the warnings of numbers that look
    mistyped (a share written as a fraction)."""
    from lawgov_report.compose.catalogue import apply, catalogue
    from lawgov_report.figures.derived import evaluate
    from lawgov_report.figures.ranges import figure_problems

    entries = catalogue(template) if template is not None else {}
    values, errors = evaluate(apply(report.figures, entries), source, file, entries)
    return values, errors + figure_problems(report, values, source, file)


def _section_view(section: Section, path: tuple, level: int, render, errors: list, source, file,
                  made: list) -> dict:
    if level > 4:
        message = "标题层级超过四级（一、（一）1.（1））"
        errors.append(source.diagnostic(path, message) if source else Diagnostic(file, 0, 0, "error",
                                                                                 format_path(path), message))
    child_level = LEVEL_OF_STYLE[child_style(section.numbering, level)]
    # Untraced, a text without {{ }} is itself: neither its path nor a call is made for it (2,500
    # texts a 50x report, most of its paragraphs).
    plain = render.__self__.origins is None
    title = section.title
    if not plain or "{" in title:
        title = render(title, path + ("title",))
    paragraphs = []
    for i, p in enumerate(section.paragraphs):  # texts in document order: text, points, tail
        if plain and "{" not in p.text and "{" not in p.tail and not (p.points and "{" in "".join(p.points)):
            paragraphs.append({"text": p.text, "points": list(p.points), "tail": p.tail})
            continue
        at = path + ("paragraphs", i)  # the paragraph's path, made once for its texts
        text = render(p.text, at + ("text",))
        points = [render(t, at + ("points", j)) for j, t in enumerate(p.points)] if p.points else []
        paragraphs.append({"text": text, "points": points, "tail": render(p.tail, at + ("tail",))})
    view = {
        "title": title,
        "run_in": section.run_in,
        "numbering": section.numbering,
        "level": level,
        "paragraphs": paragraphs,
        "sections": [
            _section_view(child, path + ("sections", i), child_level, render, errors, source, file, made)
            for i, child in enumerate(section.sections)
        ],
    }
    made.append(view)  # the sections the engine made: the frame's macro may write them as references
    return view


PRINT, WEB = "print", "web"
EDITIONS = (PRINT, WEB)  # 印发版 (版头, 版记, seal) and 网页版 (the text a website publishes)


def _chinese_date(date) -> str | None:
    """成文日期 as GB/T 9704-2012 writes it: 2021年3月5日, the year in full, no zero padding."""
    return f"{date.year}年{date.month}月{date.day}日" if date else None


def _masthead_view(report: Report, template: Template, render) -> dict | None:
    """The 版头 of the print edition: None when the report has neither a masthead nor a 发文字号."""
    masthead = report.masthead
    if masthead is None and not report.doc_number:
        return None
    view = {"copy_number": None, "secrecy": None, "urgency": None, "mark": [], "suffix": "", "signers": [],
            "doc_number": report.doc_number}
    if masthead is None:  # a 发文字号 alone still stands in its place above the title
        return view
    names = [render(t, ("masthead", "mark", i)) for i, t in enumerate(masthead.mark)]
    suffix = ""
    if len(names) > 1 and names[-1] == "文件":  # joint issuers with "文件" centred beside them
        names, suffix = names[:-1], "文件"
    elif not names:
        names, suffix = [report.issuer], str(template.option("mark_suffix", "") or "")
    view.update(copy_number=masthead.copy_number, secrecy=masthead.secrecy, urgency=masthead.urgency,
                mark=names, suffix=suffix, signers=list(masthead.signers))
    return view


def _imprint_view(report: Report, render) -> dict | None:
    """The 版记 of the print edition: 抄送机关, 印发机关, 印发日期."""
    imprint = report.imprint
    if imprint is None or not (imprint.cc or imprint.printed_by or imprint.printed_on):
        return None
    return {"cc": [render(t, ("imprint", "cc", i)) for i, t in enumerate(imprint.cc)],
            "printed_by": render(imprint.printed_by, ("imprint", "printed_by")) if imprint.printed_by else "",
            "printed_on": f"{_chinese_date(imprint.printed_on)}印发" if imprint.printed_on else ""}


def context(report: Report, template: Template, source: Source | None = None, file: str = "",
            edition: str = PRINT, provenance: bool = False) -> dict:
    """The data the document frame sees: every text rendered, every figure computed.

    The web edition leaves out what only the printed document carries: 版头, 版记, seal layout.
    With ``provenance``, every rendered text carries a mark of where it came from (see MARK_OPEN);
    ``view["origins"]`` lists them for the builder."""
    file = source.file if source else file
    figures, problems = figure_values(report, source, file, template)
    errors = [d for d in problems if d.severity != WARNING]
    text_context = {"year": report.year, "issuer": report.issuer, "figures": figures, **figures}
    # A figure that failed (its error is already reported) is not "undefined" in every text too.
    failed = [name for name in report.figures if name not in figures] if len(figures) < len(report.figures) else []
    text_context.update({name: f"〔{name}〕" for name in failed})
    text_context["__failed__"] = frozenset(failed)
    render = (_TracedTexts if provenance else _Texts)(source, file, text_context)
    section_views: list[dict] = []
    title = [render(t, ("title", i)) for i, t in enumerate(report.title)]
    if not title:
        title = [render(t, ("template", "title")) for t in template.option("title", ["{{ issuer }}"])]
    date = report.date
    printed = edition == PRINT

    def untraced(text: str, path: tuple) -> str:
        """版头 and 版记 texts: compared and joined by the frame, so never marked (merge lists their edits)."""
        return _Texts.__call__(render, text, path)

    view = {
        "edition": edition,
        "masthead": _masthead_view(report, template, untraced) if printed else None,
        "imprint": _imprint_view(report, untraced) if printed else None,
        "seal": (report.seal or None) if printed else None,
        "issuer": report.issuer,
        "year": report.year,
        "title": title,
        "recipient": render(report.recipient, ("recipient",)) if report.recipient else None,
        "doc_number": report.doc_number,
        "preamble": [render(t, ("preamble", i)) for i, t in enumerate(report.preamble)],
        # render.__call__: a bound method is called faster than an instance (3,200 texts at 50x)
        "sections": [_section_view(s, ("sections", i), 1, render.__call__, errors, source, file, section_views)
                     for i, s in enumerate(report.sections)],
        "closing": [render(t, ("closing", i)) for i, t in enumerate(report.closing)],
        "attachments": [render(t, ("attachments", i)) for i, t in enumerate(report.attachments)],
        "signature": render(report.signature, ("signature",)) if report.signature else None,
        "date": render.mark(_chinese_date(date), ("date",), date.isoformat()) if date else None,
        "note": render(report.note, ("note",)) if report.note else None,
        "figures": figures,
        "options": template.meta,
    }
    from lawgov_report.compose import appendix
    from lawgov_report.figures.quoting import unquoted_figures

    # The statistics table's title serves the 附件 page and the .xlsx alike.
    view["appendix_title"] = untraced(template.option("appendix_title", appendix.DEFAULT_TITLE),
                                      ("template", "appendix_title"))  # used twice: never marked
    view["appendix"] = appendix.appendix_view(figures, view["appendix_title"], report.issuer,
                                              len(view["attachments"])) if appendix.enabled(template) and report.appendix is not False else None
    view["warnings"] = [d for d in problems if d.severity == WARNING] + unquoted_figures(
        report, figures, render.quoted, source, file)
    view["origins"] = render.origins
    view["rendered_texts"] = render.rendered
    view["section_views"] = section_views
    errors.extend(render.errors)
    if errors:  # with the range warnings: every finding about the figures at once
        raise ReportError(errors + [d for d in problems if d.severity == WARNING])
    return view


def build(report: Report, template: Template, source: Source | None = None, file: str = "",
          edition: str = PRINT, provenance: bool = False) -> d.Document:
    """Report + template -> Document; raises :class:`ReportError` with every problem located.

    With ``provenance`` each span of a clerk text knows its YAML path and its figures' pieces
    (:class:`~lawgov_report.document.Origin`); the blocks and their text are the same either way."""
    view = context(report, template, source, file, edition, provenance)
    texts = view.pop("rendered_texts")  # for lint, not for the frame
    sections = SectionReferences(view.pop("section_views"))
    try:
        xml = template.render_frame({"report": view, **view}, sections)
    except ReportError:
        raise
    except Exception as exc:  # a template author's mistake: located in the template file
        raise _frame_error(template, exc) from None
    try:
        root = _parse_frame(xml, template)
    except ReportError as exc:
        if not sections.snapshots:
            raise
        # The message gives the XML's line and column: those of the frame's output as written.
        try:
            _parse_frame(template.render_frame({"report": view, **view}), template)
        except ReportError as written:
            raise written from None
        except Exception:  # (the frame rendered once already: nothing else to tell)
            pass
        raise exc
    appendix = view["appendix"]
    builder = _Builder(template, view["origins"], {"appendix": appendix["document_table"]} if appendix else {},
                       sections.snapshots)
    builder.children(list(root), STYLES[0])
    return d.Document(builder.blocks, {"issuer": report.issuer, "year": report.year,
                                       "title": "".join(builder.text(t) for t in view["title"]),
                                       "figures": {name: fig.value for name, fig in view["figures"].items()},
                                       "appendix_title": view["appendix_title"]},
                      figure_values=view["figures"], warnings=view["warnings"], texts=texts)


def _parse_frame(xml: str, template: Template):
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


def _frame_error(template: Template, exc: Exception) -> ReportError:
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
            file, line = name, tb.tb_lineno
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


class _Builder:
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
