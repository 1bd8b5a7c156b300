"""Attachment text: PDF, DOCX and XLSX made in the test; limits; broken files are skipped, not fatal."""

from __future__ import annotations

import logging

import pytest

from search import extract
from tests.search.indexing.helpers import attach, docx_bytes, pdf_bytes, xlsx_bytes


class TestExtractText:
    def test_pdf_text(self):
        text = extract.extract_text(pdf_bytes("Farmland subsidy 2024", "Total 8.1 wan yuan"), "notice.PDF")
        assert "Farmland subsidy 2024" in text
        assert "Total 8.1 wan yuan" in text

    def test_pdf_with_chinese_text_from_weasyprint(self):
        weasyprint = pytest.importorskip("weasyprint")
        try:
            data = weasyprint.HTML(string="<p>耕地地力保护补贴发放公示</p>").write_pdf()
        except Exception as exc:  # no pango / fonts on this machine
            pytest.skip(f"WeasyPrint cannot render here: {exc}")
        text = extract.extract_text(data, "公示.pdf")
        if "耕地" not in text and text.strip() == "":
            pytest.skip("no CJK font available to WeasyPrint")
        assert "耕地地力保护补贴" in text.replace(" ", "")

    def test_docx_paragraphs_and_tables(self):
        data = docx_bytes(
            "关于发放高龄津贴的通知", "请各村于月底前上报名单。", table=[["村名", "人数"], ["东山村", "12"]]
        )
        text = extract.extract_text(data, "通知.docx")
        assert "关于发放高龄津贴的通知" in text
        assert "东山村 12" in text

    def test_xlsx_sheets_and_rows(self):
        data = xlsx_bytes([["村名", "补贴金额"], ["西河村", 81000], [None, "合计"]])
        text = extract.extract_text(data, "名册.xlsx")
        assert "补贴名册" in text
        assert "西河村 81000" in text
        assert "合计" in text

    def test_unsupported_extension_gives_nothing(self):
        assert extract.extract_text(b"plain words", "readme.txt") == ""

    @pytest.mark.parametrize("filename", ["broken.pdf", "broken.docx", "broken.xlsx"])
    def test_broken_file_is_logged_and_skipped(self, filename, caplog):
        with caplog.at_level(logging.WARNING, logger="search.extract"):
            assert extract.extract_text(b"\x00not really a document" * 10, filename) == ""
        assert filename in caplog.text

    def test_file_above_size_limit_is_skipped(self, monkeypatch, caplog):
        monkeypatch.setattr(extract, "MAX_FILE_BYTES", 100)
        with caplog.at_level(logging.WARNING, logger="search.extract"):
            assert extract.extract_text(docx_bytes("很长的文件"), "big.docx") == ""
        assert "above the limit" in caplog.text

    def test_output_stops_at_character_limit(self):
        data = xlsx_bytes([[f"第{n}行", "内容" * 20] for n in range(200)])
        text = extract.extract_text(data, "long.xlsx", max_chars=300)
        assert 0 < len(text) <= 300
        assert "第199行" not in text

    def test_time_budget_stops_extraction(self):
        data = xlsx_bytes([[f"第{n}行"] for n in range(50)])
        text = extract.extract_text(data, "slow.xlsx", time_budget=0)
        assert "第10行" not in text


class TestDocumentText:
    def test_wagtail_document_text_is_cached_by_file_hash(self, tree):
        from tests.factories import make_item

        item = make_item(tree[4], "附件测试", publish=False)
        document = attach(item, "通知.docx", docx_bytes("宅基地审批流程"))
        assert "宅基地审批流程" in extract.document_text(document)
        document.file.storage.delete(document.file.name)  # the cached text survives the file's absence
        assert "宅基地审批流程" in extract.document_text(document)

    def test_missing_file_gives_nothing(self, tree, caplog):
        from tests.factories import make_item

        item = make_item(tree[4], "附件丢失", publish=False)
        document = attach(item, "丢失.pdf", pdf_bytes("gone"))
        document.file_hash = "deadbeef"
        document.file.storage.delete(document.file.name)
        with caplog.at_level(logging.WARNING, logger="search.extract"):
            assert extract.document_text(document) == ""
