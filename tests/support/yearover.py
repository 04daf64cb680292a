"""Edited copies of a report for the year-over-year tests: edits made on the data, found by content,
so they survive the example being reworded elsewhere."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_data(path: Path) -> dict:
    from lawgov_report.source.yamlsource import load_file

    return copy.deepcopy(load_file(path).data)


def dump(data: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def filled_in(draft_text: str) -> str:
    """``new``'s draft with every value to fill in set to one more than last year's (one less at 100:
    a share of 101% is refused), so every figure and the 附件 table change."""
    return re.sub(r"value: null, previous: (\d+)",
                  lambda m: f"value: {int(m[1]) + (-1 if m[1] == '100' else 1)}, previous: {m[1]}", draft_text)


def bumped(value, step: int, share: bool):
    """``value`` moved on by ``step`` (≥ 1); a share in % wraps within 1-100 (101% is refused) and
    still changes for any step below 100."""
    moved = value + step
    return 1 + (moved - 1) % 100 if share else moved


def is_share(data: dict, name: str) -> bool:
    """Whether figure ``name`` of a report's data is in %: its own unit, else the default template's catalogue."""
    figure = data["figures"][name]
    unit = figure.get("unit") if isinstance(figure, dict) else None
    if unit is None:
        catalogue = yaml.safe_load((ROOT / "templates" / "annual-report" / "template.yaml").read_text(encoding="utf-8"))
        unit = (catalogue.get("figures", {}).get(name) or {}).get("unit", "")
    return unit == "%"


def figure_value(data: dict, name: str):
    figure = data["figures"][name]
    return figure.get("value") if isinstance(figure, dict) else figure


def set_figure(data: dict, name: str, value) -> None:
    figure = data["figures"][name]
    if isinstance(figure, dict):
        figure["value"] = value
    else:
        data["figures"][name] = value


def sections_with_points(data: dict) -> list[dict]:
    """Every section whose first paragraph is an enumeration (一是、二是……), in reading order."""
    out = []

    def walk(sections):
        for s in sections:
            paragraphs = s.get("paragraphs") or []
            if paragraphs and isinstance(paragraphs[0], dict) and paragraphs[0].get("points"):
                out.append(s)
            walk(s.get("sections") or [])

    walk(data["sections"])
    return out


def find_section(data: dict, title_part: str) -> tuple[list, int]:
    """(the list holding the section whose title contains ``title_part``, its index)."""
    def walk(sections):
        for i, s in enumerate(sections):
            if title_part in s["title"]:
                return sections, i
            found = walk(s.get("sections") or [])
            if found:
                return found
        return None

    found = walk(data["sections"])
    assert found, title_part
    return found


class Edits:
    """The five edits of the issue, applied to the example's data; what they changed, for asserts."""

    FIGURE = "受理复议案件数"
    REWORD_OLD = "认真落实领导干部学法制度"
    REWORD_NEW = "全面落实各级领导干部学法用法制度"
    DELETED = "加强行政执法与刑事司法有机衔接"
    ADDED = "开展法治政府建设示范创建活动，总结推广先进经验。"
    SWAPPED = ("强化政务服务，优化营商环境。", "强化执法监督，规范行政执法。")

    def __init__(self, data: dict):
        self.old_value = figure_value(data, self.FIGURE)
        self.new_value = self.old_value + 2
        set_figure(data, self.FIGURE, self.new_value)
        reworded = deleted = 0
        for section in sections_with_points(data):
            points = section["paragraphs"][0]["points"]
            for i, point in enumerate(list(points)):
                if self.REWORD_OLD in point:
                    points[i] = point.replace(self.REWORD_OLD, self.REWORD_NEW)
                    reworded += 1
                if point.startswith(self.DELETED):
                    points.remove(point)
                    deleted += 1
        assert reworded == 1 and deleted == 1
        holder, i = find_section(data, "强化督导指导")
        holder[i]["paragraphs"][0]["points"].append(self.ADDED)
        holder, a = find_section(data, self.SWAPPED[0])
        _, b = find_section(data, self.SWAPPED[1])
        holder[a], holder[b] = holder[b], holder[a]


def edited_copy(example: Path, target: Path) -> tuple[Path, Edits]:
    data = load_data(example)
    edits = Edits(data)
    return dump(data, target), edits
