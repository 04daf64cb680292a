"""The frame's sections, laid out without a trip through XML when the frame writes them as shipped.

The document frame (report.xml.j2) writes every section with its recursive ``section`` macro; the
builder then parsed that XML back. At 50 times the seed's size the macro ran 700 times, and
writing, parsing and walking the sections' XML was a third of building the document. A frame whose
``section`` macro is the shipped one, word for word (:data:`SECTION_MACRO`), and which only prints
what the macro writes where it stands (``{{ section(s) }}``, never filtered, captured or passed on),
gets the macro compiled to stand in for itself: called with a section the engine made, it takes a
snapshot of the section (its texts as they are at that moment) and writes ``<section ref="…"/>``,
which the builder lays out from the snapshot exactly as it would have the XML. It spends the work
and counts the output the macro would have (the frame's bounds hold as before). Anything else (a
section the frame made or changed into something else, a text XML would change, a frame that edits
the macro or handles its output) takes the macro as written: a template maintainer edits the frame
as before, and a frame with its own ``section`` macro works as it always did.
"""

from __future__ import annotations

import re
import secrets

from jinja2 import nodes
from markupsafe import Markup, escape

from lawgov_report.compose.appendix import _changed_by_xml

# The shipped frame's section macro (templates/annual-report/report.xml.j2); what the snapshot and
# the builder's layout of it stand in for. tests/compose/test_frame_sections.py keeps them in step.
SECTION_MACRO = """{%- macro section(s) -%}
<section{% if s.numbering %} numbering="{{ s.numbering }}"{% endif %}{% if s.run_in is not none %} run-in="{% if s.run_in %}true{% else %}false{% endif %}"{% endif %}>
<heading>{{ s.title }}</heading>
{% for p in s.paragraphs %}<p>{{ p.text }}{% for point in p.points %}<point>{{ point }}</point>{% endfor %}{{ p.tail }}</p>
{% endfor %}
{% for child in s.sections %}{{ section(child) }}
{% endfor %}
</section>
{%- endmacro -%}"""

# The characters the macro writes around a section's texts: <section>, \n, <heading></heading>, \n,
# </section>; around a paragraph's: <p></p>\n; around a point: <point></point>; after a sub-section: \n.
_SECTION_CHARS, _PARAGRAPH_CHARS, _POINT_CHARS, _CHILD_CHARS = 40, 8, 15, 1
_NUMBERING_CHARS = len(' numbering=""')
_RUN_IN_CHARS = {True: len(' run-in="true"'), False: len(' run-in="false"'), None: 0}
_ESCAPED = re.compile("[&<>\"']")  # what autoescaping lengthens
_STR = {str}
_MAX_DEPTH = 4  # the heading levels a section the engine made may hold (一、（一）1.（1））


def stand_in(ast: nodes.Template, macro: nodes.Macro) -> bool:
    """Compile ``ast``'s ``section`` macro to stand in for itself, when it is ``macro`` and the frame
    only prints what it writes; whether it did."""
    defined = [node for node in ast.find_all(nodes.Macro) if node.name == "section"]
    if len(defined) != 1 or not any(node is defined[0] for node in ast.body) or defined[0] != macro:
        return False
    section = defined[0]
    refused = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport, nodes.EvalContextModifier)
    if any(True for _ in ast.find_all(refused)):
        return False  # its output could reach another template, or be printed unescaped
    for name in ast.find_all(nodes.Name):
        if name.name == "self" or (name.name == "section" and name.ctx != "load"):
            return False  # a block's output taken as a value, or the macro's name given to another thing
    if not _printed_where_it_stands(ast, section, ()):
        return False
    at = section.lineno

    def name(key: str, ctx: str = "load") -> nodes.Name:
        return nodes.Name(key, ctx, lineno=at)

    def on_section(filter_name: str) -> nodes.Filter:
        return nodes.Filter(name("s"), filter_name, [], [], None, None, lineno=at)

    # {% set __section_ref = s|__section_reference__ %}
    # {% if __section_ref %}{{ __section_ref }}{% else %}(the macro as written){{ s|__section_written__ }}{% endif %}
    section.body = [
        nodes.Assign(name("__section_ref", "store"), on_section("__section_reference__"), lineno=at),
        nodes.If(name("__section_ref"), [nodes.Output([name("__section_ref")], lineno=at)], [],
                 [*section.body, nodes.Output([on_section("__section_written__")], lineno=at)], lineno=at),
    ]
    return True


# What ``{{ section(…) }}`` may stand under: its output then goes straight into the frame's.
_STANDING = (nodes.Template, nodes.Block, nodes.If)


