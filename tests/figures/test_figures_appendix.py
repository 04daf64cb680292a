"""One number, one source: a figure's value is written once in the YAML and reaches the prose, the
附件 table and the .xlsx; the 附件 page in LibreOffice's PDF; the render command's outputs."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections import Counter

import docx
import openpyxl
import pytest

from support import appendix
from support.office import pdf_lines, soffice_convert

DERIVED_RATE = "复议结案率"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def set_values(text: str, new: dict[str, int]) -> tuple[str, Counter]:
    """The example with figures' values replaced; counts how often each figure's value was written."""
    out, written, in_figures = [], Counter(), False
    for line in text.split("\n"):
        in_figures = in_figures or line.startswith("figures:")
        m = re.match(r"  ([^\s:#]+):(.*)$", line) if in_figures else None
        if m and m[1] in new:
            rest, n = re.subn(r"\bvalue: -?\d+(?:\.\d+)?", f"value: {new[m[1]]}", m[2])
            if not n:
                rest, n = re.subn(r"^(\s*)-?\d+(?:\.\d+)?(?=\s|$)", rf"\g<1>{new[m[1]]}", rest)
            written[m[1]] += n
            line = f"  {m[1]}:{rest}"
        out.append(line)
    return "\n".join(out), written


def prose_numbers(paragraphs: list[str]) -> Counter:
    """Numbers in the prose that are statistics (not dates, years, 12·4)."""
    found = Counter()
    for text in paragraphs:
        for m in re.finditer(r"\d+(?:\.\d+)?", text):
            after, before = text[m.end(): m.end() + 1], text[m.start() - 1: m.start()]
            if after in "月日年" or "·" in (after, before) or (after == "." and before == ""):
                continue
            found[m.group()] += 1
    return found


@pytest.fixture(scope="module")
def mutated(example, tmp_path_factory):
    """The example with every figure's value replaced by a sentinel, rendered."""
    folder = tmp_path_factory.mktemp("one-source")
    entries = {n: e for n, e in appendix.figures().items() if "formula" not in e}
    # A share in % lies in 0-100 (check refuses 610000%): those get two-digit sentinels no other
    # number of the mutated prose has.
    shares = iter((61, 67, 71, 73, 79, 83, 89, 97))
    sentinels = {name: next(shares) if entry["unit"] == "%" else 610000 + 7 * i
                 for i, (name, entry) in enumerate(entries.items())}
    sentinels.update({"受理复议案件数": 640000, "复议结案数": 480000})  # the derived rate becomes 75
    text, written = set_values(example.read_text(encoding="utf-8"), sentinels)
    source = folder / "lushan-2020.yaml"
    source.write_text(text, encoding="utf-8")
    result = run("render", source, "-o", folder / "out")
    assert result.returncode == 0, result.stderr
    return folder, source, sentinels, written


def test_each_value_is_written_once_in_the_yaml(mutated, example):
    _, _, sentinels, written = mutated
    assert len(sentinels) >= 38
    assert written == Counter({name: 1 for name in sentinels})


def test_changing_the_yaml_changes_the_prose(mutated, example, seed_paragraphs):
    folder, source, sentinels, _ = mutated
    paragraphs = [p.text for p in docx.Document(str(folder / "out" / "lushan-2020.docx")).paragraphs]
    body = paragraphs[: paragraphs.index("附件：" + appendix.TITLE) - 1]
    assert len(body) == len(seed_paragraphs)
    prose = example.read_text(encoding="utf-8").split("\nfigures:")[0]
    numbers = prose_numbers(body)
    for name, value in sentinels.items():
        quotes = len(re.findall(r"\{\{\s*" + name + r"\s*(?:\||\}\})", prose))
        assert numbers.pop(str(value), 0) == quotes, name
    # What is left is the derived rate, now 480000 / 640000 * 100, with the 2 decimals 640,000 cases
    # justify, as in the table; no statistic of the seed remains.
    assert numbers == Counter({"75.00": 1}), numbers
    assert any("法定期限结案率75.00％" in p for p in body)


