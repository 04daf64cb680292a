"""The roll-up workbook (汇总表) of a batch: one row per report, one column per shared figure.

The columns are a county form's (writers/form.py): every catalogue figure, then each figure outside
the catalogue that several reports define with the same label and unit; so the roll-up can go out
as next year's form and come back through ``fill``. The totals row is real SUM formulas (with the
values Python computed); a catalogue figure a report did not give is left blank and listed on the
second sheet (缺失数据), so the justice bureau knows whom to ask. A report still holding placeholders
(待补充) is left out of the rows and the 合计, and one unit's two reports (a Windows “- 副本”) are both
counted but marked; both are listed on a third sheet (需核对). Rows are streamed into the file,
so a 10,000-report roll-up costs little memory.
"""

from __future__ import annotations

import json
import math
import struct
from array import array
from pathlib import Path

from lawgov_report.batch.run import Outcome
from lawgov_report.compose.catalogue import COUNTY_FIXED, SharedFigures
from lawgov_report.writers.form import column_header
from lawgov_report.writers.spreadsheet import Formula, Style, Workbook, cell_ref, text_width

_TITLE = Style(font="方正小标宋简体", size=16, border=False, halign="center")
_TITLE_LEFT = Style(font="方正小标宋简体", size=16, border=False, halign="left")
_HEADER = Style(font="黑体", size=11, halign="center", wrap=True, fill="F2F2F2")
_TEXT = Style(font="仿宋_GB2312", size=11, halign="left")
_CENTER = Style(font="仿宋_GB2312", size=11, halign="center")
_NUMBER = Style(font="Times New Roman", size=11, halign="right", numfmt="#,##0")
_FLAGGED = Style(font="仿宋_GB2312", size=11, halign="left", fill="FFC7CE")  # a unit with two reports
_TOTAL = Style(font="黑体", size=11, halign="center", fill="F2F2F2")
_TOTAL_NUMBER = Style(font="Times New Roman", size=11, bold=True, halign="right", numfmt="#,##0", fill="F2F2F2")
_MAX_DIGITS = 4

_NAN = float("nan")
FIXED = COUNTY_FIXED
# The most columns printed on one landscape A4 page's width, shrunk to fit.
_FIT_COLUMNS = 16


