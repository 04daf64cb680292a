"""How well import names its figures: every label it invents, and how many are obviously bad.

    python bench/import_labels.py [--save before.json] [--compare before.json]

Imports the seed report, every tests/corpus/import*/ file and the .docx rendered from
examples/lushan-2020.yaml, and lists each figure as name: label value unit. A label is counted bad
when it is one character, a single function word, verb, preposition or adverb (有, 共计, 组织, 对 …),
a place (全县, 司法所中 …), or its unit is not a measure word (案). ``--save`` keeps the lists,
``--compare`` prints another run's lists beside this one's (e.g. main's, before a change).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE_WORDS = set("""个 件 起 人 名 份 场 次 家 宗 册 幅 项 条 部 篇 期 户 批 类 本 套 台 辆 处 所 间 座 块 张 位 支 队
组 卷 单 笔 例 轮 天 小时 周 年 岁 亩 吨 元 万元 亿元 千元 人次 场次 件次 户次 家次 批次 班次 架次 个工作日
工作日 个百分点 百分点 个月 万平方米 平方米 平方公里 公里 千米 万人 万份 万册 万件 万条 万户 万字 万 亿 % ‰""".split())
FUNCTION_TAGS = ("p", "c", "u", "d", "r", "v", "vd", "m", "q", "f", "x", "y", "e", "o", "zg", "ul", "uj")
PLACE_CHARS = ("全县", "全区", "全市", "全省", "全乡", "全镇", "县", "区", "市", "省", "乡", "镇", "村")


def sources() -> list[Path]:
    files = [ROOT / "seeds" / "lushan-2020-report.txt"]
    for folder in sorted((ROOT / "tests" / "corpus").glob("import*")):
        files += sorted(folder.glob("*.txt")) + sorted(folder.glob("*.docx"))
    return files


def rendered_docx(out: Path) -> Path:
    docx = out / "lushan-2020.docx"
    subprocess.run([sys.executable, "-m", "lawgov_report", "render", str(ROOT / "examples" / "lushan-2020.yaml"),
                    "-o", str(docx), "--force"], check=True, capture_output=True)
    return docx


def bad(label: str, unit: str) -> str | None:
    """Why a label is obviously bad, or None."""
    import rjieba

    if unit and unit not in MEASURE_WORDS:
        return f"单位“{unit}”不是量词"
    core = label.strip()
    if len(core) <= 1:
        return "一个字"
    if core.endswith(("率", "度", "额", "款", "量")) and len(core) >= 3:
        return None  # 办结率, 满意度, 罚没款: the tagger calls them verbs or places
    tags = rjieba.tag(core)
    if len(tags) == 1 and (tags[0][1] in FUNCTION_TAGS or tags[0][1].startswith(("p", "c", "u", "d"))):
        return f"单个虚词/动词（{tags[0][1]}）"
    if all(t[1] in FUNCTION_TAGS for t in tags):
        return "只有虚词/动词"
    if tags[-1][1] in ("ns", "f") or core in PLACE_CHARS or core.endswith(("中", "内", "里")) and len(core) <= 4 \
            or all(t[1] in ("ns", "f", "p", "c") or t[0] in PLACE_CHARS for t in tags):
        return "地名或方位"
    return None


def labels(path: Path) -> list[dict]:
    from lawgov_report.readers import import_report

    done = import_report(path)
    return [{"name": n, "label": f["label"], "value": f["value"], "unit": f["unit"],
             "previous": f.get("previous")} for n, f in done.draft.figures.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save")
    parser.add_argument("--compare")
    args = parser.parse_args()
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path in [*sources(), rendered_docx(Path(tmp))]:
            results[path.name] = labels(path)
    other = json.loads(Path(args.compare).read_text("utf-8")) if args.compare else {}
    total_bad = total = 0
    other_bad = other_total = 0
    for name, rows in results.items():
        print(f"== {name}")
        before = other.get(name, [])
        for i, row in enumerate(rows):
            why = bad(row["label"], row["unit"])
            total += 1
            total_bad += why is not None
            old = ""
            if i < len(before):
                b = before[i]
                old = f"   (was {b['label']} {b['unit']})" if (b["label"], b["unit"]) != (row["label"], row["unit"]) else ""
            prev = f" 上年{row['previous']}" if row.get("previous") is not None else ""
            print(f"  {'✗' if why else ' '} {row['name']}: {row['label']} {row['value']}{row['unit']}{prev}{old}"
                  + (f"  <- {why}" if why else ""))
        for b in before:
            other_total += 1
            other_bad += bad(b["label"], b["unit"]) is not None
    print(f"\nfigures: {total}, obviously bad labels: {total_bad}")
    names = [r["name"] for rows in results.values() for r in rows]
    suffixed = sum(1 for n in names if n[-1].isdigit())
    print(f"names ending in a number: {suffixed}")
    if other:
        osuffixed = sum(1 for rows in other.values() for r in rows if r["name"][-1].isdigit())
        print(f"compared run: figures {other_total}, obviously bad labels: {other_bad}, names ending in a number: {osuffixed}")
    if args.save:
        Path(args.save).write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
