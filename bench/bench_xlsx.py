"""What the statistics appendix (.xlsx) adds to a render, against openpyxl and docxtpl baselines.

    python bench/bench_xlsx.py [--runs 10]

Warm (one process, median of N*20): our xlsx writer on the Lushan figures; render_file with and
without the .xlsx; openpyxl writing the same 39 rows bare (values only) and styled like ours (fonts,
borders, number formats, merges, print setup); docxtpl rendering the same table into a .docx.
Cold (fresh processes, median of N): importing our writer vs importing openpyxl, and a whole
render_file with and without the .xlsx. Printed as a table and written to bench/results/xlsx.json.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"


FIRST_XLSX = """
import time
from lawgov_report.compose.build import build
from lawgov_report.pipeline import load_report, resolve_template
loaded = load_report({example!r})
document = build(loaded.report, resolve_template(loaded, None), loaded.source)
start = time.perf_counter()
from lawgov_report.writers import xlsx
xlsx.to_bytes(document.figure_values, document.meta["appendix_title"], loaded.report.issuer)
print((time.perf_counter() - start) * 1000)
"""


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cold_ms(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def openpyxl_bare(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def openpyxl_styled(rows: list[list], formats: list[str]) -> bytes:
    """The same sheet as ours, made with openpyxl: what the writer would cost through it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(["2020年度法治政府建设主要数据统计表"])
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws.merge_cells("A1:E1")
    ws.append(["填报单位：鲁山县人民政府"])
    ws.append(["序号", "类别", "指标", "单位", "本年"])
    for cell in ws[3]:
        cell.font, cell.border, cell.alignment = Font(name="黑体", size=12), border, Alignment(horizontal="center")
    for i, (row, fmt) in enumerate(zip(rows, formats), start=4):
        ws.append(row)
        for cell in ws[i]:
            cell.font, cell.border = Font(name="仿宋", size=12), border
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.cell(i, 5).number_format = fmt
    for letter, width in zip("ABCDE", (6, 12, 38, 7, 12)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def docxtpl_table_template(path: Path, reference: Path) -> None:
    """A docxtpl template holding the statistics table: a header row and a {%tr for %} row."""
    import docx

    doc = docx.Document(str(reference))
    body = doc.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    doc.add_paragraph("{{ title }}", style="Title")
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["序号", "类别", "指标", "单位", "本年"]):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for cell, key in zip(table.rows[2].cells, ["r[0]", "r[1]", "r[2]", "r[3]", "r[4]"]):
        cell.text = "{{ " + key + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.save(str(path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    from lawgov_report.compose.build import build
    from lawgov_report.pipeline import load_report, render_file, resolve_template
    from lawgov_report.figures.statistics import cell_texts, number_format, statistics_table
    from lawgov_report.writers import xlsx as xlsx_writer

    work = Path(tempfile.mkdtemp(prefix="lawgov-bench-xlsx-"))
    loaded = load_report(EXAMPLE)
    template = resolve_template(loaded, None)
    document = build(loaded.report, template, loaded.source)
    figures, title = document.figure_values, document.meta["appendix_title"]
    table = statistics_table(figures, title, loaded.report.issuer)
    rows = [[row.number, row.category, row.figure.label, row.figure.unit, row.figure.value] for row in table.rows]
    formats = [number_format(row.figure) for row in table.rows]
    shown = [cell_texts(row, table.keys) for row in table.rows]
    tpl = work / "docxtpl-table.docx"
    docxtpl_table_template(tpl, template.find("reference.docx"))

    def docxtpl_table():
        from docxtpl import DocxTemplate

        doc = DocxTemplate(str(tpl))
        doc.render({"title": title, "rows": shown})
        doc.save(str(work / "docxtpl-out.docx"))

    warm_runs = args.runs * 20
    ours = xlsx_writer.to_bytes(figures, title, loaded.report.issuer)
    openpyxl_bare(rows), openpyxl_styled(rows, formats), docxtpl_table()  # warm every path up once
    render_file(EXAMPLE, work / "a", overwrite=True, formats=("docx",))
    render_file(EXAMPLE, work / "b", overwrite=True, formats=("docx", "xlsx"))
    warm = {
        "our xlsx writer (39 rows)": median_ms(lambda: xlsx_writer.to_bytes(figures, title, "鲁山县人民政府"),
                                               warm_runs),
        "openpyxl bare, same rows": median_ms(lambda: openpyxl_bare(rows), warm_runs),
        "openpyxl styled like ours": median_ms(lambda: openpyxl_styled(rows, formats), warm_runs),
        "docxtpl, same table in .docx": median_ms(docxtpl_table, warm_runs),
    }
    pairs: dict[str, list[float]] = {"render_file docx only": [], "render_file docx + xlsx": []}
    for _ in range(warm_runs):  # interleaved, so drift on a busy machine hits both alike
        pairs["render_file docx only"].append(median_ms(
            lambda: render_file(EXAMPLE, work / "a", overwrite=True, formats=("docx",)), 1))
        pairs["render_file docx + xlsx"].append(median_ms(
            lambda: render_file(EXAMPLE, work / "b", overwrite=True, formats=("docx", "xlsx")), 1))
    warm.update({k: statistics.median(v) for k, v in pairs.items()})
    warm["xlsx added to render_file"] = warm["render_file docx + xlsx"] - warm["render_file docx only"]
    render = ("from lawgov_report.pipeline import render_file; "
              f"render_file({str(EXAMPLE)!r}, {str(work / 'c')!r}, overwrite=True, formats={{}})")
    codes = {
        "python -c pass": "pass",
        "import openpyxl": "import openpyxl",
        "render_file docx only": render.format('("docx",)'),
        "render_file docx + xlsx": render.format('("docx", "xlsx")'),
    }
    samples: dict[str, list[float]] = {k: [] for k in codes}
    for _ in range(args.runs):  # interleaved, so drift on a busy machine hits every row alike
        for key, code in codes.items():
            samples[key].append(cold_ms(code, 1))
    cold = {k: statistics.median(v) for k, v in samples.items()}
    # In a fresh process, after the .docx is built: importing our writer and writing the first .xlsx.
    first = [float(subprocess.run([sys.executable, "-c", FIRST_XLSX.format(example=str(EXAMPLE))], check=True,
                                  capture_output=True, text=True, cwd=ROOT).stdout) for _ in range(args.runs)]
    cold["first xlsx in a process (import + write)"] = statistics.median(first)
    cold["openpyxl import minus python start"] = cold["import openpyxl"] - cold["python -c pass"]
    result = {"warm_ms": warm, "cold_ms": cold, "xlsx_bytes": len(ours)}
    print(f"warm, median of {warm_runs} (ms):")
    for k, v in warm.items():
        print(f"  {k:32s} {v:8.2f}")
    print(f"cold, median of {args.runs} fresh processes (ms):")
    for k, v in cold.items():
        print(f"  {k:42s} {v:8.1f}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "xlsx.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