class Collector:
    """The roll-up's rows, collected as a batch's outcomes arrive, in fixed-size records on disk.

    Record ``i`` (the i-th input) sits at offset ``i * size``, so the file is in input order however
    the workers finish, and memory stays flat however many reports there are."""

    UNIT_BYTES = 120

    def __init__(self, catalogue: dict, jobs: list):
        import tempfile

        self.names = list(catalogue)
        self.catalogue = catalogue
        self.jobs = jobs  # the paths are read from here, not copied
        self._format = struct.Struct(f"<?i{self.UNIT_BYTES}s{len(self.names)}d")
        self._file = tempfile.TemporaryFile()
        # Figures outside the catalogue: counted by (label, unit) as they come, and each report's
        # values kept on disk (a line of JSON, found by its offset) until the columns are known.
        self.shared = SharedFigures(catalogue)
        self._extra_file = tempfile.TemporaryFile()
        self._extra_at = array("q", [-1]) * len(jobs)
        self.years: set[int] = set()
        self.failed = 0
        self.units: dict[str, int] = {}  # issuer -> reports in the roll-up: two is a copy counted twice
        self.unfinished: list[tuple[int, str, str, int]] = []  # (index, unit, file, placeholders): left out
        # The most decimal places any report shows a figure with: its column shows them all so
        # (94.4 and 100.0 alike; a format like #,##0.## would print "100.").
        self.digits = [0] * len(self.names)
        self.extra_digits: dict[tuple[str, str], int] = {}

    def __call__(self, index: int, outcome: Outcome) -> None:
        if not outcome.ok:
            self.failed += 1
            return
        if outcome.placeholders:  # 待补充 still in it: its figures are not the unit's yet
            self.unfinished.append((index, outcome.unit, outcome.path, outcome.placeholders))
            return
        self.units[outcome.unit] = self.units.get(outcome.unit, 0) + 1
        if outcome.year is not None:
            self.years.add(outcome.year)
        unit = outcome.unit.encode("utf-8")[: self.UNIT_BYTES]
        values = [_NAN if (v := outcome.figures.get(n)) is None else float(v) for n in self.names]
        self._file.seek(index * self._format.size)
        self._file.write(self._format.pack(True, outcome.year or 0, unit, *values))
        for j, name in enumerate(self.names):
            if name in outcome.digits:
                self.digits[j] = max(self.digits[j], min(outcome.digits[name], _MAX_DIGITS))
        own = {n: lu for n, lu in outcome.labels.items() if n not in self.catalogue}
        for name, key in own.items():
            if name in outcome.digits:
                self.extra_digits[key] = max(self.extra_digits.get(key, 0), min(outcome.digits[name], _MAX_DIGITS))
        if own:
            self.shared.add(own)
            self._extra_file.seek(0, 2)
            self._extra_at[index] = self._extra_file.tell()
            line = {f"{label}\t{unit}": outcome.figures.get(n) for n, (label, unit) in own.items()}
            self._extra_file.write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")

    def extra_values(self, index: int, columns: list[tuple[str, str, str]]) -> list:
        """Report ``index``'s values of the shared figures outside the catalogue (None where it has none)."""
        at = self._extra_at[index]
        if at < 0:
            return [None] * len(columns)
        self._extra_file.seek(at)
        line = json.loads(self._extra_file.readline())
        return [line.get(f"{label}\t{unit}") for _, label, unit in columns]

    def rows(self, extra: list[tuple[str, str, str]] = ()):
        """(path, unit, year, values) of each successful report, in input order; ``extra``: the shared
        figures outside the catalogue, whose values follow the catalogue's."""
        size = self._format.size
        for index in range(len(self.jobs)):
            self._file.seek(index * size)
            record = self._file.read(size)
            if len(record) < size:
                break
            ok, year, unit, *values = self._format.unpack(record)
            if not ok:  # failed, or never rendered (an interrupted batch)
                continue
            yield (self.jobs[index].path, unit.rstrip(b"\0").decode("utf-8", "ignore"), year or None,
                   [None if math.isnan(v) else (int(v) if v.is_integer() else v) for v in values]
                   + (self.extra_values(index, list(extra)) if extra else []))

    def close(self) -> None:
        self._file.close()
        self._extra_file.close()


def write(path: Path, collected: Collector, title: str = "法治政府建设主要数据汇总表") -> Path:
    """Write the roll-up of the successful reports to ``path`` (atomically, streamed to disk)."""
    from lawgov_report.atomic import atomic_file

    with atomic_file(path) as fh:
        _write(Workbook(title=title, file=fh), collected, title)
    return path


