"""Reading a reviewed .docx: tracked changes accepted or rejected as Word does (insertions,
deletions, moves, a deleted paragraph mark joining two paragraphs), every revision listed."""

from __future__ import annotations

import zipfile

from lawgov_report.readers.reviewed import read_reviewed

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path, body: str) -> None:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
                f"<w:body>{body}</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="xml" ContentType="application/xml"/></Types>')
        zf.writestr("word/document.xml", document)


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def d(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def rev(tag: str, inner: str, ident: int) -> str:
    return f'<w:{tag} w:id="{ident}" w:author="王主任" w:date="2021-03-01T09:00:00Z">{inner}</w:{tag}>'


BODY = (f"<w:p>{r('受理案件')}{rev('del', d('18'), 1)}{rev('ins', r('20'), 2)}{r('起。')}</w:p>"
        # a paragraph whose mark was deleted: it joins the next one when accepted
        f'<w:p><w:pPr><w:rPr>{rev("del", "", 3)}</w:rPr></w:pPr>{r("上半段")}</w:p><w:p>{r("下半段。")}</w:p>'
        f"<w:p>{rev('moveFrom', d('移走的话。'), 4)}{r('留下的话。')}</w:p>"
        f"<w:p>{r('前文。')}{rev('moveTo', r('移走的话。'), 5)}</w:p>")


def test_accepting_takes_insertions_and_joins_a_deleted_paragraph_mark(tmp_path):
    path = tmp_path / "r.docx"
    _docx(path, BODY)
    reviewed = read_reviewed(path)
    assert [p.text for p in reviewed.paragraphs] == ["受理案件20起。", "上半段下半段。", "留下的话。",
                                                     "前文。移走的话。"]
    # the numbers are those of the paragraphs as the reviewer saw them
    assert [p.number for p in reviewed.paragraphs] == [1, 3, 4, 5]


def test_rejecting_gives_the_original(tmp_path):
    path = tmp_path / "r.docx"
    _docx(path, BODY)
    reviewed = read_reviewed(path, accept=False)
    assert [p.text for p in reviewed.paragraphs] == ["受理案件18起。", "上半段", "下半段。", "移走的话。留下的话。",
                                                     "前文。"]


def test_every_revision_is_listed_with_its_author(tmp_path):
    path = tmp_path / "r.docx"
    _docx(path, BODY)
    described = [rv.describe() for rv in read_reviewed(path).revisions]
    assert described == ["第 1 段 删除“18”（王主任）", "第 1 段 插入“20”（王主任）", "第 2 段 删除合并段落（王主任）",
                         "第 4 段 移出“移走的话。”（王主任）", "第 5 段 移入“移走的话。”（王主任）"]
