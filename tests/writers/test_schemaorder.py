"""The schema's order of property elements: fragments as the writers emit them, parts as parsed."""

from __future__ import annotations

from lxml import etree

from lawgov_report.writers import ooxml as x
from lawgov_report.writers.schemaorder import normalise, ordered

SIGNATURE = ('<w:ind w:firstLine="0" w:firstLineChars="0"/><w:ind w:right="630"/><w:jc w:val="right"/>'
             '<w:spacing w:line="240"/><w:pStyle w:val="Signature"/>')


def test_a_fragment_is_sorted_and_an_element_written_twice_merged():
    assert ordered("pPr", SIGNATURE) == ('<w:pStyle w:val="Signature"/><w:spacing w:line="240"/>'
                                         '<w:ind w:firstLine="0" w:firstLineChars="0" w:right="630"/>'
                                         '<w:jc w:val="right"/>')


def test_nested_children_and_other_namespaces_are_kept():
    fragment = ('<w14:custom/><w:jc w:val="left"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>'
                '<w:rPr><w:b/></w:rPr>')
    assert ordered("pPr", fragment) == ('<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:jc w:val="left"/>'
                                        '<w:rPr><w:b/></w:rPr><w14:custom/>')


def test_footer_references_come_first_in_a_section():
    assert ordered("sectPr", '<w:pgSz w:w="1"/><w:footerReference r:id="a"/><w:headerReference r:id="b"/>') == \
        '<w:footerReference r:id="a"/><w:headerReference r:id="b"/><w:pgSz w:w="1"/>'


def test_a_parsed_part_gets_the_same_order():
    root = etree.fromstring(f'<w:styles {x.NSDECL}><w:style><w:pPr>{SIGNATURE}</w:pPr>'
                            '<w:qFormat/><w:name w:val="n"/></w:style></w:styles>')
    normalise(root)
    style = root[0]
    assert [etree.QName(c).localname for c in style] == ["name", "qFormat", "pPr"]
    inner = "".join(etree.tostring(c, encoding="unicode") for c in style.find(f"{{{x.W_NS}}}pPr"))
    assert inner.replace(f' xmlns:w="{x.W_NS}"', "").replace(f' xmlns:r="{x.R_NS}"', "") == \
        ordered("pPr", SIGNATURE)
