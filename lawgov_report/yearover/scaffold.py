"""Next year's draft (下一年度报告草稿) from last year's report file, every comment kept.

The clerk's year starts from last year's file. The draft is last year's text edited in place, at the
positions the YAML parser reports, so that every comment, blank line and quoting choice stays as
the clerk left it (re-dumping the data would lose them all):

- ``year`` moves on (texts that say ``{{ year }}`` follow by themselves); a year typed in the
  ``title`` lines moves with it; ``date`` (成文日期), ``doc_number`` (发文字号), the 版记's
  ``printed_on`` (印发日期) and the 版头's ``copy_number`` (份号) are cleared;
- each figure's value moves to ``previous`` (上年数值), its 约数 marker to ``previous_approx`` (the
  上年 column shows 40余 whatever this year's says), and ``value`` is left visibly empty
  (``value:  # 待填写`` or ``value: null``), so a check lists what is still to fill in; a derived
  figure gets last year's computed value as its ``previous``;
- last year's plan section (“2021年工作计划”) is carried as ``plan_review`` (上年计划回顾): the
  checklist of what this year's report should answer. It is not rendered. The section itself keeps
  its title, its year moved on (“2022年工作计划”), and its body becomes a 待填写 placeholder with
  last year's items as comments beneath (:mod:`lawgov_report.yearover.plans`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawgov_report.errors import WARNING, Diagnostic, ReportError
from lawgov_report.figures.values import PERCENT_UNITS
from lawgov_report.source.model import Report
from lawgov_report.compose.templates import Template
from lawgov_report.source.yamledit import TO_FILL, TextEdits, number_text, scalar_text
from lawgov_report.source.yamlsource import Source, load_text
from lawgov_report.yearover.plans import Cleared, clear_plan, plan_index, plan_items

_PLAN_HEADER = ("# 上年计划回顾（由 lawgov-report new 从上一年度报告带入）：上年报告承诺的工作，本年报告应逐项回应落实情况。\n"
                "# 这一部分只作核对清单，不出现在正文里；核对完可以删除。\n")


@dataclass
class Draft:
    """Next year's file as text, and what the clerk should know about it."""

    text: str
    year: int
    figures_to_fill: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)  # 成文日期, 发文字号
    plans: int = 0
    plan_section: Cleared | None = None  # last year's plan section, cleared to be written anew
    plan_line: int = 0  # the line of its placeholder in the new file
    notes: list[Diagnostic] = field(default_factory=list)


