"""Three .docx reports "from other governments" for the unseen-import test, built with python-docx.

One uses Word's built-in styles (Title, Heading 1-3, Normal), the other plain Normal paragraphs with
direct formatting (bold runs, 黑体/楷体 fonts, a bold first sentence as a run-in heading), as clerks
who never touch the style gallery make them; the third styles its title as Heading 1.  They are built at test time rather than committed as
binaries, so the text stays reviewable here.
"""

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
