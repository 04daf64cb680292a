"""The redline (修订稿): NEW rendered in the official format, with Word tracked changes against OLD.

Both reports are written by the ordinary .docx writer; this module compares the two bodies and puts
``w:ins``/``w:del`` (author, date) where they differ, so accepting every change in Word gives exactly
NEW and rejecting every change gives exactly OLD, text and paragraph formatting alike.

- Paragraphs are matched by the clerk's words, not by position, and not by the numbers the engine
  generates (一、（一）, 一是/二是), which shift when a section moves; where they shift, the redline
  still tracks the digits, as a character-level change.
- Inside a changed paragraph the change is by character (Chinese has no spaces; a word-level diff
  would mark whole sentences), with numbers kept whole (18 -> 20, not 1[8->20]).
- A deleted or inserted paragraph marks its paragraph mark too (``w:pPr/w:rPr/w:del|ins``); a
  changed paragraph's formatting is tracked with ``w:pPrChange``; table rows with ``w:trPr``.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, groupby, islice, repeat
from operator import itemgetter

from lxml import etree

from lawgov_report import document as d
from lawgov_report.align import (ADDED, CHANGED, LONG, REMOVED, SAME, Item, align,
                                 fold_short_equal, opcodes)
from lawgov_report.stretches import common_ends
from lawgov_report.writers import ooxml as x
from lawgov_report.writers import redlinebody
from lawgov_report.writers import redlinerows as rows
from lawgov_report.writers.docxbody import LONG_UNIT, UNIT, W, bare, main_elements, match_items, run_tokens, unit_texts, units, xml
from lawgov_report.writers.redlinetable import TableRedliner, _Para, _same_markup, _with_ns


class _Redliner(TableRedliner):
    """Compares two bodies and writes the redline's: runs, paragraphs and their marks (tables: TableRedliner)."""

    def __init__(self, author: str, date: str):
        self.author = author
        self.date = date
        self.next_id = 0
        # A tab or line break in an attribute is written as it is here but read back as a space:
        # rows rebuilt as text (see changed_table) are what lxml writes only without them.
        self.plain_attributes = not any(c in author + date for c in "\t\n\r")

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def revision(self, kind: str, content: str = "") -> str:
        return x.revision(kind, self._id(), self.author, self.date, content)

    # runs

    def runs(self, tokens: list, wrap: str | None = None) -> str:
        """Runs for ``tokens``; ``wrap`` "ins"/"del" marks them inserted or deleted."""
        out, group, rpr = [], [], None

        def flush():
            if group:
                parts: list[tuple[str, str]] = []
                for _, kind, value in group:
                    if kind == "t" and parts and parts[-1][0] == "t":
                        parts[-1] = ("t", parts[-1][1] + value)
                    else:
                        parts.append((kind, value))
                out.append(x.run(rpr, parts, deleted=wrap == "del"))
                group.clear()

        for token in tokens:
            if token[1] == "n":
                flush()
                if wrap != "del":  # bookmarks and the like carry no text; keep NEW's
                    out.append(token[2])
                continue
            if token[0] != rpr:
                flush()
                rpr = token[0]
            group.append(token)
        flush()
        content = "".join(out)
        return self.revision(wrap, content) if wrap and content else content

    def text_runs(self, tokens: list, wrap: str | None = None) -> str:
        """:meth:`runs` of text tokens only (a changed paragraph's stretches): each run of tokens in
        one format one run of their joined text, without regrouping them token by token, which
        took a third of a changed paragraph's time."""
        deleted = wrap == "del"
        if len(tokens) == 1:  # (most stretches)
            content = x.run(tokens[0][0], [("t", tokens[0][2])], deleted)
        else:
            content = "".join(x.run(rpr, [("t", "".join(token[2] for token in group))], deleted)
                              for rpr, group in groupby(tokens, itemgetter(0)))
        return self.revision(wrap, content) if wrap and content else content

    def changed_runs(self, old_p, new_p) -> str:
        """Runs for a paragraph in both: equal units as they are, the rest deleted and inserted."""
        return self.changed_tokens(run_tokens(old_p, units=False), run_tokens(new_p, units=False))

    def changed_tokens(self, old_whole: list, new_whole: list) -> str:
        """:meth:`changed_runs` of two paragraphs' docxbody.run_tokens (``units=False``)."""
        if old_whole == new_whole:  # unchanged (most paragraphs): no units, no diff
            return self.runs(new_whole)
        if _only_text(old_whole) and _only_text(new_whole):
            plain = new_whole[-1][0]  # (the body text's format, after a run-in heading's)
            if len(old_whole) == len(new_whole) and all(o[0] == n[0] for o, n in zip(old_whole, new_whole)):
                return self._changed_trimmed(old_whole, new_whole, plain)
            return self._changed_text(_Texts(old_whole, plain), _Texts(new_whole, plain))
        old_tokens, new_tokens = units(old_whole), units(new_whole)
        if old_tokens == new_tokens:
            return self.runs(new_tokens)
        ops = fold_short_equal(opcodes(old_tokens, new_tokens))
        out = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                out.append(self.runs(new_tokens[j1:j2]))
                continue
            if i2 > i1:
                out.append(self.runs(old_tokens[i1:i2], "del"))
            if j2 > j1:
                out.append(self.runs(new_tokens[j1:j2], "ins"))
        return "".join(out)

    def _changed_text(self, old: "_Texts", new: "_Texts") -> str:
        """:meth:`changed_runs` of two paragraphs of nothing but text (the writer's body text, a
        run-in heading and its text): the units compared as strings (tagged with their format where
        it is not the common one), not as (format, kind, unit) tokens, and each stretch written from
        the texts it spans. The same opcodes (only which units are equal matters to difflib) and
        the same runs; making the tokens' tuples, and regrouping them unit by unit, took two thirds
        of a changed paragraph's time."""
        if old.keys == new.keys:
            return self.text_runs(new.tokens)
        out = []
        for tag, i1, i2, j1, j2 in fold_short_equal(opcodes(old.keys, new.keys)):
            if tag == "equal":
                out.append(self.text_runs(new.between(j1, j2)))
                continue
            if i2 > i1:
                out.append(self.text_runs(old.between(i1, i2), "del"))
            if j2 > j1:
                out.append(self.text_runs(new.between(j1, j2), "ins"))
        return "".join(out)

    def _changed_trimmed(self, old: list, new: list, plain: str) -> str:
        """:meth:`_changed_text` of two paragraphs of text in the same formats, run for run (most
        changed paragraphs, run-in headings and 附件 cells): the same runs, but only what lies
        between their common start and end is cut into units of change and compared. Cutting whole
        paragraphs into units took a changed paragraph a third of its time."""
        old_length, new_length = sum(len(t[2]) for t in old), sum(len(t[2]) for t in new)
        if old_length + new_length > LONG:  # (sentence by sentence first: opcodes on all the units)
            return self._changed_text(_Texts(old, plain), _Texts(new, plain))
        head, tail = _token_ends(old, new)
        if not head and not tail and len(old) == 1 and UNIT.fullmatch(old[0][2]) and UNIT.fullmatch(new[0][2]):
            # One unit a side and nothing in common (a number changed in a 附件 cell: most changed
            # cells): what cutting and comparing them gives, one replaced by the other.
            return self.text_runs(old, "del") + self.text_runs(new, "ins")
        (old_keys, old_at), (new_keys, new_at) = _coded_between(old, new, plain, head, old_length - tail,
                                                                new_length - tail)
        ops = [(tag, old_at[i1], old_at[i2], new_at[j1], new_at[j2])
               for tag, i1, i2, j1, j2 in fold_short_equal(opcodes(old_keys, new_keys))]
        if head:  # (one equal stretch with the middle's own equal start, as opcodes gives it)
            if ops and ops[0][0] == "equal":
                ops[0] = ("equal", 0, ops[0][2], 0, ops[0][4])
            else:
                ops.insert(0, ("equal", 0, head, 0, head))
        if tail:
            if ops and ops[-1][0] == "equal":
                ops[-1] = ("equal", ops[-1][1], old_length, ops[-1][3], new_length)
            else:
                ops.append(("equal", old_length - tail, old_length, new_length - tail, new_length))
        out = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                out.append(self.text_runs(_tokens_between(new, j1, j2)))
                continue
            if i2 > i1:
                out.append(self.text_runs(_tokens_between(old, i1, i2), "del"))
            if j2 > j1:
                out.append(self.text_runs(_tokens_between(new, j1, j2), "ins"))
        return "".join(out)

    # paragraph marks

    def paragraph(self, para: _Para) -> str:
        if para.raw:
            return para.content
        if isinstance(para.new, redlinebody.Properties) or isinstance(para.old, redlinebody.Properties):
            if para.mark == "both" and para.new == para.old:  # (the same text, in the same namespaces)
                return f"<w:p>{para.new.text}{para.content}</w:p>"
            para = _Para(para.content, para.mark, _element(para.new), _element(para.old))
        if para.mark == "both" and para.new is not None and para.old is not None:
            properties = xml(para.new)
            # the same properties (most paragraphs; one element: a table cell alike on both sides)
            if para.old is para.new or properties == xml(para.old):
                return f"<w:p>{properties if len(para.new) else ''}{para.content}</w:p>"
        if para.mark == "both":
            ppr = copy.deepcopy(para.new) if para.new is not None else x.element("pPr")
            old_children = "".join(xml(c) for c in (para.old if para.old is not None else [])
                                   if c.tag not in (f"{W}rPr", f"{W}sectPr", f"{W}pPrChange"))
            new_children = "".join(xml(c) for c in ppr
                                   if c.tag not in (f"{W}rPr", f"{W}sectPr", f"{W}pPrChange"))
            if bare(old_children) != bare(new_children):
                ppr.append(etree.fromstring(_with_ns(x.paragraph_properties_change(
                    self._id(), self.author, self.date, old_children))))
        else:
            source = para.new if para.mark == "ins" else para.old
            ppr = copy.deepcopy(source) if source is not None else x.element("pPr")
            rpr = ppr.find(f"{W}rPr")
            if rpr is None:
                rpr = x.element("rPr")
                anchor = ppr.find(f"{W}sectPr")
                if anchor is None:
                    anchor = ppr.find(f"{W}pPrChange")
                if anchor is not None:
                    anchor.addprevious(rpr)
                else:
                    ppr.append(rpr)
            # Track-change marks come first in a paragraph mark's run properties (CT_ParaRPr).
            rpr.insert(0, etree.fromstring(_with_ns(self.revision(para.mark))))
        ppr_xml = xml(ppr) if len(ppr) else ""
        return f"<w:p>{ppr_xml}{para.content}</w:p>"

    # the body

    def body(self, old_body, new_body, old_items: list[Item], new_items: list[Item],
             old_tables: dict | None = None, new_tables: dict | None = None) -> str:
        """The redline's body. ``old_body``/``new_body``: the elements (writers.redlinebody: a
        paragraph the same to the byte on both sides is written as it stands, never parsed);
        ``old_tables``/``new_tables``: tables kept as text (redlinerows.TextTable) by index, whose
        elements are empty places."""
        old_tables, new_tables = old_tables or {}, new_tables or {}
        steps = align(old_items, new_items)
        unchanged = [_unchanged_piece(step, old_body, new_body) for step in steps]
        plain = [None if piece is not None else _plain_pair(step, old_body, new_body)
                 for step, piece in zip(steps, unchanged)]
        text = [piece is not None or pair is not None for piece, pair in zip(unchanged, plain)]
        old_body.parse(step.old for step, done in zip(steps, text) if not done and step.old is not None)
        new_body.parse(step.new for step, done in zip(steps, text) if not done and step.new is not None)
        self._new_body = new_body
        entries: list = []  # _Para, or the XML of a table (a boundary paragraph marks cannot cross)
        for step, piece, pair in zip(steps, unchanged, plain):
            if piece is not None:
                entries.append(_Para(piece, "both", raw=True, at=step.new))
                continue
            if pair is not None:  # (changed, but read from its text: no lxml)
                (old_properties, old_tokens), (new_properties, new_tokens) = pair
                entries.append(_Para(self.changed_tokens(old_tokens, new_tokens), "both", new_properties,
                                     old_properties))
                continue
            old = old_body[step.old] if step.old is not None else None
            new = new_body[step.new] if step.new is not None else None
            old_text, new_text = old_tables.get(step.old), new_tables.get(step.new)
            if step.kind != ADDED and old_text is not None and (step.kind == REMOVED or new_text is None):
                old = old_text.element()  # (a table the other side lacks, or has not as text)
            if step.kind != REMOVED and new_text is not None and (step.kind == ADDED or old_text is None):
                new = new_text.element()
            if step.kind in (SAME, CHANGED):
                if new.tag == f"{W}p":
                    entries.append(_Para(self.changed_runs(old, new), "both",
                                         new.find(f"{W}pPr"), old.find(f"{W}pPr")))
                elif new.tag == f"{W}tbl" and old_text is not None and new_text is not None:
                    entries.append(new_text.xml if old_text.same_markup(new_text) else
                                   self.text_table(old_text, new_text))
                elif new.tag == f"{W}tbl":
                    old_xml, new_xml = xml(old), xml(new)
                    entries.append(new_xml if _same_markup(old_xml, new_xml) else self.changed_table(
                        old, new, new_xml, old_items[step.old].key[1], new_items[step.new].key[1], old_xml))
                else:
                    entries.append(xml(new))
            elif step.kind == REMOVED:
                if old.tag == f"{W}p":
                    entries.append(_Para(self.runs(run_tokens(old, units=False), "del"), "del", None, old.find(f"{W}pPr")))
                elif old.tag == f"{W}tbl":
                    entries.append(self.table(old, "del"))
            elif step.kind == ADDED:
                if new.tag == f"{W}p":
                    entries.append(_Para(self.runs(run_tokens(new, units=False), "ins"), "ins", new.find(f"{W}pPr"), None))
                elif new.tag == f"{W}tbl":
                    entries.append(self.table(new, "ins"))
                else:
                    entries.append(xml(new))
        return "".join(self.paragraph(e) if isinstance(e, _Para) else e
                       for e in _settle_tails(entries, self._parsed))

    def _parsed(self, para: _Para) -> _Para:
        """A paragraph written as it stands (``raw``) as runs and properties, for its mark to change."""
        if not para.raw:
            return para
        element = self._new_body[para.at]
        properties = element.find(f"{W}pPr")
        return _Para(self.runs(run_tokens(element, units=False)), "both", properties, properties)


