"""Only public pages come back, even when the index has not caught up with an unpublish yet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.catalog.models import NegativeListEntry
from tests.search.api.conftest import document_for

pytestmark = pytest.mark.django_db


def titles(client, q):
    return [item["title"] for item in client.get("/api/search", {"q": q}).json()["items"]]


def _stale(backend, item, text="宅基地"):
    """Put the item (back) into the index as if the index had not heard of the change yet."""
    backend.index([document_for(item, text, dt.date(2024, 3, 3))])


def test_an_item_unpublished_a_moment_ago_is_not_returned(client, indexed, backend):
    item = indexed.items[5]  # 宅基地
    assert titles(client, "宅基地") == [item.title]
    item.unpublish()
    _stale(backend, item)  # whatever the signals did, the index still holds it
    assert titles(client, "宅基地") == []
    assert client.get("/api/search", {"q": "宅基地"}).json()["items_total"] == 0
    assert "审批管理暂行办法" not in client.get("/search/", {"q": "宅基地"}).content.decode()


def test_expired_restricted_and_withheld_items_are_dropped(client, indexed, backend):
    expired, restricted, negative = indexed.items[0], indexed.items[1], indexed.items[2]
    expired.expire_at = timezone.now() - dt.timedelta(minutes=1)
    expired.save(update_fields=["expire_at"])
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    entry = NegativeListEntry.objects.create(township=indexed.township, matter="个人隐私", legal_basis="条例第十五条")
    type(negative).objects.filter(pk=negative.pk).update(negative_list_entry=entry)
    for item in (expired, restricted, negative):
        _stale(backend, item, "低保")
    found = titles(client, "低保")
    assert expired.title not in found and restricted.title not in found and negative.title not in found
    assert len(found) == 2


def test_an_item_under_an_unpublished_directory_is_dropped(client, indexed, backend):
    indexed.level3.unpublish()
    for item in indexed.items:
        _stale(backend, item, "低保")
    assert titles(client, "低保") == []


def test_documents_that_are_not_pages_are_kept(client, indexed, backend):
    from search.documents import SearchDocument

    backend.index([SearchDocument(id="catalog.CatalogItem:1", type="catalog_item", title="低保标准目录", url="/x/")])
    assert "低保标准目录" in titles(client, "低保标准目录")
