"""Generate reports N times the seed's size, and reports whose every paragraph is their own.

- ``scaled_report(factor)``: the Lushan example with its sections repeated ``factor`` times, each
  repetition's titles marked （第k组） and its figures copied under new names (``受理复议案件数3``)
  with new labels, so the text, the figures and the 附件 table all grow ``factor`` times.
- ``distinct_report(index)``: the Lushan example in which every paragraph, point and title carries
  the unit's number (and figure values differ), so no two reports share a text: what a county's
  reports look like to a cache keyed by paragraph text.

    python bench/gen_scaled.py scaled FACTOR OUT.yaml
    python bench/gen_scaled.py distinct OUTDIR COUNT
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"
CATALOGUE = ROOT / "templates" / "annual-report" / "template.yaml"
_QUOTE = re.compile(r"\{\{\s*([^\s|}]+)")


def _load():
    report = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["figures"]
    return report, catalogue


def _map_texts(node, fn):
    """``node`` (sections, paragraphs, points) with ``fn`` applied to every text and title."""
    if isinstance(node, str):
        return fn(node)
    if isinstance(node, list):
        return [_map_texts(item, fn) for item in node]
    if isinstance(node, dict):
        return {k: (_map_texts(v, fn) if k in ("title", "paragraphs", "points", "sections") else v)
                for k, v in node.items()}
    return node


def _figure_copy(name: str, spec, catalogue: dict, k: int, names: set[str]) -> dict:
    """Figure ``name`` as the k-th copy: a whole definition under a new label."""
    full = dict(catalogue.get(name) or {})
    full.update(spec if isinstance(spec, dict) else ({"value": spec} if spec is not None else {}))
    full["label"] = f"{full.get('label', name)}（第{k}组）"
    if "formula" in full:
        full["formula"] = re.sub(r"[^\s+\-*/()0-9.]+",
                                 lambda m: f"{m.group(0)}{k}" if m.group(0) in names else m.group(0),
                                 full["formula"])
    return full


def scaled_report(factor: int) -> str:
    """The Lushan example ``factor`` times over, as report YAML."""
    report, catalogue = _load()
    figures = report["figures"]
    names = set(figures)
    originals = list(figures.items())
    sections = list(report["sections"])
    for k in range(2, factor + 1):
        def rename(text, k=k):
            return _QUOTE.sub(lambda m: "{{ " + (f"{m.group(1)}{k}" if m.group(1) in names else m.group(1)),
                              text)
        for section in report["sections"]:
            copy = _map_texts(section, rename)
            copy["title"] = f"{copy['title']}（第{k}组）"
            sections.append(copy)
        for name, spec in originals:
            figures[f"{name}{k}"] = _figure_copy(name, spec, catalogue, k, names)
    report["sections"] = sections
    return yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=10_000)


def distinct_report(index: int) -> str:
    """The Lushan example in which every text is this unit's own."""
    report, _ = _load()
    rng = random.Random(index)
    counter = iter(range(1, 1_000_000))

    def own(text: str) -> str:
        # A different sentence per unit and per text, of about the length the seed's texts have.
        n = next(counter)
        return f"{text}第{index:05d}号单位第{n}项工作记录{rng.randint(10, 99)}条。" if text.endswith("。") \
            else f"{text}（第{index:05d}号单位第{n}项）"

    report["issuer"] = f"第{index:05d}号单位"
    report["preamble"] = _map_texts(report["preamble"], own)
    report["sections"] = _map_texts(report["sections"], own)
    for name, spec in report["figures"].items():
        if isinstance(spec, dict) and isinstance(spec.get("value"), int) and spec["value"] != 100:
            spec["value"] = max(1, spec["value"] + rng.randint(-spec["value"] // 3 - 1, spec["value"] // 3 + 1))
        elif isinstance(spec, int) and spec != 100:
            report["figures"][name] = max(1, spec + rng.randint(-spec // 3 - 1, spec // 3 + 1))
        if isinstance(spec, dict) and spec.get("unit") == "%" and isinstance(spec.get("value"), int):
            spec["value"] = min(spec["value"], 100)  # a share stays a share (check refuses 120%)
    figures = report["figures"]  # cases closed never outnumber cases received (结案率 ≤ 100%)
    if isinstance(figures.get("复议结案数"), dict) and isinstance(figures.get("受理复议案件数"), dict):
        figures["复议结案数"]["value"] = min(figures["复议结案数"]["value"], figures["受理复议案件数"]["value"])
    return yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=10_000)


def edited(text: str) -> str:
    """A second draft of report YAML: sentences reworded, a sentence added, every 7th value changed."""
    text = text.replace("坚持高标准部署。", "坚持高标准谋划部署。")
    text = text.replace("协同推进。", "协同推进，逐项销号。")
    text = text.replace("取得较好社会效果。", "取得较好社会效果。全年未发生重大执法过错。")
    counter = iter(range(1_000_000))
    lines, figure = text.split("\n"), ""
    for i, line in enumerate(lines):
        key = re.match(r"  (\S[^:]*):", line)
        if key:
            figure = key.group(1)
        value = re.match(r"(.*value: )(\d+)(.*)", line)
        # every 7th value; never a 复议结案数 (结案 past 受理: a rate over 100%, refused); 100 goes down
        if value and next(counter) % 7 == 0 and not figure.startswith("复议结案数"):
            lines[i] = f"{value.group(1)}{int(value.group(2)) + (-1 if value.group(2) == '100' else 1)}{value.group(3)}"
    return "\n".join(lines)


def long_paragraph_report(chars: int = 50_000, edit: bool = False) -> str:
    """A report whose one paragraph is ``chars`` characters of distinct sentences; ``edit``: the
    same with a few sentences reworded, one removed and one added (for the redline)."""
    rng = random.Random(7)
    sentences, length = [], 0
    while length < chars:
        sentence = f"第{len(sentences) + 1}项工作：" + "".join(rng.choice("依法行政执法监督复议应诉普法宣传规范文件审查决策")
                                                        for _ in range(rng.randint(20, 60))) + "。"
        sentences.append(sentence)
        length += len(sentence)
    if edit:
        for i in range(5, len(sentences), 97):
            sentences[i] = sentences[i].replace("：", "：进一步", 1)
        del sentences[len(sentences) // 2]
        sentences.insert(len(sentences) // 3, "新增一项：全面推行行政执法公示制度。")
    report, _ = _load()
    report["sections"] = [{"title": "主要工作", "paragraphs": ["".join(sentences)]}]
    report["figures"] = {}
    report["preamble"] = ["现将有关情况报告如下："]
    return yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=1_000_000)


def generate_distinct(outdir: Path, count: int) -> list[Path]:
    """``count`` distinct reports under ``outdir``, in sub-folders like a county's collection."""
    paths = []
    for i in range(count):
        folder = outdir / ("乡镇", "部门", "街道")[i % 3] / f"片区{(i // 3) % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"unit-{i:05d}.yaml"
        path.write_text(distinct_report(i), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if sys.argv[1] == "scaled":
        Path(sys.argv[3]).write_text(scaled_report(int(sys.argv[2])), encoding="utf-8")
    elif sys.argv[1] == "edited":
        Path(sys.argv[3]).write_text(edited(Path(sys.argv[2]).read_text(encoding="utf-8")), encoding="utf-8")
    else:
        generate_distinct(Path(sys.argv[2]), int(sys.argv[3]))
