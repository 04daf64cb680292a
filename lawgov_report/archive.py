"""Opening a .docx archive safely: every part read is bounded before it is inflated.

A .docx is a zip. One that someone else made may be encrypted, compressed with a method Word never
uses, broken inside a part, or a "zip bomb" whose 40 KB part inflates to gigabytes. Each is refused
with a message naming the archive member, before memory or time is spent on it.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lawgov_report.errors import ReportError

MAX_PART = 64_000_000  # bytes one part may inflate to (a long report's document.xml is a few MB)
MAX_TOTAL = 256_000_000  # bytes all parts of one archive may inflate to together
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Word, WPS and LibreOffice write
_REPAIR = "请在 Word 或 WPS 中打开后“另存为”.docx 再试"


def _refuse(file: str, message: str, en: str) -> ReportError:
    return ReportError.single(file, message, hint=_REPAIR, message_en=en)


def open_archive(data: bytes, file: str) -> zipfile.ZipFile:
    """The zip inside ``data``; refuses what is not one, or inflates past :data:`MAX_TOTAL`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise _refuse(file, "不是有效的 .docx 文件（不是 zip 压缩包，或已损坏）", "not a docx (zip) file") from None
    if sum(info.file_size for info in archive.infolist()) > MAX_TOTAL:
        raise _refuse(file, f".docx 文件解压后过大（超过 {MAX_TOTAL // 1_000_000} MB），可能是恶意构造的文件",
                      "archive inflates too far")
    return archive


def read_part(archive: zipfile.ZipFile, name: str | zipfile.ZipInfo, file: str) -> bytes:
    """One part's bytes; KeyError when there is no such part. Refuses an encrypted part, a compression
    method other than stored/deflate, a part larger than :data:`MAX_PART` and a corrupt one."""
    info = name if isinstance(name, zipfile.ZipInfo) else archive.getinfo(name)
    member = info.filename
    if info.flag_bits & 0x1:
        raise _refuse(file, f".docx 文件已加密（部件 {member}），无法读取",
                      f"encrypted part {member}")
    if info.compress_type not in _METHODS:
        raise _refuse(file, f".docx 文件使用了不支持的压缩方式（部件 {member}，方式 {info.compress_type}）",
                      f"unsupported compression {info.compress_type} in {member}")
    if info.file_size > MAX_PART:
        raise _refuse(file, f".docx 文件的部件 {member} 解压后过大（{info.file_size // 1_000_000} MB）",
                      f"part {member} inflates too far")
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_PART + 1)  # the header's size may lie; never inflate past the bound
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise _refuse(file, f".docx 文件已损坏：部件 {member} 无法解压", f"corrupt part {member}: {exc}") from None
    if len(data) > MAX_PART:
        raise _refuse(file, f".docx 文件的部件 {member} 解压后过大", f"part {member} inflates too far")
    return data
