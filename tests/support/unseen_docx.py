"""Three .docx reports "from other governments" for the unseen-import test, built with python-docx.

One uses Word's built-in styles (Title, Heading 1-3, Normal), the other plain Normal paragraphs with
direct formatting (bold runs, 黑体/楷体 fonts, a bold first sentence as a run-in heading), as clerks
who never touch the style gallery make them; the third styles its title as Heading 1.  They are built at test time rather than committed as
binaries, so the text stays reviewable here.
"""

import re
from pathlib import Path

# (style or kind, text). Kinds: "title", "h1", "h2", "h3", "body", "blank", "right" (署名/日期).
XISHAN_DISTRICT_2023 = [
    ("title", "西山区人民政府关于2023年度法治政府建设情况的报告"),
    ("blank", ""),
    ("body", "区委全面依法治区委员会："),
    ("body", "2023年，西山区人民政府在区委的坚强领导下，深入贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021—2025年）》，推动法治政府建设取得新成效。现将有关情况报告如下："),
    ("h1", "一、主要举措和成效"),
    ("h2", "（一）加强党对法治政府建设的领导"),
    ("body", "区政府常务会议专题研究法治政府建设工作5次，会前学法11次。制定《西山区2023年法治政府建设工作要点》，分解任务36项，按季度调度推进。"),
    ("h2", "（二）推进政府职能依法全面履行"),
    ("h3", "1.深化“放管服”改革"),
    ("body", "区政务服务中心受理各类事项28.6万件，按时办结率100%，群众满意率99.3%。推行“免证办”事项412项，减少群众提交材料1.1万余份。"),
    ("h3", "2.优化法治化营商环境"),
    ("body", "开展涉企行政检查“综合查一次”，联合检查企业1,240户次，减少重复检查38%以上。为中小企业提供法律咨询服务650余次。"),
    ("h2", "（三）提升行政执法质量和效能"),
    ("body", "全区各执法部门办理行政处罚案件3,862件，罚没款合计1,024.8万元。对轻微违法行为依法不予处罚317件，涉及金额46.2万元。重大执法决定法制审核率100%。"),
    ("h2", "（四）依法化解矛盾纠纷"),
    ("body", "区政府收到行政复议申请186件，受理171件，审结165件，纠错率9.7%。行政机关负责人出庭应诉案件94件，出庭应诉率100%。"),
    ("h1", "二、存在的不足和原因"),
    ("body", "一是部分部门运用法治思维解决问题的能力不强；二是执法队伍结构老化，35岁以下执法人员仅占18%；三是行政争议实质性化解仍需加力。主要原因是法治教育培训针对性不够，基层执法力量配备不足。"),
    ("h1", "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("body", "区政府主要负责同志带头尊法学法守法用法，主持召开法治政府建设专题会议3次，带头出庭应诉行政诉讼案件1件，将履行法治建设第一责任人职责情况列入年终述职内容。"),
    ("h1", "四、2024年主要安排"),
    ("body", "一是推进重大行政决策规范化，完善决策目录管理。二是深化行政执法监督，开展执法案卷评查不少于2次。三是加强法治宣传教育，推动“八五”普法规划全面落实。"),
    ("body", "特此报告。"),
    ("blank", ""),
    ("right", "西山区人民政府"),
    ("right", "2024年2月6日"),
]

# Direct formatting: "h1" is a bold 黑体 Normal paragraph; "runin" is a bold 楷体 first sentence
# followed by plain text in the same paragraph (head, body).
YUNTAI_COUNTY_2021 = [
    ("title", "云台县人民政府"),
    ("title", "关于2021年度法治政府建设工作情况的报告"),
    ("blank", ""),
    ("body", "市人民政府："),
    ("body", "2021年，云台县人民政府在市委、市政府和县委的坚强领导下，坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设各项任务有序推进。现将有关情况报告如下："),
    ("blank", ""),
    ("h1", "一、2021年工作开展情况"),
    ("runin", ("（一）抓实组织领导。", "县政府成立以县长为组长的法治政府建设领导小组，召开专题会议4次，研究解决重点问题15个。印发年度工作要点和任务分解表，将法治政府建设纳入县直单位目标考核，分值占比6%。")),
    ("runin", ("（二）抓好依法决策。", "一是严格执行重大行政决策程序，全年作出重大行政决策事项3项，均经过公众参与、专家论证、风险评估、合法性审查和集体讨论决定。二是发挥法律顾问作用，审查县政府合同协议96份，出具法律意见书120余份。三是规范性文件审查备案率达100%。")),
    ("runin", ("（三）抓严执法监督。", "开展行政执法“三项制度”落实情况专项检查，抽查行政执法案卷210卷，发现问题43个并督促整改。全县共有行政执法人员1,358人，全部持证上岗。")),
    ("runin", ("（四）抓细普法宣传。", "开展“宪法宣传周”“民法典宣传月”等主题活动86场次，发放宣传资料3.6万余份，受众群众5万余人次；建成法治文化阵地28个。")),
    ("h1", "二、存在的问题"),
    ("body", "一是依法行政能力有待提高，部分乡镇行政执法不规范；二是法治宣传教育的覆盖面和精准度仍需提升。"),
    ("h1", "三、2022年工作计划"),
    ("runin", ("（一）提升依法决策水平。", "严格落实重大行政决策程序，推进决策事项目录化管理。")),
    ("runin", ("（二）深化执法体制改革。", "推进乡镇综合行政执法，年内完成执法人员培训不少于1,000人次。")),
    ("body", "特此报告。"),
    ("blank", ""),
    ("right", "云台县人民政府"),
    ("right", "2022年1月20日"),
]

# The title styled 标题 1 (Heading 1) with a soft line break (Shift+Enter) between issuer and
# "关于……", the parts in Heading 2, sub-parts in Heading 3: as WPS users lay out a report.
BEILING_JUSTICE_2022 = [
    ("h1", "北岭县司法局\n关于2022年度法治政府建设情况的报告"),
    ("body", "县委全面依法治县委员会办公室："),
    ("body", "2022年，县司法局在县委、县政府的坚强领导下，全面贯彻习近平法治思想，充分发挥法治建设统筹协调职能，推动全县法治政府建设各项工作落地见效。现将有关情况报告如下："),
    ("h2", "一、主要举措和成效"),
    ("h3", "（一）统筹推进法治政府建设"),
    ("body", "起草并报请县委、县政府印发《北岭县法治政府建设实施方案》，组织开展法治政府建设专项督察2轮，督察乡镇和部门45个，反馈问题83个，整改完成率100%。"),
    ("h3", "（二）加强合法性审查"),
    ("body", "全年审查县政府规范性文件12件、重大合同及协议67份，提出审查意见230余条。办理行政复议案件52件，综合纠错率11.5%。"),
    ("h3", "（三）深化普法和公共法律服务"),
    ("body", "开展“八五”普法主题宣传活动140余场次，受众2.6万人次；办理法律援助案件386件，挽回经济损失1,187.3万元；各级人民调解组织调处矛盾纠纷1,942件，调解成功率98%以上。"),
    ("h2", "二、存在的不足和原因"),
    ("body", "一是部分乡镇合法性审查力量薄弱，审查质量不高；二是普法宣传形式较为单一，针对性不强。"),
    ("h2", "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("body", "局主要负责人认真履行第一责任人职责，主持召开党组会议研究法治建设工作6次，带头讲法治课2次。"),
    ("h2", "四、2023年主要安排"),
    ("body", "一是持续推进法治政府建设示范创建；二是加强乡镇合法性审查能力建设；三是深化公共法律服务体系建设。"),
    ("blank", ""),
    ("right", "北岭县司法局  "),
    ("right", "2023年1月16日  "),
]

REPORTS = {"xishan-district-2023": XISHAN_DISTRICT_2023, "yuntai-county-2021": YUNTAI_COUNTY_2021,
           "beiling-justice-2022": BEILING_JUSTICE_2022}


def _lines(paragraph, text: str) -> None:
    """Text with "\n" written as Word's soft line break (Shift+Enter), as w:br."""
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        if i < len(text.split("\n")) - 1:
            run.add_break()


def _font(run, name: str, size: float, bold: bool = False) -> None:
    """Set a run's Latin and East Asian font, as Word does when a clerk picks 仿宋_GB2312."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def build_styled(path: Path, blocks=XISHAN_DISTRICT_2023) -> Path:
    """Write blocks with Word's built-in Title / Heading 1-3 styles."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    heading = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
    for kind, text in blocks:
        if kind in heading:
            _lines(doc.add_paragraph(style=heading[kind]), text)
        elif kind == "right":
            doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            para = doc.add_paragraph(text)
            if text:
                para.paragraph_format.first_line_indent = Pt(32)
    doc.save(str(path))
    return path


def build_direct(path: Path, blocks=YUNTAI_COUNTY_2021) -> Path:
    """Write blocks as Normal paragraphs with direct formatting only (no heading styles)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    for kind, text in blocks:
        para = doc.add_paragraph()
        if kind == "title":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(para.add_run(text), "方正小标宋简体", 22)
        elif kind == "h1":
            para.paragraph_format.first_line_indent = Pt(32)
            _font(para.add_run(text), "黑体", 16, bold=True)
        elif kind == "runin":
            head, body = text
            para.paragraph_format.first_line_indent = Pt(32)
            _font(para.add_run(head), "楷体_GB2312", 16, bold=True)
            _font(para.add_run(body), "仿宋_GB2312", 16)
        elif kind == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(para.add_run(text), "仿宋_GB2312", 16)
        elif text:
            para.paragraph_format.first_line_indent = Pt(32)
            _font(para.add_run(text), "仿宋_GB2312", 16)
    doc.save(str(path))
    return path


BUILDERS = {"xishan-district-2023": build_styled, "yuntai-county-2021": build_direct,
            "beiling-justice-2022": build_styled}


# --- Reports built the way Word and WPS write them, part by part (no python-docx) -----------------
#
# Word's automatic numbering (numbering.xml: chineseCounting "一、" "（二）", decimal "3." that runs on
# across sub-sections, custom lvlText), titles centred in 小标宋 by direct formatting, runs split
# mid-word by revision ids (w:rsidR), soft line breaks (w:br), unaccepted revisions (w:ins/w:del) and
# comments (comments.xml + commentRangeStart). Markup inside a text: "⟨+…+⟩" an insertion not yet
# accepted, "⟨-…-⟩" a deletion not yet accepted, "⟨#作者|批注#⟩" a comment anchored there, "\n" a
# soft line break. Kinds: ("title", text) ("body", text) ("num", ilvl, text) ("runin", ilvl, head,
# body) ("right", text) ("blank",).

# Word: 标题 1-3 linked to a 多级列表; the "1." level restarts only under a new "一、" (w:lvlRestart 1),
# so 1. 2. under （一） go on 3. 4. under （二）, as the author numbered them.
NANHU_DISTRICT_2021 = [
    ("title", "南湖区人民政府"),
    ("title", "2021年度法治政府建设工作总结暨2022年工作思路"),
    ("blank",),
    ("body", "区委全面依法治区委员会："),
    ("body", "2021年，南湖区人民政府坚持以习近平法治思想为引领，紧扣“八五”普法和法治政府建设示范创建目标，"
             "⟨#区司法局 李敏|开头一段请再压缩#⟩依法行政水平持续提升。现将全年工作总结和下一年度工作思路报告如下："),
    ("num", 0, "全年工作完成情况"),
    ("num", 1, "着力提升依法决策质量"),
    ("num", 2, "规范决策程序"),
    ("body", "区政府出台《南湖区重大行政决策程序实施办法》，全年作出重大行政决策5项，组织听证会3场，"
             "征求社会公众意见⟨-1,200-⟩⟨+1,300+⟩余条，决策事项全部经过合法性审查。"),
    ("num", 2, "发挥法律顾问作用"),
    ("body", "区政府法律顾问参与重大项目谈判21次，审核政府合同156份，涉及金额48.7亿元。"),
    ("num", 1, "着力推进严格规范公正文明执法"),
    ("num", 2, "深化综合行政执法改革"),
    ("body", "组建区综合行政执法局，整合执法队伍⟨#区委编办|执法队伍数请与编办文件核对#⟩9支，"
             "下放街道执法事项186项，街道综合执法队伍实现全覆盖。"),
    ("num", 2, "加强执法监督检查"),
    ("body", "开展行政执法案卷评查，抽查案卷320卷，优秀率达到76.5%。\n对发现的问题逐一建立整改台账，整改完成率100%。"),
    ("num", 1, "着力化解行政争议"),
    ("body", "区行政复议局全年收到复议申请212件，依法受理195件，审结188件，直接纠错21件，"
             "纠错率11.2%。行政诉讼案件行政机关负责人出庭应诉率保持100%。"),
    ("num", 0, "工作中存在的不足"),
    ("body", "一是部分街道和部门重大行政决策合法性审查力量不足；二是基层执法人员业务能力参差不齐，"
             "执法不规范的问题仍有发生；三是法治宣传的覆盖面有待扩大。"),
    ("num", 0, "区政府主要负责人履行推进法治建设第一责任人职责情况"),
    ("body", "区长认真履行法治建设第一责任人职责，主持召开区政府常务会议专题研究法治工作6次，"
             "带头参加旁听庭审活动1次，推动解决执法体制改革中的重点难点问题。"),
    ("num", 0, "2022年工作思路"),
    ("body", "一是深化法治政府建设示范创建；二是健全重大行政决策全过程记录制度；三是推进"
             "⟨+行政复议体制改革成果转化，+⟩行政执法协调监督工作体系建设。"),
    ("blank",),
    ("right", "南湖区人民政府"),
    ("right", "2021年12月20日"),
]

# WPS: no styles at all; numbering set on each paragraph (w:numPr), "（二）" a run-in heading whose
# number only Word prints; the title in two centred 小标宋 paragraphs; no recipient; dated in
# December of the year it reports on, planning for the next.
QINGHE_JUSTICE_2019 = [
    ("title", "清河市司法局"),
    ("title", "关于法治政府建设工作开展情况的报告"),
    ("blank",),
    ("body", "现将我局法治政府建设工作开展情况和下一步打算报告如下："),
    ("num", 0, "基本情况"),
    ("runin", 1, "坚持统筹协调，压实法治建设责任。",
     "局党组把法治政府建设列入年度重点工作，召开党组会议专题研究8次，制定任务清单37项，"
     "逐项明确责任科室和完成时限。"),
    ("runin", 1, "坚持推进依法行政，提升执法规范化水平。",
     "优化行政执法“三项制度”，组织全市行政执法人员培训⟨#办公室 王强|培训场次与年报表核对#⟩12期，"
     "参训1,460人次；开展执法证件年审，注销不符合条件的执法证件53个。"),
    ("runin", 1, "坚持普法惠民，营造尊法学法氛围。",
     "开展“宪法宣传周”“法律进万家”等活动130余场，发放宣传资料近5万份，"
     "全市建成“民主法治示范村（社区）”42个，其中国家级示范村2个。"),
    ("num", 0, "主要问题"),
    ("body", "一是普法宣传的精准度不够，对新业态从业人员的覆盖不足；二是基层司法所人员编制偏紧，"
             "部分司法所仅有1名工作人员。"),
    ("num", 0, "2020年工作打算"),
    ("runin", 1, "深化执法监督。", "全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度。"),
    ("runin", 1, "创新普法形式。", "建设线上普法平台，力争全年普法受众超过20万人次。"),
    ("blank",),
    ("right", "清河市司法局"),
    ("right", "2019年12月18日"),
]

# Levels of each report's list: (numFmt, lvlText, lvlRestart or None).
RAW_LEVELS = {
    "nanhu-district-2021": [("chineseCountingThousand", "%1、", None), ("chineseCounting", "（%2）", None),
                            ("decimal", "%3.", 1)],
    "qinghe-justice-2019": [("chineseCounting", "%1、", None), ("chineseCounting", "（%2）", None),
                            ("decimal", "%3.", None)],
}
RAW_REPORTS = {"nanhu-district-2021": NANHU_DISTRICT_2021, "qinghe-justice-2019": QINGHE_JUSTICE_2019}
# Numbered through 标题 1-3 (Word) or on each paragraph (WPS).
RAW_STYLED = {"nanhu-district-2021": True, "qinghe-justice-2019": False}
_MARKUP = re.compile(r"⟨\+(.*?)\+⟩|⟨-(.*?)-⟩|⟨#(.*?)\|(.*?)#⟩", re.S)


def accepted(text: str) -> str:
    """The text as read with every revision accepted, comments left out."""
    return _MARKUP.sub(lambda m: m[1] if m[1] is not None else "", text)


def comments_of(blocks) -> list[tuple[str, str]]:
    """(author, comment) of each comment, in order."""
    return [(m[3], m[4]) for block in blocks for part in block[1:] if isinstance(part, str)
            for m in _MARKUP.finditer(part) if m[3] is not None]


def revisions_of(blocks) -> int:
    return sum(1 for block in blocks for part in block[1:] if isinstance(part, str)
               for m in _MARKUP.finditer(part) if m[3] is None)


def printed_lines(blocks, levels) -> list[str]:
    """The paragraphs as Word prints them: automatic numbers in front, revisions accepted."""
    from lawgov_report.numerals import to_chinese

    counters: list[int] = [0] * len(levels)
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "blank":
            continue
        if kind in ("num", "runin"):
            ilvl = block[1]
            counters[ilvl] += 1
            for deeper in range(ilvl + 1, len(levels)):
                restart = levels[deeper][2]
                if restart is None or ilvl <= restart - 1:
                    counters[deeper] = 0
            fmt, pattern, _ = levels[ilvl]
            n = counters[ilvl]
            number = pattern.replace(f"%{ilvl + 1}", str(n) if fmt == "decimal" else to_chinese(n))
            out.append(number + accepted("".join(block[2:])))
        else:
            out.append(accepted(block[1]))
    return out


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Raw:
    """Writes paragraphs as Word does: runs cut every few characters with their revision ids."""

    def __init__(self):
        self.rsid = 0x00A1B2C3
        self.revision = 0
        self.comments: list[tuple[int, str, str]] = []

    def _rsid(self) -> str:
        self.rsid += 0x1F3
        return f"{self.rsid:08X}"

    def runs(self, text: str, rpr: str = "") -> str:
        """Runs of ``text``, split mid-word every 5 characters (each edit session its own rsid)."""
        out = []
        for line_no, line in enumerate(text.split("\n")):
            if line_no:
                out.append(f'<w:r><w:rPr>{rpr}</w:rPr><w:br/></w:r>')
            for i in range(0, len(line), 5):
                out.append(f'<w:r w:rsidR="{self._rsid()}"><w:rPr>{rpr}</w:rPr>'
                           f'<w:t xml:space="preserve">{_esc(line[i:i + 5])}</w:t></w:r>')
        return "".join(out)

    def marked(self, text: str, rpr: str = "") -> str:
        """Runs with the "⟨+…+⟩" "⟨-…-⟩" "⟨#…#⟩" markup as w:ins, w:del and comment anchors."""
        out, last, open_comments = [], 0, []
        for m in _MARKUP.finditer(text):
            out.append(self.runs(text[last:m.start()], rpr))
            self.revision += 1
            attrs = f'w:id="{self.revision + 100}" w:author="李敏" w:date="2022-01-05T09:30:00Z"'
            if m[1] is not None:
                out.append(f"<w:ins {attrs}>{self.runs(m[1], rpr)}</w:ins>")
            elif m[2] is not None:
                out.append(f'<w:del {attrs}><w:r><w:rPr>{rpr}</w:rPr><w:delText xml:space="preserve">'
                           f"{_esc(m[2])}</w:delText></w:r></w:del>")
            else:
                cid = len(self.comments)
                self.comments.append((cid, m[3], m[4]))
                open_comments.append(cid)
                out.append(f'<w:commentRangeStart w:id="{cid}"/>')
            last = m.end()
        out.append(self.runs(text[last:], rpr))
        for cid in open_comments:
            out.append(f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                       f'<w:commentReference w:id="{cid}"/></w:r>')
        return "".join(out)


def _fonts(face: str, size: int, bold: bool = False) -> str:
    return (f'<w:rFonts w:ascii="{face}" w:eastAsia="{face}" w:hAnsi="{face}"/>' + ("<w:b/>" if bold else "")
            + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')


def build_raw(path: Path, blocks, name: str) -> Path:
    """A .docx as Word (styled) or WPS (direct numbering) writes one, part by part."""
    import zipfile

    raw = _Raw()
    levels = RAW_LEVELS[name]
    styled = RAW_STYLED[name]
    body = []
    for block in blocks:
        kind = block[0]
        rsid = raw._rsid()
        if kind == "blank":
            body.append(f'<w:p w:rsidR="{rsid}"/>')
        elif kind == "title":
            body.append(f'<w:p w:rsidR="{rsid}"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="center"/>'
                        f'</w:pPr>{raw.marked(block[1], _fonts("方正小标宋简体", 44))}</w:p>')
        elif kind == "right":
            body.append(f'<w:p w:rsidR="{rsid}"><w:pPr><w:jc w:val="right"/></w:pPr>'
                        f'{raw.marked(block[1], _fonts("仿宋_GB2312", 32))}</w:p>')
        elif kind == "body":
            body.append(f'<w:p w:rsidR="{rsid}"><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
                        f'{raw.marked(block[1], _fonts("仿宋_GB2312", 32))}</w:p>')
        else:
            ilvl = block[1]
            face = ("黑体", "楷体_GB2312", "仿宋_GB2312")[ilvl]
            numbering = (f'<w:pStyle w:val="Heading{ilvl + 1}"/>' if styled else
                         f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>')
            ppr = f'<w:pPr>{numbering}<w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
            if kind == "num":
                runs = raw.marked(block[2], _fonts(face, 32, bold=ilvl == 2))
            else:
                runs = raw.marked(block[2], _fonts(face, 32, bold=True)) + raw.marked(block[3], _fonts("仿宋_GB2312", 32))
            body.append(f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rsid}">{ppr}{runs}</w:p>')
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
            'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W_NS}">'
                f'<w:body>{"".join(body)}{sect}</w:body></w:document>')
    lvl_xml = []
    for ilvl, (fmt, text, restart) in enumerate(levels):
        restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
        style = f'<w:pStyle w:val="Heading{ilvl + 1}"/>' if styled else ""
        lvl_xml.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{restart_xml}{style}'
                       f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{_W_NS}">'
                 f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{"".join(lvl_xml)}'
                 f'</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    heading_styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{i + 1}"><w:name w:val="heading {i + 1}"/>'
        f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="{i}"/><w:numId w:val="1"/></w:numPr>'
        f'<w:outlineLvl w:val="{i}"/></w:pPr></w:style>' for i in range(len(levels))) if styled else ""
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{_W_NS}">'
              f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              f'{heading_styles}</w:styles>')
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{_W_NS}">'
                + "".join(f'<w:comment w:id="{cid}" w:author="{_esc(author)}" w:date="2022-01-05T10:00:00Z">'
                          f'<w:p><w:r><w:t>{_esc(text)}</w:t></w:r></w:p></w:comment>'
                          for cid, author, text in raw.comments) + "</w:comments>")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.comments+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/styles" '
            f'Target="styles.xml"/><Relationship Id="rId2" Type="{rel}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/comments" Target="comments.xml"/></Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
        "word/comments.xml": comments,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, xml in parts.items():
            archive.writestr(part, xml)
    return path


for _name, _blocks in RAW_REPORTS.items():
    REPORTS[_name] = _blocks
    BUILDERS[_name] = (lambda name: lambda path, blocks: build_raw(path, blocks, name))(_name)
