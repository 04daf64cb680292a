"""Generate N reports the size of the Lushan example, for batch benchmarks and tests.

Each is the Lushan example with another issuer and other figure values (deterministic per index),
spread over nested sub-folders like a county's collection (乡镇/部门).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lushan-2020.yaml"
_VALUE = re.compile(r"(value: )(\d+)(?=(.*))")


def report_text(index: int, base: str | None = None) -> str:
    base = base if base is not None else EXAMPLE.read_text(encoding="utf-8")
    rng = random.Random(index)
    text = base.replace("issuer: 鲁山县人民政府", f"issuer: 第{index:05d}号单位")

    def bump(m):
        value = int(m.group(2))
        if value == 100:  # rates stay rates
            return m.group(0)
        bumped = max(1, value + rng.randint(-value // 3 - 1, value // 3 + 1))
        if 'unit: "%"' in m.group(3):  # a share stays within 0-100 (check refuses 120%)
            bumped = min(bumped, 100)
        return f"{m.group(1)}{bumped}"

    text = _VALUE.sub(bump, text)
    # cases closed never outnumber cases received: 复议结案率 stays a share (check refuses 105%)
    received = re.search(r"受理复议案件数: \{value: (\d+)", text)
    if received:
        text = re.sub(r"(复议结案数: \{value: )(\d+)",
                      lambda m: m.group(1) + str(min(int(m.group(2)), int(received.group(1)))), text)
    return text


def generate(outdir: Path, count: int) -> list[Path]:
    base = EXAMPLE.read_text(encoding="utf-8")
    paths = []
    groups = ("乡镇", "部门", "街道")
    for i in range(count):
        folder = outdir / groups[i % 3] / f"片区{(i // 3) % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"unit-{i:05d}.yaml"
        path.write_text(report_text(i, base), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