def _printed_where_it_stands(node: nodes.Node, macro: nodes.Macro, parents: tuple) -> bool:
    """Whether every use of the name ``section`` under ``node`` is a call with one argument whose
    output is printed where it stands: in an {{ }} of its own, under only {% if %}, {% for %},
    {% block %} and the macro itself."""
    if isinstance(node, nodes.Name) and node.name == "section":
        call = parents[-1] if parents else None
        output = parents[-2] if len(parents) > 1 else None
        return (isinstance(call, nodes.Call) and call.node is node and len(call.args) == 1 and not call.kwargs
                and call.dyn_args is None and call.dyn_kwargs is None and isinstance(output, nodes.Output)
                and any(n is call for n in output.nodes)
                and all(isinstance(p, _STANDING) or (isinstance(p, nodes.For) and not p.recursive) or p is macro
                        for p in parents[:-2]))
    below = parents + (node,)
    return all(_printed_where_it_stands(child, macro, below) for child in node.iter_child_nodes())


class SectionReferences:
    """One rendering's sections written as references: the sections the engine made (only these are
    taken), the snapshots taken, and the output they stand for beyond the references' own."""

    def __init__(self, views: list[dict]):
        self.views = {id(view): view for view in views}
        self.snapshots: dict[str, tuple] = {}
        self.nonce = secrets.token_hex(8)  # a frame cannot write a reference of its own
        self.represented = 0  # characters of output the references stand for, beyond their own
        self.macro_depth = 0  # sections being written by the macro as written (their sub-sections too)

    def take(self, env, section) -> Markup | None:
        """The reference that stands for ``section`` (its snapshot kept, its cost spent), or None
        where the macro must write it: then it and everything under it is written as written."""
        if self.macro_depth or self.views.get(id(section)) is not section:
            self.macro_depth += 1
            return None
        own_texts: list[str] = []
        taken = self._snapshot(section, 1, len, own_texts)
        texts = "".join(own_texts)
        if taken is None or _changed_by_xml(texts):
            self.macro_depth += 1
            return None
        if _ESCAPED.search(texts):  # measured again as autoescaping writes them (most texts hold none)
            taken = self._snapshot(section, 1, _escaped_length, [])
        snapshot, chars, work = taken
        key = f"{self.nonce}:{len(self.snapshots)}"
        self.snapshots[key] = snapshot
        ref = Markup(f'<section ref="{key}"/>')
        # The macro's loops spend an item each and each of its calls its output; the sandbox spends
        # the reference's own call as it did the macro's.
        env.spend(work - len(ref))
        self.represented += chars - len(ref)
        return ref

    def written(self) -> str:
        """A section written by the macro as written is done."""
        self.macro_depth -= 1
        return ""

    def _snapshot(self, section, depth: int, measure, texts: list[str]):
        """(snapshot, characters the macro writes, work it spends) of a section the engine made,
        its texts added to ``texts``; None if a frame changed it into what the macro would write
        otherwise."""
        if depth > _MAX_DEPTH or type(section) is not dict or "numbering" not in section or "run_in" not in section:
            return None  # (a key the macro reads that is missing is its error to tell; None is a value)
        title, numbering, run_in = section.get("title"), section.get("numbering"), section.get("run_in")
        paragraphs, children = section.get("paragraphs"), section.get("sections")
        if (type(title) is not str or type(paragraphs) is not list or type(children) is not list
                or not (numbering is None or (type(numbering) is str and numbering.isprintable()))
                or not (run_in is None or run_in is True or run_in is False)):
            return None
        own = [title, numbering or ""]  # the section's own texts
        kept = []
        for p in paragraphs:
            if type(p) is not dict:
                return None
            text, points, tail = p.get("text"), p.get("points"), p.get("tail")
            if type(points) is not list:
                return None
            own.append(text)
            own.append(tail)
            own += points
            kept.append((text, tuple(points), tail))
        if set(map(type, own)) != _STR:  # each a str (not missing, not a Markup), told in one pass
            return None
        points_count = len(own) - 2 - 2 * len(paragraphs)
        joined = "".join(own)
        chars = (_SECTION_CHARS + measure(joined) + _PARAGRAPH_CHARS * len(paragraphs) + _POINT_CHARS * points_count
                 + (_NUMBERING_CHARS if numbering else 0) + _RUN_IN_CHARS[run_in])
        work = len(paragraphs) + points_count + len(children)  # the items the macro's loops walk
        texts.append(joined)
        snapped = []
        views = self.views
        for child in children:
            taken = self._snapshot(child, depth + 1, measure, texts) if views.get(id(child)) is child else None
            if taken is None:
                return None
            snapped.append(taken[0])
            chars += taken[1] + _CHILD_CHARS
            work += taken[2]
        return (numbering or None, run_in, title, tuple(kept), tuple(snapped)), chars, work + chars


def _escaped_length(text: str) -> int:
    return len(escape(text))
