"""WeasyPrint rendering without Django, for the worker processes of a cold booklet build.

A cold build prints dozens of guide fragments; the booklet assembler sends the missing
ones to a small process pool (spawned, so no Django, database connections or Pango state
is inherited). Each worker builds its ``FontConfiguration`` and parsed CSS once in
``init`` and then prints HTML strings to PDF bytes. The parent passes everything a worker
needs (the @font-face CSS of the prepared subset fonts and the stylesheet paths), so this
module imports nothing from the project but the equally Django-free font_sharing, which
strips the print fonts from each fragment before it is sent back.
"""

from __future__ import annotations

import atexit

_state: dict = {}


def init(font_css: str, stylesheet_paths: list[str]) -> None:
    """Pool initializer: parse the fonts and stylesheets once per worker."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = [CSS(string=font_css, font_config=font_config)] if font_css else []
    css.extend(CSS(filename=path, font_config=font_config) for path in stylesheet_paths)
    _state.update(font_config=font_config, css=css, pages={})
    atexit.register(_state.clear)  # free WeasyPrint objects before interpreter teardown


def render(html: str, page_size: str) -> bytes:
    """One fragment to PDF bytes (untagged: fragments are merged, which drops structure trees)."""
    from weasyprint import CSS, HTML

    from cms.printing.font_sharing import strip

    font_config = _state["font_config"]
    pages = _state["pages"]
    if page_size not in pages:
        pages[page_size] = CSS(string=f"@page {{ size: {page_size}; }}", font_config=font_config)
    return strip(HTML(string=html).write_pdf(stylesheets=[*_state["css"], pages[page_size]], font_config=font_config))


def render_many(jobs: list[tuple[str, str]]) -> list[bytes]:
    """Several fragments in one call (fewer round trips through the pool)."""
    return [render(html, page_size) for html, page_size in jobs]
