"""Broken and hostile .docx files for the hostile-input corpus (tests/corpus/hostile), built here so
they can be read as code: encrypted, corrupt inside a part, an unsupported compression method, a
"zip bomb" whose part inflates to hundreds of megabytes, no <w:body>, an XML external entity."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from lawgov_report.writers.reference import make_reference_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                 'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


def plain(path: Path, document: str | None = None) -> Path:
    """A small valid .docx: a title and two paragraphs."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in
                         ("某县人民政府关于2020年度法治政府建设情况的报告", "2020年，我县依法行政。", "开展普法活动36场次。"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document or _document(paragraphs))
    return path


def _patch_member(path: Path, member: str, local_offset: int, central_offset: int, value: int, fmt: str) -> None:
    """Overwrite one field of ``member``'s local and central headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    struct.pack_into(fmt, data, info.header_offset + local_offset, value)
    central = entry = data.find(b"PK\x01\x02", 0)  # the member's central entry, found by its name
    entry = data.find(b"PK\x01\x02", 0)
    while entry != -1:
        name_len = struct.unpack_from("<H", data, entry + 28)[0]
        if bytes(data[entry + 46: entry + 46 + name_len]) == member.encode():
            central = entry
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    struct.pack_into(fmt, data, central + central_offset, value)
    path.write_bytes(bytes(data))


def encrypted(path: Path) -> Path:
    """The encryption flag set on word/document.xml (what a password-protected zip has)."""
    plain(path)
    with zipfile.ZipFile(path) as zf:
        flags = zf.getinfo("word/document.xml").flag_bits
    _patch_member(path, "word/document.xml", 6, 8, flags | 0x1, "<H")
    return path


def unsupported_compression(path: Path) -> Path:
    """word/document.xml marked as compressed with method 99 (AES), which Word never writes."""
    plain(path)
    _patch_member(path, "word/document.xml", 8, 10, 99, "<H")
    return path


def corrupt_deflate(path: Path) -> Path:
    """word/document.xml's deflate stream overwritten in the middle."""
    plain(path, _document("<w:p><w:r><w:t>" + "依法行政，" * 2000 + "</w:t></w:r></w:p>"))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size, 200)):
        data[i] = 0xFF
    path.write_bytes(bytes(data))
    return path


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def zip_bomb(path: Path, megabytes: int = 100) -> Path:
    """word/document.xml inflating to ``megabytes`` MB (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        with zf.open(_deflated("word/document.xml"), "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            part.write(_document("").encode()[:-len("</w:body></w:document>")])
            for _ in range(megabytes):
                part.write(chunk)
    return path


def no_body(path: Path) -> Path:
    """A reference.docx whose document.xml has no <w:body>."""
    plain(path, f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}></w:document>')
    return path


def reference_bomb(path: Path) -> Path:
    """A real reference.docx with one more part that inflates to 100 MB."""
    path.write_bytes(make_reference_docx())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open(_deflated("word/media/bomb.bin"), "w", force_zip64=True) as part:
            for _ in range(100):
                part.write(b"\0" * (1 << 20))
    return path


def external_entity(path: Path, secret: Path) -> Path:
    """A document.xml whose DOCTYPE declares an entity reading ``secret`` (XXE)."""
    document = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://{secret}">]>'
                f'<w:document {W}><w:body><w:p><w:r><w:t>某县人民政府关于2020年度法治政府建设情况的报告</w:t></w:r></w:p>'
                f'<w:p><w:r><w:t>2020年，&leak;依法行政。</w:t></w:r></w:p></w:body></w:document>')
    return plain(path, document)


BUILDERS = {"encrypted": encrypted, "unsupported-compression": unsupported_compression,
            "corrupt-deflate": corrupt_deflate, "zip-bomb": zip_bomb, "no-body": no_body,
            "reference-bomb": reference_bomb, "plain": plain}
