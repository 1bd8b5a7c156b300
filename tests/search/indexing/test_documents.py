"""search_document(): what an item, an annual report and a catalog row put in the index — and when nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.catalog.models import CatalogDirectoryPage, CatalogItem, NegativeListEntry
from cms.disclosure.models import DisclosureItemPage
from search.indexing import registry
from tests.factories import make_item
from tests.search.indexing.helpers import attach, docx_bytes, item_id, xlsx_bytes

SEARCH_DIR = Path(__file__).resolve().parents[3] / "search"


class TestItemDocument:
    def test_public_item_document(self, tree):
        item = make_item(
            tree[4],
            "关于发放2026年耕地地力保护补贴的通知",
            summary="补贴按实际种植面积发放。",
            body="<p>各村：</p><p>请于三月底前完成申报。</p>",
            document_number="明政发[2026]3号",
            topic="农业",
        )
        doc = item.search_document()
        assert doc.id == item_id(item)
        assert doc.type == "disclosure_item"
        assert doc.title == item.title
        assert "补贴按实际种植面积发放。" in doc.text
        assert "各村： 请于三月底前完成申报。" in doc.text
        assert "<p>" not in doc.text
        assert doc.fields["index_number"] == item.index_number != ""
        assert doc.fields["document_number"] == "明政发〔2026〕3号"
        assert doc.fields["validity"] == "现行有效"
        assert doc.fields["disclosure_mode"] == "主动公开"
        assert doc.fields["kind"] == "政府信息"
        assert doc.fields["disclosed_on"] == "2026-03-05"
        assert doc.fields["created_on"] == "2026-03-02"
        assert doc.publisher == "明光镇人民政府"
        assert doc.catalog_path == ["农业农村", "农业农村政策落实", "惠农补贴"]
        assert doc.date == dt.date(2026, 3, 5)
        assert doc.url == item.get_full_url() == "http://testserver/xxgk/" + "/".join(item.url_path.split("/")[3:])

    @pytest.mark.parametrize(
        ("kind", "doc_type"),
        [("policy", "policy_document"), ("interpretation", "interpretation"), ("annual_report", "annual_report")],
    )
    def test_kind_decides_the_type(self, tree, kind, doc_type):
        item = make_item(tree[2], f"{kind}文件", kind=kind)
        assert item.search_document().type == doc_type

    def test_annual_report_is_indexed_with_its_text(self, tree):
        report = make_item(
            tree[2], "明光镇2025年政府信息公开工作年度报告", kind="annual_report", body="<p>主动公开情况</p>"
        )
        doc = report.search_document()
        assert doc.type == "annual_report"
        assert "主动公开情况" in doc.text

    def test_attachment_text_is_part_of_the_text(self, tree):
        item = make_item(tree[4], "附件通知", publish=False)
        attach(item, "名单.docx", docx_bytes("高龄津贴发放名单"))
        attach(item, "明细.xlsx", xlsx_bytes([["东山村", "3200元"]]))
        attach(item, "坏文件.pdf", b"%PDF-1.4 broken")
        item.save_revision().publish()
        item.refresh_from_db()
        doc = item.search_document()
        assert "高龄津贴发放名单" in doc.text
        assert "东山村 3200元" in doc.text

    def test_no_personal_data_fields(self, tree):
        doc = make_item(tree[4], "公开").search_document()
        assert set(doc.fields) <= {
            "index_number",
            "document_number",
            "validity",
            "disclosure_mode",
            "kind",
            "topic",
            "keywords",
            "created_on",
            "disclosed_on",
            "validity_date",
        }


class TestItemNotIndexed:
    def test_draft(self, tree):
        assert make_item(tree[4], "草稿", publish=False).search_document() is None

    def test_unpublished(self, tree):
        item = make_item(tree[4], "撤下")
        item.unpublish()
        assert item.search_document() is None

    def test_expired(self, tree):
        item = make_item(tree[4], "过期")
        DisclosureItemPage.objects.filter(pk=item.pk).update(expired=True)
        item.refresh_from_db()
        assert item.search_document() is None

    def test_past_expiry_time_before_the_scheduler_ran(self, tree):
        item = make_item(tree[4], "到期")
        DisclosureItemPage.objects.filter(pk=item.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
        item.refresh_from_db()
        assert item.search_document() is None

    @pytest.mark.parametrize("mode", ["依申请公开", "不予公开"])
    def test_withheld_modes(self, tree, mode):
        assert make_item(tree[4], mode, disclosure_mode=mode).search_document() is None

    def test_negative_list(self, tree):
        entry = NegativeListEntry.objects.create(township=tree[0], matter="涉密事项", legal_basis="保密法")
        assert make_item(tree[4], "负面清单", negative_list_entry=entry).search_document() is None

    def test_view_restricted_section(self, tree):
        item = make_item(tree[4], "受限")
        PageViewRestriction.objects.create(page=tree[3], restriction_type=PageViewRestriction.LOGIN)
        assert item.search_document() is None

    def test_unpublished_directory_hides_items_below(self, tree):
        item = make_item(tree[4], "目录撤下")
        tree[2].unpublish()
        assert item.search_document() is None


class TestCatalogItemDocument:
    def make_row(self, township, directory, **fields):
        fields.setdefault("sequence", 1)
        return CatalogItem.objects.create(
            township=township,
            directory=directory,
            area="涉农补贴",
            matter="耕地地力保护补贴",
            content="补贴对象、标准、发放结果",
            basis="《中华人民共和国农业法》",
            subject="明光镇人民政府",
            channels=["政府网站", "便民服务站"],
            **fields,
        )

    def test_public_row(self, tree):
        row = self.make_row(tree[0], tree[3])
        doc = row.search_document()
        assert doc.id == f"catalog.CatalogItem:{row.pk}"
        assert doc.type == "catalog_item"
        assert doc.title == "涉农补贴：耕地地力保护补贴"
        assert "《中华人民共和国农业法》" in doc.text and "便民服务站" in doc.text
        assert doc.catalog_path == ["农业农村", "农业农村政策落实"]
        assert doc.url == tree[3].get_full_url() and doc.url.startswith("http://testserver/xxgk/")

    def test_row_without_directory_uses_the_township(self, tree):
        doc = self.make_row(tree[0], None).search_document()
        assert doc.catalog_path == [] and doc.url == "http://testserver/"

    def test_row_in_unpublished_directory_is_not_indexed(self, tree):
        row = self.make_row(tree[0], tree[3])
        CatalogDirectoryPage.objects.get(pk=tree[2].pk).unpublish()
        assert row.search_document() is None


class TestRegistry:
    def test_searchable_models_are_found_through_the_app_registry(self):
        labels = {model._meta.label for model in registry.searchable_models()}
        assert {"disclosure.DisclosureItemPage", "catalog.CatalogItem"} <= labels

    def test_doc_ids_round_trip(self, tree):
        item = make_item(tree[4], "往返")
        assert registry.instance_for(registry.doc_id(item)) == item
        assert registry.instance_for("nosuch.Model:1") is None
        assert registry.instance_for("disclosure.DisclosureItemPage:abc") is None
        assert registry.document_for(f"disclosure.DisclosureItemPage:{item.pk + 999}") is None

    def test_indexing_never_imports_content_models_by_name(self):
        indexing_files = [
            *(SEARCH_DIR / "indexing").glob("*.py"),
            *(SEARCH_DIR / "management" / "commands").glob("*.py"),
            *(SEARCH_DIR / name for name in ("signals.py", "tasks.py", "extract.py", "synonyms.py")),
        ]
        offenders = [
            str(path.relative_to(SEARCH_DIR))
            for path in indexing_files
            if any(name in path.read_text(encoding="utf-8") for name in ("cms.disclosure", "cms.catalog"))
        ]
        assert offenders == []
