"""Booklets assembled from cached guide fragments: only changed guides are printed again,
and page numbers, contents, links, headers and footers stay right after a change."""

import re

import pytest

from cms.printing import fragments
from cms.printing.guides import render_booklet, render_guide_pdf
from tests.cms.printing import pdfcheck


@pytest.fixture
def printed(monkeypatch):
    """The HTML of every part printed in this process (guides, contents, overlay)."""
    calls = []
    real = fragments.render_part

    def counting(html, page_format, **kwargs):
        calls.append(html)
        return real(html, page_format, **kwargs)

    monkeypatch.setattr(fragments, "render_part", counting)
    return calls


def guide_parts(calls):
    return [html for html in calls if 'class="guide"' in html]


def assert_consistent(pdf_bytes):
    """Contents numbers = pages where guides start; every page after the cover has its footer."""
    pdf = pdfcheck.reader(pdf_bytes)
    starts = {title: page + 1 for level, title, page in pdfcheck.outline(pdf) if level == 2}
    contents = "".join(page.extract_text() for page in pdf.pages[1:3])
    listed = {m[1]: int(m[2]) for m in re.finditer(r"^(\S+?)\s*\.{3,}\s*(\d+)$", contents, re.M)}
    assert {title: listed.get(title) for title in starts} == starts
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages[1:], start=2):
        assert f"第 {number} 页 共 {total} 页" in page.extract_text()
    for title, page in starts.items():
        assert title in pdf.pages[page - 1].extract_text()
    return pdf


class TestFragmentCache:
    def test_second_build_prints_nothing_and_is_identical_in_content(self, township, guides, printed):
        first = render_booklet(township, "personal")
        assert len(guide_parts(printed)) == 4
        printed.clear()
        second = render_booklet(township, "personal")
        assert printed == []
        assert pdfcheck.outline(pdfcheck.reader(first)) == pdfcheck.outline(pdfcheck.reader(second))

    def test_changing_one_guide_prints_only_that_guide(self, township, guides, printed):
        render_booklet(township, "personal")
        printed.clear()
        guides[3].title = "户口迁移登记（修订）"
        guides[3].save_revision().publish()
        pdf = assert_consistent(render_booklet(township, "personal"))
        assert len(guide_parts(printed)) == 1 and "户口迁移登记（修订）" in guide_parts(printed)[0]
        assert "户口迁移登记（修订）" in [t for level, t, _ in pdfcheck.outline(pdf) if level == 2]

    def test_a_guide_that_grows_moves_the_following_guides(self, township, guides, printed):
        before = pdfcheck.reader(render_booklet(township, "personal"))
        start_before = {t: p for level, t, p in pdfcheck.outline(before) if level == 2}
        guides[0].notes = "本事项另需说明的情况。" * 400  # several pages more
        guides[0].save_revision().publish()
        after = assert_consistent(render_booklet(township, "personal"))
        start_after = {t: p for level, t, p in pdfcheck.outline(after) if level == 2}
        grown = len(after.pages) - len(before.pages)
        assert grown >= 2
        assert start_after[guides[0].title] == start_before[guides[0].title]
        for guide in guides[1:4]:
            assert start_after[guide.title] == start_before[guide.title] + grown

    def test_contents_entries_link_to_the_guides(self, township, guides):
        pdf = pdfcheck.reader(render_booklet(township, "personal"))
        starts = {page for level, _, page in pdfcheck.outline(pdf) if level == 2}
        targets = set()
        for annotation in pdf.pages[1].get("/Annots") or []:
            annotation = annotation.get_object()
            assert "/A" not in annotation  # no leftover placeholder URI
            targets.add(pdf.get_page_number(annotation["/Dest"][0].get_object()))
        assert starts <= targets

    def test_fonts_embedded_metadata_and_chinese_text(self, township, guides):
        pdf = pdfcheck.reader(render_booklet(township, "personal"))
        fonts = pdfcheck.embedded_fonts(pdf)
        assert fonts and all(embedded for _, embedded in fonts)
        assert pdf.metadata.title.endswith("个人办事一本通") and pdf.metadata.author == township.title
        assert pdf.trailer["/Root"]["/Lang"] == "zh-CN"
        assert "最低生活保障审核确认" in "".join(page.extract_text() for page in pdf.pages)

    def test_process_pool_gives_the_same_booklet(self, township, guides, settings, monkeypatch, printed):
        settings.PRINT_WORKERS = 2
        monkeypatch.setattr(fragments, "POOL_THRESHOLD", 2)
        monkeypatch.setattr(fragments.os, "cpu_count", lambda: 2)
        pooled = pdfcheck.reader(render_booklet(township, "personal"))
        assert guide_parts(printed) == []  # the guides were printed by the workers
        settings.PRINT_CACHE_DIR = settings.PRINT_CACHE_DIR.with_name("in-process")
        settings.PRINT_WORKERS = 1
        alone = pdfcheck.reader(render_booklet(township, "personal"))
        assert pdfcheck.outline(pooled) == pdfcheck.outline(alone)
        assert [p.extract_text() for p in pooled.pages] == [p.extract_text() for p in alone.pages]


def test_single_guide_pdf_is_cached_and_tagged(guides, monkeypatch):
    from cms.printing import guides as guide_module

    first = render_guide_pdf(guides[0])
    monkeypatch.setattr(guide_module, "render_print_pdf", lambda *a, **k: pytest.fail("printed again"))
    assert render_guide_pdf(guides[0]) == first
    root = pdfcheck.reader(first).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "zh-CN"


def test_prune_removes_only_unused_parts(township, guides, print_cache):
    import os
    import time

    render_booklet(township, "personal")
    files = sorted(print_cache.glob("*/*.pdf"))
    old = time.time() - 40 * 86400
    os.utime(files[0], (old, old))
    assert fragments.prune(30) == 1
    assert not files[0].exists() and all(path.exists() for path in files[1:])
