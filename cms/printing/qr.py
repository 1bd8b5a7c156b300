"""QR codes for print: inline SVG from segno, sized in millimetres."""

from __future__ import annotations

import functools
import re

import segno

_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>\s*")


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str, *, size_mm: int = 30) -> str:
    """Inline SVG markup of a QR code for ``url``, ``size_mm`` wide, error correction M."""
    code = segno.make(url, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=4)[0]
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True)
    svg = _XML_DECLARATION.sub("", svg)
    size = f'width="{size_mm}mm" height="{size_mm}mm"'
    label = f'role="img" aria-label="二维码：{_escape(url)}" data-modules="{modules}"'
    return svg.replace("<svg ", f"<svg {size} {label} ", 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
