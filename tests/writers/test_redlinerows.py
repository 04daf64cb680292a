"""The redline's faster forms give what the lxml and token forms they replace give, byte for byte:
a table's rows cut from its XML and changed rows rebuilt as text (writers.redlinerows), and a
changed paragraph of text compared as unit strings (redline._Redliner._changed_text)."""

from __future__ import annotations

import random

import pytest
from lxml import etree

from lawgov_report import document as d
from lawgov_report.writers import docx as docx_writer
from lawgov_report.writers import ooxml as x
from lawgov_report.writers import redline, redlinebody
from lawgov_report.writers import redlinerows as rows
from lawgov_report.writers.docxbody import W, cell_texts, main_elements, xml
from lawgov_report.writers.redline import _Redliner, _without_root_declarations

HEAD = (f'<w:document {x.NSDECL} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        f'wordprocessingDrawing"><w:body>').encode()
TAIL = b"</w:body></w:document>"
WORDS = "依法行政执法监督复议应诉普法宣传。，12.5 ABC&<>\"\n"


def _elements(*blocks: d.Block) -> list:
    document = d.Document(list(blocks), {"issuer": "县政府", "year": 2020, "title": "标题"})
    return main_elements(HEAD + docx_writer.body_xml(document).encode() + TAIL)


def _table(rows_: list[list[str | None]]) -> d.Block:
    return d.Block(d.TABLE, table=d.Table(["指标", "数值", "说明"], rows_, [3000, 2000, 4000],
                                          numeric=[False, True, False]))


def _text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(length))


def _edited(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(0, 3)):
        at = rng.randint(0, len(text))
        text = text[:at] + _text(rng, rng.randint(0, 4)) + text[at + rng.randint(0, 3):]
    return text


def test_rows_cut_from_the_table_are_lxmls_rows():
    rng = random.Random(3)
    table = _elements(_table([[_text(rng, 9), _text(rng, 3), None if i % 4 == 1 else _text(rng, 12)]
                              for i in range(40)]))[0]
    cut = rows.split(xml(table), table.findall(f"{W}tr"), xml)
    assert cut is not None and len(cut.spans) == 41
    assert [cut.full(i) for i in range(41)] == [xml(tr) for tr in table.findall(f"{W}tr")]


@pytest.mark.parametrize("inside", ["<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
                                    "<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt>"])
