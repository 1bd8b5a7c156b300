"""The one PDF service of the product: HTML (from templates/print/) to PDF with WeasyPrint.

Every PDF (guides, booklets, posters, reports of other modules) goes through
``render_pdf`` so they share the bundled print CSS, the embedded subset CJK font, the
PDF metadata and the tagged-PDF settings. What makes it fast (see benchmarks/printing):

- the CJK font is pre-subset once (fonts.py) instead of loading the 19 MB system
  collection on every render;
- the WeasyPrint ``FontConfiguration`` and the parsed ``CSS`` objects are built once per
  process and reused, so @font-face files are registered with fontconfig only once.

WeasyPrint (Pango) is not thread-safe, so renders in one process are serialised.
"""

from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from cms.printing import fonts, render_worker
from cms.printing.qr import qr_svg as _qr_svg

logger = logging.getLogger(__name__)

PRINT_CSS_PATH = Path(__file__).parent / "css" / "print.css"
PAGE_SIZES = {"A3": "A3", "A4": "A4", "A5": "A5"}
# Tagged output (PDF/UA-1): WeasyPrint 70 writes the structure tree, /Lang, XMP metadata
# with the pdfuaid part, and sets PDF 1.7. See README (printing) for what it does not check.
PDF_VARIANT = "pdf/ua-1"

_render_lock = threading.RLock()


class PrintError(Exception):
    """A PDF could not be produced; the message is Chinese and safe to show."""


@dataclass(eq=False)
class _Engine:
    """Per-process WeasyPrint state reused across renders (fonts and parsed CSS)."""

    font_config: Any
    base_css: list[Any]
    page_css: dict[str, Any]

    @classmethod
    @functools.cache
    def get(cls) -> _Engine:
        font_css = fonts.font_face_css(fonts.prepare_print_fonts())
        font_config, base_css = render_worker.load_engine(font_css, [str(PRINT_CSS_PATH)])
        page_css = {name: render_worker.page_size_css(size, font_config) for name, size in PAGE_SIZES.items()}
        return cls(font_config=font_config, base_css=base_css, page_css=page_css)

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one engine per process, lives forever
    def extra_css(self, source: str) -> Any:
        from weasyprint import CSS

        path = Path(source)
        if source.endswith(".css") and "\n" not in source and path.is_file():
            return CSS(filename=str(path), font_config=self.font_config)
        return CSS(string=source, font_config=self.font_config)


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    title: str = "",
    author: str = "",
    lang: str = "zh-CN",
    stylesheets: list[str] | None = None,
) -> bytes:
    """HTML to a PDF with the bundled print CSS and subset CJK font (A4 unless the CSS says otherwise).

    ``stylesheets`` are extra CSS sources: CSS text, or paths of .css files.
    """
    return render_print_pdf(
        html, base_url=base_url, title=title, author=author, lang=lang, stylesheets=stylesheets, page_size=None
    )


def render_print_pdf(
    html: str,
    *,
    base_url: str | None = None,
    title: str = "",
    author: str = "",
    lang: str = "zh-CN",
    stylesheets: list[str] | None = None,
    page_size: str | None = "A4",
    tagged: bool = True,
) -> bytes:
    """``render_pdf`` with a page size (A3, A4, A5; None keeps the document's own rule)."""
    from weasyprint import HTML

    if page_size is not None and page_size not in PAGE_SIZES:
        raise PrintError(f"不支持的纸张规格：{page_size}（可选 A3、A4、A5）")
    with _render_lock:
        engine = _Engine.get()
        css = list(engine.base_css)
        if page_size:
            css.append(engine.page_css[page_size])
        css.extend(engine.extra_css(source) for source in stylesheets or [])
        document = HTML(string=html, base_url=base_url).render(
            stylesheets=css,
            font_config=engine.font_config,
            pdf_variant=PDF_VARIANT if tagged else None,
        )
        if title:
            document.metadata.title = title
        if author:
            document.metadata.authors = [author]
        document.metadata.lang = lang or document.metadata.lang
        return document.write_pdf(pdf_variant=PDF_VARIANT if tagged else None)


def render_template_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    request=None,
    base_url: str | None = None,
    title: str = "",
    author: str = "",
    lang: str = "zh-CN",
    page_size: str | None = "A4",
) -> bytes:
    """Render a Django template (templates/print/…) and print it."""
    html = render_to_string(template_name, context, request=request)
    return render_print_pdf(html, base_url=base_url, title=title, author=author, lang=lang, page_size=page_size)


def qr_svg(url: str, *, size_mm: int = 30) -> str:
    """Inline SVG markup of a QR code for templates (error correction M, quiet zone 4)."""
    return _qr_svg(url, size_mm=size_mm)