def _write(book: Workbook, collected: Collector, title: str) -> None:
    from lawgov_report.source.model import Figure

    extra = collected.shared.extra()
    # The shared figures outside the catalogue count as catalogue entries from here on: a column each.
    catalogue = {**collected.catalogue, **{name: Figure(label=label, unit=unit) for name, label, unit in extra
                                          if name not in collected.catalogue}}
    names = collected.names + [name for name, _, _ in extra]
    sheet = book.add_sheet("汇总", stream=True)
    headers = FIXED + [column_header(catalogue[n].label or n, catalogue[n].unit) for n in names]
    sheet.widths = {0: 6, 1: 24, 2: 8, 3: 30}
    for i, header in enumerate(headers[len(FIXED):], start=len(FIXED)):
        sheet.widths[i] = max(10.0, min(24.0, text_width(header) / 2 + 2))
    sheet.freeze_at = "E3"
    sheet.print_title_rows = (1, 1)
    sheet.landscape = True
    # A county's 50-odd columns squeezed onto one page's width cannot be read (a new user's print):
    # past what a landscape A4 holds legibly, the columns run on over pages, 序号 and 单位 on each.
    if len(headers) > _FIT_COLUMNS:
        sheet.fit_width = False
        sheet.print_title_cols = (0, 1)  # 序号, 单位 (年度 and 文件 would leave room for two figures a page)
    last_col = cell_ref(0, len(headers) - 1).rstrip("0123456789")
    if sheet.fit_width:
        sheet.append([title] + [None] * (len(headers) - 1), [_TITLE] * len(headers), height=32)
        sheet.merges.append(f"A1:{last_col}1")
    else:
        # Centred over 52 columns it printed split over two pages. It starts after the columns every
        # page repeats (or they would print it cut on each), and heads the other pages' prints.
        sheet.append([None, None, title] + [None] * (len(headers) - 3), [_TITLE, _TITLE, _TITLE_LEFT]
                     + [_TITLE] * (len(headers) - 3), height=32)
        sheet.running_title = title
    sheet.append(headers, _HEADER, height=48)
    totals = [0.0] * len(names)
    digits = [catalogue[n].digits if catalogue[n].digits is not None else collected.digits[j]
              for j, n in enumerate(collected.names)]
    digits += [collected.extra_digits.get((label, unit), 0) for _, label, unit in extra]
    numbers = [_with_digits(_NUMBER, d) for d in digits]
    styles = [_CENTER, _TEXT, _CENTER, _TEXT] + numbers
    # The 缺失数据 sheet is written after this one: its rows wait in a temporary file, not in memory.
    import tempfile

    gaps_file = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    count = 0
    derived = _row_formulas(catalogue, names)
    twice = {unit for unit, n in collected.units.items() if n > 1}
    flagged = [_CENTER, _FLAGGED, _CENTER, _FLAGGED] + numbers
    review: list[tuple[str, str, str]] = []  # (unit, file, what to check), for the 需核对 sheet
    for count, (file, unit, year, values) in enumerate(collected.rows(extra), start=1):
        for j, value in enumerate(values):
            if value is None:
                if j >= len(collected.names):
                    continue  # a figure of some reports only: not missing from the others
                gaps_file.write(f"{unit}\t{file}\t{catalogue[names[j]].label or names[j]}\n")
            else:
                totals[j] += value
        if derived:  # live, so the roll-up sent out as next year's form computes its rates
            row = 2 + count
            values = [Formula(derived[j].replace("{row}", str(row)), "" if values[j] is None else values[j])
                      if j in derived else value for j, value in enumerate(values)]
        if unit in twice:
            review.append((unit, file, f"同一单位有 {collected.units[unit]} 份报告，合计中都已计入：请核对，删去多余的一份"))
        sheet.append([count, unit, year, file, *values], flagged if unit in twice else styles)
    first, last = 3, 2 + count
    total_cells = _totals(catalogue, names, totals, first, last) if count else [None] * len(names)
    label = f"{count} 份报告" + (f"（另有 {collected.failed} 份生成失败，未计入）" if collected.failed else "")
    if collected.unfinished:
        label += f"（另有 {len(collected.unfinished)} 份未填完，未计入，见“需核对”）"
        review += [(unit, file, f"还有“待补充”“××”等占位内容 {n} 处，未填完：未计入合计")
                   for _, unit, file, n in sorted(collected.unfinished)]
    if twice:
        who = (f"{next(iter(twice))}有 {collected.units[next(iter(twice))]} 份报告" if len(twice) == 1
               else f"{'、'.join(sorted(twice))}各有多份报告")
        label += f"（{who}，都已计入，见“需核对”）"
    if len(collected.years) > 1:
        label += f"（含 {'、'.join(map(str, sorted(collected.years)))} 多个年度）"
    sheet.append(["合计", None, None, label, *total_cells],
                 [_TOTAL, _TOTAL, _TOTAL, _TOTAL] + [_with_digits(_TOTAL_NUMBER, d) for d in digits])
    sheet.merges.append(f"A{last + 1}:C{last + 1}")

    gaps = book.add_sheet("缺失数据", stream=True)
    gaps.widths = {0: 6, 1: 24, 2: 40, 3: 30}
    gaps.freeze_at = "A2"
    gaps.print_title_rows = (0, 0)
    gaps.append(["序号", "单位", "文件", "缺少的指标"], _HEADER)
    gaps_file.seek(0)
    number = 0
    for number, line in enumerate(gaps_file, start=1):
        unit, file, label = line.rstrip("\n").split("\t")
        gaps.append([number, unit, file, label], [_CENTER, _TEXT, _TEXT, _TEXT])
    gaps_file.close()
    if not number:
        gaps.append([None, "（各报告的目录指标均已填写）", None, None], [_CENTER, _TEXT, _TEXT, _TEXT])
    if review:
        _review_sheet(book, review)
    book.finish()


