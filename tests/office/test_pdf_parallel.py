"""batch --pdf: one LibreOffice per worker, each with its own profile, every file converted once."""

from __future__ import annotations

import re
import shutil

from support.office import need

from lawgov_report.office.pdf import convert_in_parallel

from test_pdf import counted_soffice, pages_of, starts  # noqa: F401  (the fixture logs each start)


def test_two_workers_start_two_libreoffices_with_their_own_profiles(rendered, tmp_path, counted_soffice):
    need("pdfinfo")
    folders = [tmp_path / "乡镇", tmp_path / "部门"]
    files = []
    for n in range(5):  # two folders, as a batch's outputs mirror the input folders
        folder = folders[n % 2]
        folder.mkdir(exist_ok=True)
        files.append(folder / f"单位-{n}.docx")
        shutil.copyfile(rendered, files[-1])
    converted = convert_in_parallel(files, workers=2)
    lines = starts(counted_soffice)
    assert len(lines) == 2, lines
    profiles = {re.search(r"-env:UserInstallation=(\S+)", line).group(1) for line in lines}
    assert len(profiles) == 2
    # each file given to exactly one LibreOffice, its PDF beside it, in the order asked
    assert sorted(sum((re.findall(r"单位-\d\.docx", line) for line in lines), [])) == sorted(f.name for f in files)
    assert converted.pdfs == [f.with_suffix(".pdf") for f in files]
    assert all(pages_of(p) == pages_of(converted.pdfs[0]) for p in converted.pdfs)


def test_one_worker_is_one_start(rendered, tmp_path, counted_soffice):
    files = []
    for n in range(2):
        files.append(tmp_path / f"单位-{n}.docx")
        shutil.copyfile(rendered, files[-1])
    assert len(convert_in_parallel(files, workers=1).pdfs) == 2
    assert len(starts(counted_soffice)) == 1
