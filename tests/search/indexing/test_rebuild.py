"""rebuild_search_index: progress, a complete fresh index, --check reporting missing/extra/stale; the demo step."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.catalog.models import CatalogItem
from cms.disclosure.models import DisclosureItemPage
from search.documents import SearchDocument
from search.indexing.demo import build_search_index_demo
from search.models import IndexedDocument, SearchIndexRebuild, SearchOutbox
from tests.factories import make_item
from tests.search.indexing.helpers import item_id


def run(*args) -> str:
    out = StringIO()
    call_command("rebuild_search_index", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def content(tree):
    public = [make_item(tree[4], f"公开信息{n}") for n in range(3)]
    draft = make_item(tree[4], "草稿", publish=False)
    withheld = make_item(tree[4], "不予公开", disclosure_mode="不予公开")
    row = CatalogItem.objects.create(township=tree[0], directory=tree[3], sequence=1, area="涉农补贴", matter="耕地")
    return {"public": public, "draft": draft, "withheld": withheld, "row": row}


class TestRebuild:
    def test_rebuild_indexes_exactly_the_public_documents(self, content, backend):
        backend.index([SearchDocument(id="disclosure.DisclosureItemPage:999999", type="x", title="遗留")])
        output = run()
        expected = {item_id(i) for i in content["public"]} | {f"catalog.CatalogItem:{content['row'].pk}"}
        assert backend.document_ids() == expected
        assert "索引重建完成：4 篇文档" in output
        assert "篇/秒" in output

    def test_progress_shows_n_of_total(self, content):
        output = run()
        total = DisclosureItemPage.objects.live().count() + CatalogItem.objects.count()  # drafts are not walked
        assert f"已处理 4/{total}" in output

    def test_rebuild_is_recorded_and_covers_the_outbox(self, content):
        assert SearchOutbox.objects.exists()  # publishing recorded operations (not yet applied here)
        run()
        assert not SearchOutbox.objects.exists()
        record = SearchIndexRebuild.objects.get()
        assert record.documents == 4 and record.backend == "EmbeddedBackend"

    def test_backend_with_its_own_rebuild_gets_every_document(self, content):
        from search.indexing.rebuild import rebuild_index

        class SwappingBackend:
            received: list = []

            def rebuild(self, documents):
                self.received = list(documents)

        swapping = SwappingBackend()
        result = rebuild_index(backend=swapping)
        assert result.documents == 4 == len(swapping.received)


class TestCheck:
    def test_clean_index(self, content):
        run()
        output = run("--check")
        assert "索引与数据库一致" in output
        assert "缺失：0" in output and "多余：0" in output and "过期：0" in output

    def test_differences_are_reported_with_exit_code_1(self, content, backend):
        run()
        missing = content["public"][0]
        backend.delete([item_id(missing)])
        backend.index([SearchDocument(id="disclosure.DisclosureItemPage:999999", type="x", title="多余")])
        stale = content["public"][1]
        IndexedDocument.objects.filter(doc_id=item_id(stale)).update(title="旧标题")
        out = StringIO()
        with pytest.raises(CommandError) as error:
            call_command("rebuild_search_index", "--check", stdout=out)
        assert error.value.returncode == 1
        report = out.getvalue()
        assert "缺失：1" in report and item_id(missing) in report
        assert "多余：1" in report and "disclosure.DisclosureItemPage:999999" in report
        assert "过期：1" in report and item_id(stale) in report

    def test_check_exit_code_from_the_command_line(self, content):
        from django.core.management import ManagementUtility

        run()
        IndexedDocument.objects.all().delete()
        utility = ManagementUtility(["manage.py", "rebuild_search_index", "--check"])
        with pytest.raises(SystemExit) as exit_info:
            utility.execute()
        assert exit_info.value.code == 1


class TestDemoStep:
    def test_demo_builder_indexes_the_township(self, content, backend):
        lines: list[str] = []

        class Context:
            log = staticmethod(lines.append)

        build_search_index_demo(Context())
        assert len(backend.document_ids()) == 4
        assert lines[-1].startswith("全文检索：已索引 4 篇文档")
