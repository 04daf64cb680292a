"""An oracle for the statistics appendix, independent of lawgov_report: the rows the Lushan example's
table must have, computed from the example YAML and the template's 指标目录 read with plain PyYAML."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TITLE = "2020年度法治政府建设主要数据统计表"
HEADER = ["序号", "类别", "指标", "单位", "本年"]


def figures(example: Path = ROOT / "examples" / "lushan-2020.yaml",
            template: Path = ROOT / "templates" / "annual-report" / "template.yaml") -> dict[str, dict]:
    """name -> {label, unit, category, approx, value | formula, digits}, catalogue merged in."""
    report = yaml.safe_load(example.read_text(encoding="utf-8"))["figures"]
    catalogue = yaml.safe_load(template.read_text(encoding="utf-8")).get("figures", {})
    out = {}
    for name, own in report.items():
        own = {"value": own} if isinstance(own, (int, float)) else (own or {})
        entry = {"label": name, "unit": "", "approx": "", "category": "其他", **catalogue.get(name, {})}
        entry.update(own)
        if "value" in own:
            entry.pop("formula", None)
        out[name] = entry
    values = {}
    for name, entry in out.items():  # the example's formulas only use figures declared before them
        values[name] = entry["value"] if "formula" not in entry else eval(entry["formula"], {}, dict(values))
        entry["computed"] = values[name]
    return out


def shown(entry: dict) -> str:
    """The value as the table shows it: grouped by thousands, the figure's decimals and its 余."""
    digits = entry.get("digits", 0) if "formula" in entry else 0
    return f"{entry['computed']:,.{digits}f}" + entry.get("approx", "")


def rows() -> list[list[str]]:
    """序号 / 类别 / 指标 / 单位 / 本年 for every figure, grouped by category in order of appearance."""
    groups: dict[str, list[dict]] = {}
    for entry in figures().values():
        groups.setdefault(entry["category"], []).append(entry)
    out = []
    for category, entries in groups.items():
        for entry in entries:
            out.append([str(len(out) + 1), category, entry["label"], entry["unit"], shown(entry)])
    return out
