"""The PDF prints every character of the .docx. Unless the document says punctuation may hang
(``w:overflowPunct``), LibreOffice hangs a mark that would be a full line's 29th character and does not
print it: a "，" or "。" vanished from the PDF (4 in the Lushan example).

Measured as multisets: each character of the .docx's body (prose, headings, the 附件 table) occurs
in ``pdftotext``'s text at least as often; the PDF has more only of the table's header, which
repeats on every page the table fills.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from support.office import need

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"
UNSEEN = ROOT / "tests" / "corpus" / "import-unseen"
# Two other governments' reports, imported: the longest (about 4,000 characters) and a county's.
IMPORTED = ("linjiang-city-2022.txt", "qingxi-county-2022.txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def cli(*args) -> None:
    result = subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (.docx, .pdf): the example and the imported reports, rendered, converted at once."""
    need("soffice")
    need("pdftotext")
    from lawgov_report.office.pdf import convert_to_pdf

    folder = tmp_path_factory.mktemp("characters")
    sources = [EXAMPLE]
    for name in IMPORTED:
        target = folder / f"{Path(name).stem}.yaml"
        cli("import", UNSEEN / name, "-o", target)
        sources.append(target)
    docx = []
    for source in sources:
        cli("render", source, "-o", folder / "out", "--no-xlsx")
        docx.append(folder / "out" / f"{source.stem}.docx")
    pdfs = convert_to_pdf(docx, folder / "pdf").pdfs
    return {path.stem: (path, pdf) for path, pdf in zip(docx, pdfs)}


def docx_characters(path: Path) -> tuple[collections.Counter, set[str]]:
    """The body's printed characters (no white space), and those of its tables' header rows."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    header = {c for tr in root.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None
              for t in tr.iter(f"{W}t") for c in t.text or ""}
    return collections.Counter(c for c in text if not c.isspace()), header


def pdf_characters(path: Path) -> collections.Counter:
    """pdftotext's characters, less the page numbers ("— 3 —") the footers add."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [line for line in text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    return collections.Counter(c for c in "".join(lines) if not c.isspace())


@pytest.mark.parametrize("name", ["lushan-2020", *(Path(n).stem for n in IMPORTED)])
def test_the_pdf_prints_every_character(converted, name):
    docx, pdf = converted[name]
    written, header = docx_characters(docx)
    printed = pdf_characters(pdf)
    assert written - printed == collections.Counter(), f"{name}: not printed"
    assert set(printed - written) <= header, f"{name}: printed but not written"


def test_punctuation_may_hang_in_every_paragraph():
    """The reason, where it is said: the defaults every paragraph inherits."""
    from lawgov_report.writers.reference import styles_xml

    root = etree.fromstring(styles_xml().encode("utf-8"))
    hanging = root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}overflowPunct")
    assert hanging is not None and hanging.get(f"{W}val") == "1"
