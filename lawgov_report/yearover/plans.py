"""Last year's plan section (工作计划部分) in next year's draft: found, cleared, its items kept as comments.

Last year's report ends its body with the plans for this year (“2021年工作计划”). In this year's
report that section speaks of the year after (“2022年工作计划”) and must be written anew; last
year's items are what the body reports progress on. So ``new`` keeps the section's title (its year
moved on), replaces its paragraphs and sub-sections with one placeholder that ``check`` flags as
待填写, and keeps last year's items beneath it as YAML comments (``# 上年计划：…``) for the clerk to
compare against. Every other comment inside the cleared part is kept there too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgov_report.source.yamledit import TO_FILL, TextEdits
from lawgov_report.source.yamlpatch import Patch

# A section is last year's plan when its title speaks of plans (计划, 安排 …) for the next year,
# or is the next step's work (下一步工作, 存在的问题和下一步工作).
_PLAN_WORDS = re.compile(r"计划|安排|打算|思路|要点|重点工作")
_NEXT_WORDS = ("下一年", "下年度", "下一步", "下步", "明年", "今后", "新的一年")
_NEXT_STEP_WORK = re.compile(r"下一?步(?:的)?工作")
PLACEHOLDER = f"{TO_FILL}：下一年度的工作计划（上年的计划列在下面的注释里，供对照，不要照抄）"
PREVIOUS = "# 上年计划："


def is_plan_title(title: str, old_year: int) -> bool:
    """Whether a (rendered) top-level title is last year's plan section."""
    if _NEXT_STEP_WORK.search(title):
        return True
    return bool(_PLAN_WORDS.search(title)) and (str(old_year + 1) in title or any(w in title for w in _NEXT_WORDS))


def plan_index(view: dict, old_year: int) -> int | None:
    """The index of last year's plan section among the top-level sections (the last that reads as one)."""
    found = None
    for i, section in enumerate(view["sections"]):
        if is_plan_title(section["title"], old_year):
            found = i
    return found


def plan_items(view: dict, old_year: int) -> list[dict]:
    """Last year's plan section, as items: each sub-section one item with its details."""
    def texts(section: dict) -> list[str]:
        out = []
        for p in section["paragraphs"]:
            out += [t for t in (p["text"], *p["points"], p["tail"]) if t and t != PLACEHOLDER]
        for child in section["sections"]:
            out.append(child["title"])
            out += texts(child)
        return out

    index = plan_index(view, old_year)
    if index is None:
        return []
    plan = view["sections"][index]
    items = []  # in the order they are printed: paragraphs, then sub-sections
    for p in plan["paragraphs"]:
        items += [{"plan": t, "details": []} for t in (p["text"], *p["points"], p["tail"]) if t and t != PLACEHOLDER]
    return items + [{"plan": child["title"], "details": texts(child)} for child in plan["sections"]]


def move_years(text: str, old_year: int, year: int) -> str:
    """A text's years typed as digits moved on: last year's to this year's, the year after to the next."""
    moves = {str(old_year): str(year), str(old_year + 1): str(year + 1)}
    return re.sub(rf"(?<!\d)(?:{old_year}|{old_year + 1})(?!\d)", lambda m: moves[m.group(0)], text)


@dataclass
class Cleared:
    """The plan section as cleared in the draft: where it is and what it is now called."""

    index: int  # among the top-level sections
    title: str  # as it will read in the new year


def _comments(text: str) -> list[str]:
    """The comments in a stretch of YAML lines: whole comment lines, and comments after a value."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):
            out.append(stripped)
            continue
        for m in re.finditer(r"\s#", line):
            before = line[:m.start()]
            if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:  # not inside a quoted text
                out.append(line[m.start():].strip())
                break
    return [c for c in out if not c.startswith(PREVIOUS)]  # the previous round's, already stale


def _body_end(text: str, end: int, col: int) -> int:
    """Past the comment lines after a value that are indented under its key (they belong to it)."""
    while end < len(text):
        line_end = text.find("\n", end)
        line = text[end:len(text) if line_end < 0 else line_end]
        if not line.lstrip().startswith("#") or len(line) - len(line.lstrip(" ")) <= col:
            break
        end = len(text) if line_end < 0 else line_end + 1
    return end


def _previous_lines(items: list[dict]) -> list[str]:
    lines = []
    for item in items:
        lines.append(PREVIOUS + " ".join(item["plan"].split()))
        lines += ["#   - " + " ".join(t.split()) for t in item["details"]]
    return lines


def clear_plan(editor: TextEdits, view: dict, items: list[dict], old_year: int, year: int) -> Cleared | None:
    """Clear last year's plan section in ``editor``'s text; None when there is none, or when it is
    written in a layout too unusual to edit safely (braces, a key on the dash's line)."""
    index = plan_index(view, old_year)
    if index is None:
        return None
    source, base = editor.source, ("sections", index)
    section = source.data["sections"][index]
    if not isinstance(section, dict) or base not in source.extents or editor.is_flow(base):
        return None
    patch = Patch(source)  # for the positions only: the edits go to ``editor``
    title_path = base + ("title",)
    if title_path in source.extents:
        start, end = source.extents[title_path]
        raw = source.text[start:end]
        if move_years(raw, old_year, year) != raw:
            editor.replace(start, end, move_years(raw, old_year, year))
    body = [k for k in ("paragraphs", "sections") if base + (k,) in source.key_positions]
    stretches = []
    for key in body:
        k_index = editor.index(*source.key_positions[base + (key,)])
        line_start = editor.line_start(k_index)
        if source.text[line_start:k_index].strip():
            return None  # ``- paragraphs: …`` on the item's dash line
        stretches.append((line_start, _body_end(source.text, patch.value_end(base + (key,)), k_index - line_start),
                          k_index - line_start))
    if not stretches:  # nothing to clear (``new`` calls this only when last year's plan has items)
        return None
    pad = " " * stretches[0][2]
    kept = [c for start, end, _ in stretches for c in _comments(source.text[start:end])]
    lines = [f"{pad}paragraphs:", f"{pad}  - {PLACEHOLDER}"]
    lines += [f"{pad}  {c}" for c in kept + _previous_lines(items)]
    first, *others = sorted(stretches)
    editor.replace(first[0], first[1], "\n".join(lines) + "\n")
    for start, end, _ in others:
        editor.replace(start, end, "")
    return Cleared(index, move_years(view["sections"][index]["title"], old_year, year))
