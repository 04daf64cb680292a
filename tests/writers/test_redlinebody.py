"""A body cut into its elements' texts (writers.redlinebody) reads as the body parsed whole, and a
redline made from it is the one made from the parsed body."""

from __future__ import annotations

import random

import pytest

from lawgov_report import document as d
from lawgov_report.writers import docx as docx_writer
from lawgov_report.writers import ooxml as x
from lawgov_report.writers import redline, redlinebody, redlinerows
from lawgov_report.writers.docxbody import element_text, main_elements, xml
from lawgov_report.writers.redline import _Redliner, _without_root_declarations

HEAD = f'<w:document {x.NSDECL}><w:body>'.encode()
TAIL = b"</w:body></w:document>"
WORDS = "依法行政执法监督复议应诉普法宣传。，12.5 ABC&<>\"'"


def _text(rng: random.Random, length: int, words: str = WORDS) -> str:
    return "".join(rng.choice(words) for _ in range(length))


def _document(rng: random.Random, count: int, breaks: bool = False) -> d.Document:
    blocks = []
    for i in range(count):
        kind = rng.choice([d.BODY, d.BODY, d.HEADING, d.TABLE])
        if kind == d.TABLE:
            blocks.append(d.Block(d.TABLE, table=d.Table(["指标", "数值"], [[_text(rng, 4), str(i)]], [3000, 2000],
                                                         numeric=[False, True])))
        elif kind == d.HEADING:
            blocks.append(d.Block(d.HEADING, [d.Span("一、", generated=True), d.Span(_text(rng, 6))], level=1))
        else:
            blocks.append(d.Block(d.BODY, [d.Span(_text(rng, rng.randint(0, 40), WORDS + "\n" if breaks else WORDS))]))
    return d.Document(blocks, {"issuer": "县政府", "year": 2020, "title": "标题"})


@pytest.mark.parametrize("seed", range(6))
def test_the_pieces_are_the_parsed_bodys_elements(seed):
    rng = random.Random(seed)
    markup, tables = redlinerows.cut_tables(docx_writer.body_xml(_document(rng, 30, breaks=True)))
    assert tables  # (each table's place an empty <w:tbl/>: what split takes)
    pieces = redlinebody.split(markup)
    elements = main_elements(HEAD + markup.encode() + TAIL)
    assert pieces is not None and len(pieces) == len(elements)
    body = redlinebody.TextBody(pieces, HEAD, TAIL)
    body.parse(range(0, len(pieces), 3))  # some parsed together, the others one at a time
    for i, element in enumerate(elements):
        assert body.tag(i) == element.tag
        assert xml(body[i]) == xml(element)
        if element.tag.endswith("}p"):
            assert body.text(i) == element_text(element)


@pytest.mark.parametrize("markup", [
    "<w:p><w:r><w:t>a</w:t></w:r></w:p> <w:p/>",  # text between elements
    "<w:p><w:txbxContent><w:p/></w:txbxContent></w:p>",  # a paragraph inside another
    "<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt>",  # an element the writer does not make
    "<w:p><w:r><w:t>&#26126;</w:t></w:r></w:p>",  # a character reference
    "<w:p><w:r><w:t>a</w:t></w:r>",  # unclosed
])
def test_a_body_not_the_writers_is_not_cut(markup):
    assert redlinebody.split(markup) is None


@pytest.mark.parametrize("seed", range(8))
def test_a_redline_from_the_pieces_is_the_one_from_the_parsed_body(seed, monkeypatch):
    """Byte for byte, for paragraphs of one run. (An unchanged paragraph the writer made of several
    runs, a line break in a run of its own, is written as the writer made it; parsed, its runs
    were merged.)"""
    rng = random.Random(seed)
    old = _document(rng, 25)
    blocks = list(old.blocks)
    for _ in range(4):  # paragraphs reworded, removed, added
        at = rng.randrange(len(blocks))
        if blocks[at].kind == d.BODY and rng.random() < 0.6:
            blocks[at] = d.Block(d.BODY, [d.Span(blocks[at].text[:5] + _text(rng, 3) + blocks[at].text[5:])])
        elif rng.random() < 0.5:
            del blocks[at]
        else:
            blocks.insert(at, d.Block(d.BODY, [d.Span(_text(rng, 20))]))
    new = d.Document(blocks, old.meta)
    class Main:
        head, tail = HEAD, TAIL

    def made() -> str:
        old_body, old_tables = redline._taken_apart(old, Main)
        new_body, new_tables = redline._taken_apart(new, Main)
        body = _Redliner("甲", "2021-01-02T03:04:05Z").body(
            old_body, new_body, docx_writer_items(old, old_body, old_tables), docx_writer_items(new, new_body, new_tables),
            old_tables, new_tables)
        return _without_root_declarations(body, HEAD), type(old_body).__name__

    fast, kind = made()
    assert kind == "TextBody"
    monkeypatch.setattr(redlinebody, "split", lambda markup: None)  # the body parsed whole
    monkeypatch.setattr(redlinebody, "writers_paragraphs", lambda pieces: None)
    slow, kind = made()
    assert kind == "ElementBody"
    assert fast == slow


def docx_writer_items(document, body, tables):
    from lawgov_report.writers.docxbody import match_items

    return match_items(document, body, tables)


