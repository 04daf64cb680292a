"""The order (and uniqueness) the WordprocessingML schema gives the children of property elements.

Word, Word for the web and the Open XML SDK reject a ``w:pPr`` whose ``w:ind`` comes before its
``w:spacing``, or that holds two ``w:ind``; LibreOffice does not care, so nothing we look at shows
it. Instead of relying on every writer to type its fragments in the right order, the writers pass
what they emit through :func:`ordered` (a fragment of XML text, cheap enough for every paragraph)
and the reference document's parts through :func:`normalise` (a parsed tree, once per reference):
children are sorted into the schema's sequence (ECMA-376 Part 1, wml.xsd: CT_PPrBase, CT_RPr,
CT_SectPr, …) and an element that may occur once but was written twice becomes one, the later
one's attributes winning (``<w:ind w:firstLine="0"/><w:ind w:right="630"/>`` →
``<w:ind w:firstLine="0" w:right="630"/>``).
"""

from __future__ import annotations

import re

from lawgov_report.writers.ooxml import W_NS

_PPR_BASE = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
             "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
             "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
             "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle")
_RPR_BASE = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
             "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath")

# Parent element -> its children's sequence. headerReference and footerReference share one rank:
# the schema lets them come in any order among themselves.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": tuple(f"{_PPR_BASE} rPr sectPr pPrChange".split()),
    "rPr": tuple(f"ins del moveFrom moveTo {_RPR_BASE} rPrChange".split()),
    "sectPr": tuple("footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols "
                    "formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
                    "sectPrChange".split()),
    "tblPr": tuple("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
                   "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription "
                   "tblPrChange".split()),
    "tcPr": tuple("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
                  "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange".split()),
    "tblBorders": tuple("top left start bottom right end insideH insideV".split()),
    "tblCellMar": tuple("top left start bottom right end".split()),
    "style": tuple("name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
                   "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr "
                   "tblStylePr".split()),
}
_HEADER_FOOTER = ("headerReference", "footerReference")  # any number, any order, before the rest
_RANKS = {parent: {name: i for i, name in enumerate(names)} for parent, names in SEQUENCES.items()}
# Children that may occur more than once; every other child of these parents occurs at most once.
_REPEATABLE = {"sectPr": set(_HEADER_FOOTER), "style": {"tblStylePr"}}

# --- XML text: one fragment of children, as the writers build it --------------------------------

# Any element; a child in another namespace (w14:…) keeps its prefix and goes last.
_TAG = re.compile(r"<(/?)([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)\b([^>]*?)(/?)>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')


def _split(fragment: str) -> list[tuple[str, str, str]]:
    """Top-level elements of a fragment as (local name, attributes text, whole element)."""
    out, depth, start, name, attrs = [], 0, 0, "", ""
    for m in _TAG.finditer(fragment):
        closing, selfclosing = m.group(1), m.group(5)
        if not closing:
            if depth == 0:
                prefix = m.group(2) or ""
                start, name, attrs = m.start(), m.group(3) if prefix == "w:" else prefix + m.group(3), m.group(4)
            if selfclosing:
                if depth == 0:
                    out.append((name, attrs, fragment[start:m.end()]))
                continue
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                out.append((name, attrs, fragment[start:m.end()]))
    return out


def ordered(parent: str, fragment: str) -> str:
    """The children ``fragment`` of a ``w:<parent>`` in the schema's order, each at most once."""
    ranks = _RANKS[parent]
    children = _split(fragment)
    if len(children) < 2:
        return fragment
    repeatable = _REPEATABLE.get(parent, set())
    kept: dict[str, int] = {}
    merged: list[tuple[str, str]] = []  # (name, xml)
    for name, attrs, element in children:
        if name in kept and name not in repeatable:
            i = kept[name]
            before = merged[i][1]
            if element.endswith("/>") and before.endswith("/>"):  # attributes only: merge them
                both = dict(_ATTR.findall(_split(before)[0][1]))
                both.update(_ATTR.findall(attrs))
                element = f"<w:{name}" + "".join(f' {k}="{v}"' for k, v in both.items()) + "/>"
            merged[i] = (name, element)
            continue
        kept[name] = len(merged)
        merged.append((name, element))
    first = -1 if parent == "sectPr" else len(ranks)
    merged.sort(key=lambda item: first if item[0] in _HEADER_FOOTER else ranks.get(item[0], len(ranks)))
    return "".join(element for _, element in merged)


# --- a parsed part: the reference document's styles, footers, body ----------------------------

_W = f"{{{W_NS}}}"


def normalise(root) -> None:
    """Put the children of every property element under ``root`` (an lxml element) in the
    schema's order, merging an element written twice; in place."""
    for parent in SEQUENCES:
        for element in root.iter(f"{_W}{parent}"):
            _normalise_element(element, parent)


def _local(element) -> str:
    tag = element.tag
    return tag[len(_W):] if isinstance(tag, str) and tag.startswith(_W) else ""


def _normalise_element(element, parent: str) -> None:
    ranks = _RANKS[parent]
    repeatable = _REPEATABLE.get(parent, set())
    seen: dict[str, object] = {}
    for child in list(element):
        name = _local(child)
        if not name or name in repeatable or name not in ranks:
            continue
        if name in seen:
            earlier = seen[name]
            if len(child) == 0 and len(earlier) == 0:
                for key, value in child.attrib.items():
                    earlier.set(key, value)
                element.remove(child)
                continue
            element.remove(earlier)
        seen[name] = child
    first = -1 if parent == "sectPr" else len(ranks)
    children = list(element)
    keyed = sorted(children, key=lambda c: first if _local(c) in _HEADER_FOOTER
                   else ranks.get(_local(c), len(ranks)))
    if keyed != children:
        for child in children:
            element.remove(child)
        element.extend(keyed)


def normalise_part(name: str, data: str | bytes) -> bytes:
    """A package part's bytes; a WordprocessingML part (word/*.xml) with :func:`normalise` applied."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not (name.startswith("word/") and name.endswith(".xml") and _W.encode()[1:-1] in raw):
        return raw
    from lxml import etree

    root = etree.fromstring(raw)
    normalise(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
