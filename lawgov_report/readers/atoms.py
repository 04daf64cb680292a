"""A rendered paragraph as atoms (原子片段) of known origin, and a reviewer's text laid over them.

An atom is a stretch of a rendered paragraph the engine can account for: a generated number
(heading number, 一是), wording of the template, a piece the clerk typed into a YAML text, or what one
``{{ expr }}`` printed (a figure's value). Given the paragraph as the reviewer left it, :func:`lay`
says what became of each atom, by a diff of units (a number, 58,000 or 12.5, is one unit, as in the
redline; so is a run of Chinese numerals; any other character is a unit of its own): unchanged
stretches map one to one, and a change falls to the atom it lies in. Numbers are whole so that
56 -> 60 or 15 -> 150 is one change of the figure's number, never a kept 5 or 15 with a digit
given to the text beside it. An insertion at the border of two atoms goes to the clerk's text on
its left when there is one, so a sentence added at the end of an item stays in that item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgov_report import document as d
from lawgov_report.align import whole_opcodes

GENERATED, FIXED, LITERAL, FIGURE, OPAQUE = "gen", "fixed", "lit", "fig", "opaque"
MARKER = re.compile(r"^[一二三四五六七八九十百]+是$")
# The units of change: a number (with its thousands commas and decimals), a Latin word, a run of
# Chinese numerals (四 -> 十四 is one change), any other character.
_UNITS = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|[A-Za-z]+|[零〇一二两三四五六七八九十百千万亿]+|.", re.S)


@dataclass
class Atom:
    """One stretch of a rendered paragraph and where it came from."""

    text: str
    kind: str
    path: tuple | None = None  # the YAML text it belongs to (LITERAL, FIGURE, OPAQUE)
    expr: str | None = None  # FIGURE: the expression that printed it
    source: str | None = None  # the whole YAML text it belongs to, as written

    @property
    def editable(self) -> bool:
        return self.kind == LITERAL


def atoms_of(block: d.Block) -> list[Atom]:
    """The atoms of a block built with provenance."""
    out: list[Atom] = []
    for span in block.spans:
        if span.generated:
            out.append(Atom(span.text, GENERATED))
        elif span.origin is None:
            out.append(Atom(span.text, FIXED))
        elif span.origin.pieces is None:
            out.append(Atom(span.text, OPAQUE, span.origin.path, source=span.origin.source))
        else:
            for text, expr in span.origin.pieces:
                out.append(Atom(text, LITERAL if expr is None else FIGURE, span.origin.path, expr,
                                span.origin.source))
    return out


def units(text: str) -> list[str]:
    """``text`` cut into units of change (a number, a Latin word, a run of Chinese numerals, a character)."""
    return _UNITS.findall(text)


def occurrences(text: str, part: str) -> list[int]:
    """Where ``part`` occurs in ``text`` as whole units (58 is not in 580), in units."""
    whole, inner = units(text), units(part)
    if not inner:
        return []
    return [k for k in range(len(whole) - len(inner) + 1) if whole[k:k + len(inner)] == inner]


def around(text: str, part: str) -> tuple[str, str] | None:
    """``text`` cut around its one occurrence of ``part`` as whole units, or None."""
    found = occurrences(text, part)
    if len(found) != 1:
        return None
    whole = units(text)
    start = sum(len(u) for u in whole[:found[0]])
    return text[:start], text[start + len(part):]


def lay(atoms: list[Atom], new: str) -> list[str]:
    """What each atom became in ``new`` (the reviewed text of the atoms' paragraph, or part of it)."""
    if "".join(a.text for a in atoms) == new:
        return [a.text for a in atoms]
    old_units: list[str] = []
    bounds = [0]  # each atom's end, in units: an atom is cut into units on its own, so it ends on one
    for atom in atoms:
        old_units.extend(units(atom.text))
        bounds.append(len(old_units))
    new_units = units(new)
    at = [0]  # where each unit of ``new`` starts, in characters
    for unit in new_units:
        at.append(at[-1] + len(unit))
    ops = whole_opcodes(old_units, new_units)  # (past align.LONG: sentence by sentence first)
    mapped = []
    for k, p in enumerate(bounds):
        if k == 0:
            mapped.append(0)
            continue
        if k == len(bounds) - 1:
            mapped.append(len(new_units))
            continue
        left, right = atoms[k - 1], atoms[k]
        # An insertion exactly here goes to the clerk's text on the left, else to the right.
        prefer_left = left.editable or not right.editable and left.kind == FIGURE
        mapped.append(_map(ops, p, prefer_left))
    for k in range(1, len(mapped)):
        mapped[k] = max(mapped[k], mapped[k - 1])
    return [new[at[mapped[k]]:at[mapped[k + 1]]] for k in range(len(atoms))]


def _map(ops: list, p: int, prefer_left: bool) -> int:
    """Where old position ``p`` (a border between atoms, in units) falls in the new text (in units)."""
    at_insert = [op for op in ops if op[0] == "insert" and op[1] == p]
    if at_insert:
        _, _, _, j1, j2 = at_insert[0]
        return j2 if prefer_left else j1
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" and i1 <= p <= i2:
            return j1 + (p - i1)
        if i1 < p < i2:  # inside a change: as far in as the change allows
            return min(j2, j1 + (p - i1))
        if tag != "equal" and p == i1:
            return j1
        if tag != "equal" and p == i2:
            return j2
    return ops[-1][4] if ops else 0


def split_points(atoms: list[Atom]) -> tuple[list[Atom], list[tuple[Atom, list[Atom]]]]:
    """A paragraph with 一是/二是 as its lead (heading, text before the points) and its points."""
    lead: list[Atom] = []
    points: list[tuple[Atom, list[Atom]]] = []
    for i, atom in enumerate(atoms):
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if (atom.kind == GENERATED and MARKER.match(atom.text) and nxt is not None and nxt.path
                and len(nxt.path) > 1 and nxt.path[-2] == "points"):
            points.append((atom, []))
        elif points:
            points[-1][1].append(atom)
        else:
            lead.append(atom)
    return lead, points


def split_new_points(text: str, marker, first: int = 1) -> tuple[str, list[str]]:
    """The reviewed text of a paragraph cut at its markers 一是, 二是 … in order (from ``first``)."""
    cuts = []
    at = 0
    n = first
    while True:
        found = text.find(marker(n), at)
        if found < 0:
            break
        cuts.append(found)
        at = found + len(marker(n))
        n += 1
    if not cuts:
        return text, []
    lead = text[:cuts[0]]
    points = []
    for k, start in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(text)
        points.append(text[start + len(marker(first + k)):end])
    return lead, points