# What a unit of change longer than one character is made of (docxbody.unit_texts): a number, a
# Latin word. Only after any other character do two texts' units begin alike whatever follows.
_IN_LONG_UNITS = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _token_ends(old: list, new: list) -> tuple[int, int]:
    """How many characters two paragraphs' text tokens (the same formats, run for run) share at
    their start and then at their end, each stopped where units of change begin alike in both: at
    a token's edge, or after a character not in a number or Latin word."""
    k = 0
    while old[k] == new[k]:  # (the caller has them differ somewhere)
        k += 1
    q = -1
    while old[q] == new[q]:
        q -= 1
    head = sum(len(t[2]) for t in old[:k])
    tail = sum(len(t[2]) for t in old[len(old) + q + 1:])
    a, b = old[k][2], new[k][2]
    if k == len(old) + q:  # one token differs: its common start and end, not overlapping
        start, end = common_ends(a, b)
    else:
        start, end = common_ends(a, b)[0], common_ends(old[q][2], new[q][2])[1]
        a, b = old[q][2], new[q][2]
    while start and old[k][2][start - 1] in _IN_LONG_UNITS:
        start -= 1
    while end and (a[len(a) - end - 1:len(a) - end] in _IN_LONG_UNITS or
                   b[len(b) - end - 1:len(b) - end] in _IN_LONG_UNITS):
        end -= 1
    return head + start, tail + end


