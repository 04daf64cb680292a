"""Writing a draft as report YAML text, with Chinese comments a clerk can follow.

The YAML is written as text, not dumped, so that every key has its Chinese comment, texts are
quoted only where YAML needs it, and what could not be placed stands where it was found, as a
``# 未识别`` comment: nothing of the original is lost silently.
"""

from __future__ import annotations

from lawgov_report.figures.values import format_number
from lawgov_report.compose.numbering import CONTINUE, STYLES, child_style, heading_number
from lawgov_report.readers.draft import Draft, DraftParagraph, DraftSection, Unplaced

# What the import writes where the source says nothing; check warns about each at its line.
PLACEHOLDER_ISSUER = "（请填写发文机关）"
PLACEHOLDER_TITLE = "（请填写标题）"
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_FLOW_BAD = set(",[]{}")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N", "\u2028": "\\L",
            "\u2029": "\\P", "\ufeff": "\\uFEFF"}


def _printable(c: str) -> bool:
    """What YAML allows unescaped in a file (YAML 1.1, 5.1), less the line breaks."""
    o = ord(c)
    return (0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000) and c not in _ESCAPES


def _escaped(c: str) -> str:
    o = ord(c)
    return f"\\x{o:02x}" if o <= 0xFF else (f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")


def scalar(text: str, flow: bool = False) -> str:
    """A YAML scalar for ``text``: plain where that reads back as the same string, else double-quoted."""
    if _plain(text, flow):
        return text
    return '"' + "".join(_ESCAPES.get(c) or (c if _printable(c) else _escaped(c)) for c in text) + '"'


def _plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_BAD_START:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if not all(_printable(c) for c in text):
        return False
    if flow and any(c in _FLOW_BAD for c in text):
        return False
    if text.isascii():  # only ASCII can resolve to null, a boolean, a number or a date
        import yaml

        try:
            return yaml.safe_load(text) == text
        except yaml.YAMLError:
            return False
    return True


def _comment(text: str) -> str:
    """Text for a comment line: on one line, anything YAML does not allow in a file escaped."""
    return "".join(c if _printable(c) or c == '"' or c == "\\" or c == "\t" else (" " if c == "\n" else _escaped(c))
                   for c in text)


class _Writer:
    def __init__(self):
        self.lines: list[str] = []

    def add(self, line: str = "", comment: str = "") -> None:
        self.lines.append(f"{line}  # {comment}" if comment and line else (f"# {comment}" if comment else line))

    def comments(self, comments: dict[int, list[str]], number: int, indent: str) -> None:
        """The Word comments (批注) anchored at source paragraph ``number``, each once."""
        for text in comments.pop(number, []):
            self.lines.append(f"{indent}# 批注（原文第 {number} 段）{_comment(text)}")

    def notes(self, notes: list[Unplaced], indent: str) -> None:
        for note in notes:
            self.lines.append(f"{indent}# 未识别（原文第 {note.number} 段，{note.reason}）：{_comment(note.text)}")


def _paragraph(w: _Writer, p: DraftParagraph, indent: str, comments: dict) -> None:
    w.comments(comments, p.number, indent)
    if not p.points and not p.tail:
        w.add(f"{indent}- {scalar(p.text)}")
        return
    first = True

    def key(name: str, value: str = "") -> None:
        nonlocal first
        w.add(f"{indent}{'- ' if first else '  '}{name}:{' ' + value if value else ''}")
        first = False

    if p.text:
        key("text", scalar(p.text))
    key("points")
    for point in p.points:
        w.add(f"{indent}    - {scalar(point)}")
    if p.tail:
        key("tail", scalar(p.tail))


def _section(w: _Writer, s: DraftSection, indent: str, style: str, count: int, carried: int,
             comments: dict) -> int:
    """Write a section; returns the last number its sub-headings are given (for ``continue``)."""
    w.comments(comments, s.number, indent)
    generated = heading_number(style, count)
    typed = s.typed.strip()
    note = f"原文编号“{typed}”，生成时编为“{generated}”" if typed and typed != generated else ""
    w.add(f"{indent}- title: {scalar(s.title)}", note)
    inner = indent + "  "
    if s.run_in is not None:
        w.add(f"{inner}run_in: {'true' if s.run_in else 'false'}",
              "标题接正文：标题和第一段在同一段" if s.run_in else "标题单独成段")
    if s.numbering == CONTINUE:
        w.add(f"{inner}numbering: {CONTINUE}", "下级标题接着上一节的下级标题连续编号，如原文")
    elif s.numbering:
        w.add(f"{inner}numbering: {scalar(s.numbering)}", "下级标题的编号样式")
    if s.paragraphs:
        w.add(f"{inner}paragraphs:")
        for p in s.paragraphs:
            _paragraph(w, p, inner + "  ", comments)
    w.notes(s.notes, inner)
    start = carried if s.numbering == CONTINUE else 0
    if s.sections:
        w.add(f"{inner}sections:")
        style = child_style(s.numbering, s.level)
        last = 0
        for i, child in enumerate(s.sections, start=start + 1):
            last = _section(w, child, inner + "  ", style, i, last, comments)
    return start + len(s.sections)


def _figure(name: str, figure: dict) -> str:
    parts = [f"label: {scalar(figure['label'] or name, flow=True)}",
             f"value: {format_number(figure['value'])}"]
    if figure.get("unit"):
        parts.append(f"unit: {scalar(figure['unit'], flow=True)}")
    if figure.get("approx"):
        parts.append(f"approx: {scalar(figure['approx'], flow=True)}")
    if figure.get("category"):
        parts.append(f"category: {scalar(figure['category'], flow=True)}")
    if figure.get("previous") is not None:
        parts.append(f"previous: {format_number(figure['previous'])}")
        if figure.get("previous_approx"):
            parts.append(f"previous_approx: {scalar(figure['previous_approx'], flow=True)}")
    return f"  {name}: {{{', '.join(parts)}}}"


def _list(w: _Writer, key: str, items: list[str], comment: str) -> None:
    if items:
        w.add(f"{key}:", comment)
        for item in items:
            w.add(f"  - {scalar(item)}")


def emit(draft: Draft, source_name: str, year_fallback: int, template: str | None = None) -> str:
    """The report YAML for a draft; ``template`` is recorded when the import used another one."""
    w = _Writer()
    w.add(comment=f"由 lawgov-report import 从“{source_name}”导入。请逐项核对，再用 lawgov-report render 生成。")
    w.add(comment="说明：标题编号（一、（一）1.（1））和“一是、二是”由程序自动生成，不要自己写；")
    w.add(comment="      正文中的统计数字已改写为 {{ 数据名 }}，数字只在最后的 figures 里写一次。")
    for remark in draft.remarks:
        w.add(comment=f"注意：{remark}")
    w.add()
    w.notes(draft.notes_top, "")
    comments = dict(draft.comments)
    if template:
        w.add(f"template: {scalar(template)}", "模板")
    if draft.issuer:
        w.add(f"issuer: {scalar(draft.issuer)}", "发文机关")
    else:
        w.add(f"issuer: {scalar(PLACEHOLDER_ISSUER)}", "原文标题和署名中没有找到发文机关，请填写")
    if draft.year:
        w.add(f"year: {draft.year}", "年度")
    else:
        w.add(f"year: {year_fallback}", "未识别：原文中没有找到年度，请核对")
    if draft.title_is_default:
        w.add(comment="title: 原文标题与模板生成的标题相同，不必填写")
    else:
        _list(w, "title", draft.title, "标题：每行一项")
    if draft.doc_number:
        w.add(f"doc_number: {scalar(draft.doc_number)}", "发文字号")
    if draft.recipient:
        w.add(f"recipient: {scalar(draft.recipient)}", "主送机关")
    w.add()
    if draft.preamble:
        w.add("preamble:", "开头：正文第一部分标题之前的段落")
        for p in draft.preamble:
            w.comments(comments, p.number, "  ")
            w.add(f"  - {scalar(p.text)}")
    w.add()
    w.add("sections:", "正文各部分：标题（title）、段落（paragraphs）、下级标题（sections）")
    if not draft.sections:
        w.add(f"  - title: {scalar(PLACEHOLDER_TITLE)}", "原文中没有找到“一、”“（一）”等标题，请补上标题")
    last = 0
    for i, section in enumerate(draft.sections, start=1):
        last = _section(w, section, "  ", STYLES[0], i, last, comments)
    w.add()
    _list(w, "closing", draft.closing, "结尾")
    _list(w, "attachments", draft.attachments, "附件说明：附件名称，编号自动生成")
    if draft.signature:
        w.add(f"signature: {scalar(draft.signature)}", "署名")
    if draft.date:
        w.add(f"date: {draft.date.isoformat()}", "成文日期" + (
            f"：原文写作“{draft.date_text}”，生成时按国家标准写作阿拉伯数字" if draft.date_text else ""))
    if draft.note:
        w.add(f"note: {scalar(draft.note)}", "附注")
    from lawgov_report.readers.masthead import yaml_lines

    for line, comment in yaml_lines(draft, scalar):
        w.add(line, comment)
    w.notes(draft.notes_end, "")
    for number in sorted(comments):  # on the title, the signature …: kept at the end
        w.comments(comments, number, "")
    if draft.statistics_appendix is False and draft.figures:
        w.add("appendix: false", "原文没有统计表附件：生成时不加附件说明和附件页（.xlsx 照常生成）")
    if draft.figures:
        w.add()
        w.add(comment="数据：正文引用的每个统计数字在这里写一次（label 指标名称，value 数值，unit 单位，")
        w.add(comment="      approx 约数标记，category 类别）。数据名可以改，改时正文里的 {{ 数据名 }} 要一起改。")
        w.add("figures:")
        for name, figure in draft.figures.items():
            w.add(_figure(name, figure))
    return "\n".join(w.lines) + "\n"
