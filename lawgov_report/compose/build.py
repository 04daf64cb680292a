"""Building a Document from a Report with a template.

Three steps: the clerk's texts are rendered against the figures (sandboxed Jinja); the template's
document frame (Jinja, autoescaped XML) lays them out; the XML becomes Document blocks, with heading
numbers and 一是/二是 generated here, never typed.
"""

from __future__ import annotations

from lawgov_report import document as d
from lawgov_report.errors import WARNING, Diagnostic, ReportError
from lawgov_report.source.model import Report, Section
from lawgov_report.compose.numbering import LEVEL_OF_STYLE, STYLES, child_style
from lawgov_report.compose.framesections import SectionReferences
from lawgov_report.compose.layout import MARK_CLOSE, MARK_OPEN, MARK_SEP, Layout, frame_error, parse_frame
from lawgov_report.compose.templates import Template
from lawgov_report.compose.texts import TextError, TextRenderer
from lawgov_report.source.yamlsource import Source, format_path

_RENDERER = TextRenderer()


def text_renderer() -> TextRenderer:
    """The process-wide text renderer (its expression cache serves a whole batch)."""
    return _RENDERER


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
        raise frame_error(template, exc) from None
    try:
        root = parse_frame(xml, template)
    except ReportError as exc:
        if not sections.snapshots:
            raise
        # The message gives the XML's line and column: those of the frame's output as written.
        try:
            parse_frame(template.render_frame({"report": view, **view}), template)
        except ReportError as written:
            raise written from None
        except Exception:  # (the frame rendered once already: nothing else to tell)
            pass
        raise exc
    appendix = view["appendix"]
    builder = Layout(template, view["origins"], {"appendix": appendix["document_table"]} if appendix else {},
                     sections.snapshots)
    builder.children(list(root), STYLES[0])
    return d.Document(builder.blocks, {"issuer": report.issuer, "year": report.year,
                                       "title": "".join(builder.text(t) for t in view["title"]),
                                       "figures": {name: fig.value for name, fig in view["figures"].items()},
                                       "appendix_title": view["appendix_title"]},
                      figure_values=view["figures"], warnings=view["warnings"], texts=texts)
