"""Headers and footers drawn onto assembled pages sit where WeasyPrint puts print.css's @page boxes."""

from __future__ import annotations

import ctypes
import io

import pikepdf
import pytest

from cms.printing import fonts, overlay
from cms.printing.service import render_print_pdf

TOPICS = [None, None, "社会救助", "社会救助"]  # cover, contents, two body pages
REFERENCE_CSS = """
.p { break-before: page; string-set: topic attr(data-topic); }
.p:first-child { break-before: auto; }
.cover { page: cover; }
.front { page: front; }
"""


def weasyprint_reference(page_format: str) -> bytes:
    kinds = ["cover", "front", "body", "body"]
    pages = "".join(
        f'<div class="p {kind}" data-topic="{topic or ""}"></div>' for kind, topic in zip(kinds, TOPICS, strict=True)
    )
    return render_print_pdf(
        f'<html lang="zh-CN"><body>{pages}</body></html>',
        page_size=page_format,
        tagged=False,
        stylesheets=[REFERENCE_CSS],
    )


def drawn(page_format: str) -> bytes:
    from cms.printing import font_sharing

    size = {"A4": (595.2756, 841.8898), "A5": (419.5276, 595.2756)}[page_format]
    booklet = pikepdf.new()
    for _ in TOPICS:
        booklet.add_blank_page(page_size=size)
    face = {font.weight: font.path for font in fonts.prepare_print_fonts()}[400]
    overlay.stamp(booklet, TOPICS, 2, face)
    font_sharing.share(booklet, font_sharing.face_names([face]))
    out = io.BytesIO()
    booklet.save(out)
    return out.getvalue()


def glyph_origins(pdf: bytes, index: int) -> list[tuple[str, float, float]]:
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(pdf)
    try:
        textpage = document[index].get_textpage()
        text = textpage.get_text_range()
        found = []
        for char_index in range(textpage.count_chars()):
            if text[char_index].isspace():
                continue
            x, y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(textpage, char_index, x, y)
            found.append((text[char_index], round(x.value, 1), round(y.value, 1)))
        return sorted(found, key=lambda item: (-item[2], item[1]))
    finally:
        document.close()


def rule_rows(pdf: bytes, index: int, scale: int = 10) -> list[int]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[index].render(scale=scale).to_pil().convert("L")
    finally:
        document.close()
    column = image.size[0] // 4  # left of any centred text: only the rule is there
    return [row for row in range(image.size[1]) if image.getpixel((column, row)) < 200]


@pytest.mark.parametrize("page_format", ["A5", "A4"])
def test_header_footer_and_rule_match_weasyprint(page_format):
    reference, ours = weasyprint_reference(page_format), drawn(page_format)
    for index in (1, 2, 3):
        expected, actual = glyph_origins(reference, index), glyph_origins(ours, index)
        assert [c for c, _, _ in actual] == [c for c, _, _ in expected]
        for (_, x1, y1), (_, x2, y2) in zip(expected, actual, strict=True):
            assert abs(x1 - x2) <= 0.3 and abs(y1 - y2) <= 0.3
    assert glyph_origins(ours, 0) == [] == glyph_origins(reference, 0)  # the cover stays clean
    assert rule_rows(ours, 2) == rule_rows(reference, 2) != []
    assert rule_rows(ours, 1) == [] == rule_rows(reference, 1)  # no header on the contents


def test_drawn_text_extracts_and_uses_the_shared_print_font():
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(drawn("A5")))
    assert "第 3 页 共 4 页" in pdf.pages[2].extract_text() and "社会救助" in pdf.pages[2].extract_text()
    assert pdf.pages[0].extract_text().strip() == ""
    font = pdf.pages[2]["/Resources"]["/Font"][overlay.FONT_NAME].get_object()
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert descriptor["/FontFile3"].get_object()["/Subtype"] == "/OpenType"
