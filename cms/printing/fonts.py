"""The print font: Noto Sans CJK SC, pre-subset once to the characters Chinese documents use.

The system font is a 19 MB TrueType collection of 65,000 glyphs. WeasyPrint loads the
whole face for every render and subsets it for the PDF, which dominates the time of a
naive render. Here the regular and bold faces are cut once, with fontTools, to GB 2312
(6,763 hanzi and its symbols), ASCII, Latin-1 and CJK punctuation, about 8,000 glyphs,
and cached as OpenType files; the print CSS declares them with @font-face. WeasyPrint
still subsets that small font per document, so PDFs embed only the glyphs they use.
A character outside the cut (a rare place-name hanzi) falls back to the system font,
so nothing is lost.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from cms.printing.font_sharing import PRINT_FAMILY

logger = logging.getLogger(__name__)

SYSTEM_FAMILY = "Noto Sans CJK SC"
CHARSET_VERSION = "gb2312-v1"  # bump when the character set below changes

_lock = threading.Lock()


@dataclass(frozen=True)
class PrintFont:
    """One prepared face: the weight it serves and the subset file on disk."""

    weight: int
    path: Path


def font_cache_dir() -> Path:
    """Where the pre-subset fonts live (PRINT_FONT_DIR, default var/print-fonts)."""
    configured = getattr(settings, "PRINT_FONT_DIR", None)
    return Path(configured) if configured else Path(settings.BASE_DIR) / "var" / "print-fonts"


def print_charset() -> set[int]:
    """Code points of the pre-subset: GB 2312, ASCII, Latin-1, punctuation, full-width forms."""
    chars: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    chars |= set(range(0x2000, 0x2070)) | set(range(0x2190, 0x2200)) | set(range(0x2460, 0x24FF))
    chars |= set(range(0x25A0, 0x2600)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


@functools.cache
def find_system_font(weight: int) -> tuple[Path, int] | None:
    """The file and collection index fontconfig gives for Noto Sans CJK SC at this weight.

    Asked once per process: every booklet needs the prepared fonts, and running fc-match
    each time costs a fork and tens of milliseconds.
    """
    if not shutil.which("fc-match"):
        return None
    style = "Bold" if weight >= 600 else "Regular"
    result = subprocess.run(
        ["fc-match", "-f", "%{file}|%{index}|%{family}", f"{SYSTEM_FAMILY}:style={style}"],
        capture_output=True,
        text=True,
        check=False,
    )
    file_name, _, rest = result.stdout.partition("|")
    index, _, family = rest.partition("|")
    if result.returncode != 0 or SYSTEM_FAMILY not in family or not file_name:
        return None
    return Path(file_name), int(index or 0)


def _subset_path(source: Path, index: int, weight: int) -> Path:
    stat = source.stat()
    key = f"{source}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{CHARSET_VERSION}"
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12]
    return font_cache_dir() / f"print-cjk-{weight}-{digest}.otf"


def _build_subset(source: Path, index: int, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.font_number = index
    font = TTFont(source, fontNumber=index, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=print_charset())
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(partial)
    partial.replace(target)  # atomic: a concurrent process sees the whole file or none


def prepare_print_fonts(*, log=None) -> list[PrintFont]:
    """Build (once) and return the pre-subset print fonts; empty if the system font is missing."""
    fonts: list[PrintFont] = []
    with _lock:
        for weight in (400, 700):
            found = find_system_font(weight)
            if found is None:
                logger.warning("未找到系统字体 %s，PDF 将使用回退字体", SYSTEM_FAMILY)
                continue
            source, index = found
            target = _subset_path(source, index, weight)
            if not target.exists():
                if log:
                    log(f"正在制作打印字体子集（字重 {weight}，只需一次，约 1 分钟）…")
                _build_subset(source, index, target)
            fonts.append(PrintFont(weight=weight, path=target))
    return fonts


def font_face_css(fonts: list[PrintFont]) -> str:
    """@font-face rules declaring the prepared subsets as the PrintCJK family."""
    return "\n".join(
        f'@font-face {{ font-family: "{PRINT_FAMILY}"; src: url("{font.path.as_uri()}"); '
        f"font-weight: {font.weight}; font-style: normal; }}"
        for font in fonts
    )
