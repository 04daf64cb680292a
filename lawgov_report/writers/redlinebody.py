"""A body of the writer's as the XML text of its paragraphs and tables, for the redline (修订稿).

The redline compares two bodies element by element. Most paragraphs of a second draft are the same
as the first's, to the byte: those are matched and written out as the text they are, and only the
elements that differ are parsed into lxml. Parsing both bodies of a 50x report whole, reading every
paragraph's runs back and writing them out again took a third of its ``diff -o``.

That holds for the bodies the writer makes (paragraphs and tables side by side, no paragraph inside
another, nothing between them, no character reference): :func:`split` answers None for any other,
and the redline then parses the body whole, as before. The writer's pieces of its plainest kind
(:func:`writers_paragraphs`: nearly every block's) are taken as they come, one a paragraph, their
texts and properties read from the match that took them; any other stretch is joined and split.
"""

from __future__ import annotations

import re

from typing import NamedTuple

from lxml import etree

from lawgov_report.writers.docxbody import P, TBL, W, element_text, xml
from lawgov_report.writers.redlinerows import parse_fragment

_P_OPEN = re.compile(r"<w:p[ >/]")
# What a paragraph's text is made of (docxbody.element_text): a text, a deleted text, a line break.
_TEXT_PARTS = re.compile(r"<w:(?:t|delText)(?: [^<>]*)?>([^<]*)</w:(?:t|delText)>|<w:(?:t|delText)(?: [^<>]*)?/>|(<w:br[ />])")
_EMPTY_TABLE = "<w:tbl/>"  # a table's place, its text kept apart (redlinerows.cut_tables)
# A paragraph of the writer's plainest kind: properties, then runs of text (each with its own
# properties or none). Both kinds of properties hold something: lxml writes an empty one <w:x/>.
# Properties run up to their first closing tag, read a stretch without "<" at a time and never
# backtracked (possessive): each can only end there, and a lookahead at every character, as
# (?:(?!</w:pPr>).)+ has, made the match three times slower (1,100 changed paragraphs and cells at 50x).
_RUN = r'<w:r>(<w:rPr>(?:[^<]++|<(?!/w:rPr>))++</w:rPr>)?<w:t xml:space="preserve">([^<]*+)</w:t></w:r>'
_PLAIN_PARAGRAPH = re.compile(r'<w:p>(<w:pPr>(?:[^<]++|<(?!/w:pPr>))++</w:pPr>)?((?:'
                              + re.sub(r"\((?![?])", "(?:", _RUN) + r')*+)</w:p>')
_PLAIN_RUN = re.compile(_RUN)
# A paragraph as the writer writes nearly every block (headings, body text, titles): properties of
# empty elements only (none a line break, a paragraph or a table), then runs of one text each
# (captured: the paragraph's properties, the first two runs' properties and texts, any others).
# Without a character reference or a carriage return (asked of the whole piece: a class of three
# characters here made the match half as slow again), such a piece is all :func:`split` makes of
# it, and its text (paragraph_text) its runs'.
_EMPTY = r'<w:(?!br[ />]|p[ />]|tbl[ />])[A-Za-z]++(?: [^<>]*)?/>'
_WRITERS_RUN = rf'<w:r>(?:<w:rPr>(?:{_EMPTY})*+</w:rPr>)?<w:t xml:space="preserve">[^<]*+</w:t></w:r>'
_CAPTURED_RUN = rf'<w:r>(<w:rPr>(?:{_EMPTY})*+</w:rPr>)?<w:t xml:space="preserve">([^<]*+)</w:t></w:r>'
_WRITERS_PARAGRAPH = re.compile(rf'<w:p>(<w:pPr>(?:{_EMPTY})*+</w:pPr>)?'
                                rf'(?:{_CAPTURED_RUN}(?:{_CAPTURED_RUN}((?:{_WRITERS_RUN})*+))?)?</w:p>')
_TEXT_OPEN = '<w:t xml:space="preserve">'
# What the writer's escaping leaves in a text: an entity of these five, no character reference.
_ESCAPES = re.compile(r'[^&]*+(?:&(?:amp|lt|gt|quot|apos);[^&]*+)*+')


def split(markup: str) -> list[str] | None:
    """``markup`` (a body's paragraphs and tables' places, as the writer wrote them) cut into its
    elements' texts; None when it holds anything else, or a paragraph inside another."""
    if "&#" in markup or "\r" in markup or "<!" in markup or "<?" in markup:
        return None  # (text lxml would not give back as it stands)
    out: list[str] = []
    at, size = 0, len(markup)
    while at < size:
        if markup.startswith(_EMPTY_TABLE, at):
            end = at + len(_EMPTY_TABLE)
        elif markup.startswith("<w:p", at) and markup[at + 4:at + 5] in (" ", ">", "/"):
            gt = markup.find(">", at)
            if gt < 0:
                return None
            if markup[gt - 1] == "/":
                end = gt + 1
            else:
                close = markup.find("</w:p>", gt)
                if close < 0 or _P_OPEN.search(markup, gt, close) is not None:
                    return None
                end = close + len("</w:p>")
        else:
            return None
        out.append(markup[at:end])
        at = end
    return out


def writers_paragraphs(pieces: list[str]) -> list[re.Match] | None:
    """Each of ``pieces`` matched as a paragraph the way the writer writes nearly every block, or
    None when any is not (then they are joined and :func:`split`). Piece by piece, with its texts
    and properties read from the match (:class:`TextBody`): joining the writer's pieces to split
    them again, and reading every character through _TEXT_PARTS, took a 50x report's redline 3 ms
    a side."""
    out = []
    for piece in pieces:
        found = _WRITERS_PARAGRAPH.fullmatch(piece)
        if found is None or "\r" in piece or "&" in piece and _ESCAPES.fullmatch(piece) is None:
            return None
        out.append(found)
    return out


