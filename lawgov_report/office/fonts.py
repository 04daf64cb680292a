"""Font substitution for PDF only (PDF 替代字体): the official fonts named in a .docx, mapped to
installed free fonts through a fontconfig file that LibreOffice reads during the conversion.

The official fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are not free and often not
installed. The .docx keeps their names, because the clerk's Word/WPS has them; only the PDF made
here uses a substitute, and every substitution is reported. An official font that is installed is
used as is. Where ``fc-list`` does not exist (Windows), LibreOffice's own replacement table applies
and nothing is planned here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

# official font -> free (or commonly installed) fonts of the same style, best first. The Windows
# names come first: a machine with 仿宋 but not 仿宋_GB2312 is closer to the original with 仿宋.
SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋", "FangSong", "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN",
                   "AR PL UMing CN", "Noto Serif CJK"),
    "方正小标宋简体": ("方正小标宋_GBK", "华文中宋", "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC",
                 "Source Han Serif CN", "AR PL UMing CN", "Noto Serif CJK"),
    "宋体": ("SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN",
           "Noto Serif CJK"),
    "黑体": ("SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
           "WenQuanYi Micro Hei", "Noto Sans CJK", "Droid Sans Fallback"),
    # Mainland-style 楷体 first (LXGW WenKai: fonts-lxgw-wenkai; AR PL KaitiM GB: fonts-arphic-gkai00mp):
    # AR PL UKai centres "，" and "。" in the em box, as Taiwan prints them; it is the last 楷 resort.
    "楷体_GB2312": ("楷体", "KaiTi", "LXGW WenKai", "AR PL KaitiM GB", "AR PL UKai CN", "Noto Serif CJK SC",
                  "Source Han Serif SC", "Noto Serif CJK"),
}

_RFONTS = re.compile(rb"<w:rFonts\b[^>]*>")
_EAST_ASIA = re.compile(rb'\bw:eastAsia="([^"]+)"')


@dataclass(frozen=True)
class Substitution:
    """One official font and what the PDF uses instead (``None``: no Chinese font at all)."""

    official: str
    substitute: str | None


def fonts_in_docx(path: str | Path) -> set[str]:
    """The Chinese (eastAsia) font names a .docx asks for, in its styles, body, headers and footers."""
    names: set[str] = set()
    try:
        with zipfile.ZipFile(path) as package:
            for part in package.namelist():
                if part.startswith("word/") and part.endswith(".xml"):
                    for tag in _RFONTS.findall(package.read(part)):
                        names.update(m.decode("utf-8") for m in _EAST_ASIA.findall(tag))
    except (OSError, zipfile.BadZipFile, KeyError):
        pass  # not a .docx we can read: LibreOffice will say so, naming the file
    return names


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Every family name fontconfig knows (all languages' names), or ``None`` without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, "--format", "%{family}\n"], capture_output=True, timeout=30,
                             check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name.strip())


@lru_cache(maxsize=1)
def chinese_families() -> tuple[str, ...]:
    """Installed families that cover Chinese, for when none of the known substitutes is there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run([fc_list, ":lang=zh", "--format", "%{family[0]}\n"], capture_output=True,
                             timeout=30, check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({line.strip() for line in out.splitlines() if line.strip()}))


def plan(used: set[str], installed: frozenset[str] | set[str], chinese: tuple[str, ...] = ()) -> list[Substitution]:
    """Which of the ``used`` official fonts need a substitute, and which one each gets.

    A font that is installed needs none. Otherwise the first installed entry of its
    :data:`SUBSTITUTES` row, else any installed Chinese font, else ``None``.
    """
    plans = []
    for official in sorted(used & SUBSTITUTES.keys()):
        if official in installed:
            continue
        choice = next((name for name in SUBSTITUTES[official] if name in installed), None)
        plans.append(Substitution(official, choice or (chinese[0] if chinese else None)))
    return plans


def plan_for(docx_files: list[Path]) -> list[Substitution] | None:
    """The substitutions the conversion of these files needs here; ``None`` without fontconfig."""
    installed = installed_families()
    if installed is None:
        return None
    used: set[str] = set()
    for path in docx_files:
        used |= fonts_in_docx(path)
    needs_fallback = any(not any(n in installed for n in SUBSTITUTES[o]) for o in used & SUBSTITUTES.keys())
    return plan(used, installed, chinese_families() if needs_fallback else ())


def fontconfig_text(substitutions: list[Substitution]) -> str:
    """A fontconfig file: the system configuration plus one alias per substitution.

    ``binding="same"`` makes the substitute as strong a match as the requested name itself, so
    fontconfig does not prefer its generic fallback for a family it has never heard of.
    """
    base = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             f'  <include ignore_missing="yes">{escape(base)}</include>']
    for sub in substitutions:
        if sub.substitute:
            lines.append(f'  <alias binding="same"><family>{escape(sub.official)}</family>'
                         f"<prefer><family>{escape(sub.substitute)}</family></prefer></alias>")
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def describe(sub: Substitution) -> str:
    """The clerk's sentence for one substitution."""
    if sub.substitute is None:
        return f"PDF 中 {sub.official} 无可用的中文字体代替，汉字可能显示为方框"
    return f"PDF 中 {sub.official} 以 {sub.substitute} 代替（本机未安装 {sub.official}；Word 文件中仍为 {sub.official}）"
