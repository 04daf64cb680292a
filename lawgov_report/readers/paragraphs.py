"""Reading the paragraphs of an existing report (.txt or .docx), with what styles say about them.

A .txt file gives one paragraph per line. A .docx file gives its body paragraphs and table rows in
order, each with the role its style names (标题, 主送机关, 署名, 成文日期, 附件说明 …), its outline
level, and the run-in heading its character style marks (``Heading2Char`` as our writer emits it,
or a bold lead-in as Word and WPS users type it). Noise that is not text is removed here: the
indentation typed with (full-width) spaces, empty lines, and a stray "[bookmark: _GoBack]" left by
text exports. Nothing else of a paragraph's text is changed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lawgov_report.archive import open_archive, read_part
from lawgov_report.errors import ReportError
from lawgov_report.readers import revisions
from lawgov_report.readers.draft import SourceParagraph
from lawgov_report.readers.wordnumbering import Numbering, paragraph_list

MAX_BYTES = 30 * 1024 * 1024
_BOOKMARK = re.compile(r"\[bookmark: [^\]\n]*\]")
INDENT = " \t\u3000\xa0"  # what clerks type to indent a paragraph (half- and full-width spaces)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Subtrees whose text is not the paragraph's: deleted revisions, properties, the fallback copy of
# alternate content, text boxes (drawn over the page, not in the flow).
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", _MC_FALLBACK, W + "txbxContent",
         W + "instrText", W + "delText", W + "footnoteReference", W + "endnoteReference"}

# Style ids of our reference document, and the Word built-ins that mean the same, by role.
_ROLE_OF_STYLE = {
    "title": "title", "标题": "title", "recipient": "recipient", "主送机关": "recipient",
    "signature": "signature", "署名": "signature", "date": "date", "成文日期": "date",
    "附注": "note", "attachmentnote": "attachment_note", "附件说明": "attachment_note",
    "appendixlabel": "appendix_label", "附件标识": "appendix_label",
    "appendixtitle": "appendix_title", "附件标题": "appendix_title",
    "tabletext": "table", "tableheader": "table",
}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_HEADING_CHAR_STYLE = re.compile(r"^(?:heading\s*([1-9])\s*char|标题\s*([1-9])\s*字符)$", re.I)


def _error(file: str, message: str, hint: str = "", en: str = "") -> ReportError:
    return ReportError.single(file, message, hint=hint, message_en=en)


def read_bytes(path: Path, file: str) -> bytes:
    """The file's bytes, refusing what cannot be a report."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _error(file, f"文件过大（{size // 1024 // 1024} MB），不像是一份报告", en="file too large")
        return path.read_bytes()
    except FileNotFoundError:
        raise _error(file, "找不到文件", en="file not found") from None
    except IsADirectoryError:
        raise _error(file, "这是一个文件夹，不是文件", en="is a directory") from None
    except OSError as exc:
        raise _error(file, f"无法读取文件：{exc.strerror}", en=str(exc)) from None