def _units_between(tokens: list, plain: str, start: int, end: int) -> tuple[list, list[int]]:
    """The units of change of the tokens' text from character ``start`` to ``end``, as _Texts keys
    (the unit, or (format, unit) in any format but ``plain``), and where each begins (and, last,
    ``end``) in characters."""
    keys: list = []
    at = [start]
    for rpr, _, text in _tokens_between(tokens, start, end):
        pieces = unit_texts(text)
        keys.extend(pieces if rpr == plain else zip(repeat(rpr), pieces))
        at.extend(islice(accumulate(map(len, pieces), initial=at[-1]), 1, None))
    return keys, at


# Characters no text read from XML holds (lone surrogates): the codes of the longer units.
_CODES = re.compile("[\ud800-\udfff]")


def _coded_between(old: list, new: list, plain: str, start: int, old_end: int, new_end: int) -> tuple:
    """:func:`_units_between` of both paragraphs, from ``start`` to each end; where each side's
    stretch lies in one token of the ``plain`` format, its units as a string (_Coded): each unit
    of one character itself, each longer one a code of its own. difflib gives the same opcodes
    (only which units are equal matters). Cutting a middle into a list of units took a regex match
    a character, half of a changed paragraph's comparison."""
    old_tokens, new_tokens = _tokens_between(old, start, old_end), _tokens_between(new, start, new_end)
    if (len(old_tokens) == len(new_tokens) == 1 and old_tokens[0][0] == new_tokens[0][0] == plain
            and not _CODES.search(old_tokens[0][2]) and not _CODES.search(new_tokens[0][2])):
        codes: dict = {}
        old_coded, new_coded = _Coded(old_tokens[0][2], start, codes), _Coded(new_tokens[0][2], start, codes)
        if len(codes) <= 0x800:
            return (old_coded.text, old_coded), (new_coded.text, new_coded)
    return _units_between(old, plain, start, old_end), _units_between(new, plain, start, new_end)