def test_a_table_not_the_writers_is_left_to_lxml(inside):
    markup = (f"<w:tbl {x.NSDECL}><w:tblGrid/><w:tr><w:tc><w:p/>{inside}</w:tc></w:tr>"
              f"<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    table = etree.fromstring(markup)
    assert rows.split(xml(table), table.findall(f"{W}tr"), xml) is None


def test_only_tables_lxml_writes_alike_are_kept_as_text():
    writers = docx_writer.body_xml(d.Document([_table([["受理", "18", "说明"]])], {}))
    assert rows.cut_tables(writers)[1]
    for other in (writers.replace("<w:tbl>", '<w:tbl w:rsidR="1">'),  # attributes on the table
                  writers.replace("<w:tblGrid>", "<w:tblGrid >"),  # written otherwise than lxml would
                  writers.replace("说明", "说&#26126;"), writers.replace("说明", "说\r明"),
                  writers.replace("<w:tc>", "<w:sdt><w:sdtContent><w:tc>", 1)):
        assert rows.cut_tables(other) == (other, [])


def test_spans_refuse_an_element_inside_one_of_its_kind():
    assert rows.spans("<w:p><w:r/></w:p><w:p/>", "p") == [(0, 17), (17, 23)]
    assert rows.spans("<w:p><w:txbx><w:p>x</w:p></w:txbx></w:p>", "p") is None


@pytest.mark.parametrize("seed", range(12))
def test_a_changed_table_as_text_is_as_through_lxml(seed):
    rng = random.Random(seed)
    old_rows = [[_text(rng, rng.randint(2, 10)), str(rng.randint(0, 999)), _text(rng, rng.randint(0, 20))]
                for _ in range(30)]
    new_rows = [[_edited(rng, c) if c is not None and rng.random() < 0.3 else c for c in row]
                for row in old_rows]
    for _ in range(rng.randint(0, 3)):  # rows added and removed, cells emptied (merged with the one above)
        new_rows.insert(rng.randint(0, len(new_rows)), [_text(rng, 5), "7", _text(rng, 9)])
        del new_rows[rng.randint(0, len(new_rows) - 1)]
        new_rows[rng.randint(1, len(new_rows) - 1)][2] = None
    old, new = _elements(_table(old_rows))[0], _elements(_table(new_rows))[0]
    made = []
    for text in (True, False):
        redliner = _Redliner("县司法局 张三", "2021-01-02T03:04:05Z")
        redliner.plain_attributes = text  # False: every row the lxml way
        made.append(_without_root_declarations(redliner.changed_table(old, new, xml(new), old_xml=xml(old)), HEAD))
    # and the tables never parsed whole: kept as text, rows parsed as they are needed
    kept = []
    for rows_ in (old_rows, new_rows):
        document = d.Document([_table(rows_)], {"issuer": "县政府", "year": 2020, "title": "标题"})
        cut, texts = rows.cut_tables(docx_writer.body_xml(document))
        assert cut == "<w:tbl/>" and len(texts) == 1
        kept.append(rows.attach(main_elements(HEAD + cut.encode() + TAIL), texts, xml)[0])
    assert [kept[0].cells, kept[1].cells] == [cell_texts(old), cell_texts(new)]
    redliner = _Redliner("县司法局 张三", "2021-01-02T03:04:05Z")
    made.append(_without_root_declarations(redliner.text_table(*kept), HEAD))
    assert made[0] == made[1] == made[2]
    assert "<w:ins " in made[0] or "<w:del " in made[0] or old_rows == new_rows


def _heading(head: str, body: str) -> d.Block:
    return d.Block(d.HEADING, [d.Span("（一）", generated=True), d.Span(head), d.Span(body)], level=2,
                   heading_spans=2)


@pytest.mark.parametrize("seed", range(40))
def test_a_changed_paragraph_as_unit_strings_is_as_by_tokens(seed, monkeypatch):
    rng = random.Random(seed)
    long = seed % 10 == 0  # past align.LONG: sentence by sentence first
    head, body = _text(rng, rng.randint(1, 12)), _text(rng, rng.randint(2100, 2600) if long else rng.randint(1, 60))
    new_head, new_body = (_edited(rng, head) if rng.random() < 0.5 else head), _edited(rng, body)
    if rng.random() < 0.5:  # run-in headings, or plain body paragraphs
        old_block, new_block = _heading(head, body), _heading(new_head, new_body)
    else:
        old_block, new_block = d.Block(d.BODY, [d.Span(body)]), d.Block(d.BODY, [d.Span(new_body)])
    (old_p,), (new_p,) = _elements(old_block), _elements(new_block)
    fast = _Redliner("甲", "2021-01-02T03:04:05Z").changed_runs(old_p, new_p)
    monkeypatch.setattr(redline, "_only_text", lambda tokens: False)  # every unit a (format, kind, unit) token
    assert fast == _Redliner("甲", "2021-01-02T03:04:05Z").changed_runs(old_p, new_p)


def test_unchanged_cells_of_a_changed_wide_row_are_not_marked():
    """A wide table's text is sized (w:rPr in every run); a changed row's other cells stay as they
    are (they were shown deleted and inserted, their formats read from a copy of the row)."""
    def table(rows_):
        return _elements(d.Block(d.TABLE, table=d.Table(["指标", "数值", "说明"], rows_, [3000, 2000, 4000],
                                                       numeric=[False, True, False], text_size=21)))[0]

    old, new = table([["受理", "18", "说明甲"], ["办结", "20", "说明乙"]]), table([["受理", "19", "说明甲"], ["办结", "20", "说明乙"]])
    for text in (True, False):
        redliner = _Redliner("甲", "2021-01-02T03:04:05Z")
        redliner.plain_attributes = text
        made = redliner.changed_table(old, new, xml(new), old_xml=xml(old))
        assert made.count("<w:del ") == made.count("<w:ins ") == 1
        assert "<w:delText xml:space=\"preserve\">18</w:delText>" in made


@pytest.mark.parametrize("seed", range(8))
def test_the_writers_rows_are_its_tables_rows(seed):
    """A table the writer hands the redline row by row (docx.TableMarkup) is the table it writes:
    the same XML, and rows and cells' texts as lxml reads them back (merged cells, line breaks,
    characters XML forbids, carriage returns, text to escape); the same redline as cut from its text."""
    rng = random.Random(seed)
    words = WORDS + "\r\x01" if seed % 2 else WORDS  # (a table with a carriage return is not cut as text)
    old_rows = [[_text(rng, rng.randint(1, 8)), str(rng.randint(0, 99)),
                 None if i % 5 == 3 else "".join(rng.choice(words) for _ in range(rng.randint(0, 12)))]
                for i in range(25)]
    new_rows = [[_edited(rng, c) if c is not None and rng.random() < 0.3 else c for c in row] for row in old_rows]
    declarations = redlinebody.declarations(HEAD, TAIL)
    kept = []
    for rows_ in (old_rows, new_rows):
        block = _table(rows_)
        markup = docx_writer.TableMarkup(block.table)
        assert markup.xml() == "".join(docx_writer._table_parts(block.table))
        table = main_elements(HEAD + markup.xml().encode() + TAIL)[0]
        made = rows.TextTable.of_rows(markup.opening, markup.rows, markup.cells, declarations)
        assert made.cells == cell_texts(table)
        if "\r" not in markup.xml():  # (lxml writes a carriage return as a character reference)
            assert [made.rows.full(i) for i in range(len(markup.rows))] == [xml(tr) for tr in table.findall(f"{W}tr")]
        cut, texts = rows.cut_tables(markup.xml())
        kept.append((made, rows.TextTable(texts[0], declarations) if texts else None))
    if kept[0][1] is not None and kept[1][1] is not None:
        redlines = [_Redliner("甲", "2021-01-02T03:04:05Z").text_table(old, new) for old, new in zip(*kept)]
        assert redlines[0] == redlines[1]


@pytest.mark.parametrize("old, new", [
    ("共受理18起，办结18起。", "共受理19起，办结18起。"), ("共受理18起。", "共受理118起。"),
    ("比例1.5%。", "比例1.6%。"), ("比例1.5%。", "比例1.%。"), ("ABC系统", "ABD系统"), ("12件", "123件"),
    ("上升8个百分点", "上升18个百分点"), ("2020年", "2021年"), ("同比增长.5", "同比增长0.5"),
    ("甲乙丙", "甲乙丙丁"), ("", "新增"), ("删除", ""), ("a1b2", "a1b3"),
    # one unit a side (a 附件 cell's number: replaced whole without cutting and comparing)
    ("18", "19"), ("1.5", "1.6"), ("12", "123"), ("123", "12"), ("是", "否"), ("ABC", "ABD"), ("12", "A"),
    ("5", "5.0"), ("0.5", ".5"), ("9", "10"), ("99.5", "100"), ("x", "xy"),
])
def test_a_changed_run_keeps_numbers_and_words_whole_where_the_texts_meet(old, new, monkeypatch):
    """Only the texts' middle is cut into units (_changed_plain): a number or word running across
    where the common start or end stops is still one unit, as when the whole text is cut."""
    (old_p,), (new_p,) = _elements(d.Block(d.BODY, [d.Span(old)])), _elements(d.Block(d.BODY, [d.Span(new)]))
    fast = _Redliner("甲", "2021-01-02T03:04:05Z").changed_runs(old_p, new_p)
    monkeypatch.setattr(redline, "_only_text", lambda tokens: False)
    assert fast == _Redliner("甲", "2021-01-02T03:04:05Z").changed_runs(old_p, new_p)


@pytest.mark.parametrize("seed", range(12))
def test_a_paragraph_with_several_figures_changed_as_by_tokens(seed, monkeypatch):
    """A long paragraph whose figures change in several places (its middle hundreds of units, most
    of them one character, some numbers and Latin words coded as one: redline._Coded) gives the
    runs the (format, kind, unit) tokens give."""
    rng = random.Random(seed)
    pieces = [rng.choice(["依法行政", "执法监督", "复议应诉", "。", "，", "ABC", "件", "x"]) if rng.random() < 0.7
              else str(rng.choice([rng.randint(0, 99), rng.randint(1000, 2030), rng.randint(0, 99) / 10]))
              for _ in range(rng.randint(40, 120))]
    old = "".join(pieces)
    for _ in range(rng.randint(2, 6)):
        at = rng.randrange(len(pieces))
        pieces[at] = str(rng.randint(0, 120)) if rng.random() < 0.7 else rng.choice(["新增", "ABD", "", "12.5"])
    new = "".join(pieces)
    blocks = ((_heading("标题。", old), _heading("标题。", new)) if seed % 2 else
              (d.Block(d.BODY, [d.Span(old)]), d.Block(d.BODY, [d.Span(new)])))
    (old_p,), (new_p,) = (_elements(block) for block in blocks)
    fast = _Redliner("甲", "2021-01-02T03:04:05Z").changed_runs(old_p, new_p)
    monkeypatch.setattr(redline, "_only_text", lambda tokens: False)
    assert fast == _Redliner("甲", "2021-01-02T03:04:05Z").changed_runs(old_p, new_p)
