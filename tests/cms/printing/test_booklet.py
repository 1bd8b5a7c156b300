"""Booklets read for real: bookmarks, contents page numbers, QR codes, running header, bad input."""

import re

import pytest

from cms.printing.guides import BookletInputError, render_booklet, render_guide_pdf
from tests.cms.printing import pdfcheck
from tests.factories import make_guide


@pytest.fixture
def booklet(township, guides):
    return render_booklet(township, "personal", page_format="A5")


class TestBookletStructure:
    def test_bookmarks_are_topics_and_guides(self, booklet, guides):
        rows = pdfcheck.outline(pdfcheck.reader(booklet))
        guide_titles = [title for level, title, _ in rows if level == 2]
        personal = [g.title for g in guides if g.for_personal]
        assert sorted(guide_titles) == sorted(personal)
        assert [title for level, title, _ in rows if level == 1] == ["目录", "社会救助", "社会保障", "户籍"]

    def test_contents_page_numbers_are_where_guides_start(self, booklet):
        pdf = pdfcheck.reader(booklet)
        starts = {title: page + 1 for level, title, page in pdfcheck.outline(pdf) if level == 2}
        contents = pdf.pages[1].extract_text()
        listed = {m[1]: int(m[2]) for m in re.finditer(r"^(\S+?)\s*\.{3,}\s*(\d+)$", contents, re.M)}
        listed = {title: page for title, page in listed.items() if title in starts}
        assert listed == starts
        for title, page in starts.items():
            assert title in pdf.pages[page - 1].extract_text()

    def test_cover_and_running_header(self, booklet, township):
        pdf = pdfcheck.reader(booklet)
        cover = pdf.pages[0].extract_text()
        assert township.title in cover and "个人办事一本通" in cover and "年版" in cover
        for level, topic, page in pdfcheck.outline(pdf):
            if level == 1 and topic != "目录":  # the guide's second page shows the topic only in its header
                assert topic in pdf.pages[page + 1].extract_text()

    def test_a5_and_a4(self, township, guides, booklet):
        assert pdfcheck.page_size_mm(pdfcheck.reader(booklet)) == (148, 210)
        a4 = render_booklet(township, "enterprise", page_format="A4")
        assert pdfcheck.page_size_mm(pdfcheck.reader(a4)) == (210, 297)

    def test_qr_codes_decode_to_guide_urls(self, booklet, guides):
        pdf = pdfcheck.reader(booklet)
        for level, title, page in pdfcheck.outline(pdf):
            if level == 2:
                guide = next(g for g in guides if g.title == title)
                assert pdfcheck.decode_qr_codes(booklet, page, scale=3) == [guide.get_full_url()]

    def test_topic_booklet_has_only_that_topic(self, township, guides):
        pdf = pdfcheck.reader(render_booklet(township, "personal", topic="social_assistance"))
        titles = [t for level, t, _ in pdfcheck.outline(pdf) if level == 2]
        assert titles == ["最低生活保障审核确认", "特困人员救助供养"]
        assert "社会救助" in pdf.metadata.title

    def test_unknown_input_is_refused_in_chinese(self, township):
        with pytest.raises(BookletInputError, match="未知的服务对象"):
            render_booklet(township, "tourists")
        with pytest.raises(BookletInputError, match="未知的主题"):
            render_booklet(township, "personal", topic="nope")


class TestBookletBadInput:
    def test_still_builds(self, township, guide_index):
        from django.core.files.base import ContentFile
        from wagtail.documents.models import Document

        from cms.guides.models import GuideMaterial

        image = Document(title="样表图片")
        image.file.save("sample.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"0" * 64), save=False)
        image.save()
        long_title = "长" * 199 + "尾"
        make_guide(guide_index, long_title, topic="housing", notes="说明" * 2500)
        make_guide(guide_index, "只有一张图片材料", materials=[GuideMaterial(name="样表", sample_form=image)])
        make_guide(
            guide_index,
            "缺少可选项",
            implementer="",
            complaint_phone="",
            legal_time_limit=None,
            promised_time_limit=None,
            fees="",
            visits=None,
            delivery="",
        )
        pdf = pdfcheck.reader(render_booklet(township, "personal"))
        titles = [t for level, t, _ in pdfcheck.outline(pdf) if level == 2]
        assert long_title in titles and "只有一张图片材料" in titles and "缺少可选项" in titles
        text = "".join(page.extract_text() for page in pdf.pages)
        assert text.count("说明") >= 2500


def test_single_guide_pdf(guides):
    pdf = pdfcheck.reader(render_guide_pdf(guides[0]))
    assert [t for _, t, _ in pdfcheck.outline(pdf)] == [guides[0].title]
    assert "居民身份证" in pdf.pages[0].extract_text()
    assert pdf.metadata.title == guides[0].title
