"""The print and web editions from the command line: render, batch and check take ``--edition``; check
warns of what an upward 公文 lacks; init, schema and diff know the 版头 and 版记 keys."""

from __future__ import annotations

import json
import subprocess
import sys

import docx

PRINT_ONLY = ("鲁山县人民政府文件", "鲁政文〔2021〕5号", "签发人", "000001", "加急", "2021年3月6日印发")


def cli(*args, cwd=None):
    result = subprocess.run([sys.executable, "-m", "lawgov_report", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def texts(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_render_print_by_default_and_web_on_request(root, tmp_path):
    example = root / "examples" / "lushan-2020-print.yaml"
    assert cli("render", example, "-o", tmp_path / "print", "--no-xlsx").returncode == 0
    result = cli("render", example, "-o", tmp_path / "web", "--no-xlsx", "--edition", "web")
    assert result.returncode == 0, result.stderr
    printed, web = texts(tmp_path / "print" / "lushan-2020-print.docx"), texts(tmp_path / "web" / "lushan-2020-print.docx")
    for needle in PRINT_ONLY[:-1]:
        assert needle in printed and needle not in web, needle
    assert "鲁山县人民政府\n2021年3月5日" in web  # the web edition keeps the unsealed 署名 and date
    assert cli("render", example, "-o", tmp_path, "--edition", "paper").returncode == 2  # a usage error


def test_batch_takes_the_edition(root, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.yaml").write_text((root / "examples" / "lushan-2020-print.yaml").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    result = cli("batch", reports, "-o", tmp_path / "out", "-j", "1", "--no-summary", "--edition", "web")
    assert result.returncode == 0, result.stderr
    web = texts(tmp_path / "out" / "a.docx")
    assert not any(needle in web for needle in PRINT_ONLY)


def _report(tmp_path, extra: str):
    path = tmp_path / "r.yaml"
    path.write_text("issuer: 鲁山县人民政府\nyear: 2020\nsections:\n  - title: 主要工作\n"
                    "    paragraphs: [全年开展工作。]\n" + extra, encoding="utf-8")
    return path


def test_check_names_the_signer_a_masthead_lacks(tmp_path):
    path = _report(tmp_path, "signature: 鲁山县人民政府\ndate: 2021-03-05\nmasthead:\n  urgency: 加急\n")
    out = cli("check", path).stdout
    assert f"{path}:8:1: 警告 masthead: 版头没有签发人" in out, out
    assert "签发人" not in cli("check", "--edition", "web", path).stdout  # the web edition has no masthead


def test_check_warns_of_a_print_edition_without_signature_or_date(tmp_path):
    path = _report(tmp_path, "")
    out = cli("check", path).stdout
    assert f"{path}:5:1: 警告 signature: 印发版没有署名和成文日期" in out, out  # below the body's last line
    assert "印发版" not in cli("check", "--edition", "web", path).stdout
    dated = _report(tmp_path, "date: 2021-03-05\n")
    assert "警告 signature: 印发版没有署名\n" in cli("check", dated).stdout
    # a key left empty (new empties the date for the new year): at that key, where it is filled in
    emptied = _report(tmp_path, "signature: 鲁山县人民政府\ndate:   # 成文日期\n")
    assert f"{emptied}:7:1: 警告 date: 印发版没有成文日期\n" in cli("check", emptied).stdout


def test_check_warns_of_a_malformed_doc_number(tmp_path):
    path = _report(tmp_path, "signature: 鲁山县人民政府\ndate: 2021-03-05\ndoc_number: 鲁政文[2021]第05号\n")
    out = cli("check", path).stdout
    assert "发文字号“鲁政文[2021]第05号”不合格式" in out and "写成“鲁政文〔2021〕5号”" in out, out


def test_init_writes_the_new_keys_commented(tmp_path):
    target = tmp_path / "blank.yaml"
    assert cli("init", "-o", target).returncode == 0
    text = target.read_text(encoding="utf-8")
    for key in ("# seal:", "# masthead:", "#   mark:", "#   signers:", "#   copy_number:", "#   secrecy:",
                "#   urgency:", "# imprint:", "#   cc:", "#   printed_by:", "#   printed_on:"):
        assert key in text, key
    # uncommented, the keys are a valid report
    filled = text.replace("# seal:", "seal:").replace("# masthead:", "masthead:").replace("# imprint:", "imprint:")
    filled = "\n".join(line.replace("#   ", "  ", 1) if line.startswith("#   ") and ":" in line else
                       line.replace("#     - ", "    - ", 1) if line.startswith("#     - ") else line
                       for line in filled.split("\n"))
    target.write_text(filled.replace("××××-××-××        # 印发日期", "2021-03-06        # 印发日期"), encoding="utf-8")
    result = cli("check", target)
    assert "错误 masthead" not in result.stdout and "错误 imprint" not in result.stdout, result.stdout


def test_schema_describes_the_new_keys_in_chinese():
    result = cli("schema")
    schema = json.loads(result.stdout)
    props = schema["properties"]
    assert props["masthead"]["title"] == "版头" and props["imprint"]["title"] == "版记"
    assert props["seal"]["title"] == "印章"
    defs = schema["definitions"]
    assert defs["Masthead"]["properties"]["signers"]["title"] == "签发人"
    assert defs["Imprint"]["properties"]["cc"]["title"] == "抄送机关"


def test_diff_shows_masthead_and_imprint_changes(root, tmp_path):
    old = root / "examples" / "lushan-2020-print.yaml"
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("- 李明", "- 王刚").replace("- 县政协办公室", "- 县纪委监委")
                   .replace("seal: true ", "seal: signature "), encoding="utf-8")
    result = cli("diff", old, new, "-o", tmp_path / "redline.docx")
    assert result.returncode == 0, result.stderr
    assert "签发人：李明 → 王刚" in result.stdout
    assert "抄送机关：县委办公室／县人大常委会办公室／县政协办公室 → 县委办公室／县人大常委会办公室／县纪委监委" in result.stdout
    assert "印章：加盖印章 → 加盖签名章" in result.stdout
    import zipfile

    with zipfile.ZipFile(tmp_path / "redline.docx") as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert ">李明</w:delText>" in body and ">王刚</w:t>" in body  # tracked in the 版头 itself


def test_findings_are_listed_in_the_order_a_person_reads_places():
    from lawgov_report.commands.common import _in_order
    from lawgov_report.errors import Diagnostic

    places = ["表.xlsx:数据!F10", "表.xlsx:数据!F5", "报告10.yaml", "报告2.yaml", "表.xlsx:数据!E30"]
    ordered = sorted((Diagnostic(p, 0, 0) for p in places), key=_in_order)
    assert [d.file for d in ordered] == ["报告2.yaml", "报告10.yaml", "表.xlsx:数据!E30", "表.xlsx:数据!F5",
                                         "表.xlsx:数据!F10"]