def test_changing_the_yaml_changes_the_tables(mutated):
    folder, source, sentinels, _ = mutated
    out = folder / "out"
    [table] = docx.Document(str(out / "lushan-2020.docx")).tables
    shown = {row.cells[2].text: row.cells[4].text for row in table.rows[1:]}
    labels = {name: entry["label"] for name, entry in appendix.figures(source).items()}
    for name, value in sentinels.items():
        assert re.sub(r"[^\d]", "", shown[labels[name]]) == str(value), name
    assert shown[labels[DERIVED_RATE]] == "75.00"
    sheet = openpyxl.load_workbook(out / "lushan-2020.xlsx").active
    cells = {row[2]: row[4] for row in sheet.iter_rows(min_row=4, values_only=True)}
    for name, value in sentinels.items():
        assert cells[labels[name]] == value, name
    resaved = soffice_convert(out / "lushan-2020.xlsx", "xlsx:Calc MS Excel 2007 XML", folder / "resaved")
    recalculated = {row[2]: row[4] for row in openpyxl.load_workbook(resaved, data_only=True).active
                    .iter_rows(min_row=4, values_only=True)}
    assert recalculated[labels[DERIVED_RATE]] == 75


PT_PER_LINE = 28.95
LEFT, RIGHT = 1587 / 20, (11906 - 1474) / 20


@pytest.fixture(scope="module")
def pdf_pages(rendered, tmp_path_factory):
    pdf = soffice_convert(rendered, "pdf", tmp_path_factory.mktemp("appendix-pdf"))
    pages = pdf_lines(pdf)
    # Drop the page numbers ("— 7 —"): they are not the page's text.
    return [[line for line in page if not re.fullmatch(r"—\d+—", line[3].replace(" ", ""))] for page in pages]


def test_appendix_page_in_the_pdf(pdf_pages):
    first = next(i for i, page in enumerate(pdf_pages) if page and page[0][3] == "附件")
    pages = pdf_pages[first:]
    assert 1 <= len(pages) <= 3 and first >= 4  # the table is on the last pages
    label, title = pages[0][0], pages[0][1]
    assert label[1] == pytest.approx(LEFT, abs=2)  # "附件" flush left on line 1
    assert title[3].replace(" ", "") == appendix.TITLE  # the title on line 3, centred
    assert title[0] - label[0] == pytest.approx(2 * PT_PER_LINE, abs=8)
    assert (title[1] + title[2]) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=6)
    lines = [line[3].replace(" ", "") for page in pages for line in page]
    for row in appendix.rows():  # every label on the appendix pages (a long one wraps in its cell)
        assert any(row[2][:8] in line for line in lines), row
    for page in pages:  # the header row repeats on every page of the table
        words = [line[3].replace(" ", "") for line in page]
        assert all(any(word in line for line in words) for word in appendix.HEADER), words
        assert words.index("序号") <= 2  # at the top of the page
    # The 附件说明 is on a report page before it.
    before = "\n".join(line[3] for page in pdf_pages[:first] for line in page).replace(" ", "")
    assert "附件：" + appendix.TITLE in before


# --- the render command ---------------------------------------------------------------------------

SMALL = """\
    issuer: 某县人民政府
    year: 2021
    sections:
      - title: 主要工作
        paragraphs:
          - 受理复议案件{{ 受理复议案件数 }}件。
    figures:
      受理复议案件数: 12
      复议咨询人次: {value: 50, approx: 余}
    """


def test_render_writes_both_and_prints_located_warnings(tmp_path):
    source = tmp_path / "small.yaml"
    source.write_text(textwrap.dedent(SMALL), encoding="utf-8")
    result = run("render", source, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert f"已生成 {tmp_path / 'out' / 'small.xlsx'}" in result.stdout
    assert f"{source}:9:3: 警告 figures.复议咨询人次: 数据“复议咨询人次”没有被正文引用" in result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "out" / "small.xlsx").active
    assert [r[2:5] for r in sheet.iter_rows(min_row=4, values_only=True)] == [
        ("受理行政复议案件", "件", 12), ("解答行政复议咨询", "人次", 50)]


def test_an_existing_xlsx_stops_everything(tmp_path):
    source = tmp_path / "small.yaml"
    source.write_text(textwrap.dedent(SMALL), encoding="utf-8")
    (tmp_path / "small.xlsx").write_bytes(b"precious")
    result = run("render", source, "-o", tmp_path)
    assert result.returncode == 1 and "已存在" in result.stderr and "small.xlsx" in result.stderr
    assert not (tmp_path / "small.docx").exists() and (tmp_path / "small.xlsx").read_bytes() == b"precious"


