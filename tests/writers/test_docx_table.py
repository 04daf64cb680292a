"""A table's rows written a column at a time (the 附件's fast path) are the rows written cell by cell."""

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


@pytest.mark.parametrize("table", TABLES)
def test_by_column_equals_cell_by_cell(table, monkeypatch):
    fast = docx._table(table)
    assert docx._rows_by_column(table.rows, [""] * 9, [""] * 9, [""] * 9, "") is not None
    monkeypatch.setattr(docx, "_rows_by_column", lambda *args: None)
    assert docx._table(table) == fast


@pytest.mark.parametrize("rows", [[["a", "b&c"]], [["a", "两行\n文字"]], [["a"], ["b", "c"]], [[]]])
def test_tables_the_fast_path_does_not_take(rows):
    assert docx._rows_by_column(rows, [""] * 2, [""] * 2, [""] * 2, "") is None