def _move_figure(editor: TextEdits, name: str, data, figure, old_value, approx: str = "") -> bool:
    """Move one figure's value to ``previous`` and its 约数 marker (``approx``) to ``previous_approx``;
    True when its value is now to be filled in.

    A derived figure (with a formula, its own or the 指标目录's) is left alone: it computes its
    previous-year value from the figures it uses."""
    source, base = editor.source, ("figures", name)
    if base not in source.extents or old_value is None and not (isinstance(data, dict) and "previous" in data):
        return False
    previous = "null" if old_value is None else number_text(old_value, source, base + ("value",))
    marker = scalar_text(approx) if approx and old_value is not None else ""
    had_marker = base + ("previous_approx",) in source.extents  # the year before's: replaced below
    if had_marker:
        marker, replacement = "", marker
    inline = f", previous_approx: {marker}" if marker else ""  # beside ``previous`` inside braces
    start, end = source.extents[base]
    if not isinstance(data, dict):  # ``受理案件数: 18`` or ``备案率: 100%``
        unit = ', unit: "%"' if isinstance(data, str) and figure.unit in PERCENT_UNITS else ""
        editor.set_scalar(base, f"{{value: null, previous: {previous}{inline}{unit}}}")
        if not editor.rest_of_line(end).strip():
            editor.replace(editor.line_end(end), editor.line_end(end), f"  # {TO_FILL}本年数值")
        return True
    has_value = base + ("value",) in source.extents and figure.formula is None
    flow = source.text[start] == "{"
    if base + ("previous",) in source.extents:
        editor.set_scalar(base + ("previous",), previous)
        if marker:
            editor.set_key(base, "previous_approx", marker)
        if has_value:
            editor.blank(base + ("value",), f"{TO_FILL}本年数值")
    elif flow:
        anchor = base + ("value",) if has_value else max(
            (p for p in source.extents if len(p) == 3 and p[:2] == base), key=lambda p: source.extents[p][1])
        a_start, a_end = source.extents[anchor]
        if has_value:
            editor.replace(a_start, a_end, f"null, previous: {previous}{inline}")
        else:
            editor.replace(a_end, a_end, f", previous: {previous}{inline}")
    else:
        key = "value" if has_value else "formula"
        k_index = editor.index(*source.key_positions[base + (key,)])
        line_start = editor.line_start(k_index)
        indent = source.text[line_start:k_index]
        if indent.strip():
            return False  # a layout too unusual to edit safely; the clerk moves this one by hand
        editor.replace(line_start, line_start, f"{indent}previous: {previous}\n"
                       + (f"{indent}previous_approx: {marker}\n" if marker else ""))
        if has_value:
            editor.blank(base + ("value",), f"{TO_FILL}本年数值")
    if flow and has_value and not editor.rest_of_line(end).strip():
        editor.replace(editor.line_end(end), editor.line_end(end), f"  # {TO_FILL}本年数值")
    if had_marker:  # last year's marker, or none: the year before's is gone
        if replacement:
            editor.set_scalar(base + ("previous_approx",), replacement)
        elif not editor.remove_key(base, "previous_approx"):
            editor.set_scalar(base + ("previous_approx",), '""')
    return has_value


def _plan_yaml(items: list[dict]) -> str:
    lines = ["plan_review:"]
    for item in items:
        lines.append(f"  - plan: {scalar_text(item['plan'])}")
        if item["details"]:
            lines.append("    details:")
            lines += [f"      - {scalar_text(t)}" for t in item["details"]]
    return "\n".join(lines) + "\n"


def _carry_plans(editor: TextEdits, items: list[dict]) -> None:
    source = editor.source
    if ("plan_review",) in source.key_positions:  # a draft made by new last year: replace its list
        start = editor.index(*source.key_positions[("plan_review",)])
        # to the end of its last text: a block's own extent runs on over the comments after it
        v_start, v_end = source.extents[("plan_review",)]
        end = max((e for p, (s, e) in source.extents.items() if p[:1] == ("plan_review",) and p in source.nodes),
                  default=v_end if source.text[v_start:v_start + 1] == "[" else v_start)
        editor.replace(start, end, _plan_yaml(items).rstrip("\n"))
        return
    # Before the comments that introduce ``sections:``, so they stay with it.
    line = source.key_positions[("sections",)][0]
    lines = source.text.split("\n")
    while line > 1 and lines[line - 2].lstrip().startswith("#"):
        line -= 1
    at = editor.line_starts[line - 1]
    editor.replace(at, at, _PLAN_HEADER + _plan_yaml(items) + "\n")


def _literal_years(source: Source, old_year: int, file: str) -> list[Diagnostic]:
    """Texts that type last year's number instead of {{ year }}: they do not move with the year."""
    pattern = re.compile(rf"(?<!\d)(?:{old_year}|{old_year + 1})(?!\d)")
    notes = []
    for path, (start, end) in sorted(source.extents.items(), key=lambda kv: kv[1]):
        if not path or path[0] not in ("preamble", "sections", "closing", "attachments", "note", "signature"):
            continue
        value = source.data
        try:
            for part in path:
                value = value[part]
        except (KeyError, IndexError, TypeError):
            continue
        found = pattern.search(re.sub(r"\{\{.*?\}\}", "", value)) if isinstance(value, str) else None
        if found:
            line, col = source.positions[path]
            notes.append(Diagnostic(file, line, col, WARNING, "", f"这段文字直接写了“{found.group(0)}”，不会随年度变化",
                                    "指报告年度的写成 {{ year }}，指下一年度的写成 {{ year + 1 }}",
                                    f"literal year {found.group(0)}"))
    return notes