def test_an_error_writes_nothing(tmp_path):
    source = tmp_path / "small.yaml"
    source.write_text(textwrap.dedent(SMALL).replace("{{ 受理复议案件数 }}", "{{ 受理复议案件 }}"), encoding="utf-8")
    result = run("render", source, "-o", tmp_path / "out")
    assert result.returncode == 1 and "受理复议案件数" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_no_figures_no_appendix(tmp_path):
    source = tmp_path / "plain.yaml"
    source.write_text("issuer: 某县人民政府\nyear: 2021\nsections:\n  - title: 主要工作\n", encoding="utf-8")
    assert run("render", source, "-o", tmp_path / "out").returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["plain.docx"]
    document = docx.Document(str(tmp_path / "out" / "plain.docx"))
    assert not document.tables and not any(p.text.startswith("附件") for p in document.paragraphs)


def test_a_template_turns_the_appendix_off(example, tmp_path):
    mine = tmp_path / "no-appendix"
    mine.mkdir()
    (mine / "template.yaml").write_text("name: no-appendix\nextends: annual-report\nappendix: false\n",
                                        encoding="utf-8")
    result = run("render", example, "-o", tmp_path / "out", "--template", mine)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(tmp_path / "out" / "lushan-2020.docx"))
    assert document.paragraphs[-1].text.startswith("4.将领导干部学法普法") and not document.tables
    assert (tmp_path / "out" / "lushan-2020.xlsx").exists()  # the spreadsheet is still written


def test_own_attachments_number_the_appendix(tmp_path):
    source = tmp_path / "two.yaml"
    source.write_text(textwrap.dedent(SMALL).replace("figures:", "attachments: 行政执法案卷评查情况\nfigures:"),
                      encoding="utf-8")
    assert run("render", source, "-o", tmp_path / "out").returncode == 0
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out" / "two.docx")).paragraphs]
    assert paragraphs[-6:] == ["", "附件：1.行政执法案卷评查情况", "2.2021年度法治政府建设主要数据统计表",
                               "附件2", "", "2021年度法治政府建设主要数据统计表"]


@pytest.mark.parametrize("approx,want", [("超过", "超过600"), ("近", "近600"), ("余", "600余"), ("以上", "600以上"),
                                         ("", "600")])
def test_qualifier_in_the_table_cell_and_number_format(approx, want):
    """The table cell (.docx) and the workbook's number format show a qualifier where the prose does."""
    from lawgov_report.figures.statistics import display, number_format
    from lawgov_report.figures.values import FigureValue
    from lawgov_report.source.model import Figure

    figure = FigureValue("x", Figure.model_validate({"value": 600, "unit": "项", "approx": approx}))
    code = number_format(figure)
    assert display(600, code) == want
    assert code.startswith(f'"{approx}"') == (approx in ("超过", "近"))


def test_table_texts_a_column_at_a_time_are_the_cells_row_by_row():
    """The 附件's texts made a column at a time are what cell_texts (the workbook's) gives row by row."""
    from lawgov_report.figures.statistics import cell_texts, statistics_table, table_texts
    from lawgov_report.figures.values import FigureValue
    from lawgov_report.source.model import Figure

    specs = [{"value": 600, "unit": "项", "approx": "超过", "previous": 480, "category": "普法"},
             {"value": 98.5, "unit": "%", "approx": "以上", "previous": 97.25, "note": "抽查"},
             {"value": 12345.678, "unit": "元", "previous": 0, "category": "普法"},
             {"value": -3, "previous": 5, "approx": "余"}, {"value": 0.0, "unit": "件", "kind": "decimal", "digits": 2},
             {"value": 13000, "unit": "人次", "approx": "余", "category": "复议", "previous": 13000}]
    figures = {f"指标{i}": FigureValue(f"指标{i}", Figure.model_validate(spec)) for i, spec in enumerate(specs)}
    table = statistics_table(figures, "统计表")
    assert len(table.keys) == 9
    assert table_texts(table) == [cell_texts(row, table.keys) for row in table.rows]
    assert table_texts(statistics_table({}, "统计表")) == []


@pytest.mark.parametrize("code", ["#,##0", "0", '#,##0"余"', '"超过"#,##0', "#,##0.0", "+#,##0;-#,##0;#,##0",
                                  "+0.0%;-0.0%;0.0%", "0%", '#,##0.00"以上"'])
def test_display_of_whole_numbers_matches_rounding_them(code):
    """A whole number is shown without Decimal (the fast path), as its float is through Decimal rounding."""
    from lawgov_report.figures.statistics import display

    for value in (0, 1, -1, 7, 999, 1000, -1234567, 10 ** 15 + 1, 2 ** 53 - 1):
        assert display(value, code) == display(float(value), code), (value, code)