def decode_text(raw: bytes, file: str) -> tuple[str, str]:
    """Bytes of a .txt report -> (text, encoding): UTF-8 (BOM or not), UTF-16 with BOM, GB18030."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(file, "这是旧版 Word（.doc/.wps）文件，不是文本文件",
                     "请在 Word 或 WPS 中“另存为”.docx 后再导入", "legacy .doc file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    if b"\x00" in raw[:4096] or raw.startswith(b"PK\x03\x04"):
        raise _error(file, "这不是文本文件（含有二进制内容）", "导入 Word 文件时，文件名应以 .docx 结尾",
                     "not a text file")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            raise _error(file, "文件编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）",
                         "请用记事本“另存为”，编码选择“UTF-8”后再试", "unknown encoding") from None


def clean(text: str) -> str:
    """A paragraph without its noise: bookmarks a text export wrote out, and typed indentation."""
    if "[bookmark:" in text:
        text = _BOOKMARK.sub("", text)
    return text.lstrip(INDENT)


def from_text(text: str) -> list[SourceParagraph]:
    """The paragraphs of a plain-text report: one per non-empty line."""
    out: list[SourceParagraph] = []
    blank = page = False
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if "\f" in line:  # a page break typed into the export
            page = True
            line = line.replace("\f", "")
        line = clean(line)
        if not line.strip():
            blank = True
            continue
        out.append(SourceParagraph(line, number, page_break=page, blank_before=blank))
        blank = page = False
    return out


def from_txt(path: Path, file: str) -> tuple[list[SourceParagraph], list[str]]:
    """Read a .txt report; the remarks say which encoding was assumed when it was not UTF-8."""
    text, encoding = decode_text(read_bytes(path, file), file)
    remarks = [] if encoding == "UTF-8" else [f"原文件按 {encoding} 编码读取"]
    return from_text(text), remarks


class _Styles:
    """What the styles part says about each style id: role, heading level, outline level, bold."""

    def __init__(self, root):
        self.by_id: dict[str, dict] = {}
        if root is None:
            return
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId") or ""
            name_el = style.find(W + "name")
            based = style.find(W + "basedOn")
            link = style.find(W + "link")
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            bold = style.find(f"{W}rPr/{W}b")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            self.by_id[sid] = {
                "list": _style_list(num_pr),
                "name": name_el.get(W + "val") if name_el is not None else sid,
                "based": based.get(W + "val") if based is not None else None,
                "link": link.get(W + "val") if link is not None else None,
                "outline": _int(outline.get(W + "val")) if outline is not None else None,
                "bold": bold is not None and bold.get(W + "val") not in ("0", "false"),
            }

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            yield sid, self.by_id[sid]
            sid = self.by_id[sid]["based"]

    def role(self, sid: str | None) -> tuple[str | None, int | None]:
        """(role, heading level) of a paragraph style, following basedOn."""
        for style_id, info in self.chain(sid):
            for key in (style_id, info["name"]):
                m = _HEADING_STYLE.match(key.strip())
                if m:
                    return "heading", int(m[1])
                role = _ROLE_OF_STYLE.get(key.strip().lower().replace(" ", ""))
                if role:
                    return role, None
        return None, None

    def list_of(self, sid: str | None) -> tuple[str, int] | None:
        """The (numId, ilvl) a paragraph style numbers its paragraphs with (多级列表 linked to 标题 1 …)."""
        for _, info in self.chain(sid):
            if info["list"] is not None:
                return info["list"]
        return None

    def outline(self, sid: str | None) -> int | None:
        for _, info in self.chain(sid):
            if info["outline"] is not None:
                return info["outline"]
        return None

    def heading_char(self, sid: str | None) -> bool:
        """A character style that marks a run-in heading (Heading2Char, or one linked to a heading)."""
        for style_id, info in self.chain(sid):
            if _HEADING_CHAR_STYLE.match(style_id) or _HEADING_CHAR_STYLE.match(info["name"]):
                return True
            if info["link"] and self.role(info["link"])[0] == "heading":
                return True
            if info["bold"]:
                return True
        return False


def _style_list(num_pr) -> tuple[str, int] | None:
    if num_pr is None:
        return None
    num_id = num_pr.find(W + "numId")
    ilvl = num_pr.find(W + "ilvl")
    if num_id is None:
        return None
    return num_id.get(W + "val", ""), _int(ilvl.get(W + "val")) or 0 if ilvl is not None else 0


def _display(p, ppr) -> bool:
    """Centred, in a display face (小标宋) or at 18 pt and more: a title set by direct formatting."""
    jc = ppr.find(W + "jc") if ppr is not None else None
    if jc is None or jc.get(W + "val") != "center":
        return False
    for run in _runs(p):
        rpr = run.find(W + "rPr")
        if rpr is None or not _text(run)[0].strip():
            continue
        fonts = rpr.find(W + "rFonts")
        face = "".join(fonts.get(W + k, "") for k in ("eastAsia", "ascii", "hAnsi")) if fonts is not None else ""
        size = rpr.find(W + "sz")
        if "小标宋" in face or "标宋" in face or (size is not None and (_int(size.get(W + "val")) or 0) >= 36):
            return True
    return False


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(element) -> tuple[str, bool]:
    """The text of a paragraph or cell, and whether a page break stands before any text."""
    parts: list[str] = []
    page_first = False

    def walk(node):
        nonlocal page_first
        for child in node:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab":
                parts.append("\t")
            elif tag == W + "br":
                if child.get(W + "type") == "page":
                    page_first = page_first or not "".join(parts).strip()
                elif child.get(W + "type") != "column":
                    parts.append("\n")
            elif tag == W + "cr":
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(parts), page_first


def _runs(p):
    """The runs of a paragraph in order, including those in insertions, hyperlinks and smart tags."""
    for child in p:
        if child.tag == W + "r":
            yield child
        elif child.tag in (W + "ins", W + "hyperlink", W + "smartTag", W + "customXml", W + "fldSimple"):
            yield from _runs(child)


def _run_in_heading(p, styles: _Styles) -> str | None:
    """The leading text in a heading character style (or bold), if the paragraph goes on after it."""
    head: list[str] = []
    rest = False
    for run in _runs(p):
        text, _ = _text(run)
        if not text:
            continue
        rstyle = run.find(f"{W}rPr/{W}rStyle")
        bold = run.find(f"{W}rPr/{W}b")
        marked = (rstyle is not None and styles.heading_char(rstyle.get(W + "val"))) or (
            bold is not None and bold.get(W + "val") not in ("0", "false"))
        if marked and not rest:
            head.append(text)
        else:
            rest = rest or bool(text.strip())
            if rest:
                break
    heading = "".join(head)
    return heading if heading.strip() and rest else None


def _part(archive: zipfile.ZipFile, name: str, file: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(read_part(archive, name, file), parser)
    except KeyError:
        return None
    except etree.XMLSyntaxError as exc:
        raise _error(file, f"Word 文件已损坏（{name}：{exc}）", "请在 Word 或 WPS 中打开后重新保存为 .docx",
                     f"broken part {name}") from None


def _main_part(archive: zipfile.ZipFile, file: str) -> tuple[str, dict[str, str]]:
    """The name of the main document part and of its related parts by kind (styles, numbering, comments)."""
    main = "word/document.xml"
    rels = _part(archive, "_rels/.rels", file)
    if rels is not None:
        for rel in rels.iter(_REL_NS + "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                main = rel.get("Target", main).lstrip("/")
    folder, _, base = main.rpartition("/")
    related = {"styles": f"{folder}/styles.xml" if folder else "styles.xml"}
    doc_rels = _part(archive, f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels", file)
    if doc_rels is not None:
        for rel in doc_rels.iter(_REL_NS + "Relationship"):
            kind = rel.get("Type", "").rpartition("/")[2]
            if kind in ("styles", "numbering", "comments") and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                related[kind] = target.lstrip("/") if target.startswith("/") else (
                    f"{folder}/{target}" if folder else target)
    return main, related


def from_docx(path: Path, file: str) -> tuple[list[SourceParagraph], list[str]]:
    """Read a .docx report: body paragraphs and table rows, with styles, outline levels, page breaks."""
    docx = open_docx(read_bytes(path, file), file)
    body = docx.document.find(W + "body")
    paragraphs = body_paragraphs(body, docx.styles, docx.numbering, docx.notes)
    remarks = [r for r in (revisions.remark(revisions.count(body)), revisions.comments_remark(docx.notes)) if r]
    return paragraphs, remarks


@dataclass
class OpenedDocx:
    """A .docx opened for reading: its archive, main part's name and tree, styles, list numbering and
    comments (id -> text)."""

    archive: zipfile.ZipFile
    main: str
    document: object
    styles: "_Styles"
    numbering: Numbering
    notes: dict


def open_docx(raw: bytes, file: str) -> OpenedDocx:
    """A .docx's main document part with what reading it needs, refusing what is not one."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(file, "这是旧版 Word（.doc/.wps）文件", "请在 Word 或 WPS 中“另存为”.docx 后再导入",
                     "legacy .doc file")
    archive = open_archive(raw, file)  # encrypted, corrupt or bomb parts refused, naming the part
    main, related = _main_part(archive, file)
    document = _part(archive, main, file)
    styles = _Styles(_part(archive, related["styles"], file))
    numbering = Numbering(_part(archive, related["numbering"], file) if "numbering" in related else None)
    notes = revisions.comments(_part(archive, related["comments"], file) if "comments" in related else None)
    if document is None or document.find(W + "body") is None:
        raise _error(file, "Word 文件中没有正文", en="no document body")
    return OpenedDocx(archive, main, document, styles, numbering, notes)


