"""The clerk texts lint checks: every text of a report with its place, role and rendered form.

A report at 50 times the seed has 2,700 texts and lint looks closely at a few hundred of them, so
the texts are held as parallel lists (paths, raws, roles, outs) and a :class:`Text` record is made
only for a text a check looks at: a record for each text cost lint 1.5 ms at that size.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from lawgov_report.compose.numbering import LEVEL_OF_STYLE, child_style
from lawgov_report.source.model import Report, Section


@dataclass(slots=True)
class Text:
    """One clerk text: where it is, what it is, and what it renders as."""

    path: tuple
    raw: str
    role: str  # title heading body point attachment recipient signature note
    out: str = ""
    level: int = 0
    run_in: bool = False
    has_body: bool = False  # paragraphs or sub-sections follow
    runs_in: bool = False  # its first paragraph is printed in the heading's own paragraph


class ClerkTexts:
    """Every text of a report in document order (as build lays them out), as parallel lists."""

    def __init__(self, entries: list[tuple], headings: dict[int, tuple], points: list[int], titles: range,
                 empty_paragraphs: list[tuple]):
        # entries: (path, raw, role) of each text; headings: index -> (level, run_in, has_body,
        # runs_in); points, titles: the indices of those texts; empty_paragraphs: the paths of the
        # paragraphs with no text, points or tail (found on the way: a second walk through the
        # sections for them cost a 50x report's lint a tenth of its time)
        self.paths, self.raws, self.roles = (list(column) for column in zip(*entries)) if entries else ([], [], [])
        self.headings, self.points, self.titles = headings, points, titles
        self.empty_paragraphs = empty_paragraphs
        self.outs: list[str] = list(self.raws)  # what each text renders as (see render)

    def __len__(self) -> int:
        return len(self.paths)

    def text(self, i: int) -> Text:
        """The record of the ``i``-th text."""
        return Text(self.paths[i], self.raws[i], self.roles[i], self.outs[i], *self.headings.get(i, ()))

    def heading_outs(self) -> list[str]:
        """What the headings render as, in document order."""
        return [self.outs[i] for i in self.headings]


def clerk_texts(report: Report, template) -> ClerkTexts:
    """Every text of the report with its role, in document order (as build lays them out)."""
    entries = [(("title", i), t, "title") for i, t in enumerate(report.title)]
    entries += [(("recipient",), report.recipient, "recipient")] if report.recipient else []
    entries += [(("preamble", i), t, "body") for i, t in enumerate(report.preamble)]
    headings: dict[int, tuple] = {}
    points: list[int] = []
    empty: list[tuple] = []
    run_in_default = list(template.option("run_in", [False, True, True, True])) if template else [False] + [True] * 3
    for i, section in enumerate(report.sections):
        _section_texts(entries, headings, points, empty, section, ("sections", i), 1, run_in_default)
    entries += [(("closing", i), t, "body") for i, t in enumerate(report.closing)]
    entries += [(("attachments", i), t, "attachment") for i, t in enumerate(report.attachments)]
    entries += [(("signature",), report.signature, "signature")] if report.signature else []
    entries += [(("note",), report.note, "note")] if report.note else []
    return ClerkTexts(entries, headings, points, range(len(report.title)), empty)


def _section_texts(entries: list[tuple], headings: dict, points: list, empty: list, section: Section, path: tuple,
                   level: int, run_in_default: list) -> None:
    """A section's texts, then its sub-sections', appended to ``entries`` in document order."""
    run_in = section.run_in if section.run_in is not None else run_in_default[min(level, 4) - 1]
    headings[len(entries)] = (level, bool(run_in), bool(section.paragraphs or section.sections),
                              bool(run_in and section.paragraphs))
    entries.append((path + ("title",), section.title, "heading"))
    for j, p in enumerate(section.paragraphs):
        at = path + ("paragraphs", j)
        entries.append((at + ("text",), p.text, "body"))
        if p.points:
            points += range(len(entries), len(entries) + len(p.points))
            at_points = at + ("points",)
            entries += [(at_points + (k,), t, "point") for k, t in enumerate(p.points)]
        if p.tail:
            entries.append((at + ("tail",), p.tail, "body"))
        if not (p.text.strip() or p.points or p.tail.strip()):  # (for lint's _structure)
            empty.append(at)
    child_level = LEVEL_OF_STYLE[child_style(section.numbering, level)]
    for j, child in enumerate(section.sections):
        _section_texts(entries, headings, points, empty, child, path + ("sections", j), child_level, run_in_default)


def render(texts: ClerkTexts, report: Report, figures: dict, rendered: dict) -> None:
    """Render each text as the document will show it (``texts.outs``); a text that fails keeps its
    raw form (its error is reported by build).

    A text build has already rendered is taken from ``rendered``: rendering it again in the
    sandbox was a third of lint's time. Build's texts also see the name ``__failed__`` (its list of
    failed figures), which lint's never did: a text that names it is rendered here, as before."""
    from lawgov_report.compose.build import text_renderer
    from lawgov_report.compose.texts import TextError

    context = None
    renderer = text_renderer()
    outs, paths = texts.outs, texts.paths
    for i, raw in enumerate(texts.raws):
        if "{" not in raw:
            continue  # nothing to render: the renderer would return it as it is
        out = None if "__failed__" in raw else rendered.get(paths[i])
        if out is None:
            if context is None:
                context = {"year": report.year, "issuer": report.issuer, "figures": figures, **figures}
                context.update({name: f"〔{name}〕" for name in report.figures if name not in figures})
            try:
                out = renderer.render(raw, context)
            except TextError:
                out = raw
        outs[i] = out


class Joined:
    """Texts joined by newlines, so that one search finds what a search in each text would.

    Used with patterns that cannot match a newline: the newline between two texts then looks to
    their look-arounds as a text's edge does, and each finds in the joined texts exactly what it
    finds in the texts one by one (one search over 2,700 texts costs a fiftieth of 2,700 searches)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.text = "\n".join(texts)
        self.starts = list(accumulate((len(text) + 1 for text in texts), initial=0))

    def owner(self, at: int) -> int:
        """The index of the text that holds character ``at`` of the joined text."""
        return bisect_right(self.starts, at) - 1

    def holding(self, pattern) -> set[int]:
        """The indices of the texts in which ``pattern`` (a compiled regex) finds something."""
        return {bisect_right(self.starts, m.start()) - 1 for m in pattern.finditer(self.text)}

    def holding_any(self, needles) -> set[int]:
        """The indices of the texts that hold any of ``needles`` (strings without a newline; or
        the characters of one string): str.find over the joined text for each, three times as
        fast as a regex character class."""
        found, text, starts = set(), self.text, self.starts
        for needle in needles:
            at = text.find(needle)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(i)
                at = text.find(needle, starts[i + 1])  # on from the next text
        return found
