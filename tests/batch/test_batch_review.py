"""What a batch tells the justice bureau besides 完成: one unit's report twice (a Windows “- 副本”),
a blank ``init`` report (待补充 everywhere) and each report's warnings (a GBK file), on the screen,
in the roll-up and in a log beside the outputs. Real files through the real command; openpyxl reads
the roll-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

LOG = "批量检查记录.txt"


def run(*args):
    return subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def unit_report(example, unit: str) -> str:
    return example.read_text(encoding="utf-8").replace("issuer: 鲁山县人民政府", f"issuer: {unit}", 1)


@pytest.fixture(scope="module")
def county(example, tmp_path_factory):
    """A county's folder as a new user had it, batched once."""
    root = tmp_path_factory.mktemp("county")
    reports = root / "reports"
    reports.mkdir()
    (reports / "下汤镇.yaml").write_text(unit_report(example, "下汤镇人民政府"), encoding="utf-8")
    (reports / "县人社局.yaml").write_text(unit_report(example, "县人社局"), encoding="utf-8")
    (reports / "县人社局 - 副本.yaml").write_text(unit_report(example, "县人社局"), encoding="utf-8")
    (reports / "县水利局.yaml").write_bytes(unit_report(example, "县水利局").encode("gbk"))
    blank = run("init", "-o", reports / "县司法局.yaml", "--issuer", "县司法局", "--year", "2020")
    assert blank.returncode == 0, blank.stderr
    (reports / "report.schema.json").unlink()
    broken = unit_report(example, "县财政局").replace("              - 认真落实行政首长", "                - 认真落实行政首长")
    (reports / "县财政局.yaml").write_text(broken, encoding="utf-8")
    result = run("batch", reports, "-o", root / "out", "-j", "2")
    return root, result


def test_the_end_of_the_batch_names_the_copy_the_blank_report_and_the_warnings(county):
    root, result = county
    assert result.returncode == 1  # the broken report failed; the others were rendered
    said = result.stdout + result.stderr
    assert "共 6 份：成功 5 份（其中 1 份未填完），失败 1 份" in said
    copy = [line for line in said.splitlines() if line.startswith("注意：“县人社局”有 2 份报告")]
    assert copy and "县人社局 - 副本.yaml" in copy[0] and "县人社局.yaml" in copy[0]
    assert "未填完的报告 1 份" in said and "县司法局.yaml：占位内容 8 处" in said
    assert f"有警告的报告 4 份（详见 {root / 'out' / LOG}" in said
    assert "县水利局.yaml：11 个警告" in said  # the example's ten, and “saved as GBK”
    assert "县财政局.yaml:65:17: 错误 这一项比上一项多缩进了 2 个空格" in said
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert any(line.endswith("县司法局.yaml") and "未填完（占位内容 8 处）" in line for line in progress)


def test_the_log_beside_the_outputs_has_every_finding_in_input_order(county):
    root, _ = county
    raw = (root / "out" / LOG).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Notepad on an old Windows reads it as UTF-8
    text = raw.decode("utf-8-sig")
    heads = [line for line in text.splitlines() if line.startswith("== ")]
    assert [h.split("/")[-1].split("：")[0] for h in heads] == [
        "下汤镇.yaml", "县人社局 - 副本.yaml", "县人社局.yaml", "县司法局.yaml", "县水利局.yaml", "县财政局.yaml"]
    water = text.split("县水利局.yaml：完成（11 个警告） ==")[1].split("\n== ")[0]
    assert "文件以 GBK/GB18030 编码保存" in water and water.count(": 警告 ") == 11
    assert "县财政局.yaml：失败 ==" in text and "这一项缩进多了，和上一项对齐" in text


def test_the_rollup_leaves_out_the_blank_report_and_marks_the_copy(county):
    root, _ = county
    book = load_workbook(root / "out" / "汇总.xlsx")
    sheet = book["汇总"]
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True)]
    units = [r[1] for r in rows[:-1]]
    assert units == ["下汤镇人民政府", "县人社局", "县人社局", "县水利局"]  # 县司法局 not summed
    total = rows[-1]
    assert total[0] == "合计"
    assert "另有 1 份未填完，未计入" in total[3] and "县人社局有 2 份报告，都已计入" in total[3]
    assert sheet.cell(4, 2).fill.fgColor.rgb.endswith("FFC7CE") and sheet.cell(5, 2).fill.fgColor.rgb.endswith("FFC7CE")
    assert not sheet.cell(3, 2).fill.fgColor.rgb.endswith("FFC7CE")
    review = [r for r in book["需核对"].iter_rows(min_row=2, values_only=True)]
    assert [(r[1], r[2].split("/")[-1]) for r in review] == [
        ("县人社局", "县人社局 - 副本.yaml"), ("县人社局", "县人社局.yaml"), ("县司法局", "县司法局.yaml")]
    assert "占位内容 8 处" in review[2][3]


CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "check"


def test_a_clean_batch_writes_no_log_and_a_rerun_keeps_the_old_one(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    clean_text = (CORPUS / "thousands-separator.yaml").read_text(encoding="utf-8").replace('"1,800"', "1800")
    (reports / "某县.yaml").write_text(clean_text, encoding="utf-8")
    clean = run("batch", reports, "-o", tmp_path / "web", "--edition", "web", "-j", "1")  # web: no 署名 needed
    assert clean.returncode == 0 and "警告" not in clean.stdout + clean.stderr
    assert not (tmp_path / "web" / LOG).exists()
    first = run("batch", reports, "-o", tmp_path / "out", "-j", "1")  # print: 署名 missing, a warning
    assert first.returncode == 0 and "有警告的报告 1 份" in first.stderr
    log = tmp_path / "out" / LOG
    before = log.read_bytes()
    (tmp_path / "out" / "某县.docx").unlink()
    (tmp_path / "out" / "某县.xlsx").unlink()
    (tmp_path / "out" / "汇总.xlsx").unlink()
    refused = run("batch", reports, "-o", tmp_path / "out", "-j", "1")
    assert refused.returncode != 0 and "上次批量的检查记录已存在，未覆盖" in refused.stdout + refused.stderr
    assert log.read_bytes() == before and not (tmp_path / "out" / "某县.docx").exists()
    assert run("batch", reports, "-o", tmp_path / "out", "-j", "1", "--force").returncode == 0