class _Coded:
    """A text as a string of one character a unit of change (a number or Latin word coded as one
    character of ``codes``, shared by the texts compared); indexed by a unit, where it begins in
    characters (from ``start``), as _units_between's list."""

    def __init__(self, text: str, start: int, codes: dict):
        self.start = start
        self.units_at: list[int] = []  # the index of each unit longer than a character
        self.beyond = [0]  # the characters past one a unit, in the longer units before each of those

        def coded(match) -> str:
            unit = match[0]
            if len(unit) == 1:
                return unit
            self.units_at.append(match.start() - self.beyond[-1])
            self.beyond.append(self.beyond[-1] + len(unit) - 1)
            return codes.setdefault(unit, chr(0xD800 + len(codes)))

        self.text = LONG_UNIT.sub(coded, text)  # (what it finds of one character is a unit all the same)

    def __getitem__(self, unit: int) -> int:
        return self.start + unit + self.beyond[bisect_left(self.units_at, unit)]


def _tokens_between(tokens: list, start: int, end: int) -> list:
    """The text tokens from character ``start`` to ``end`` of their joined text, cut there."""
    out, at = [], 0
    for rpr, kind, text in tokens:
        if at >= end:
            break
        if at + len(text) > start:
            out.append((rpr, kind, text[max(start - at, 0):end - at]))
        at += len(text)
    return out


