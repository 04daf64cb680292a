"""What the justice bureau must look at after a batch: one unit's report twice, reports not filled in,
and every report's warnings, written to a log beside the outputs.

A batch that renders a county's reports without a word would pass on a Windows copy
(``县人社局 - 副本.yaml``) counted twice in the 合计, or a blank ``init`` report (待补充 everywhere)
shown as 完成. This collects, as the outcomes arrive, each report's unit, its placeholders and its
findings; the findings go to a temporary file at once (a county's thousands of reports are not held
in memory) and come out in input order in the log.
"""

from __future__ import annotations

import tempfile
from array import array
from pathlib import Path

from lawgov_report.batch.run import Outcome, status

LOG_NAME = "批量检查记录.txt"
SHOWN = 30  # reports listed by name at the end of a batch; the log has them all


class Review:
    """A batch sink: ``review(index, outcome)`` for every outcome, in any order."""

    def __init__(self, jobs: list):
        self.jobs = jobs
        self.units: dict[str, list[int]] = {}  # issuer -> indexes of its finished reports
        self.unfinished: dict[int, int] = {}  # index -> placeholders left
        self.warned: dict[int, int] = {}  # index -> warnings (finished reports)
        self._log = tempfile.TemporaryFile()
        self._at = array("q", [-1]) * len(jobs)  # index -> offset of its findings in the log

    def __call__(self, index: int, outcome: Outcome) -> None:
        if outcome.findings:
            self._log.seek(0, 2)
            self._at[index] = self._log.tell()
            text = f"== {outcome.path}：{status(outcome)} ==\n{outcome.findings}\n\n"
            self._log.write(text.encode("utf-8"))
        if not outcome.ok:
            return
        if outcome.placeholders:
            self.unfinished[index] = outcome.placeholders
        elif outcome.warnings:
            self.warned[index] = outcome.warnings
        if outcome.unit:
            self.units.setdefault(outcome.unit, []).append(index)

    def duplicates(self) -> list[tuple[str, list[str]]]:
        """(unit, its report files) for every unit with more than one finished report, in input order."""
        found = [(unit, sorted(indexes)) for unit, indexes in self.units.items() if len(indexes) > 1]
        return [(unit, [self.jobs[i].path for i in indexes]) for unit, indexes in sorted(found, key=lambda f: f[1])]

    def path(self, index: int) -> str:
        return self.jobs[index].path

    def write_log(self, target: Path) -> bool:
        """Write every report's findings, in input order, to ``target`` (atomically; UTF-8 with a
        BOM, which Notepad on any Windows reads); False, writing nothing, when there were none."""
        if not any(at >= 0 for at in self._at):
            return False
        from lawgov_report.atomic import atomic_file

        with atomic_file(target) as fh:
            fh.write("\ufeff".encode("utf-8"))
            fh.write("各报告的错误和警告（与 lawgov-report check 报告文件 所列相同）\n\n".encode("utf-8"))
            for at in self._at:
                if at < 0:
                    continue
                self._log.seek(at)
                while True:  # one report's entry, up to the blank line that ends it
                    line = self._log.readline()
                    fh.write(line)
                    if line in (b"\n", b""):
                        break
        return True

    def lines(self, log: Path | None) -> list[str]:
        """What the end of a batch says about these reports (empty when there is nothing to say)."""
        out = []
        where = f"详见 {log}，或用 lawgov-report check 报告文件 查看" if log else "用 lawgov-report check 报告文件 查看"
        for unit, paths in self.duplicates():
            out.append(f"注意：“{unit}”有 {len(paths)} 份报告（{'、'.join(paths)}），汇总表合计把它们都算了进去；"
                       "请核对，删去多余的一份（如 Windows 复制出的“- 副本”）后重新汇总")
        if self.unfinished:
            out.append(f"未填完的报告 {len(self.unfinished)} 份（还有“待补充”“××”等占位内容；已生成，但未计入汇总表合计）：")
            out += self._listed(self.unfinished, "占位内容 {} 处")
        if self.warned:
            out.append(f"有警告的报告 {len(self.warned)} 份（{where}）：")
            out += self._listed(self.warned, "{} 个警告")
        elif out and log:
            out.append(where)
        return out

    def _listed(self, counts: dict[int, int], wording: str) -> list[str]:
        indexes = sorted(counts)
        out = [f"  {self.path(i)}：{wording.format(counts[i])}" for i in indexes[:SHOWN]]
        if len(indexes) > SHOWN:
            out.append(f"  ……另有 {len(indexes) - SHOWN} 份")
        return out

    def close(self) -> None:
        self._log.close()
