"""The 附件 table reaches the document by reference (<table ref="appendix"/>) when its cells survive
XML unchanged, and in full otherwise: either way the Document holds the same table."""

from __future__ import annotations

import pytest
from lxml import etree

from lawgov_report.compose import appendix
from lawgov_report.compose.build import build
from lawgov_report.compose.layout import _XML_PARSER, _table
from lawgov_report.compose.templates import load_template
from lawgov_report.pipeline.load import load_report


def _view(tmp_path, label: str):
    text = ("issuer: 某县人民政府\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs:\n"
            "      - 开展工作{{ 甲 }}次，受理{{ 乙 }}件。\nfigures:\n"
            f'  甲: {{value: 9, label: "{label}", category: 普法, previous: 7, note: "a<b & \'c\'"}}\n'
            "  乙: {value: 3, category: 复议}\n")
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_report(path)
    return loaded, appendix.appendix_view(*_figures(loaded), "统计表", "某县人民政府", 0)


def _figures(loaded):
    from lawgov_report.compose.build import figure_values

    values, errors = figure_values(loaded.report, loaded.source, str(loaded.source.file), load_template())
    assert not errors
    return (values,)


def _parsed(view) -> list:
    markup = appendix.table_markup(view["header"], view["rows"], view["merged"], view["widths"], view["numeric"],
                                   view["text_size"])
    return _table(etree.fromstring(str(markup).encode("utf-8"), _XML_PARSER))


def test_a_plain_table_is_referenced_and_equals_its_markup_read_back(tmp_path):
    loaded, view = _view(tmp_path, "开展“法治”宣传 <次数>")
    assert view["table"] == appendix.REFERENCE
    assert view["document_table"] == _parsed(view)
    document = build(loaded.report, load_template(), loaded.source)
    tables = [b.table for b in document.blocks if b.table is not None]
    assert tables == [view["document_table"]] and tables[0] is not view["document_table"]
    assert "a<b & 'c'" in tables[0].rows[0]


@pytest.mark.parametrize("cell", ["两行\r标签", "带]]>的标签", "响铃\x07", "长" * (appendix.MAX_REFERENCED + 1)])
def test_cells_xml_would_change_or_refuse_go_in_full(cell):
    # The validator refuses such labels in a report; a template's 指标目录 or a unit could still carry them.
    markup = appendix.table_element(["指标", "单位"], [[cell, "件"]], [[False, False]], [4000, 4845], [False, False], 0)
    assert str(markup).startswith("<table widths=") and "<row>" in str(markup)


def test_numbers_in_the_table_never_wrap_on_the_page(tmp_path):
    """The 附件 table's numbers each print on one line in LibreOffice's PDF (a new user saw +1,798
    and +100.0% broken over two lines): number columns are measured by their glyphs' widths."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    from support.office import need

    text = (Path(__file__).resolve().parents[2] / "examples" / "lushan-2020.yaml").read_text(encoding="utf-8")
    # every count doubled against a previous year: 4-digit numbers, +1,798 and +100.0% in the table
    text = re.sub(r"value: (\d+)(?=, unit: (?!%|\"%\"))", lambda m: f"value: {int(m[1]) * 2}, previous: {m[1]}", text)
    report = tmp_path / "doubled.yaml"
    report.write_text(text, encoding="utf-8")
    need("soffice")
    done = subprocess.run([sys.executable, "-m", "lawgov_report", "render", str(report), "-o", str(tmp_path),
                           "--pdf", "--edition", "web"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    words = subprocess.run([need("pdftotext"), "-bbox", str(tmp_path / "doubled.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    printed = re.findall(r">([^<]*)</word>", words)
    assert "+100.0%" in printed and any(re.fullmatch(r"\+\d,\d{3}", w) for w in printed)
    assert not any(re.fullmatch(r"\+[\d,.]*", w) and w.endswith((",", ".")) for w in printed)  # no "+1,79"|"8"
    assert "+100." not in printed and "+100.0" not in printed  # ("+100." | "0%", "+100.0" | "%")