def _only_text(tokens: list) -> bool:
    return bool(tokens) and all(token[1] == "t" for token in tokens)


class _Texts:
    """A paragraph's text tokens cut into units of change: ``keys``, one per unit (the unit itself
    in the ``plain`` format, (format, unit) in any other), and the tokens a stretch of units spans."""

    def __init__(self, tokens: list, plain: str):
        self.tokens = tokens
        self.keys: list = []
        self.first = [0]  # the index of each token's first unit (and, last, the number of units)
        self.ends = []  # each token's units' ends in its text
        for rpr, _, text in tokens:
            pieces = unit_texts(text)
            self.keys.extend(pieces if rpr == plain else zip(repeat(rpr), pieces))
            self.first.append(self.first[-1] + len(pieces))
            self.ends.append(list(accumulate(map(len, pieces), initial=0)))

    def between(self, start: int, end: int) -> list:
        """The tokens of units ``start`` to ``end``, cut where the stretch begins and ends in them."""
        out = []
        token = bisect_right(self.first, start) - 1
        while token < len(self.tokens) and self.first[token] < end:
            rpr, kind, text = self.tokens[token]
            first = self.first[token]
            ends = self.ends[token]
            out.append((rpr, kind, text[ends[max(start - first, 0)]:ends[min(end - first, len(ends) - 1)]]))
            token += 1
        return out


def _unchanged_piece(step, old_body, new_body) -> str | None:
    """The paragraph's text when a step's paragraph is the same to the byte on both sides."""
    if step.old is None or step.new is None:
        return None
    piece = new_body.piece(step.new)
    if piece is None or not piece.startswith("<w:p") or piece != old_body.piece(step.old):
        return None
    return piece


