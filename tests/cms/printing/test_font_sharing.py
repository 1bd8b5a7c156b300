"""One print-font subset per face in a merged booklet: parts are cached without their print
fonts, and pages drawn with the shared subset look exactly as WeasyPrint printed them."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pypdf import PdfWriter

from cms.printing import font_sharing, fonts, fragments
from cms.printing.guides import render_booklet
from cms.printing.service import render_print_pdf
from tests.cms.printing import pdfcheck

FIRST = "<h1>城乡居民最低生活保障</h1><p>持有本镇户籍，家庭人均收入低于当地标准。ABC 123 《》（）〔2024〕</p>"
SECOND = "<h2>个体工商户登记</h2><p><b>营业执照、经营场所证明</b>，窗口当场办结。第 7 号窗口 0875-5551234</p>"
RARE = "<p>龑字与䶮字不在打印字体中，由系统字体补齐。</p>"  # U+9F91, U+4DAE: outside GB 2312


def faces():
    return font_sharing.face_names(font.path for font in fonts.prepare_print_fonts())


def print_font_programs(pdf: bytes) -> dict[tuple[int, int], str]:
    """Each embedded print-face program → what it is (a placeholder or a font)."""
    found = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for font in font_sharing._type0_fonts(document.pages):
            descriptor = font.DescendantFonts[0].FontDescriptor
            if str(descriptor.get("/FontFamily")) == font_sharing.PRINT_FAMILY:
                program = descriptor.FontFile3
                found[program.objgen] = "placeholder" if font_sharing.PLACEHOLDER_KEY in program else "font"
    return found


def merged(*parts: bytes) -> bytes:
    booklet = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(font_sharing.strip(pdf))) for pdf in parts]
    for source in sources:
        booklet.pages.extend(source.pages)
    font_sharing.share(booklet, faces())
    out = io.BytesIO()
    booklet.save(out)
    return out.getvalue()


def rendered_pages(pdf: bytes) -> list:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[index].render(scale=2).to_pil().convert("RGB") for index in range(len(document))]
    finally:
        document.close()


def test_parts_sharing_one_subset_render_exactly_as_printed():
    from PIL import ImageChops

    originals = [render_print_pdf(html, page_size="A5", tagged=False) for html in (FIRST, SECOND, RARE)]
    booklet = merged(*originals)
    expected = [image for pdf in originals for image in rendered_pages(pdf)]
    actual = rendered_pages(booklet)
    assert len(actual) == len(expected) == 3
    for want, got in zip(expected, actual, strict=True):
        assert ImageChops.difference(want, got).getbbox() is None  # pixel for pixel
    assert sorted(print_font_programs(booklet).values()) == ["font", "font"]  # regular and bold, once each
    pdf = pdfcheck.reader(booklet)
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "城乡居民最低生活保障" in text and "营业执照" in text and "䶮" in text


def test_strip_leaves_placeholders_with_the_glyphs_used_and_other_faces_embedded():
    plain = render_print_pdf(FIRST, page_size="A5", tagged=False)
    assert len(font_sharing.strip(plain)) < len(plain) // 3  # the print fonts were nearly all of it
    stripped = font_sharing.strip(render_print_pdf(FIRST + RARE, page_size="A5", tagged=False))
    assert set(print_font_programs(stripped).values()) == {"placeholder"}
    with pikepdf.open(io.BytesIO(stripped)) as document:
        assert document.pdf_version == "1.7"
        for font in font_sharing._type0_fonts(document.pages):
            cid_font = font.DescendantFonts[0]
            program = cid_font.FontDescriptor.get("/FontFile3")
            if program is not None and font_sharing.PLACEHOLDER_KEY in program:
                assert str(program[font_sharing.PLACEHOLDER_KEY]) in faces()
                assert program.read_bytes().split()  # the glyph ids the part uses
                assert all(float(width) != 1000 for run in list(cid_font.W)[1::2] for width in run)
    pdf = pdfcheck.reader(stripped)
    fallback = [name for name, embedded in pdfcheck.embedded_fonts(pdf) if "PrintCJK" not in name]
    assert fallback and all(dict(pdfcheck.embedded_fonts(pdf))[name] for name in fallback)


def test_a_part_without_print_fonts_is_returned_unchanged():
    writer = PdfWriter()
    writer.add_blank_page(420, 595)
    out = io.BytesIO()
    writer.write(out)
    assert font_sharing.strip(out.getvalue()) == out.getvalue()


def test_a_face_that_is_not_prepared_is_refused():
    stripped = font_sharing.strip(render_print_pdf(FIRST, page_size="A5", tagged=False))
    with pikepdf.open(io.BytesIO(stripped)) as document:
        with pytest.raises(font_sharing.FontSharingError, match="请清空打印缓存"):
            font_sharing.share(document, {})


@pytest.mark.parametrize(
    ("widths", "expected"),
    [
        ([1, [224], 34, [608, 657, 638]], {1, 34, 35, 36}),
        ([10, 12, 1000, 40, [500]], {10, 11, 12, 40}),
        ([], set()),
    ],
)
def test_glyph_ids_read_both_forms_of_a_widths_array(widths, expected):
    assert font_sharing.glyph_ids(widths) == expected


def test_booklet_embeds_each_print_face_once_and_caches_parts_without_it(township, guides, print_cache):
    booklet = render_booklet(township, "personal")
    assert sorted(print_font_programs(booklet).values()) == ["font", "font"]
    assert len(pdfcheck.reader(booklet).pages) > 4
    parts = list(print_cache.glob("guide/*.pdf"))
    assert len(parts) == 4
    for path in parts:
        assert set(print_font_programs(path.read_bytes()).values()) == {"placeholder"}


def test_cache_keys_change_with_the_part_format(monkeypatch):
    before = fragments.part_key("<p>一</p>", "A5")
    fragments.engine_version.cache_clear()
    monkeypatch.setattr(font_sharing, "PART_FORMAT", "another-format")
    try:
        assert fragments.part_key("<p>一</p>", "A5") != before
    finally:
        fragments.engine_version.cache_clear()
