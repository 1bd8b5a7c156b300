"""The PDF service itself: metadata, fonts, Chinese text, page sizes, QR codes, tagging."""

import pytest

from cms.printing.service import PrintError, render_pdf, render_print_pdf
from tests.cms.printing import pdfcheck

HTML = (
    "<h1 class='bookmark-1' data-bookmark='标题'>最低生活保障审核确认</h1><p>申请人持户口簿向乡镇人民政府提出申请。</p>"
)


@pytest.fixture(scope="module")
def pdf():
    return render_pdf(HTML, title="测试文件", author="明光镇人民政府")


class TestRenderPdfOutput:
    def test_metadata(self, pdf):
        meta = pdfcheck.reader(pdf).metadata
        assert meta.title == "测试文件"
        assert meta.author == "明光镇人民政府"

    def test_language_and_tags(self, pdf):
        root = pdfcheck.reader(pdf).trailer["/Root"]
        assert root["/Lang"] == "zh-CN"
        assert "/StructTreeRoot" in root
        assert root["/MarkInfo"]["/Marked"]

    def test_chinese_text_extracts(self, pdf):
        text = pdfcheck.reader(pdf).pages[0].extract_text()
        assert "最低生活保障审核确认" in text
        assert "申请人持户口簿向乡镇人民政府提出申请" in text

    def test_fonts_embedded_and_subset(self, pdf):
        fonts = pdfcheck.embedded_fonts(pdfcheck.reader(pdf))
        assert fonts
        for name, embedded in fonts:
            assert embedded, name
            assert name[7] == "+", f"{name} is not a subset (no XXXXXX+ tag)"

    def test_default_page_is_a4(self, pdf):
        assert pdfcheck.page_size_mm(pdfcheck.reader(pdf)) == (210, 297)

    def test_footer_counts_pages(self, pdf):
        assert "第 1 页 共 1 页" in pdfcheck.reader(pdf).pages[0].extract_text()


class TestRenderPrintPdfSizes:
    @pytest.mark.parametrize(("size", "expected"), [("A4", (210, 297)), ("A5", (148, 210)), ("A3", (297, 420))])
    def test_page_size(self, size, expected):
        pdf = render_print_pdf(HTML, page_size=size)
        assert pdfcheck.page_size_mm(pdfcheck.reader(pdf)) == expected

    def test_unknown_size_is_refused_in_chinese(self):
        with pytest.raises(PrintError, match="不支持的纸张规格"):
            render_print_pdf(HTML, page_size="B5")

    def test_extra_stylesheet_applies(self):
        pdf = render_pdf(HTML, stylesheets=["@page { size: A5 landscape; }"])
        assert pdfcheck.page_size_mm(pdfcheck.reader(pdf)) == (210, 148)


def test_qr_svg_decodes_to_the_url():
    from cms.printing.service import qr_svg

    url = "http://testserver/bszn/guide-1/"
    pdf = render_pdf(f"<div>{qr_svg(url, size_mm=40)}</div>")
    assert pdfcheck.decode_qr_codes(pdf, 0) == [url]


def test_qr_svg_has_requested_size():
    from cms.printing.service import qr_svg

    svg = qr_svg("http://x/", size_mm=25)
    assert svg.startswith("<svg ") and 'width="25mm"' in svg
