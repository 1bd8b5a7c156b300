"""Rebuilds ask for documents a batch at a time: the batch hooks must give exactly what each row gives alone.

The full demo (every module's DEMO_BUILDERS: disclosure with drafts, pending and withheld
items, catalog rows, guides, village notices) is the fixture, so public and non-public rows
of every searchable model are compared. A rebuild's query count must not grow with the
number of items (no per-item public check or catalog-path query).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.catalog.models import CatalogItem
from cms.disclosure.models import DisclosureItemPage
from search.indexing import registry
from tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from cms.core.demo.builders import build_demo

    build_demo(log=lambda line: None)


def test_batch_documents_equal_single_documents_for_every_model(demo):
    compared = {}
    for model in registry.searchable_models():
        rows = list(model._default_manager.order_by("pk"))
        one_by_one = [row.search_document() for row in rows]
        batched = registry.documents_of(model, list(registry.candidates(model).filter(pk__in=[r.pk for r in rows])))
        by_id = {doc.id: doc for doc in batched if doc is not None}
        single = {doc.id: doc for doc in one_by_one if doc is not None}
        assert set(by_id) == set(single), model
        for doc_id, document in single.items():
            assert vars(by_id[doc_id]) == vars(document), doc_id
        compared[model._meta.label] = (len(by_id), len(rows))
    # The demo has public and non-public rows of the disclosure model, so both branches ran.
    shown, total = compared["disclosure.DisclosureItemPage"]
    assert 0 < shown < total
    assert compared["catalog.CatalogItem"][0] > 0


def test_batch_documents_keep_catalog_paths_and_hide_withheld_items(tree):
    public = make_item(tree[4], "惠农补贴发放公示")
    withheld = make_item(tree[4], "不予公开事项", disclosure_mode="不予公开")
    draft = make_item(tree[4], "草稿", publish=False)
    documents = DisclosureItemPage.search_documents([public, withheld, draft])
    assert documents[1] is None and documents[2] is None
    assert documents[0].catalog_path == [tree[2].title, tree[3].title, tree[4].title]
    row = CatalogItem.objects.create(township=tree[0], directory=tree[3], sequence=1, area="涉农补贴", matter="耕地")
    assert CatalogItem.search_documents([row])[0].catalog_path == [tree[2].title, tree[3].title]


def _rebuild_queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        documents = list(registry.all_documents())
    assert documents
    return len(captured)


def test_rebuild_query_count_does_not_grow_with_items(tree):
    for n in range(3):
        make_item(tree[4], f"公开信息{n}")
    _rebuild_queries()  # the first walk also fills per-process caches (site root paths)
    few = _rebuild_queries()
    for n in range(3, 30):
        make_item(tree[2 + n % 3], f"公开信息{n}")
    assert _rebuild_queries() == few
