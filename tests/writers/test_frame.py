"""The printed 公文's frame in the .docx itself: fonts and colours of the 版头, the 版记's 4号, the seal
layouts' indents, editions, and the keys' validation (what LibreOffice draws is in test_frame_pdf)."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
BASE = ("issuer: 鲁山县人民政府\nyear: 2020\nsections:\n  - title: 主要工作\n    paragraphs: [全年开展工作。]\n"
        "signature: 鲁山县人民政府\ndate: 2021-03-05\n")


def render(tmp_path, text: str, edition: str = "print", name: str = "r"):
    from lawgov_report.pipeline import render_file

    source = tmp_path / f"{name}.yaml"
    source.write_text(text, encoding="utf-8")
    render_file(source, tmp_path, formats=("docx",), edition=edition, overwrite=True)
    with zipfile.ZipFile(tmp_path / f"{name}.docx") as zf:
        return etree.fromstring(zf.read("word/document.xml")).find("w:body", NS)


def text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def paragraph(body, needle: str):
    return next(p for p in body.iter(f"{{{W}}}p") if needle in text(p))


def run_props(p, needle: str) -> dict:
    run = next(r for r in p.iter(f"{{{W}}}r") if needle in text(r))
    rpr = run.find("w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS) if rpr is not None else None
    color = rpr.find("w:color", NS) if rpr is not None else None
    size = rpr.find("w:sz", NS) if rpr is not None else None
    return {"font": fonts.get(f"{{{W}}}eastAsia") if fonts is not None else None,
            "color": color.get(f"{{{W}}}val") if color is not None else None,
            "size": int(size.get(f"{{{W}}}val")) if size is not None else None}


def ind(p) -> dict:
    node = p.find("w:pPr/w:ind", NS)
    return {k.split("}")[1]: v for k, v in node.attrib.items()} if node is not None else {}


MASTHEAD = BASE + ("doc_number: 鲁政文〔2021〕5号\nmasthead:\n  signers: [李明]\n  secrecy: 秘密★1年\n"
                   "imprint:\n  cc: [县委办公室]\n  printed_by: 鲁山县人民政府办公室\n  printed_on: 2021年3月6日\n")


def test_masthead_fonts_and_colour(tmp_path):
    body = render(tmp_path, MASTHEAD)
    mark = paragraph(body, "鲁山县人民政府")  # no mark given: the issuer (the template adds no "文件")
    assert text(mark) == "鲁山县人民政府"
    assert run_props(mark, "鲁山县") | {"size": 0} == {"font": "方正小标宋简体", "color": "FF0000", "size": 0}
    assert run_props(mark, "鲁山县")["size"] > 44  # larger than the 2号 title
    number = paragraph(body, "鲁政文〔2021〕5号")
    assert run_props(number, "签发人")["font"] == "仿宋_GB2312" and run_props(number, "李明")["font"] == "楷体_GB2312"
    assert run_props(paragraph(body, "秘密★1年"), "秘密")["font"] == "黑体"
    cc = paragraph(body, "抄送：县委办公室。")
    assert run_props(cc, "抄送")["size"] == 28 and run_props(cc, "抄送")["font"] == "仿宋_GB2312"  # 4号仿宋
    assert text(paragraph(body, "印发")) == "鲁山县人民政府办公室2021年3月6日印发"


def test_mark_suffix_from_the_template_and_joint_issuers(tmp_path, root):
    import shutil

    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "template.yaml").write_text("name: tpl\nextends: annual-report\nmark_suffix: 文件\n", encoding="utf-8")
    body = render(tmp_path, f"template: {folder}\n" + MASTHEAD)
    assert text(paragraph(body, "鲁山县人民政府文件")) == "鲁山县人民政府文件"
    joint = MASTHEAD.replace("masthead:\n", "masthead:\n  mark: [鲁山县人民政府, 中共鲁山县委员会]\n")
    body = render(tmp_path, joint, name="joint")
    names = [text(p) for p in body.iter(f"{{{W}}}p") if p.find("w:r/w:rPr/w:color", NS) is not None]
    assert names == ["鲁山县人民政府", "中共鲁山县委员会"]  # each name its own line, no table without 文件
    shutil.rmtree(folder)


def test_doc_number_without_masthead_stands_above_the_title(tmp_path):
    body = render(tmp_path, BASE + "doc_number: 鲁政文〔2021〕5号\n")
    texts = [text(p) for p in body.iter(f"{{{W}}}p")]
    assert texts.index("鲁政文〔2021〕5号") < texts.index("鲁山县人民政府")  # above the title
    assert "FF0000" not in etree.tostring(body).decode()  # no 标志, no red line
    web = render(tmp_path, BASE + "doc_number: 鲁政文〔2021〕5号\n", edition="web", name="web")
    assert "鲁政文〔2021〕5号" not in [text(p) for p in web.iter(f"{{{W}}}p")]


@pytest.mark.parametrize("seal,signature,date", [
    ("", {"right": str(round(4.25 * 315))}, {"right": "630"}),  # 7.3.5.2: the date is the longer line
    ("seal: true\n", {"right": str(round(4.125 * 315))}, {"right": "1260"}),  # 7.3.5.1: centred on the date
    ("seal: 签名章\n", {"left": "630", "firstLine": "0", "firstLineChars": "0"}, {"right": "1260"}),  # 7.3.5.3
])
def test_signature_layouts(tmp_path, seal, signature, date):
    body = render(tmp_path, BASE + seal)
    assert ind(paragraph(body, "2021年3月5日")) == date
    assert ind([p for p in body.iter(f"{{{W}}}p") if text(p) == "鲁山县人民政府"][-1]) == signature  # not the title
    texts = [text(p) for p in body.iter(f"{{{W}}}p")]
    at = len(texts) - 1 - texts[::-1].index("鲁山县人民政府")
    blanks_before = 2 if "签名章" in seal else 1  # 签名章: two lines below the body, one above the date
    assert texts[at - blanks_before: at] == [""] * blanks_before and texts[at - blanks_before - 1] != ""
    assert texts[at + 1: texts.index("2021年3月5日")] == ([""] if "签名章" in seal else [])


def test_signature_indents_follow_the_standard():
    from lawgov_report.document import SEALED, UNSEALED
    from lawgov_report.writers.docxframe import signature_indents

    # a 署名 two characters longer than the date: 署名 right 2, the date 2 characters right of its start
    assert signature_indents("鲁山县人民政府司法局", "2021年3月5日", UNSEALED) == (2.0, 10 - 7.25)
    assert signature_indents("鲁山县人民政府", "2021年3月5日", UNSEALED) == (4.25, 2.0)  # the date is longer
    assert signature_indents("鲁山县人民政府", "2021年3月5日", SEALED) == (4.125, 4.0)


def test_web_edition_of_the_seed_equals_its_print_edition(example, tmp_path):
    """The seed has no 版头 or 版记: both editions render the same body, the golden one."""
    from lawgov_report.pipeline import render_file

    parts = []
    for edition in ("print", "web"):
        render_file(example, tmp_path / edition, formats=("docx",), edition=edition)
        with zipfile.ZipFile(tmp_path / edition / "lushan-2020.docx") as zf:
            parts.append(zf.read("word/document.xml"))
    assert parts[0] == parts[1]


@pytest.mark.parametrize("yaml_text,message", [
    ("masthead:\n  copy_number: \"12345\"\n", "6 位阿拉伯数字"),
    ("seal: 盖了\n", "只能是以下之一"),
    ("masthead:\n  signer: [李明]\n", "signers"),
    ("imprint:\n  printed_on: 2021年13月6日\n", "printed_on"),
])
def test_new_keys_are_validated_in_chinese(tmp_path, yaml_text, message):
    from lawgov_report.pipeline.check import check_file

    source = tmp_path / "r.yaml"
    source.write_text(BASE + yaml_text, encoding="utf-8")
    errors = check_file(source).errors
    assert errors and any(message in e.format() for e in errors), [e.format() for e in errors]
    assert all(e.line >= 8 for e in errors)  # at the new keys, below the base report's seven lines