def _move_heading_year(editor: TextEdits, text: str, old_year: int, year: int) -> None:
    """The file's opening comment (above the first key) names the report's year: "2020 年度" moves
    on with it, as the title does. Other years in it (a file name, a date) are the clerk's."""
    at = 0
    while text.startswith("#", at) or text.startswith("\n", at) or text.startswith("\ufeff", at):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        for found in re.finditer(rf"(?<!\d){old_year}(?=\s*年度)", text[at:end]):
            editor.replace(at + found.start(), at + found.end(), str(year))
        at = end + 1


def next_year(source: Source, report: Report, template: Template, year: int | None = None,
              target: str = "") -> Draft:
    """Next year's draft of a loaded, valid report; raises :class:`ReportError` if it cannot be made."""
    from lawgov_report.compose.build import context
    from lawgov_report.source.validate import validate

    old_year = report.year
    year = old_year + 1 if year is None else year
    view = context(report, template, source)  # renders every text: last year's plans, as they read
    editor = TextEdits(source)
    start, end = source.extents[("year",)]
    editor.replace(start, end, str(year))
    draft = Draft("", year)
    # What belongs to one year's document, not to the next: its dates and numbers.
    for path, label in (((("date",), "成文日期"), (("doc_number",), "发文字号"), (("imprint", "printed_on"), "印发日期"),
                         (("masthead", "copy_number"), "份号"))):
        parent = source.data.get(path[0]) if len(path) > 1 else source.data
        if isinstance(parent, dict) and parent.get(path[-1]) is not None and path in source.extents:
            editor.blank(path, f"{TO_FILL}{label}")
            draft.cleared.append(label)
    title = source.data.get("title")
    for path in ([("title",)] if isinstance(title, str) else [("title", i) for i in range(len(title or []))]):
        start, end = source.extents[path]
        raw = source.text[start:end]
        moved = re.sub(rf"(?<!\d){old_year}(?!\d)", str(year), raw)
        if moved != raw:
            editor.replace(start, end, moved)
    _move_heading_year(editor, source.text, old_year, year)
    values = view["figures"]
    for name, figure in report.figures.items():
        if getattr(values.get(name), "formula", figure.formula) is not None:
            continue
        old_value = values[name].value if name in values else figure.value
        approx = values[name].approx if name in values else figure.approx
        if _move_figure(editor, name, source.data["figures"][name], figure, old_value, approx):
            draft.figures_to_fill.append(name)
    items = plan_items(view, old_year)
    if items:
        _carry_plans(editor, items)
        draft.plans = len(items)
        draft.plan_section = clear_plan(editor, view, items, old_year, year)
    draft.text = editor.apply()
    file = target or source.file
    if not items:
        draft.notes.append(Diagnostic(source.file, 1, 1, WARNING, "sections", "没有找到上年报告的“工作计划”部分",
                                      "本年报告应回应上年计划；可手工在 plan_review 下列出",
                                      "no plan section found"))
    try:  # the draft must read back as a valid report; if not, that is our bug, said plainly
        produced = load_text(draft.text, file)
        validate(produced)
    except ReportError as exc:
        raise ReportError([Diagnostic(file, d.line, d.col, d.severity, d.path,
                                      f"生成的下一年度文件有误（程序问题，请报告）：{d.message}", d.hint, d.message_en)
                           for d in exc.diagnostics]) from None
    if draft.plan_section is not None:
        draft.plan_line = produced.positions[("sections", draft.plan_section.index, "paragraphs", 0)][0]
    elif items:
        index = plan_index(view, old_year)
        draft.notes.append(Diagnostic(file, *produced.positions[("sections", index)], WARNING, f"sections[{index}]",
                                      "上年的“工作计划”部分写法特殊，未能自动清空，仍是上年的计划",
                                      "按本年度重写这一部分", "plan section not cleared"))
    draft.notes = _literal_years(produced, old_year, file) + draft.notes
    return draft
