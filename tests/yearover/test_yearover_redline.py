"""The redline (``diff -o``): accepting every change gives NEW exactly, rejecting every change gives
OLD exactly, and LibreOffice shows the changes."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from lawgov_report.pipeline import render_file
from support import tracked
from support.office import need, soffice_convert
from support.yearover import Edits, dump, edited_copy, figure_value, filled_in, load_data, set_figure

W = tracked.W


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def rendered(path, folder):
    render_file(path, folder)
    return (folder / f"{path.stem}.docx").read_bytes()


@pytest.fixture(scope="module")
def redline(example, tmp_path_factory):
    folder = tmp_path_factory.mktemp("redline")
    new, edits = edited_copy(example, folder / "new.yaml")
    target = folder / "redline.docx"
    result = run("diff", example, new, "-o", target, "--author", "县司法局 张三")
    assert result.returncode == 0, result.stderr
    return {"docx": target.read_bytes(), "path": target, "edits": edits,
            "old": rendered(example, folder / "old"), "new": rendered(new, folder / "new")}


def test_accepting_every_change_gives_new(redline):
    accepted = tracked.paragraphs(tracked.resolve(redline["docx"], accept=True))
    assert accepted == tracked.paragraphs(tracked.body_of(redline["new"]))


def test_rejecting_every_change_gives_old(redline):
    rejected = tracked.paragraphs(tracked.resolve(redline["docx"], accept=False))
    assert rejected == tracked.paragraphs(tracked.body_of(redline["old"]))


def test_plain_unwrapping_gives_the_texts(redline):
    """The issue's literal check: drop w:del, unwrap w:ins -> NEW's text; the reverse -> OLD's.
    (A paragraph whose mark is dropped joins the next paragraph, as in Word.)"""
    def unwrapped(drop: str) -> list[str]:
        out, pending = [], ""
        for p in tracked.body_of(redline["docx"]).iter(f"{W}p"):
            text = pending + "".join(n.text or "" for n in p.iter(f"{W}t", f"{W}delText")
                                     if not any(a.tag == f"{W}{drop}" for a in n.iterancestors()))
            if p.find(f"{W}pPr/{W}rPr/{W}{drop}") is not None:
                pending = text
                continue
            out.append(text)
            pending = ""
        return out

    def texts(data: bytes) -> list[str]:
        return ["".join(n.text or "" for n in p.iter(f"{W}t")) for p in tracked.body_of(data).iter(f"{W}p")]

    assert unwrapped("del") == texts(redline["new"])
    assert unwrapped("ins") == texts(redline["old"])


def test_revisions_are_real_word_revisions(redline):
    body = tracked.body_of(redline["docx"])
    revisions = list(body.iter(f"{W}ins", f"{W}del", f"{W}pPrChange"))
    assert revisions
    ids = [r.get(f"{W}id") for r in revisions]
    assert len(ids) == len(set(ids))
    for r in revisions:
        assert r.get(f"{W}author") == "县司法局 张三"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r.get(f"{W}date"))
    for d in body.iter(f"{W}del"):
        if d.getparent().tag not in (f"{W}rPr", f"{W}trPr"):
            assert not list(d.iter(f"{W}t")), "deleted text lives in w:delText"
    # the deleted item's paragraph (the moved section, as OLD had it) marks its paragraph mark
    deleted_marks = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    inserted_marks = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}ins") is not None]
    assert deleted_marks and inserted_marks


def _paragraph_with(body, text: str):
    for p in body.iter(f"{W}p"):
        if text in "".join(n.text or "" for n in p.iter(f"{W}t", f"{W}delText")):
            return p
    raise AssertionError(text)


def test_a_reworded_sentence_is_changed_by_character(redline):
    body = tracked.body_of(redline["docx"])
    p = _paragraph_with(body, "领导干部学")
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in p.iter(f"{W}del")]
    inserted = ["".join(t.text for t in i.iter(f"{W}t")) for i in p.iter(f"{W}ins")]
    assert deleted == ["认真"] and inserted == ["全面", "各级", "法用"]
    assert p.find(f"{W}pPr/{W}rPr") is None  # the paragraph itself stays


def test_a_changed_figure_is_tracked_as_a_whole_number(example, tmp_path):
    data = load_data(example)
    old_value = figure_value(data, Edits.FIGURE)
    set_figure(data, Edits.FIGURE, old_value + 2)
    new = dump(data, tmp_path / "new.yaml")
    assert run("diff", example, new, "-o", tmp_path / "red.docx").returncode == 0
    body = tracked.body_of((tmp_path / "red.docx").read_bytes())
    p = _paragraph_with(body, "依法受理行政复议案件")
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in p.iter(f"{W}del")]
    inserted = ["".join(t.text for t in i.iter(f"{W}t")) for i in p.iter(f"{W}ins")]
    assert str(old_value) in deleted and str(old_value + 2) in inserted
    assert all(len(t) <= 3 for t in deleted + inserted)  # 18 -> 20 and the rate it drives, not the sentence


def test_shifted_heading_numbers_are_tracked(redline):
    """The section that stayed in place is matched despite its new number, and the number is tracked."""
    body = tracked.body_of(redline["docx"])
    kept = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr") is None and any(
        title in "".join(n.text or "" for n in p.iter(f"{W}t")) for title in redline["edits"].SWAPPED)]
    assert len(kept) == 1
    p = kept[0]
    assert [t.text for t in p.iter(f"{W}delText")] and [t.text for t in p.iter(f"{W}t")][0] == "（"


def test_libreoffice_shows_the_changes(redline, tmp_path):
    need("pdftotext")
    pdf = soffice_convert(redline["path"], "pdf", tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    edits = redline["edits"]
    body = tracked.body_of(redline["docx"])
    inserted = {"".join(t.text for t in i.iter(f"{W}t")) for i in body.iter(f"{W}ins")} - {""}
    deleted = {"".join(t.text for t in d.iter(f"{W}delText")) for d in body.iter(f"{W}del")} - {""}
    for piece in (edits.DELETED, edits.ADDED.rstrip("。"), "认真全面落实各级领导干部学法用法制度"):
        assert piece in flat, piece
    assert all(re.sub(r"\s+", "", t) in flat for t in inserted | deleted if len(t) < 200)


def test_two_years_accept_and_reject(example, tmp_path):
    """Across years every figure and the appendix table change: accept/reject still give each side."""
    draft = tmp_path / "lushan-2021.yaml"
    assert run("new", example, "-o", draft).returncode == 0
    text = draft.read_text(encoding="utf-8")
    filled = filled_in(text)
    draft.write_text(filled, encoding="utf-8")
    target = tmp_path / "red.docx"
    result = run("diff", example, draft, "-o", target)
    assert result.returncode == 0, result.stderr
    red = target.read_bytes()
    new = rendered(draft, tmp_path / "new")
    old = rendered(example, tmp_path / "old")
    assert tracked.paragraphs(tracked.resolve(red, True)) == tracked.paragraphs(tracked.body_of(new))
    assert tracked.paragraphs(tracked.resolve(red, False)) == tracked.paragraphs(tracked.body_of(old))
    with zipfile.ZipFile(target) as zf:
        etree.fromstring(zf.read("word/document.xml"))  # well-formed


def test_with_source_date_epoch_the_redline_is_the_same_bytes_each_time(example, tmp_path):
    """Reproducible, as the rendered .docx is: the revisions carry SOURCE_DATE_EPOCH's date."""
    import os

    new, _ = edited_copy(example, tmp_path / "new.yaml")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1614902400"}  # 2021-03-05
    made = []
    for name in ("a.docx", "b.docx"):
        result = subprocess.run([sys.executable, "-m", "lawgov_report", "diff", example, new, "-o", tmp_path / name],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(tmp_path / "a.docx") as package:
        dates = set(re.findall(rb'w:date="([^"]+)"', package.read("word/document.xml")))
    assert dates == {b"2021-03-05T00:00:00Z"}
