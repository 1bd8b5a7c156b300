"""Against a real Elasticsearch 8 cluster; runs only when ELASTICSEARCH_URL is set."""

from __future__ import annotations

import uuid

import pytest

from search.backends import es_schema
from search.backends.base import SearchQuery
from search.backends.elasticsearch import ElasticsearchBackend
from tests.search.conftest import CORPUS, ELASTICSEARCH_URL, doc

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def es_backend():
    backend = ElasticsearchBackend(
        site=f"it-{uuid.uuid4().hex[:8]}", url=ELASTICSEARCH_URL, replicas=0, refresh="wait_for"
    )
    yield backend
    for name in backend._aliased_indices():
        backend.client.indices.delete(index=name, ignore_unavailable=True)


def test_probe_returns_a_known_profile(es_backend):
    assert es_schema.probe_profile(es_backend.client) in es_schema.PROFILES


def test_rebuild_swaps_the_alias_and_drops_the_old_index(es_backend):
    es_backend.index(CORPUS)
    old = es_backend._aliased_indices()
    new = es_backend.rebuild([doc(1, "重建后的低保公示", "最低生活保障")])
    assert es_backend._aliased_indices() == [new] and new not in old
    assert not es_backend.client.indices.exists(index=old[0])
    assert [h.title for h in es_backend.search(SearchQuery(q="低保")).hits] == ["重建后的低保公示"]


def test_autocomplete_from_a_word_inside_the_title(es_backend):
    es_backend.index(CORPUS)
    assert "农村宅基地审批流程" in es_backend.suggest("宅基地")
