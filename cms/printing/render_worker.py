"""WeasyPrint rendering without Django: the engine set-up shared by every print process.

``load_engine`` builds what a process reuses across renders (one ``FontConfiguration``
and the parsed ``CSS`` of the @font-face rules and stylesheets); service.py builds its
in-process engine with it. A cold booklet build prints dozens of guide fragments; the
assembler sends the missing ones to a small process pool (spawned, so no Django, database
connections or Pango state is inherited) whose workers call ``init`` once and then print
HTML strings to PDF bytes. The parent passes everything a worker needs (the @font-face
CSS of the prepared subset fonts and the stylesheet paths), so this module imports
nothing from the project but the equally Django-free font_sharing, which strips the print
fonts from each fragment before it is sent back.
"""

from __future__ import annotations

import atexit
from typing import Any

_state: dict = {}


def load_engine(font_css: str, stylesheet_paths: list[str]) -> tuple[Any, list[Any]]:
    """A new ``FontConfiguration`` and the parsed @font-face CSS and stylesheets, in order."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = [CSS(string=font_css, font_config=font_config)] if font_css else []
    css.extend(CSS(filename=path, font_config=font_config) for path in stylesheet_paths)
    return font_config, css


def page_size_css(page_size: str, font_config: Any) -> Any:
    """The small generated rule that sets the paper size (A3, A4, A5)."""
    from weasyprint import CSS

    return CSS(string=f"@page {{ size: {page_size}; }}", font_config=font_config)


def init(font_css: str, stylesheet_paths: list[str]) -> None:
    """Pool initializer: parse the fonts and stylesheets once per worker."""
    font_config, css = load_engine(font_css, stylesheet_paths)
    _state.update(font_config=font_config, css=css, pages={})
    atexit.register(_state.clear)  # free WeasyPrint objects before interpreter teardown


def render(html: str, page_size: str) -> bytes:
    """One fragment to PDF bytes (untagged: fragments are merged, which drops structure trees)."""
    from weasyprint import HTML

    from cms.printing.font_sharing import strip

    font_config = _state["font_config"]
    pages = _state["pages"]
    if page_size not in pages:
        pages[page_size] = page_size_css(page_size, font_config)
    return strip(HTML(string=html).write_pdf(stylesheets=[*_state["css"], pages[page_size]], font_config=font_config))


def render_many(jobs: list[tuple[str, str]]) -> list[bytes]:
    """Several fragments in one call (fewer round trips through the pool)."""
    return [render(html, page_size) for html, page_size in jobs]
