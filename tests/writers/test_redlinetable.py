"""A table whose rows changed in place (the 附件 table of a report whose figures changed) is
redlined from the rows that differ and the runs between them (redlinetable._in_place_steps):
the same steps as aligning every row, the same redline as every row through align's steps."""

from __future__ import annotations

import random

import pytest

from lawgov_report import document as d
from lawgov_report.align import Item, align
from lawgov_report.writers import docx as docx_writer
from lawgov_report.writers import redline, redlinebody, redlinetable
from lawgov_report.writers import redlinerows as rows
from lawgov_report.writers.redline import _Redliner

HEAD = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>')
TAIL = b"</w:body></w:document>"
WORDS = "依法行政执法监督复议应诉普法宣传。，"


def _kept(rows_: list[list[str | None]], cut: bool = False) -> rows.TextTable:
    """The table as the writer hands it to the redline row by row, or (``cut``) cut from its text."""
    table = d.Table(["指标", "数值", "说明"], rows_, [3000, 2000, 4000], numeric=[False, True, False])
    markup = docx_writer.TableMarkup(table)
    declarations = redlinebody.declarations(HEAD, TAIL)
    if cut:
        return rows.TextTable(rows.cut_tables(markup.xml())[1][0], declarations)
    return rows.TextTable.of_rows(markup.opening, markup.rows, markup.cells, declarations)


def _changed_in_place(rng: random.Random, old_rows: list[list]) -> list[list]:
    """Figures changed here and there; some rows rewritten (no longer alike: left unpaired, or
    paired with a like one elsewhere), some made the same as another row (not in place)."""
    new_rows = [list(row) for row in old_rows]
    for row in new_rows:
        if rng.random() < 0.3:
            row[1] = str(rng.randint(0, 999))
        if rng.random() < 0.08:
            row[0], row[2] = "".join(rng.choice(WORDS) for _ in range(12)), None
    if rng.random() < 0.2:
        new_rows[rng.randrange(len(new_rows))] = list(old_rows[rng.randrange(len(old_rows))])
    if len(new_rows) > 1 and rng.random() < 0.4:  # a row rewritten here, and found a little changed there
        at, to = rng.sample(range(len(new_rows)), 2)
        new_rows[to] = [old_rows[at][0] + "乙", old_rows[at][1], old_rows[at][2]]
        new_rows[at] = ["".join(rng.choice(WORDS) for _ in range(12)), "0", None]
    return new_rows


def _flat(segments: list) -> list[tuple]:
    out = []
    for segment in segments:
        if isinstance(segment, range):
            out += [("same", i, i, None, False) for i in segment]
        else:
            out += [(s.kind, s.old, s.new, s.partner, s.reworded) for s in segment]
    return out


@pytest.mark.parametrize("seed", range(60))
def test_rows_changed_in_place_align_as_all_rows(seed, monkeypatch):
    rng = random.Random(seed)
    old_rows = [["".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9))), str(rng.randint(0, 99)),
                 rng.choice(["说明", None, "依法"])] for _ in range(rng.randint(1, 40))]
    new_rows = _changed_in_place(rng, old_rows)
    old, new = _kept(old_rows, cut=seed % 3 == 0), _kept(new_rows, cut=seed % 3 == 0)
    items = [[Item(key, text, len(key)) for key, text in zip(t.row_keys, t.row_texts)] for t in (old, new)]
    whole = [(s.kind, s.old, s.new, s.partner, s.reworded) for s in align(*items)]
    segments = redlinetable._in_place_steps(old, new)
    if segments is not None:
        assert _flat(segments) == whole
    made = []
    for declared in ((), tuple(redline._root_declarations(HEAD))):  # (rows then written with or without)
        for whole_table in (False, True):
            if whole_table:  # every row an item of align
                monkeypatch.setattr(redlinetable, "_in_place_steps", lambda old, new: None)
            redliner = _Redliner("甲", "2021-01-02T03:04:05Z")
            redliner.root_declarations = declared
            made.append(redliner.text_table(old, new))
        monkeypatch.undo()
    assert made[0] == made[1] and made[2] == made[3]


def test_a_figure_changed_is_in_place_and_a_row_moved_is_not():
    old_rows = [["受理", "18", "说明"], ["办结", "20", None], ["复议", "3", "说明"], ["应诉", "4", None]]
    old = _kept(old_rows)
    segments = redlinetable._in_place_steps(old, _kept([old_rows[0], ["办结", "21", None], *old_rows[2:]]))
    assert [s if isinstance(s, range) else [(t.kind, t.old, t.new) for t in s] for s in segments] == \
        [range(2), [("changed", 2, 2)], range(3, 5)]  # (the header is row 0)
    assert redlinetable._in_place_steps(old, _kept([old_rows[1], old_rows[0], *old_rows[2:]])) is None
    assert redlinetable._in_place_steps(old, _kept(old_rows[:3])) is None