def body_paragraphs(body, styles: _Styles, numbering: Numbering | None = None,
                    notes: dict | None = None) -> list[SourceParagraph]:
    """The paragraphs and table rows of a document body; ``number`` counts every w:p and w:tr.

    With ``numbering``, a paragraph numbered by Word's lists gets its printed number in front; with
    ``notes`` (comment id -> text), each paragraph carries the comments anchored on it."""
    notes = notes or {}
    out: list[SourceParagraph] = []
    state = {"number": 0, "blank": False, "page": False}
    waiting: list[str] = []  # comments anchored between paragraphs, or on an empty one: the next one's

    def paragraph(p):
        state["number"] += 1
        text, page_first = _text(p)
        ppr = p.find(W + "pPr")
        waiting.extend(notes[c] for c in revisions.anchored(p) if c in notes)
        sid = None
        outline = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            sid = ps.get(W + "val") if ps is not None else None
            ol = ppr.find(W + "outlineLvl")
            outline = _int(ol.get(W + "val")) if ol is not None else None
            if ppr.find(W + "pageBreakBefore") is not None:
                page_first = True
        page = state["page"] or page_first
        if "\f" in text:
            text = text.replace("\f", "")
        # A page break after the text (or a section break) starts the next paragraph's page.
        state["page"] = any(br.get(W + "type") == "page" for br in p.iter(W + "br")) and not page_first
        if ppr is not None and ppr.find(W + "sectPr") is not None:
            state["page"] = True
        text = clean(text)
        if not text.strip():
            state["blank"] = True
            state["page"] = state["page"] or page
            return
        role, level = styles.role(sid)
        auto = numbering.number(*paragraph_list(ppr, styles.list_of(sid))) if numbering else ""
        if auto and (role is None or role == "heading"):
            text = auto + text  # as printed: Word's own number, then the text
        if outline is None:
            outline = styles.outline(sid)
        if outline is not None and 0 <= outline <= 3:
            level = level or outline + 1
        heading = _run_in_heading(p, styles)
        if heading is not None and auto:
            heading = auto + heading
        out.append(SourceParagraph(text, state["number"], role, level if role in (None, "heading") else None,
                                   heading, page, state["blank"], auto_number=auto if role in (None, "heading") else "",
                                   display=_display(p, ppr), comments=list(waiting)))
        waiting.clear()
        state["blank"] = False

    def table(tbl):
        for tr in tbl.iter(W + "tr"):
            state["number"] += 1
            cells = []
            for cp in tr.iter(W + "p"):
                waiting.extend(notes[c] for c in revisions.anchored(cp) if c in notes)
            for tc in tr.findall(W + "tc"):
                cells.append(" ".join(clean(_text(cp)[0]) for cp in tc.iter(W + "p")).strip())
            if any(cells):
                out.append(SourceParagraph("\t".join(cells), state["number"], "table", page_break=state["page"],
                                           comments=list(waiting)))
                waiting.clear()
                state["page"] = False
        state["blank"] = False

    def block(container):
        for child in container:
            if child.tag in (W + "commentRangeStart",):
                waiting.extend(notes[c] for c in [child.get(W + "id")] if c in notes)
            elif child.tag == W + "p":
                paragraph(child)
            elif child.tag == W + "tbl":
                table(child)
            elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                block(child.find(W + "sdtContent") if child.tag == W + "sdt" else child)

    block(body)
    if waiting and out:
        out[-1].comments.extend(waiting)
    return out


# Format -> reader. Each returns the paragraphs and remarks for the clerk (e.g. the encoding assumed).
READERS = {"txt": from_txt, "docx": from_docx}


def format_of(path: Path, file: str) -> str:
    """The reader for a file: by its extension, else by its first bytes."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in READERS:
        return suffix
    if suffix in ("doc", "wps"):
        raise _error(file, "这是旧版 Word（.doc/.wps）文件", "请在 Word 或 WPS 中“另存为”.docx 后再导入",
                     "legacy .doc file")
    if suffix in ("text", ""):  # no telling extension: a zip is a .docx, anything else text
        return "docx" if read_bytes(path, file).startswith(b"PK\x03\x04") else "txt"
    raise _error(file, f"无法导入 .{suffix} 文件", "只能导入 Word 文件（.docx）或文本文件（.txt）",
                 f"unsupported format .{suffix}")


def read(path: str | Path, file: str | None = None) -> tuple[list[SourceParagraph], list[str]]:
    """The paragraphs of a report file, by format."""
    path = Path(path)
    file = file or str(path)
    return READERS[format_of(path, file)](path, file)
