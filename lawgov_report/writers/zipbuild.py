"""A minimal zip (OOXML package) builder that compresses each constant part once.

A .docx from one template shares all but two parts with every other: the reference's styles,
settings, footers and fonts. zipfile would deflate them again for every report; here a part is
deflated once into an :class:`Entry`, and a package is the concatenation of entries plus the
central directory. Only what OOXML readers need: deflate, no zip64, fixed timestamps.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00


@dataclass(frozen=True)
class Entry:
    """One deflated part, ready to be placed in any package."""

    name: bytes
    data: bytes  # deflated
    crc: int
    size: int


def entry(name: str, content: bytes, level: int = 6) -> Entry:
    """Deflate ``content`` as the part ``name``."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Entry(name.encode("utf-8"), data, zlib.crc32(content), len(content))


def package(entries: list[Entry]) -> bytes:
    """The bytes of a zip holding ``entries`` in order."""
    local, central = [], []
    offset = 0
    for e in entries:
        flags = 0x800  # names are UTF-8
        header = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, 8, _DOS_TIME, _DOS_DATE, e.crc,
                             len(e.data), e.size, len(e.name), 0)
        local.append(header + e.name + e.data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, 8, _DOS_TIME, _DOS_DATE,
                                   e.crc, len(e.data), e.size, len(e.name), 0, 0, 0, 0, 0, offset) + e.name)
        offset += len(header) + len(e.name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(local) + directory + end