def _plain_pair(step, old_body, new_body) -> tuple | None:
    """A paragraph in both bodies, both of properties and runs of text only, each as its properties
    and run tokens read from its text (redlinebody.plain_paragraph); None otherwise."""
    if step.old is None or step.new is None:
        return None
    old_piece, new_piece = old_body.piece(step.old), new_body.piece(step.new)
    if old_piece is None or new_piece is None or not new_piece.startswith("<w:p"):
        return None
    old = old_body.plain(step.old)
    new = new_body.plain(step.new) if old is not None else None
    return (old, new) if new is not None else None


def _element(properties):
    """Paragraph properties as lxml's element (None: none)."""
    return properties.element() if isinstance(properties, redlinebody.Properties) else properties


def _settle_tails(entries: list, parsed) -> list:
    """Make the last paragraph before a table, and at the end, exist in both OLD and NEW.

    A deleted paragraph mark joins its paragraph to the next one; before a table or at the end of
    the body there is no next one, so a run of paragraphs only OLD has (or only NEW has) there would
    leave an empty paragraph behind on accepting (rejecting). The run is settled as Word itself
    does it: its last paragraph keeps a mark that survives both, carrying NEW's properties and OLD's
    in a w:pPrChange, and the mark of the paragraph before it is the one deleted (inserted).
    ``parsed``: a paragraph written as it stands, as runs and properties (redliner._parsed).
    """
    out: list = []
    group: list[_Para] = []

    def settle():
        if not group:
            return
        last_both = max((i for i, p in enumerate(group) if p.mark == "both"), default=-1)
        tail = group[last_both + 1:]
        dels = [p for p in tail if p.mark == "del"]
        inses = [p for p in tail if p.mark == "ins"]
        if dels and inses:
            fused = _Para(dels[-1].content + inses[-1].content, "both", inses[-1].new, dels[-1].old)
            group[last_both + 1:] = dels[:-1] + inses[:-1] + [fused]
        elif tail and last_both >= 0:
            before = parsed(group[last_both])
            if dels:
                group[last_both:] = [_Para(before.content, "del", None, before.old), *dels[:-1],
                                     _Para(dels[-1].content, "both", before.new, dels[-1].old)]
            else:
                group[last_both:] = [_Para(before.content, "ins", before.new, None), *inses[:-1],
                                     _Para(inses[-1].content, "both", inses[-1].new, before.old)]
        # else: nothing in both to lean on (a body wholly replaced): an empty paragraph remains
        out.extend(group)
        group.clear()

    for entry in entries:
        if isinstance(entry, _Para):
            group.append(entry)
        else:
            settle()
            out.append(entry)
    settle()
    return out


def _root_declarations(document: bytes) -> list[str]:
    """The namespace declarations on the root element (w:document) of a main document part."""
    root_tag = re.search(rb"<w:document\b[^>]*>", document)
    return re.findall(r' xmlns:\w+="[^"]*"', root_tag.group(0).decode("utf-8")) if root_tag else []


def _without_root_declarations(body_xml: str, document: bytes) -> str:
    """``body_xml`` without the namespace declarations the document's root already makes (elements
    taken from another tree carry their own ``xmlns:r``), as lxml would have serialized it."""
    declared = _root_declarations(document)
    if not declared:
        return body_xml

    # Each tag holding a declaration (what re.sub(r"<[^<>]*\bxmlns:[^<>]*>") would match), found from
    # the declarations themselves by plain search: that pattern (or any starting with \b, which
    # defeats the regex engine's literal search) took 60 ms on a 50x report's 2.7 MB body.
    out, done, at = [], 0, -1
    cleaned: dict[str, str] = {}
    while (at := body_xml.find("xmlns:", at + 1)) >= 0:
        if at < done or at and (body_xml[at - 1].isalnum() or body_xml[at - 1] == "_"):
            continue  # in a tag already cleaned; not at a word's start (\b)
        start, end = body_xml.rfind("<", done, at), body_xml.find(">", at)
        if start < 0 or end < 0 or body_xml.find(">", start, at) >= 0 or body_xml.find("<", at, end) >= 0:
            continue  # not inside a tag (text)
        tag = body_xml[start:end + 1]
        if tag not in cleaned:  # (the same few tags over and over: every w:pPr and w:tr taken alone)
            cleaned[tag] = functools.reduce(lambda text, declaration: text.replace(declaration, ""), declared, tag)
        out += [body_xml[done:start], cleaned[tag]]
        done = end + 1
    out.append(body_xml[done:])
    return "".join(out)


