"""The .docx package: the reference document's parts, with our body and core properties put in.

Everything in the reference (styles, settings, footers, fonts, even a theme a user added in Word) is
copied unchanged; only ``word/document.xml``'s body and ``docProps/core.xml`` are ours. The parsed
reference is cached, so a batch reads it once. Writing the zip directly (rather than opening the
reference with python-docx each time) keeps python-docx's import and its part graph out of every
render.
"""

from __future__ import annotations

import datetime
import os
import re
import zipfile
import zlib
from dataclasses import dataclass

from lawgov_report.archive import open_archive, read_part
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


_CACHE: dict[bytes, Reference] = {}  # least recently used first; a batch uses one or two references
_CACHE_SIZE = 8


def _main_part(zf: zipfile.ZipFile, name: str) -> str:
    rels = read_part(zf, "_rels/.rels", name).decode("utf-8")
    m = re.search(r'Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"|Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"',
                  rels)
    return (m.group(1) or m.group(2)) if m else "word/document.xml"


def load_reference(data: bytes, name: str = "reference.docx") -> Reference:
    """Split a reference .docx once; cached by its bytes."""
    cached = _CACHE.pop(data, None)
    if cached is not None:
        _CACHE[data] = cached  # now the most recently used
        return cached
    from lxml import etree

    try:
        with open_archive(data, name) as zf:
            main = _main_part(zf, name)
            root = etree.fromstring(read_part(zf, main, name), etree.XMLParser(resolve_entities=False, no_network=True))
            parts = [(info.filename, read_part(zf, info, name)) for info in zf.infolist()
                     if info.filename not in (main, "docProps/core.xml") and not info.is_dir()]
    except (KeyError, etree.XMLSyntaxError, UnicodeDecodeError) as exc:
        raise ReportError.single(name, f"样式参考文件不是有效的 .docx：{exc}",
                                 message_en=f"reference is not a valid .docx: {exc}") from None
    body = root.find(f"{{{W_NS}}}body")
    if root.nsmap.get("w") != W_NS or body is None:
        raise ReportError.single(name, "样式参考文件的格式不受支持（需由 Word 或 WPS 保存的 .docx，含 <w:body>）",
                                 hint="用 Word 或 WPS 打开模板的 reference.docx 后另存为 .docx",
                                 message_en="reference.docx has no w:body")
    schemaorder.normalise(root)
    parts = [(part, schemaorder.normalise_part(part, data)) for part, data in parts]
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
    while len(_CACHE) > _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
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


def moment() -> datetime.datetime:
    """Now, or SOURCE_DATE_EPOCH where it is set, so that the same input gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit()
            else datetime.datetime.now(datetime.timezone.utc))


def _timestamp() -> str:
    return moment().strftime("%Y-%m-%dT%H:%M:%SZ")


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


def assemble(reference: Reference, body: list[bytes], core: bytes) -> bytes:
    """The bytes of a .docx: the reference's parts (deflated once per process), our body (its XML's
    UTF-8, as pieces in order) and core."""
    from lawgov_report.writers import zipbuild

    constant = _ENTRIES.get(reference)
    if constant is None:
        constant = _ENTRIES[reference] = [zipbuild.entry(name, data) for name, data in reference.parts]
    main = _main_entry(reference, body)
    # [Content_Types].xml first, as Word writes it; then the main part, the others, the core properties.
    entries = [e for e in constant if e.name == b"[Content_Types].xml"] + [main]
    entries += [e for e in constant if e.name != b"[Content_Types].xml"]
    entries.append(zipbuild.entry("docProps/core.xml", core, level=1))
    return zipbuild.package(entries)


_ENTRIES: dict[Reference, list] = {}

# Pieces of the body deflated together: at 50x a slice joins to 130 KB of the 附件 table (the first,
# with the 700 headings, to 570 KB). Measured at 50x: 256 to 2,048 alike; 4,096 faulted 357 fresh
# pages a render again.
_SLICE = 2048
# The body's deflate level. The body repeats the same markup (a 50x report's 附件 table is 2 MB of
# it), and zlib's level 3 finds longer matches than level 1 (nice length 32, not 8) so it walks
# the input in fewer, longer steps: at 50x 3.0 ms and a 48.6 KB part, against level 1's 3.5 ms and
# 68.5 KB (level 6, zipfile's and so docxtpl's default, 6.7 ms and 38.8 KB); at the seed's size
# all are within 0.03 ms of each other. Its memory level 6 (zlib's default 8) halves the hash
# table twice over, which then stays in the processor's cache: 50x 3.0 -> 2.4 ms, a part 1.4 KB
# smaller (the seed's within 0.02 ms, and 2 bytes larger).
_BODY_LEVEL, _BODY_MEMORY = 3, 6


def _main_entry(reference: Reference, body: list[bytes]):
    """The main part (the reference's head, our body, its tail) deflated a slice of pieces at a time.

    Made whole, a 50x report's body was a 4.5 MB string, then 2.6 MB of UTF-8, then a copy with the
    head and tail: 3,300 fresh pages a report, whose faults cost as much CPU as making the XML.
    A slice at a time reuses the same few blocks of memory. Deflate's output does not depend on
    how its input is cut (nothing is flushed until the end), so the bytes are the same."""
    from lawgov_report.writers import zipbuild

    compressor = zlib.compressobj(_BODY_LEVEL, zlib.DEFLATED, -15, _BODY_MEMORY)
    out = [compressor.compress(reference.head)]
    crc, size = zlib.crc32(reference.head), len(reference.head)
    for start in range(0, len(body), _SLICE):
        chunk = b"".join(body[start:start + _SLICE])
        out.append(compressor.compress(chunk))
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    out += [compressor.compress(reference.tail), compressor.flush()]
    return zipbuild.Entry(reference.main.encode("utf-8"), b"".join(out), zlib.crc32(reference.tail, crc),
                          size + len(reference.tail))
