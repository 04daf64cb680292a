"""Accepting or rejecting every tracked change of a .docx, as Word does, for tests of the redline.

Independent of the redline writer on purpose: it reads only WordprocessingML. Accept: deleted runs
go, inserted runs stay, a paragraph whose mark is deleted joins the next paragraph (which keeps its
own properties; with no paragraph next, before a table or at the end, the mark stays, as in Word),
deleted table rows go, w:pPrChange is dropped. Reject is the mirror image, with
deleted text (w:delText) becoming text again and w:pPrChange's properties restored.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def body_of(docx: bytes):
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return root.find(f"{W}body")


def _unwrap(element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def resolve(docx: bytes, accept: bool):
    """The body after accepting (or rejecting) every change."""
    body = body_of(docx)
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for tr in list(body.iter(f"{W}tr")):
        marks = tr.find(f"{W}trPr")
        if marks is not None and marks.find(f"{W}{drop}") is not None:
            tr.getparent().remove(tr)
        elif marks is not None:
            for mark in marks.findall(f"{W}{keep}"):
                marks.remove(mark)
    for tbl in list(body.iter(f"{W}tbl")):
        if tbl.find(f"{W}tr") is None:
            tbl.getparent().remove(tbl)
    for wrapper in list(body.iter(f"{W}ins", f"{W}del")):
        if wrapper.getparent().tag in (f"{W}rPr", f"{W}trPr"):
            continue  # marks of paragraphs and rows, handled apart
        if wrapper.tag == f"{W}{drop}":
            wrapper.getparent().remove(wrapper)
        else:
            _unwrap(wrapper)
    if not accept:
        for node in body.iter(f"{W}delText", f"{W}delInstrText"):
            node.tag = f"{W}t" if node.tag == f"{W}delText" else f"{W}instrText"
    for p in list(body.iter(f"{W}p")):
        rpr = p.find(f"{W}pPr/{W}rPr")
        if rpr is None:
            continue
        following = p.getnext()
        if rpr.find(f"{W}{drop}") is not None and following is not None and following.tag == f"{W}p":
            first = next((i for i, c in enumerate(following) if c.tag != f"{W}pPr"), len(following))
            for child in [c for c in p if c.tag != f"{W}pPr"]:
                following.insert(first, child)
                first += 1
            p.getparent().remove(p)
        else:  # kept; or a mark with no paragraph to join (before a table, at the end): Word keeps it
            for mark in rpr.findall(f"{W}{keep}") + rpr.findall(f"{W}{drop}"):
                rpr.remove(mark)
    for change in list(body.iter(f"{W}pPrChange")):
        ppr = change.getparent()
        ppr.remove(change)
        if not accept:
            old = change.find(f"{W}pPr")
            for child in [c for c in ppr if c.tag not in (f"{W}rPr", f"{W}sectPr")]:
                ppr.remove(child)
            for child in reversed(list(old)):
                ppr.insert(0, child)
    leftovers = [e for e in body.iter(f"{W}ins", f"{W}del", f"{W}delText", f"{W}pPrChange")]
    assert not leftovers, [e.tag for e in leftovers]
    return body


def _ppr(p) -> str:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return ""
    ppr = etree.fromstring(etree.tostring(ppr))
    rpr = ppr.find(f"{W}rPr")
    if rpr is not None and len(rpr) == 0:
        ppr.remove(rpr)
    return etree.tostring(ppr, encoding="unicode") if len(ppr) else ""


def _content(p) -> tuple:
    """(run properties, text) pieces, joined where the properties agree."""
    out: list[list] = []
    for r in p.iter(f"{W}r"):
        rpr = r.find(f"{W}rPr")
        rpr_xml = etree.tostring(rpr, encoding="unicode") if rpr is not None else ""
        text = "".join("\n" if n.tag == f"{W}br" else (n.text or "")
                       for n in r if n.tag in (f"{W}t", f"{W}br"))
        if not text:
            continue
        if out and out[-1][0] == rpr_xml:
            out[-1][1] += text
        else:
            out.append([rpr_xml, text])
    return tuple(tuple(piece) for piece in out)


def paragraphs(body) -> list[tuple]:
    """Every paragraph of the body, table cells included: (properties, styled text)."""
    out = []
    for child in body:
        if child.tag == f"{W}p":
            out.append((_ppr(child), _content(child)))
        elif child.tag == f"{W}tbl":
            out.append(("<table>", ()))
            for p in child.iter(f"{W}p"):
                out.append((_ppr(p), _content(p)))
    return out


def texts(body) -> list[str]:
    return ["".join(text for _, text in content) for _, content in paragraphs(body)]