def _taken_apart(document: d.Document, main) -> tuple[object, dict]:
    """A body's elements (writers.redlinebody: as text where it can be, parsed where asked), and
    its tables kept as text (redlinerows.TextTable) by index: the writer's own row by row, any other
    cut out of the text where it can be (redlinerows.cut_tables)."""
    from lawgov_report.writers import docx as docx_writer

    parts = docx_writer.body_parts(document, tables=True)
    declared = redlinebody.declarations(main.head, main.tail)
    pieces: list[str] = []
    matches: list = []  # each paragraph's, where read as the writer's (redlinebody.writers_paragraphs)
    tables: dict = {}
    text: list[str] = []
    for part in [*parts, None]:
        if isinstance(part, str):
            text.append(part)
            continue
        if part is not None and not part.opening.startswith("<w:tbl>"):
            text.append(part.xml())  # (not as the writer makes its tables today: cut from the text)
            continue
        read = redlinebody.writers_paragraphs(text) if text else None
        if read is not None:  # (each piece one paragraph: nothing to join and cut again)
            pieces += text
            matches += read
            text.clear()
        elif text:
            cut, texts = rows.cut_tables("".join(text))
            found = redlinebody.split(cut)
            places = [i for i, piece in enumerate(found or ()) if piece == "<w:tbl/>"]
            if found is None or len(places) != len(texts):
                return _parsed_whole(parts, main)
            tables.update((len(pieces) + i, rows.TextTable(table, declared)) for i, table in zip(places, texts))
            pieces += found
            matches += [None] * len(found)
            text.clear()
        if part is not None:
            tables[len(pieces)] = rows.TextTable.of_rows(part.opening, part.rows, part.cells, declared)
            pieces.append("<w:tbl/>")
            matches.append(None)
    return redlinebody.TextBody(pieces, main.head, main.tail, declared, matches), tables


def _parsed_whole(parts: list, main) -> tuple[object, dict]:
    """:func:`_taken_apart` of a body not cut as text: parsed whole, its tables kept as text where
    they can be."""
    body_xml = "".join(part if isinstance(part, str) else part.xml() for part in parts)
    cut, texts = rows.cut_tables(body_xml)
    if texts:
        elements = main_elements(main.head + cut.encode("utf-8") + main.tail)
        tables = rows.attach(elements, texts, xml)
        if tables is not None:
            return redlinebody.ElementBody(elements), tables
    return redlinebody.ElementBody(main_elements(main.head + body_xml.encode("utf-8") + main.tail)), {}


def to_bytes(old: d.Document, new: d.Document, old_reference: bytes, new_reference: bytes,
             author: str = "lawgov-report", when: datetime.datetime | None = None) -> bytes:
    """The redline .docx: NEW in the official format, tracked against OLD.

    Each body is taken apart from the writer's XML as it would stand in word/document.xml, not from
    a .docx written and read back; the redline's body goes into NEW's package as the writer
    assembles it (its other parts deflated once per process). Writing both packages, unzipping
    them and re-deflating every part of NEW's cost a 50x report's redline a sixth of its time."""
    from lawgov_report.writers import docx as docx_writer, package

    old_main, new_main = package.load_reference(old_reference), package.load_reference(new_reference)
    old_body, old_tables = _taken_apart(old, old_main)
    new_body, new_tables = _taken_apart(new, new_main)
    when = when or package.moment()  # the revisions' date: SOURCE_DATE_EPOCH, as the core properties
    date = when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    redliner = _Redliner(author, date)
    redliner.root_declarations = tuple(_root_declarations(new_main.head))
    body = redliner.body(old_body, new_body, match_items(old, old_body, old_tables),
                         match_items(new, new_body, new_tables), old_tables, new_tables)
    return docx_writer.to_bytes(new, new_reference, body=_without_root_declarations(body, new_main.head))