def _match_text(found: re.Match) -> str:
    """paragraph_text of a piece matched by _WRITERS_PARAGRAPH."""
    text, second, more = found.group(3, 5, 6)
    if text is None:
        return ""
    if second is not None:  # (a run-in heading: its heading's words, then the body text's)
        text += second
        if more:
            text += "".join([part[:part.find("<")] for part in more.split(_TEXT_OPEN)[1:]])
    return _unescaped(text)


def _match_plain(found: re.Match, declarations: str) -> tuple[Properties | None, list] | None:
    """plain_paragraph of a piece matched by _WRITERS_PARAGRAPH, from the match where it has no
    more than two runs (most changed paragraphs: matching and reading it again took 1.7 ms)."""
    if found.group(6):
        return plain_paragraph(found.string, declarations)
    ppr, rpr, text, second_rpr, second = found.group(1, 2, 3, 4, 5)
    if ppr == "<w:pPr></w:pPr>" or rpr == "<w:rPr></w:rPr>" or second_rpr == "<w:rPr></w:rPr>":
        return None  # (properties with nothing in them: not a paragraph _PLAIN_PARAGRAPH takes)
    tokens = [(run_properties or "", "t", _unescaped(run_text))
              for run_properties, run_text in ((rpr, text), (second_rpr, second)) if run_text]
    return (Properties(ppr, declarations) if ppr else None), tokens


def paragraph_text(piece: str) -> str:
    """docxbody.element_text of a paragraph given as its text (no character references: :func:`split`)."""
    out = []
    for text, br in _TEXT_PARTS.findall(piece):
        out.append("\n" if br else text)
    return _unescaped("".join(out))


class Properties(NamedTuple):
    """A paragraph's properties (``<w:pPr>…</w:pPr>``) as the text they stand as in a body whose
    elements are in scope of ``declarations``; parsed only where the redline must look inside.
    (A named tuple: made for each changed paragraph and cell, faster than a frozen dataclass.)"""

    text: str
    declarations: str

    def element(self):
        return parse_fragment(self.text, "pPr", self.declarations)


def plain_paragraph(piece: str, declarations: str) -> tuple[Properties | None, list] | None:
    """A paragraph of properties and runs of text only, as its properties and docxbody.run_tokens
    (``units=False``) read from its text (run properties as text, without the declarations lxml
    would add to them: a redline removes those anyway); None for any other paragraph."""
    found = _PLAIN_PARAGRAPH.fullmatch(piece)
    if found is None:
        return None
    tokens = [(rpr, "t", _unescaped(text)) for rpr, text in _PLAIN_RUN.findall(found.group(2)) if text]
    return (Properties(found.group(1), declarations) if found.group(1) else None), tokens


def _unescaped(text: str) -> str:
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'") \
        .replace("&amp;", "&")


class TextBody:
    """A body's elements as their texts (``pieces``), each parsed into lxml only when asked for,
    in the document they stand in (``head`` and ``tail``: the main part around the body), so that
    it serialises as it would from the whole body parsed."""

    def __init__(self, pieces: list[str], head: bytes, tail: bytes, declarations: str = "",
                 found: list[re.Match | None] | None = None):
        self.pieces = pieces
        self.found = found or [None] * len(pieces)  # each piece's match where it is the writer's plainest
        self.head, self.tail = head, tail
        self.declarations = declarations  # those lxml writes on an element of the body alone
        self._elements: list = [None] * len(pieces)

    def __len__(self) -> int:
        return len(self.pieces)

    def __getitem__(self, i: int):
        if self._elements[i] is None:
            self.parse([i])
        return self._elements[i]

    def parse(self, indices) -> None:
        """Parse the elements at ``indices`` (those not parsed yet), in one document."""
        wanted = sorted({i for i in indices if self._elements[i] is None})
        if not wanted:
            return
        body = etree.fromstring(self.head + "".join(self.pieces[i] for i in wanted).encode("utf-8")
                                + self.tail).find(f"{W}body")
        for i, element in zip(wanted, body):
            self._elements[i] = element

    def tag(self, i: int) -> str:
        return TBL if self.pieces[i] == _EMPTY_TABLE else P

    def text(self, i: int) -> str:
        found = self.found[i]
        return _match_text(found) if found is not None else paragraph_text(self.pieces[i])

    def plain(self, i: int) -> tuple[Properties | None, list] | None:
        """plain_paragraph of the paragraph at ``i``."""
        found = self.found[i]
        return _match_plain(found, self.declarations) if found is not None else \
            plain_paragraph(self.pieces[i], self.declarations)

    def piece(self, i: int) -> str:
        return self.pieces[i]


class ElementBody:
    """A body parsed whole (a list of lxml elements), read as a :class:`TextBody` is."""

    def __init__(self, elements: list):
        self.elements = elements

    def __len__(self) -> int:
        return len(self.elements)

    def __getitem__(self, i: int):
        return self.elements[i]

    def parse(self, indices) -> None:
        pass

    def tag(self, i: int) -> str:
        return self.elements[i].tag

    def text(self, i: int) -> str:
        return element_text(self.elements[i])

    def piece(self, i: int) -> None:
        return None  # (compared the lxml way)

    def plain(self, i: int) -> None:
        return None


def declarations(head: bytes, tail: bytes) -> str:
    """The namespace declarations lxml writes on a body element serialised alone (docxbody.xml)."""
    alone = xml(etree.fromstring(head + _EMPTY_TABLE.encode() + tail).find(f"{W}body")[0])
    return alone[len("<w:tbl"):-2]
