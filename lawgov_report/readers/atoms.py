"""A rendered paragraph as atoms (原子片段) of known origin, and a reviewer's text laid over them.

An atom is a stretch of a rendered paragraph the engine can account for: a generated number
(heading number, 一是), wording of the template, a piece the clerk typed into a YAML text, or what one
``{{ expr }}`` printed (a figure's value). Given the paragraph as the reviewer left it, :func:`lay`
says what became of each atom, by a character diff: unchanged stretches map one to one, and a change
falls to the atom it lies in. An insertion at the border of two atoms goes to the clerk's text on
its left when there is one, so a sentence added at the end of an item stays in that item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from lawgov_report import document as d

GENERATED, FIXED, LITERAL, FIGURE, OPAQUE = "gen", "fixed", "lit", "fig", "opaque"
MARKER = re.compile(r"^[一二三四五六七八九十百]+是$")


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


def lay(atoms: list[Atom], new: str) -> list[str]:
    """What each atom became in ``new`` (the reviewed text of the atoms' paragraph, or part of it)."""
    old = "".join(a.text for a in atoms)
    if old == new:
        return [a.text for a in atoms]
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    bounds = [0]
    for atom in atoms:
        bounds.append(bounds[-1] + len(atom.text))
    mapped = []
    for k, p in enumerate(bounds):
        if k == 0:
            mapped.append(0)
            continue
        if k == len(bounds) - 1:
            mapped.append(len(new))
            continue
        left, right = atoms[k - 1], atoms[k]
        # An insertion exactly here goes to the clerk's text on the left, else to the right.
        prefer_left = left.editable or not right.editable and left.kind == FIGURE
        mapped.append(_map(ops, p, prefer_left))
    for k in range(1, len(mapped)):
        mapped[k] = max(mapped[k], mapped[k - 1])
    return [new[mapped[k]:mapped[k + 1]] for k in range(len(atoms))]


def _map(ops: list, p: int, prefer_left: bool) -> int:
    """Where old position ``p`` (a border between atoms) falls in the new text."""
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
