"""Property: for random edits of the example, accepting every change of the redline gives NEW and
rejecting every change gives OLD (paragraph properties and styled text alike). In-process, no
LibreOffice: the redline is compared with the ordinary writer's output for each side."""

from __future__ import annotations

import copy
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawgov_report.compose.build import build
from lawgov_report.source.model import Report
from lawgov_report.pipeline import load_report, resolve_template
from lawgov_report.writers import docx as docx_writer
from lawgov_report.writers import redline
from support import tracked
from support.yearover import ROOT, bumped, figure_value, is_share, set_figure

ALPHABET = "法治政府建设依法行政执法监督复议应诉普法宣传一二三是的了，。；、（）0123456789"
OPS = ("figure", "reword", "delete_point", "add_point", "swap", "delete_section", "add_section", "title",
       "preamble")


@pytest.fixture(scope="module")
def base(example):
    loaded = load_report(example)
    template = resolve_template(loaded, None)
    old = build(loaded.report, template, loaded.source)
    return {"data": loaded.source.data, "template": template, "old": old,
            "old_body": tracked.paragraphs(tracked.body_of(docx_writer.to_bytes(old, template.reference_docx)))}


def _sections(data) -> list[list]:
    """Every list of sibling sections, outermost first."""
    out = []

    def walk(sections):
        out.append(sections)
        for s in sections:
            walk(s.setdefault("sections", []))

    walk(data["sections"])
    return out


def _point_lists(data) -> list[list]:
    out = []
    for siblings in _sections(data):
        for s in siblings:
            for p in s.get("paragraphs") or []:
                if isinstance(p, dict) and p.get("points"):
                    out.append(p["points"])
    return out


def _reword(point: str, at: int, text: str) -> str:
    """Insert ``text`` and delete about half as many characters, never inside a {{ figure }}."""
    cut = at % (len(point) + 1)
    for m in re.finditer(r"\{\{.*?\}\}", point):
        if m.start() < cut < m.end():
            cut = m.end()
    end = cut + len(text) // 2
    following = point.find("{{", cut)
    if following >= 0:
        end = min(end, following)
    return point[:cut] + text + point[end:]


def apply(data: dict, op: str, a: int, b: int, text: str) -> None:
    text = text or "新增内容"
    if op == "figure":
        # (not an input of a formula: 复议结案数 one past 受理复议案件数 makes a 结案率 over 100%, refused)
        catalogue = yaml.safe_load((ROOT / "templates" / "annual-report" / "template.yaml").read_text(encoding="utf-8"))
        formulas = [f["formula"] for f in [*data["figures"].values(), *catalogue.get("figures", {}).values()]
                    if isinstance(f, dict) and f.get("formula")]
        inputs = {n for n in data["figures"] if any(n in formula for formula in formulas)}
        names = [n for n in data["figures"] if isinstance(figure_value(data, n), (int, float)) and n not in inputs]
        name = names[a % len(names)]
        set_figure(data, name, bumped(figure_value(data, name), 1 + b % 50, is_share(data, name)))
    elif op in ("reword", "delete_point", "add_point"):
        lists = _point_lists(data)
        if not lists:
            return
        points = lists[a % len(lists)]
        i = b % len(points)
        if op == "reword":
            points[i] = _reword(points[i], b, text)
        elif op == "delete_point" and len(points) > 1:
            del points[i]
        elif op == "add_point":
            points.insert(i, text + "。")
    elif op in ("swap", "delete_section", "add_section", "title"):
        candidates = [s for s in _sections(data) if s]
        siblings = candidates[a % len(candidates)]
        i, j = b % len(siblings), (b // 7) % len(siblings)
        if op == "swap":
            siblings[i], siblings[j] = siblings[j], siblings[i]
        elif op == "delete_section" and len(siblings) > 1:
            del siblings[i]
        elif op == "add_section":
            siblings.insert(i, {"title": text, "paragraphs": [text + "。"]})
        elif op == "title":
            siblings[i]["title"] = _reword(siblings[i]["title"], b, text)
    elif op == "preamble":
        data["preamble"] = [text + "。", *data.get("preamble", [])[1:]]


edits = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10_000), st.integers(0, 10_000),
                           st.text(alphabet=ALPHABET, max_size=12)), min_size=1, max_size=5)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_accept_gives_new_and_reject_gives_old(base, changes):
    data = copy.deepcopy(base["data"])
    for op, a, b, text in changes:
        apply(data, op, a, b, text)
    template = base["template"]
    new = build(Report.model_validate(data), template)
    red = redline.to_bytes(base["old"], new, template.reference_docx, template.reference_docx)
    new_body = tracked.paragraphs(tracked.body_of(docx_writer.to_bytes(new, template.reference_docx)))
    assert tracked.paragraphs(tracked.resolve(red, accept=True)) == new_body
    assert tracked.paragraphs(tracked.resolve(red, accept=False)) == base["old_body"]


