"""A table's rows written a column at a time (the 附件's fast path) are the rows written cell by cell,
and what the writer deflates (the pieces' UTF-8) is the XML the redline reads."""

from __future__ import annotations

import pytest

from lawgov_report import document as d
from lawgov_report.writers import docx

TABLES = [
    d.Table(["序号", "类别", "指标", "单位", "本年"], [["1", "普法", "宣传次数", "次", "12"], ["2", None, "人数", "", "1,300余"],
                                              ["3", None, "场次", "场", ""], ["4", "复议", "案件", "件", "18"]],
            [600, 1200, 4000, 1000, 2045], [False, False, False, False, True]),
    d.Table(["a", "b", "c"], [["x", "p", ""], [None, None, "q"], [None, "r", None]], [100, 200, 300], [False, True, False], 24),
    d.Table(["a", "b"], [["x", "y"], ["z", "w"]], [], []),  # no widths: shared out
]
SLOW = [  # tables the fast path does not take: texts to escape, a line break, rows of unequal length
    d.Table(["a", "b"], [["x&y", "两行\n文字"], ["", None]], [100, 200], [False, True], 24),
    d.Table([], [["a"], ["b", "<c>"]], [100, 200], []),
]


@pytest.mark.parametrize("table", TABLES)
def test_by_column_equals_cell_by_cell(table, monkeypatch):
    fast = docx._table(table)
    assert docx._rows_by_column(table.rows, [""] * 9, [""] * 9, [""] * 9, "") is not None
    monkeypatch.setattr(docx, "_rows_by_column", lambda *args: None)
    assert docx._table(table) == fast


@pytest.mark.parametrize("rows", [[["a", "b&c"]], [["a", "两行\n文字"]], [["a"], ["b", "c"]], [[]]])
def test_tables_the_fast_path_does_not_take(rows):
    assert docx._rows_by_column(rows, [""] * 2, [""] * 2, [""] * 2, "") is None


@pytest.mark.parametrize("table", TABLES + SLOW)
def test_encoded_pieces_are_the_xml(table):
    assert b"".join(docx._table_parts(table, encoded=True)) == docx._table(table).encode("utf-8")
    markup = docx.TableMarkup(table)
    assert markup.xml() == docx._table(table)
    assert len(markup.rows) == len(table.rows) + bool(table.header)


@pytest.mark.parametrize("table", TABLES + SLOW + [
    d.Table([], [[], []], [], []),  # rows without cells
    d.Table(["a", "b"], [["回车\r", "x\x01y"], [None, "\ufffe"]], [100, 200], []),  # characters read back otherwise
    d.Table(["a", "b"], [["全角\u3000空格", "制表\t符"], ["", None]], [100, 200], []),  # not printable, nothing to drop
])
def test_the_redlines_cells_are_the_texts_read_back(table):
    """TableMarkup's cells (a column at a time where the rows are of one length) are what
    docxbody.cell_texts reads back from the table written."""
    from lawgov_report.writers import ooxml as x
    from lawgov_report.writers.docxbody import cell_texts, main_elements

    written = main_elements(f"<w:document {x.NSDECL}><w:body>{docx._table(table)}</w:body></w:document>".encode())[0]
    assert docx.TableMarkup(table).cells == cell_texts(written)
