"""The theme part (DrawingML ``a:theme``) of every .docx and .xlsx we write.

Word and Excel require one (the Open XML SDK reports its absence as an error, and Word for the web
opens such a file read-only). Its font scheme matters for Chinese text: the theme of python-docx's
and Office's default template names a Japanese face (``<a:font script="Jpan" …/>``, MS Mincho)
that Word uses for East Asian text whose style names no font. Ours names the official Chinese
faces for East Asian text, Times New Roman for Latin, and no per-script entries, so whatever falls
back to the theme stays Chinese. Colours and effects are Office's plain defaults.
"""

from __future__ import annotations

from functools import lru_cache

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

_COLOURS = (("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
            ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
            ("dk2", '<a:srgbClr val="44546A"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
            ("accent1", '<a:srgbClr val="4472C4"/>'), ("accent2", '<a:srgbClr val="ED7D31"/>'),
            ("accent3", '<a:srgbClr val="A5A5A5"/>'), ("accent4", '<a:srgbClr val="FFC000"/>'),
            ("accent5", '<a:srgbClr val="5B9BD5"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
            ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>'))
_PHCLR = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = '<a:ln w="{}" cap="flat" cmpd="sng" algn="ctr">' + _PHCLR + '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'


def _fonts(slot: str, latin: str, east_asia: str) -> str:
    return (f'<a:{slot}><a:latin typeface="{latin}"/><a:ea typeface="{east_asia}"/><a:cs typeface=""/>'
            f'</a:{slot}>')


@lru_cache(maxsize=8)  # every workbook of a batch writes the same bytes
def theme_xml(heading_font: str, body_font: str, latin: str = "Times New Roman") -> bytes:
    """The theme part: East Asian text in ``heading_font`` (major) and ``body_font`` (minor)."""
    colours = "".join(f"<a:{name}>{value}</a:{name}>" for name, value in _COLOURS)
    fills = _PHCLR * 3
    lines = "".join(_LINE.format(w) for w in (6350, 12700, 19050))
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<a:theme xmlns:a="{_A}" name="lawgov-report"><a:themeElements>'
            f'<a:clrScheme name="Office">{colours}</a:clrScheme>'
            f'<a:fontScheme name="lawgov-report">{_fonts("majorFont", latin, heading_font)}'
            f'{_fonts("minorFont", latin, body_font)}</a:fontScheme>'
            f'<a:fmtScheme name="Office"><a:fillStyleLst>{fills}</a:fillStyleLst>'
            f'<a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
            '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>').encode("utf-8")
