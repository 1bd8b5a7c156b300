"""Index terms cut in a process pool equal those cut in-process, and small batches never fork."""

from __future__ import annotations

import pytest

from search.backends import terms as terms_module
from search.backends.embedded import EmbeddedBackend
from search.backends.terms import TermCutter, document_terms
from tests.search.conftest import CORPUS, doc


def _documents(count: int):
    return [doc(n, f"{CORPUS[n % len(CORPUS)].title}（第{n}号）", CORPUS[n % len(CORPUS)].text) for n in range(count)]


def test_pool_gives_the_same_terms_as_one_process(monkeypatch):
    monkeypatch.setattr(terms_module, "PARALLEL_FROM", 4)
    documents = _documents(30)
    with TermCutter(workers=2) as cutter:
        parallel = cutter.terms(documents)
        assert cutter._pool is not None  # the pool really ran
    assert parallel == [document_terms(d.title, d.indexed_text(), d.field_text()) for d in documents]
    assert all(title and text for title, text in parallel)


def test_small_batches_stay_in_process():
    with TermCutter(workers=2) as cutter:
        cutter.terms(_documents(5))
        assert cutter._pool is None


@pytest.mark.django_db
def test_index_through_the_pool_is_searchable(monkeypatch, settings):
    monkeypatch.setattr(terms_module, "PARALLEL_FROM", 4)
    settings.SEARCH_INDEX_WORKERS = 2
    backend = EmbeddedBackend(site="pool")
    assert backend.index(_documents(40)) == 40
    assert backend.search(backend_query("最低生活保障")).total > 0


def backend_query(q: str):
    from search.backends.base import SearchQuery

    return SearchQuery(q=q)
