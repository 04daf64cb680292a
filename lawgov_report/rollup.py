"""The roll-up workbook (汇总表) of a batch: one row per report, one column per catalogue figure.

The totals row is real SUM formulas (with the values Python computed); a figure a report did not
give is left blank and listed on the second sheet (缺失数据), so the justice bureau knows whom to ask.
Rows are streamed into the file, so a 10,000-report roll-up costs little memory.
"""

from __future__ import annotations

from pathlib import Path

from lawgov_report.batch import Outcome
from lawgov_report.writers.spreadsheet import Formula, Style, Workbook, cell_ref, text_width

_TITLE = Style(font="方正小标宋简体", size=16, border=False, halign="center")
_HEADER = Style(font="黑体", size=11, halign="center", wrap=True, fill="F2F2F2")
_TEXT = Style(font="仿宋_GB2312", size=11, halign="left")
_CENTER = Style(font="仿宋_GB2312", size=11, halign="center")
_NUMBER = Style(font="Times New Roman", size=11, halign="right", numfmt="#,##0.##")
_TOTAL = Style(font="黑体", size=11, halign="center", fill="F2F2F2")
_TOTAL_NUMBER = Style(font="Times New Roman", size=11, bold=True, halign="right", numfmt="#,##0.##", fill="F2F2F2")

FIXED = ["序号", "单位", "年度", "文件"]


def write(path: Path, outcomes: list[Outcome], catalogue: dict, title: str = "法治政府建设主要数据汇总表") -> Path:
    """Write the roll-up of the successful reports to ``path`` (atomically)."""
    from lawgov_report.atomic import write_bytes

    rows = [o for o in outcomes if o.ok]
    names = list(catalogue)
    book = Workbook(title=title)
    sheet = book.add_sheet("汇总", stream=True)
    headers = FIXED + [f"{(catalogue[n].label or n)}（{catalogue[n].unit}）" if catalogue[n].unit
                       else (catalogue[n].label or n) for n in names]
    sheet.widths = {0: 6, 1: 24, 2: 8, 3: 30}
    for i, header in enumerate(headers[len(FIXED):], start=len(FIXED)):
        sheet.widths[i] = max(10.0, min(24.0, text_width(header) / 2 + 2))
    sheet.freeze_at = "E3"
    sheet.print_title_rows = (1, 1)
    sheet.landscape = True
    last_col = cell_ref(0, len(headers) - 1).rstrip("0123456789")
    sheet.append([title] + [None] * (len(headers) - 1), [_TITLE] * len(headers), height=32)
    sheet.merges.append(f"A1:{last_col}1")
    sheet.append(headers, _HEADER, height=48)
    totals = [0.0] * len(names)
    missing: list[tuple[str, str, str]] = []
    styles = [_CENTER, _TEXT, _CENTER, _TEXT] + [_NUMBER] * len(names)
    for number, outcome in enumerate(rows, start=1):
        values = []
        for j, name in enumerate(names):
            value = outcome.figures.get(name)
            if value is None:
                missing.append((outcome.unit, outcome.path, catalogue[name].label or name))
            else:
                totals[j] += value
            values.append(value)
        sheet.append([number, outcome.unit, outcome.year, outcome.path, *values], styles)
    first, last = 3, 2 + len(rows)
    total_cells = _totals(catalogue, names, totals, first, last) if rows else [None] * len(names)
    failed = len(outcomes) - len(rows)
    years = sorted({o.year for o in rows if o.year is not None})
    label = f"{len(rows)} 份报告" + (f"（另有 {failed} 份生成失败，未计入）" if failed else "")
    if len(years) > 1:
        label += f"（含 {'、'.join(map(str, years))} 多个年度）"
    sheet.append(["合计", None, None, label, *total_cells],
                 [_TOTAL, _TOTAL, _TOTAL, _TOTAL] + [_TOTAL_NUMBER] * len(names))
    sheet.merges.append(f"A{last + 1}:C{last + 1}")

    gaps = book.add_sheet("缺失数据", stream=True)
    gaps.widths = {0: 6, 1: 24, 2: 40, 3: 30}
    gaps.freeze_at = "A2"
    gaps.print_title_rows = (0, 0)
    gaps.append(["序号", "单位", "文件", "缺少的指标"], _HEADER)
    for number, (unit, file, label) in enumerate(missing, start=1):
        gaps.append([number, unit, file, label], [_CENTER, _TEXT, _TEXT, _TEXT])
    if not missing:
        gaps.append([None, "（各报告的目录指标均已填写）", None, None], [_CENTER, _TEXT, _TEXT, _TEXT])
    return write_bytes(path, book.to_bytes())


def _column(j: int) -> str:
    return cell_ref(0, len(FIXED) + j).rstrip("0123456789")


def _totals(catalogue: dict, names: list[str], sums: list[float], first: int, last: int) -> list:
    """The 合计 row: counts add up; a rate is computed again from its summed parts (复议结案率 =
    Σ结案数 / Σ受理数 × 100), never summed; a percentage with no formula has no total."""
    from lawgov_report.formulas import FormulaError, compute, names as formula_names, parse, to_excel

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
