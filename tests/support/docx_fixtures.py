"""Word reports as other offices write them, built with python-docx for the import tests.

Each builder writes a .docx and returns what a reader sees in Word (the final view: insertions
shown, deletions not; no tables; the appendix pages left out), one string per paragraph, in the
order of the document. Built here rather than committed, so the fixtures can be read as code.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt


def _indent(paragraph) -> None:
    paragraph.paragraph_format.first_line_indent = Pt(32)


def five_part_styled(path: Path) -> list[str]:
    """A county report in the five-part shape of 厅字〔2019〕28号, typed numbers, Word's built-in
    Title and Heading styles, a table in the body (not report text: 未识别), 附件说明 with two names,
    署名 and 成文日期 right-aligned, empty paragraphs between parts."""
    d = docx.Document()
    seen: list[str] = []

    def add(text, style=None, indent=True, record=True):
        p = d.add_paragraph(text, style=style)
        if indent and style is None:
            _indent(p)
        if record and text:
            seen.append(text)
        return p

    add("舞钢市人民政府", "Title")
    add("关于2021年度法治政府建设情况的报告", "Title")
    add("", record=False)
    add("平顶山市人民政府：", indent=False)
    add("2021年，舞钢市人民政府坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：")
    add("一、主要举措和成效", "Heading 1")
    add("（一）健全依法决策机制", "Heading 2")
    add("严格落实重大行政决策程序，全年作出重大行政决策11项，听证3次。")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "指标", (0, 1): "数量", (1, 0): "重大行政决策", (1, 1): "11"}.items():
        table.cell(r, c).text = text
    add("（二）推进严格规范公正文明执法", "Heading 2")
    add("全市行政执法机关办理行政处罚案件2136件，行政复议纠错率下降到3.5%。")
    add("", record=False)
    add("二、存在的不足和原因", "Heading 1")
    add("一是部分领导干部运用法治思维的能力有待提高；二是基层执法规范化水平不高。")
    add("三、党政主要负责人履行推进法治建设第一责任人职责情况", "Heading 1")
    add("市政府主要负责同志带头学法，主持召开政府常务会议学法4次。")
    add("四、2022年主要安排", "Heading 1")
    add("（一）深入学习宣传贯彻习近平法治思想", "Heading 2")
    add("（二）持续推进行政执法规范化建设", "Heading 2")
    add("五、其他需要报告的情况", "Heading 1")
    add("无。")
    add("", record=False)
    add("附件：1.舞钢市2021年度法治政府建设重点工作台账")
    add("2.舞钢市2022年度法治政府建设工作要点", indent=False).paragraph_format.left_indent = Pt(80)
    add("", record=False)
    for text in ("舞钢市人民政府", "2022年1月25日"):
        add(text, indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return seen


def _tracked(paragraph, inserted: str, deleted: str) -> None:
    """Add a tracked insertion and a tracked deletion, as Word writes them with 修订 on."""
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="clerk" w:date="2021-03-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="clerk" w:date="2021-03-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'))


def wps_bold_run_in(path: Path) -> list[str]:
    """A WPS-style department report: no heading styles, headings in bold (run in, or alone on their
    line), indentation typed as full-width spaces, tracked changes, 专此报告。, a date in Chinese
    numerals, and a real appendix (a task list on a new page) that is not the statistics table."""
    d = docx.Document()
    seen: list[str] = []

    def para(*runs, record=True):
        p = d.add_paragraph()
        for text, bold in runs:
            p.add_run(text).bold = bold
        if record:
            seen.append("".join(text for text, _ in runs).lstrip("\u3000 "))
        return p

    title = para(("鲁山县市场监督管理局关于2020年度法治政府建设工作的报告", False))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph()
    para(("县法治政府建设领导小组：", False))
    para(("\u3000\u30002020年，我局坚持依法行政，扎实推进市场监管领域法治建设。现将有关工作报告如下：", False))
    para(("\u3000\u3000一、主要工作", True))
    para(("\u3000\u3000（一）加强组织领导。", True), ("局党组专题研究法治建设工作5次，成立法治建设领导小组。", False))
    p = para(("\u3000\u3000（二）规范执法行为。", True),
             ("一是推行“双随机、一公开”监管，抽查市场主体860户。二是办理行政处罚案件214件", False), record=False)
    _tracked(p, "，罚没款132.6万元", "，罚款若干")
    p.add_run("。")
    seen.append("（二）规范执法行为。一是推行“双随机、一公开”监管，抽查市场主体860户。"
                "二是办理行政处罚案件214件，罚没款132.6万元。")
    para(("\u3000\u3000（三）强化普法宣传。", True), ("开展“3·15”等主题宣传活动21场次，发放资料1.5万余份。", False))
    para(("\u3000\u3000二、存在问题", True))
    para(("\u3000\u3000执法人员数量不足，专业素质有待提升。", False))
    para(("\u3000\u3000三、下步打算", True))
    para(("\u3000\u3000（一）加强执法队伍建设。", True), ("力争持证执法人员比例达到90%以上。", False))
    para(("\u3000\u3000专此报告。", False))
    d.add_paragraph()
    para(("\u3000\u3000附件：鲁山县市场监督管理局2021年度法治建设重点任务清单", False))
    d.add_paragraph()
    para(("鲁山县市场监督管理局", False)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para(("二〇二一年一月二十日", False)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_page_break()
    d.add_paragraph("附件")
    d.add_paragraph("鲁山县市场监督管理局2021年度法治建设重点任务清单")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "任务", "责任股室"
    table.cell(1, 0).text, table.cell(1, 1).text = "推进行政执法三项制度", "法规股"
    d.save(str(path))
    return seen


def outline_numbered(path: Path) -> list[str]:
    """A Word report whose headings are numbered by Word (numbers not in the text): headings found by
    their styles (Chinese style names "标题 1".."标题 3") or by a bare outline level."""
    d = docx.Document()
    for level in (1, 2, 3):
        style = d.styles.add_style(f"标题 {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = d.styles["Normal"]
        style.font.bold = level == 1
    seen: list[str] = []

    def add(text, style=None, outline=None):
        p = d.add_paragraph(text, style=style)
        if outline is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>'))
        seen.append(text)
        return p

    add("湛河区人民政府", "Title")
    add("关于2020年度法治政府建设情况的报告", "Title")
    add("2020年，湛河区扎实推进法治政府建设，现将有关情况报告如下：")
    add("全年主要工作", "标题 1")
    add("推进依法行政", "标题 2")
    add("一是完善行政决策程序，全年审查重大行政决策8件。二是加强合同管理，审查合同57份。")
    add("化解矛盾纠纷", "标题 2")
    add("强化行政调解", "标题 3")
    add("调解各类纠纷1320件，调解成功率96.2%。")
    add("加强行政复议", None, outline=2)
    add("受理行政复议案件24件，办结22件。")
    add("存在的问题", "标题 1")
    add("个别部门依法行政意识不强。")
    add("下一年度工作安排", "标题 1")
    add("持续深化法治政府示范创建，推动法治政府建设再上新台阶。")
    d.save(str(path))
    return seen


BUILDERS = {
    "wugang-five-part.docx": five_part_styled,
    "lushan-market-bureau-wps.docx": wps_bold_run_in,
    "zhanhe-outline-numbered.docx": outline_numbered,
}


def build(name: str, folder: Path) -> tuple[Path, list[str]]:
    """Write the fixture ``name`` into ``folder``; returns its path and what Word shows."""
    path = folder / name
    seen = BUILDERS[name](path)
    return path, copy.copy(seen)