def _document(*texts: str):
    """A Document of body paragraphs ("|" stands for a table, "H:" for a level-2 run-in heading)."""
    from lawgov_report import document as d

    blocks = [d.Block(d.TITLE, [d.Span("标题")])]
    for text in texts:
        if text == "|":
            blocks.append(d.Block(d.TABLE, table=d.Table(["指标", "数值"], [["受理", "18"]], [4000, 2000])))
        elif text.startswith("H:"):
            blocks.append(d.Block(d.HEADING, [d.Span("（一）", generated=True), d.Span(text[2:]), d.Span("正文。")],
                                  level=2, heading_spans=2))
        else:
            blocks.append(d.Block(d.BODY, [d.Span(text)]))
    return d.Document(blocks, {"issuer": "县政府", "year": 2020, "title": "标题"})


TAILS = [
    # (OLD, NEW): what a deleted or inserted paragraph mark has to join is missing at the end of the
    # body and before a table
    (("甲段。", "乙段。", "丙段。"), ("甲段。",)),
    (("甲段。",), ("甲段。", "乙段。", "丙段。")),
    (("甲段。", "乙段。"), ("甲段。", "丁段完全不同的内容。")),
    (("甲段。", "乙段。", "丙段。"), ("甲段。", "丁段。", "戊段。", "己段。")),
    (("甲段。", "乙段。", "|"), ("甲段。", "|")),
    (("甲段。", "|"), ("甲段。", "乙段。", "|")),
    (("H:强化组织领导。", "乙段。"), ("H:强化组织领导，明确责任。",)),
    (("甲段。", "|", "乙段。"), ("甲段。", "乙段。")),
]
# Where one side has no paragraph at all after the last table, the other side's paragraphs there
# leave one empty paragraph behind (Word ends every body with a paragraph anyway).
LIMITS = [
    (("甲段。", "|"), ("甲段。", "|", "丙段。"), "reject"),
    (("甲段。", "|", "乙段。", "丙段。"), ("甲段。", "|"), "accept"),
]


@pytest.mark.parametrize("old,new", TAILS)
def test_changes_at_the_end_and_before_a_table(base, old, new):
    reference = base["template"].reference_docx
    old_doc, new_doc = _document(*old), _document(*new)
    red = redline.to_bytes(old_doc, new_doc, reference, reference)
    assert tracked.paragraphs(tracked.resolve(red, True)) == \
        tracked.paragraphs(tracked.body_of(docx_writer.to_bytes(new_doc, reference)))
    assert tracked.paragraphs(tracked.resolve(red, False)) == \
        tracked.paragraphs(tracked.body_of(docx_writer.to_bytes(old_doc, reference)))


@pytest.mark.parametrize("old,new,side", LIMITS)
def test_nothing_after_the_last_table_leaves_one_empty_paragraph(base, old, new, side):
    reference = base["template"].reference_docx
    old_doc, new_doc = _document(*old), _document(*new)
    red = redline.to_bytes(old_doc, new_doc, reference, reference)
    want = {"accept": new_doc, "reject": old_doc}
    for view, doc in want.items():
        got = tracked.texts(tracked.resolve(red, view == "accept"))
        expected = tracked.texts(tracked.body_of(docx_writer.to_bytes(doc, reference)))
        assert got == (expected + [""] if view == side else expected)
