"""Every .docx and .xlsx the engine writes is valid by the Open XML SDK's rules (Office 2019).

Word, WPS and Excel are stricter than LibreOffice: an element out of the schema's order or a
missing theme part makes Word "repair" a file and Word for the web open it read-only. The
validator is ``openxml-audit``, a Python port of the Open XML SDK's validator (the ``test`` extra).

To validate a new kind of output, add one producer to :data:`PRODUCERS`: a function that writes
its files into a folder with the real command line and returns their paths.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from support.yearover import edited_copy, filled_in

import openxml_audit  # noqa: E402  (the test extra installs it: a missing validator must fail, not skip)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"


def run(*args) -> None:
    result = subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def next_year(folder: Path) -> Path:
    """The example's successor with every figure filled in: 上年/增减/增幅 columns, growth formulas."""
    draft = folder / "lushan-2021.yaml"
    run("new", EXAMPLE, "-o", draft)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(filled_in(text), encoding="utf-8")
    return draft


def render(folder: Path) -> list[Path]:
    run("render", EXAMPLE, "-o", folder)
    return [folder / "lushan-2020.docx", folder / "lushan-2020.xlsx"]


def render_print(folder: Path) -> list[Path]:
    """The printed 公文: 版头, the floating 版记 table, the sealed 署名."""
    run("render", ROOT / "examples" / "lushan-2020-print.yaml", "-o", folder)
    return [folder / "lushan-2020-print.docx"]


def render_next_year(folder: Path) -> list[Path]:
    run("render", next_year(folder), "-o", folder / "out")
    return [folder / "out" / "lushan-2021.docx", folder / "out" / "lushan-2021.xlsx"]


def redline(folder: Path) -> list[Path]:
    new, _ = edited_copy(EXAMPLE, folder / "new.yaml")
    run("diff", EXAMPLE, new, "-o", folder / "redline.docx", "--author", "县司法局 张三")
    return [folder / "redline.docx"]


def deltas(folder: Path) -> list[Path]:
    run("diff", EXAMPLE, next_year(folder), "--xlsx", folder / "deltas.xlsx")
    return [folder / "deltas.xlsx"]


def two_units(folder: Path) -> None:
    """Two townships' copies of the example in ``folder``."""
    folder.mkdir()
    for name in ("乡镇甲", "乡镇乙"):
        text = EXAMPLE.read_text(encoding="utf-8").replace("issuer: 鲁山县人民政府", f"issuer: {name}")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def rollup(folder: Path) -> list[Path]:
    two_units(folder / "in")
    run("batch", folder / "in", "-o", folder / "out", "-j", "1")
    return [folder / "out" / "汇总.xlsx", folder / "out" / "乡镇甲.docx"]


def unit_form(folder: Path) -> list[Path]:
    run("form", next_year(folder), "-o", folder / "填报表.xlsx")
    return [folder / "填报表.xlsx"]


def county_form(folder: Path) -> list[Path]:
    two_units(folder / "in")
    run("form", folder / "in", "-o", folder / "全县填报表.xlsx")
    return [folder / "全县填报表.xlsx"]


# name -> producer; each output file becomes one test case.
PRODUCERS = {
    "render": render,
    "render-print": render_print,
    "render-next-year": render_next_year,
    "redline": redline,
    "deltas": deltas,
    "rollup": rollup,
    "unit-form": unit_form,
    "county-form": county_form,
}


@pytest.fixture(scope="module")
def validator():
    return openxml_audit.OpenXmlValidator(file_format=openxml_audit.FileFormat.OFFICE_2019, max_errors=0)


def validation_errors(validator, path: Path) -> list[str]:
    out = []
    for e in validator.validate(str(path)).errors:
        if e.severity == openxml_audit.ValidationSeverity.ERROR:
            where = " ".join(x for x in (e.part_uri, e.path, f"[{e.node}]" if e.node else "") if x)
            out.append(f"{where}: {e.description}")
    return out


@pytest.fixture(scope="module", params=sorted(PRODUCERS))
def outputs(request, tmp_path_factory) -> list[Path]:
    return PRODUCERS[request.param](tmp_path_factory.mktemp(request.param))


def test_every_output_is_valid(outputs, validator):
    for path in outputs:
        assert path.exists(), path
        assert validation_errors(validator, path) == [], path.name


def test_the_theme_sends_no_chinese_text_to_a_japanese_font(outputs):
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for path in outputs:
        with zipfile.ZipFile(path) as zf:
            themes = [n for n in zf.namelist() if re.fullmatch(r"(word|xl)/theme/theme\d+\.xml", n)]
            assert themes, path.name
            for name in themes:
                root = etree.fromstring(zf.read(name))
                assert not [f for f in root.iter(f"{a}font") if f.get("script") in ("Jpan", "Hang", "Hant")]
                for ea in root.iter(f"{a}ea"):
                    assert ea.get("typeface") in ("", "仿宋_GB2312", "黑体", "宋体"), ea.get("typeface")


def test_every_formula_cell_carries_its_value(outputs):
    """A reader that does not recalculate (openpyxl, previewers, phones) sees every computed value:
    each <c> with an <f> has its <v> (an empty text where the formula gives ""), and openpyxl's
    data_only view has a number wherever the formula gives one."""
    import openpyxl

    s = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    for path in (p for p in outputs if p.suffix == ".xlsx"):
        values = openpyxl.load_workbook(path, data_only=True)
        count = 0
        with zipfile.ZipFile(path) as zf:
            for index, sheet in enumerate(values.worksheets, start=1):
                root = etree.fromstring(zf.read(f"xl/worksheets/sheet{index}.xml"))
                for cell in root.iter(f"{s}c"):
                    if cell.find(f"{s}f") is None:
                        continue
                    count += 1
                    v = cell.find(f"{s}v")
                    assert v is not None, (path.name, sheet.title, cell.get("r"))
                    if cell.get("t") is None:  # a number
                        assert isinstance(sheet[cell.get("r")].value, (int, float)), (path.name, cell.get("r"))
        assert count, f"{path.name}: no formulas to check"


def test_the_validator_sees_an_element_out_of_order(tmp_path, validator):
    """The check can fail: the rendered file with its footer's indent moved after its alignment."""
    good = render(tmp_path)[0]
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/footer1.xml":
                data = re.sub(rb"(<w:ind [^>]*/>)(<w:jc [^>]*/>)", rb"\2\1", data)
            dst.writestr(info, data)
    assert any("Unexpected element 'ind'" in e for e in validation_errors(validator, bad))
