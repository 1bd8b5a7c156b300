"""The indexing pipeline: publish, unpublish, expiry, delete, directory changes, catalog rows, backend outages.

Runs on SQLite and, with DATABASE_URL=postgres://…, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.catalog.models import CatalogDirectoryPage, CatalogItem
from cms.disclosure.models import DisclosureItemPage
from search.backends.embedded import EmbeddedBackend
from search.indexing.outbox import outbox_process
from search.models import SearchOutbox
from search.tasks import process_search_outbox, replay_search_outbox
from tests.factories import make_item
from tests.search.indexing.helpers import attach, docx_bytes, item_id


def catalog_row(tree, **fields):
    fields.setdefault("sequence", 1)
    return CatalogItem.objects.create(township=tree[0], directory=tree[3], area="涉农补贴", matter="耕地补贴", **fields)


class TestPublishing:
    def test_publish_indexes_the_item(self, tree, committed, indexed_ids, pending):
        item = committed(make_item, tree[4], "春耕通知")
        assert item_id(item) in indexed_ids()
        assert pending() == []

    def test_draft_is_never_indexed(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "草稿", publish=False)
        committed(item.save_revision)
        assert item_id(item) not in indexed_ids()

    def test_republish_updates_the_document(self, tree, committed):
        from search.models import IndexedDocument

        item = committed(make_item, tree[4], "旧标题")
        item.title = "新标题"
        committed(lambda: item.save_revision().publish())
        assert IndexedDocument.objects.get(doc_id=item_id(item)).title == "新标题"

    def test_unpublish_removes_at_once(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "撤下")
        committed(item.unpublish)
        assert item_id(item) not in indexed_ids()

    def test_scheduled_expiry_removes_the_item(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "到期")
        DisclosureItemPage.objects.filter(pk=item.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=5))
        committed(call_command, "publish_scheduled", stdout=open("/dev/null", "w"))
        item.refresh_from_db()
        assert item.expired and not item.live
        assert item_id(item) not in indexed_ids()

    def test_delete_removes_the_item(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "删除")
        committed(item.delete)
        assert item_id(item) not in indexed_ids()

    def test_withheld_item_published_is_not_indexed(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "依申请", disclosure_mode="依申请公开")
        assert item.live and item_id(item) not in indexed_ids()

    def test_view_restriction_removes_the_section(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "受限")
        restriction = committed(
            PageViewRestriction.objects.create, page=tree[3], restriction_type=PageViewRestriction.LOGIN
        )
        assert item_id(item) not in indexed_ids()
        committed(restriction.delete)
        assert item_id(item) in indexed_ids()

    def test_attachment_that_cannot_be_read_never_breaks_publishing(self, tree, committed, indexed_ids):
        item = make_item(tree[4], "坏附件", publish=False)
        attach(item, "坏.docx", b"not a docx at all")
        attach(item, "好.docx", docx_bytes("可以读的附件"))
        committed(lambda: item.save_revision().publish())
        from search.models import IndexedDocument

        assert "可以读的附件" in IndexedDocument.objects.get(doc_id=item_id(item)).text

    def test_outbox_row_is_written_in_the_changing_transaction(self, tree, pending):
        item = make_item(tree[4], "回滚", publish=False)
        with pytest.raises(RuntimeError), transaction.atomic():
            item.save_revision().publish()
            assert pending() == [item_id(item)]
            raise RuntimeError("the change is rolled back")
        assert pending() == []


class TestDirectoryChanges:
    def test_renaming_a_directory_reindexes_items_below(self, tree, committed):
        from search.models import IndexedDocument

        item = committed(make_item, tree[4], "目录改名")
        row = committed(catalog_row, tree)
        directory = CatalogDirectoryPage.objects.get(pk=tree[2].pk)
        directory.title = "乡村振兴"
        committed(lambda: directory.save_revision().publish())
        assert IndexedDocument.objects.get(doc_id=item_id(item)).catalog_path[0] == "乡村振兴"
        assert IndexedDocument.objects.get(doc_id=f"catalog.CatalogItem:{row.pk}").catalog_path[0] == "乡村振兴"

    def test_unpublishing_a_directory_removes_items_below(self, tree, committed, indexed_ids):
        item = committed(make_item, tree[4], "目录撤下")
        other = committed(make_item, tree[2], "上级目录的信息")
        row = committed(catalog_row, tree)
        committed(CatalogDirectoryPage.objects.get(pk=tree[3].pk).unpublish)
        ids = indexed_ids()
        assert item_id(item) not in ids
        assert f"catalog.CatalogItem:{row.pk}" not in ids
        assert item_id(other) in ids

    def test_deleting_a_directory_removes_items_and_detaches_rows(self, tree, committed, indexed_ids):
        from search.models import IndexedDocument

        item = committed(make_item, tree[4], "目录删除")
        row = committed(catalog_row, tree)
        committed(CatalogDirectoryPage.objects.get(pk=tree[3].pk).delete)
        assert item_id(item) not in indexed_ids()
        assert IndexedDocument.objects.get(doc_id=f"catalog.CatalogItem:{row.pk}").catalog_path == []

    def test_moving_an_item_updates_its_catalog_path(self, tree, committed):
        from search.models import IndexedDocument

        item = committed(make_item, tree[4], "移动")
        committed(DisclosureItemPage.objects.get(pk=item.pk).move, tree[2], pos="last-child")
        assert IndexedDocument.objects.get(doc_id=item_id(item)).catalog_path == ["农业农村"]


class TestCatalogRows:
    def test_save_and_delete(self, tree, committed, indexed_ids):
        from search.models import IndexedDocument

        row = committed(catalog_row, tree)
        doc = f"catalog.CatalogItem:{row.pk}"
        assert doc in indexed_ids()
        row.matter = "耕地地力保护补贴"
        committed(row.save)
        assert IndexedDocument.objects.get(doc_id=doc).title == "涉农补贴：耕地地力保护补贴"
        committed(row.delete)
        assert doc not in indexed_ids()


@pytest.fixture
def backend_down(monkeypatch):
    """The search backend refuses every write, like an unreachable Elasticsearch."""

    def refuse(self, *args, **kwargs):
        raise ConnectionError("search backend unreachable")

    monkeypatch.setattr(EmbeddedBackend, "index", refuse)
    monkeypatch.setattr(EmbeddedBackend, "delete", refuse)
    return monkeypatch


class TestBackendOutage:
    def test_publish_succeeds_and_the_operation_waits(self, tree, committed, backend_down, indexed_ids):
        item = committed(make_item, tree[4], "故障期间发布")
        item.refresh_from_db()
        assert item.live and item.index_number
        row = SearchOutbox.objects.get(doc_id=item_id(item))
        assert row.attempts == 1
        assert "search backend unreachable" in row.last_error
        backend_down.undo()
        assert item_id(item) not in indexed_ids()

        result = replay_search_outbox.delay().get()
        assert result["indexed"] == 1 and result["remaining"] == 0
        assert item_id(item) in indexed_ids()
        assert not SearchOutbox.objects.exists()

    def test_unpublish_during_outage_is_replayed(self, tree, committed, backend_down, indexed_ids):
        backend_down.undo()
        item = committed(make_item, tree[4], "故障期间撤下")
        backend_down.setattr(EmbeddedBackend, "delete", lambda self, ids: (_ for _ in ()).throw(ConnectionError()))
        committed(item.unpublish)
        assert item_id(item) in indexed_ids()  # stale until the backend answers
        backend_down.undo()
        call_command("replay_search_outbox", stdout=open("/dev/null", "w"))
        assert item_id(item) not in indexed_ids()

    def test_replay_command_fails_loudly_while_down(self, tree, committed, backend_down):
        from django.core.management.base import CommandError

        committed(make_item, tree[4], "仍在故障")
        with pytest.raises(CommandError, match="检索服务不可用"):
            call_command("replay_search_outbox", stdout=open("/dev/null", "w"))
        assert SearchOutbox.objects.get().attempts == 2


class TestIdempotence:
    def test_processing_the_same_rows_twice(self, tree, pending, indexed_ids):
        item = make_item(tree[4], "幂等")
        rows = list(SearchOutbox.objects.values_list("pk", flat=True))
        process_search_outbox.delay(rows)
        process_search_outbox.delay(rows)
        assert item_id(item) in indexed_ids() and pending() == []

    def test_an_old_index_row_for_a_withdrawn_item_removes_it(self, tree, indexed_ids):
        item = make_item(tree[4], "旧操作")
        outbox_process()
        item.unpublish()
        SearchOutbox.objects.all().delete()
        SearchOutbox.objects.create(doc_id=item_id(item), op="index")  # a stale "index" intent
        outbox_process()
        assert item_id(item) not in indexed_ids()

    def test_a_broken_document_does_not_block_the_others(self, tree, monkeypatch, indexed_ids):
        good = make_item(tree[4], "正常")
        bad = make_item(tree[4], "出错")
        original = DisclosureItemPage.search_document

        def explode(self):
            if self.pk == bad.pk:
                raise ValueError("boom")
            return original(self)

        monkeypatch.setattr(DisclosureItemPage, "search_document", explode)
        result = outbox_process()
        assert item_id(good) in indexed_ids()
        assert result.failed_documents == [item_id(bad)]
        assert SearchOutbox.objects.get(doc_id=item_id(bad)).last_error == "ValueError: boom"


class TestWorkerRetry:
    def test_a_real_worker_retries_with_exponential_backoff(self, tree, backend_down, monkeypatch):
        make_item(tree[4], "重试")
        rows = list(SearchOutbox.objects.values_list("pk", flat=True))
        countdowns: list[int] = []

        def fake_retry(exc=None, countdown=None):
            countdowns.append(countdown)
            return RuntimeError("retry scheduled")

        monkeypatch.setattr(process_search_outbox, "retry", fake_retry)
        for retries in (0, 2):
            process_search_outbox.push_request(is_eager=False, retries=retries)
            try:
                with pytest.raises(RuntimeError, match="retry scheduled"):
                    process_search_outbox.run(rows)
            finally:
                process_search_outbox.pop_request()
        assert countdowns == [10, 40]
        assert SearchOutbox.objects.get().attempts == 2
