"""Helpers that read PDFs for real: outline, text, fonts, page sizes, QR codes (rasterised)."""

from __future__ import annotations

import io

from pypdf import PdfReader

MM_PER_PT = 25.4 / 72


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def outline(pdf_reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page index) for every bookmark, depth first."""
    rows: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                rows.append((level, item.title, pdf_reader.get_destination_page_number(item)))

    walk(pdf_reader.outline, 1)
    return rows


def page_size_mm(pdf_reader: PdfReader, index: int = 0) -> tuple[int, int]:
    box = pdf_reader.pages[index].mediabox
    return round(float(box.width) * MM_PER_PT), round(float(box.height) * MM_PER_PT)


def embedded_fonts(pdf_reader: PdfReader) -> list[tuple[str, bool]]:
    """(BaseFont name, has an embedded font file) for every font used on any page."""
    found: dict[str, bool] = {}
    for page in pdf_reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return sorted(found.items())


def decode_qr_codes(pdf: bytes, page_index: int, *, scale: float = 4.0) -> list[str]:
    """Rasterise one page (pdfium) and decode every QR code on it (zxing-cpp)."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page_index].render(scale=scale).to_pil()
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image) if result.format == zxingcpp.BarcodeFormat.QRCode]
