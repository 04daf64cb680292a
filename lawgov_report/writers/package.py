"""The .docx package: the reference document's parts, with our body and core properties put in.

Everything in the reference (styles, settings, footers, fonts, even a theme a user added in Word) is
copied unchanged; only ``word/document.xml``'s body and ``docProps/core.xml`` are ours. The parsed
reference is cached, so a batch reads it once. Writing the zip directly (rather than opening the
reference with python-docx each time) keeps python-docx's import and its part graph out of every
render.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from dataclasses import dataclass

from lawgov_report.errors import ReportError
from lawgov_report.writers import schemaorder, theme
from lawgov_report.writers.ooxml import FONT_BODY, FONT_HEI, W_NS, escape

_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_BODY_OPEN = re.compile(rb"<w:body(?:\s[^>]*)?>")


@dataclass(frozen=True)
class Reference:
    """A reference .docx split for assembly: every other part, and document.xml around the body."""

    parts: tuple[tuple[str, bytes], ...]
    head: bytes  # document.xml up to and including <w:body>
    tail: bytes  # the section properties, </w:body></w:document>
    main: str


_CACHE: dict[bytes, Reference] = {}


def _main_part(zf: zipfile.ZipFile) -> str:
    rels = zf.read("_rels/.rels").decode("utf-8")
    m = re.search(r'Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"|Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"',
                  rels)
    return (m.group(1) or m.group(2)) if m else "word/document.xml"


def load_reference(data: bytes, name: str = "reference.docx") -> Reference:
    """Split a reference .docx once; cached by its bytes."""
    cached = _CACHE.get(data)
    if cached is not None:
        return cached
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            main = _main_part(zf)
            root = etree.fromstring(zf.read(main))
            parts = [(info.filename, zf.read(info)) for info in zf.infolist()
                     if info.filename not in (main, "docProps/core.xml") and not info.is_dir()]
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ReportError.single(name, f"样式参考文件不是有效的 .docx：{exc}",
                                 message_en=f"reference is not a valid .docx: {exc}") from None
    if root.nsmap.get("w") != W_NS:
        raise ReportError.single(name, "样式参考文件的格式不受支持（需由 Word 或 WPS 保存的 .docx）")
    schemaorder.normalise(root)
    parts = [(part, schemaorder.normalise_part(part, data)) for part, data in parts]
    body = root.find(f"{{{W_NS}}}body")
    sect = body[-1] if len(body) and body[-1].tag == f"{{{W_NS}}}sectPr" else None
    for child in list(body):
        if child is not sect:
            body.remove(child)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    m = _BODY_OPEN.search(xml)
    if m is None:  # <w:body/>: no section properties in the reference
        xml = xml.replace(b"<w:body/>", b"<w:body></w:body>")
        m = _BODY_OPEN.search(xml)
    reference = Reference(tuple(_with_theme(_with_core_props(parts), main)), xml[: m.end()], xml[m.end():], main)
    _CACHE[data] = reference
    return reference


def _with_core_props(parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Make sure [Content_Types].xml and the package rels know docProps/core.xml."""
    out = []
    for name, data in parts:
        if name == "[Content_Types].xml" and b"/docProps/core.xml" not in data:
            data = data.replace(b"</Types>", f'<Override PartName="/docProps/core.xml" ContentType="{_CORE_TYPE}"/></Types>'
                                .encode())
        if name == "_rels/.rels" and _CORE_REL.encode() not in data:
            data = data.replace(b"</Relationships>", f'<Relationship Id="rIdCoreProps" Type="{_CORE_REL}" '
                                f'Target="docProps/core.xml"/></Relationships>'.encode())
        out.append((name, data))
    return out


def _with_theme(parts: list[tuple[str, bytes]], main: str) -> list[tuple[str, bytes]]:
    """Give a reference without a theme part ours (Word requires one), with its relationship and type."""
    folder, _, leaf = main.rpartition("/")
    rels_name = f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"
    named = dict(parts)
    rels = named.get(rels_name, b"")
    if theme.RELATIONSHIP.encode() in rels:
        return parts
    target = f"{folder}/theme/theme1.xml" if folder else "theme/theme1.xml"
    out = []
    for name, data in parts:
        if name == "[Content_Types].xml" and f'"/{target}"'.encode() not in data:
            data = data.replace(b"</Types>", f'<Override PartName="/{target}" ContentType="{theme.CONTENT_TYPE}"/>'
                                f"</Types>".encode())
        elif name == rels_name:
            data = data.replace(b"</Relationships>", f'<Relationship Id="rIdLawgovTheme" Type="{theme.RELATIONSHIP}" '
                                f'Target="theme/theme1.xml"/></Relationships>'.encode())
        out.append((name, data))
    if rels_name not in named:
        out.append((rels_name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
                    '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLawgovTheme" '
                    f'Type="{theme.RELATIONSHIP}" Target="theme/theme1.xml"/></Relationships>'.encode()))
    if target not in named:
        out.append((target, theme.theme_xml(FONT_HEI, FONT_BODY)))
    return out


def _timestamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit()
              else datetime.datetime.now(datetime.timezone.utc))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties(title: str, author: str, subject: str) -> bytes:
    """docProps/core.xml: what Word shows under File > Properties."""
    now = _timestamp()
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{escape(author)}</dc:creator><cp:lastModifiedBy>lawgov-report</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>").encode("utf-8")


def assemble(reference: Reference, body_xml: str, core: bytes) -> bytes:
    """The bytes of a .docx: the reference's parts (deflated once per process), our body and core."""
    from lawgov_report.writers import zipbuild

    constant = _ENTRIES.get(reference)
    if constant is None:
        constant = _ENTRIES[reference] = [zipbuild.entry(name, data) for name, data in reference.parts]
    main = zipbuild.entry(reference.main, reference.head + body_xml.encode("utf-8") + reference.tail, level=1)
    # [Content_Types].xml first, as Word writes it; then the main part, the others, the core properties.
    entries = [e for e in constant if e.name == b"[Content_Types].xml"] + [main]
    entries += [e for e in constant if e.name != b"[Content_Types].xml"]
    entries.append(zipbuild.entry("docProps/core.xml", core, level=1))
    return zipbuild.package(entries)


_ENTRIES: dict[Reference, list] = {}