@pytest.mark.parametrize("seed", range(6))
def test_a_plain_paragraph_read_from_its_text_is_as_parsed(seed):
    """plain_paragraph gives what lxml reads (docxbody.run_tokens, the properties), but for the
    namespace declarations lxml adds to an element taken alone, which a redline removes anyway."""
    from lawgov_report.writers.docxbody import W, bare, run_tokens

    rng = random.Random(seed)
    markup, _ = redlinerows.cut_tables(docx_writer.body_xml(_document(rng, 40)))
    pieces = redlinebody.split(markup)
    elements = main_elements(HEAD + markup.encode() + TAIL)
    read = 0
    for piece, element in zip(pieces, elements):
        plain = redlinebody.plain_paragraph(piece, "")
        if plain is None:
            continue
        read += 1
        properties, tokens = plain
        ppr = element.find(f"{W}pPr")
        assert (properties.text if properties else None) == (bare(xml(ppr)) if ppr is not None else None)
        assert tokens == [(bare(rpr), kind, text) for rpr, kind, text in run_tokens(element, units=False)]
    assert read > 20  # (body text and run-in headings are read so; a line break is left to lxml)
    assert redlinebody.plain_paragraph('<w:p><w:r><w:t xml:space="preserve">a</w:t><w:br/></w:r></w:p>', "") is None
    assert redlinebody.plain_paragraph('<w:p><w:pPr></w:pPr></w:p>', "") is None  # (lxml writes <w:pPr/>)


def _read_as_writers(pieces: list[str]) -> list | None:
    """The texts and plain_paragraph of pieces taken as the writer's (writers_paragraphs), read
    through a TextBody; None where they are not."""
    found = redlinebody.writers_paragraphs(pieces)
    if found is None:
        return None
    body = redlinebody.TextBody(pieces, HEAD, TAIL, "d", found)
    return [(body.text(i), body.plain(i)) for i in range(len(pieces))]


def _read_by_split(pieces: list[str]) -> list:
    body = redlinebody.TextBody(pieces, HEAD, TAIL, "d")
    return [(body.text(i), body.plain(i)) for i in range(len(pieces))]


@pytest.mark.parametrize("seed", range(6))
def test_the_writers_paragraphs_are_read_piece_by_piece_as_split_and_parsed(seed):
    """writers_paragraphs takes the writer's pieces as they are only where split makes nothing
    else of them, and its matches read the texts lxml reads and what plain_paragraph reads; a piece
    of any other kind sends them all to split."""
    rng = random.Random(seed)
    document = _document(rng, 40, breaks=seed % 2 == 1)
    document.blocks.insert(0, d.Block(d.BODY, [d.Span("制表符\t与回车\r及&#26126;" + "\x01")]))
    document.blocks.insert(1, d.Block(d.HEADING, [d.Span("一、", generated=True), d.Span("标题&"), d.Span("正文<>。")],
                                      level=2, heading_spans=2))
    pieces = [p for p in docx_writer.body_parts(document, tables=True) if isinstance(p, str)]
    read = 0
    for piece in pieces:
        texts = _read_as_writers([piece])
        if texts is None:
            continue
        read += 1
        assert redlinebody.split(piece) == [piece]
        assert texts == _read_by_split([piece])
        assert texts[0][0] == element_text(main_elements(HEAD + piece.encode() + TAIL)[0])
    assert read > 10  # (headings and body text without a line break)
    whole = _read_as_writers(pieces)
    assert whole is None if read < len(pieces) else whole == _read_by_split(pieces)


@pytest.mark.parametrize("piece, text", [
    ('<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t xml:space="preserve">甲&amp;乙</w:t></w:r></w:p>', "甲&乙"),
    ('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">一、</w:t></w:r><w:r><w:t xml:space="preserve">甲</w:t>'
     '</w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">乙&lt;</w:t></w:r></w:p>', "一、甲乙<"),
    ('<w:p><w:r><w:t xml:space="preserve">一</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t>'
     '</w:r></w:p>', "一"),
    ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>', ""),
    ('<w:p><w:pPr></w:pPr><w:r><w:t xml:space="preserve">甲</w:t></w:r></w:p>', "甲"),  # (not a plain_paragraph)
    ('<w:p><w:r><w:rPr></w:rPr><w:t xml:space="preserve">甲</w:t></w:r></w:p>', "甲"),  # (nor this)
    ('<w:p><w:pPr><w:p/></w:pPr><w:r><w:t xml:space="preserve">甲</w:t></w:r></w:p>', None),  # a paragraph inside
    ('<w:p><w:pPr><w:tbl w:x="1"/></w:pPr></w:p>', None),  # a table's tag
    ('<w:p><w:r><w:rPr><w:br/></w:rPr><w:t xml:space="preserve">甲</w:t></w:r></w:p>', None),  # a line break
    ('<w:p><w:r><w:t xml:space="preserve">&#26126;</w:t></w:r></w:p>', None),  # a character reference
    ('<w:p><w:r><w:t xml:space="preserve">甲\r</w:t></w:r></w:p>', None),  # read back as a line end
    ('<w:p><w:r><w:t xml:space="preserve">甲</w:t><w:t xml:space="preserve">乙</w:t></w:r></w:p>', None),
    ('<w:p><w:r><w:t>甲</w:t></w:r></w:p>', None),  # not as the writer writes a text
])
def test_a_piece_is_read_as_the_writers_only_if_it_is_one(piece, text):
    read = _read_as_writers([piece])
    assert (read[0][0] if read is not None else None) == text
    if text is not None:
        assert redlinebody.split(piece) == [piece] and read == _read_by_split([piece])
