"""The build's fast paths give what the paths they stand in front of give (issue 18): the frame's
XML read from the str or, for what libxml2 refuses that way, from its UTF-8 bytes; the appendix
table's printable check against the regex it precedes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lawgov_report.compose.appendix import _XML_CHANGES, _changed_by_xml
from lawgov_report.compose.build import build
from lawgov_report.compose.templates import load_template, packaged_templates_dir
from lawgov_report.source.validate import validate
from lawgov_report.source.yamlsource import load_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lushan-2020-print.yaml"


def _blocks(template):
    source = load_file(EXAMPLE)
    document = build(validate(source), template, source)
    return [(b.kind, b.level, b.heading_spans, [(s.text, s.generated) for s in b.spans], b.table)
            for b in document.blocks]


def test_a_frame_with_an_encoding_declaration_builds_the_same_document(tmp_path):
    # libxml2 refuses a declared encoding in a str: the frame is then read from its UTF-8 bytes.
    folder = tmp_path / "declared"
    shutil.copytree(packaged_templates_dir() / "annual-report", folder)
    frame = folder / "report.xml.j2"
    frame.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + frame.read_text(encoding="utf-8"),
                     encoding="utf-8")
    plain = _blocks(load_template("annual-report"))
    declared = _blocks(load_template(str(folder)))
    assert declared == plain and len(plain) > 20


def test_the_printable_check_agrees_with_the_regex_on_every_character():
    for code in range(0x110000):
        ch = chr(code)
        assert _changed_by_xml(f"表{ch}格") == bool(_XML_CHANGES.search(f"表{ch}格")), hex(code)
    for text in ("]]>", "a]]>b", "]] >", "]]", "余]]>", "\t]]>", "正常 文字 98.5%"):
        assert _changed_by_xml(text) == bool(_XML_CHANGES.search(text)), text


def test_a_text_of_names_renders_and_quotes_as_the_general_path():
    import random

    from lawgov_report.compose.texts import TextError, TextRenderer
    from lawgov_report.figures.values import FigureValue
    from lawgov_report.source.model import Figure

    figures = {"甲": FigureValue("甲", Figure.model_validate({"value": 12, "unit": "件"})),
               "乙": FigureValue("乙", Figure.model_validate({"value": 3.5, "approx": "余"}))}
    context = {"year": 2021, "issuer": "某县", "figures": figures, **figures, "丙": "〔丙〕"}
    renderer = TextRenderer()
    atoms = ["{{", "}}", "{", "}", " ", "甲", "乙", "丙", "丁", "year", "1+2", "|with_unit", "文字", "\n", "\u3000", "a.b"]
    rng = random.Random(18)
    taken = 0
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 9)))
        bare = renderer.render_names(text, context)
        if bare is None:
            continue
        taken += 1
        assert bare[0] == renderer.render(text, context), text
        assert set(bare[1]) == renderer.quoted_names(text), text
    assert taken > 500
    assert renderer.render_names("{{ 丁 }}件", context) is None  # no such figure: render() tells it
    with pytest.raises(TextError, match="丁"):
        renderer.render("{{ 丁 }}件", context)