def _review_sheet(book: Workbook, review: list[tuple[str, str, str]]) -> None:
    """The 需核对 sheet: the reports the 合计 counted twice (one unit, two files) or left out (not filled in)."""
    sheet = book.add_sheet("需核对", stream=True)
    sheet.widths = {0: 6, 1: 24, 2: 40, 3: 60}
    sheet.freeze_at = "A2"
    sheet.print_title_rows = (0, 0)
    sheet.append(["序号", "单位", "文件", "需核对的问题"], _HEADER)
    for number, (unit, file, problem) in enumerate(review, start=1):
        sheet.append([number, unit, file, problem], [_CENTER, _TEXT, _TEXT, _TEXT])


def _with_digits(style: Style, digits: int) -> Style:
    """``style`` showing numbers with ``digits`` decimal places (grouped: 1,234.5)."""
    from dataclasses import replace

    return replace(style, numfmt="#,##0" + ("." + "0" * digits if digits else "")) if digits else style


def _column(j: int) -> str:
    return cell_ref(0, len(FIXED) + j).rstrip("0123456789")


def _row_formulas(catalogue: dict, names: list[str]) -> dict[int, str]:
    """Column index -> the Excel formula of a derived figure over its row (``{row}`` to fill in)."""
    from lawgov_report.figures.formulas import FormulaError, names as formula_names, parse, to_excel

    out = {}
    for j, name in enumerate(names):
        if catalogue[name].formula:
            try:
                tree = parse(catalogue[name].formula)
            except FormulaError:
                continue
            inputs = formula_names(tree)
            if all(n in names for n in inputs):
                refs = {n: f"{_column(names.index(n))}{{row}}" for n in inputs}
                out[j] = f'IFERROR({to_excel(tree, refs)},"")'
    return out


def _totals(catalogue: dict, names: list[str], sums: list[float], first: int, last: int) -> list:
    """The 合计 row: counts add up; a rate is computed again from its summed parts (复议结案率 =
    Σ结案数 / Σ受理数 × 100), never summed; a percentage with no formula has no total."""
    from lawgov_report.figures.formulas import FormulaError, compute, names as formula_names, parse, to_excel

    row = last + 1
    cells: list = []
    for j, name in enumerate(names):
        figure = catalogue[name]
        col = _column(j)
        if figure.formula:
            try:
                tree = parse(figure.formula)
                inputs = formula_names(tree)
                if all(n in names for n in inputs):
                    refs = {n: f"{_column(names.index(n))}{row}" for n in inputs}
                    try:
                        value = compute(tree, {n: sums[names.index(n)] for n in inputs})
                    except (ArithmeticError, ValueError, TypeError):
                        value = None
                    excel = to_excel(tree, refs)
                    cells.append(Formula(f'IFERROR({excel},"")', value if value is not None else ""))
                    continue
            except FormulaError:
                pass
            cells.append(None)
        elif figure.kind == "percentage" or figure.unit in ("%", "％"):
            cells.append(None)  # a rate of its own: adding rates up means nothing
        else:
            cells.append(Formula(f"SUM({col}{first}:{col}{last})", sums[j]))
    return cells
