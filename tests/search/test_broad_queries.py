"""Broad queries: more text matches than SEARCH_EXACT_MATCHES are answered from an even sample.

The limit is lowered to 20 over a 240-document index, so a word in every document is
"broad" while a word in a few documents stays exact. Exact answers (limit 0) are the
reference. Runs on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import datetime

import pytest
from django.test.utils import override_settings

from search.backends.base import SearchFilters, SearchQuery
from search.backends.embedded import EmbeddedBackend
from tests.search.conftest import doc

pytestmark = pytest.mark.django_db

DOCUMENTS = 240
LIMIT = 20
TYPES = ("disclosure_item", "village_notice", "service_guide")


def corpus():
    start = datetime.date(2020, 1, 1)
    for n in range(1, DOCUMENTS + 1):
        rare = "宅基地审批" if n % 40 == 0 else "日常事务"
        yield doc(
            n,
            f"第{n}号{rare}通知",
            "本镇认真做好政府信息公开工作。" * (1 + n % 3) + "群众可到便民服务中心咨询。",
            type=TYPES[n % 3],
            date=start + datetime.timedelta(days=n * 3),
        )
    # The only document with the broad word in its title, indexed among the others.
    yield doc(DOCUMENTS + 1, "政府信息公开工作年度报告", "年度报告正文。", type="annual_report", date=start)


@pytest.fixture
def backend(db):
    backend = EmbeddedBackend(site="broad")
    backend.index(corpus())
    return backend


def search(backend, limit: int, **kwargs):
    with override_settings(SEARCH_EXACT_MATCHES=limit):
        return backend.search(SearchQuery(**kwargs))


def test_narrow_query_is_exact(backend):
    exact = search(backend, 0, q="宅基地审批")
    limited = search(backend, LIMIT, q="宅基地审批")
    assert not limited.approximate and limited.total == exact.total == 6
    assert limited.facets == exact.facets
    assert [h.id for h in limited.hits] == [h.id for h in exact.hits]


def test_broad_query_is_estimated_from_a_sample(backend):
    exact = search(backend, 0, q="政府信息公开")
    broad = search(backend, LIMIT, q="政府信息公开")
    assert not exact.approximate and exact.total == DOCUMENTS + 1
    assert broad.approximate
    assert abs(broad.total - exact.total) <= exact.total * 0.2
    for name, count in exact.facets["type"].items():
        if count >= 60:  # large facet values are estimated within a fifth
            assert abs(broad.facets["type"].get(name, 0) - count) <= count * 0.2, name


def test_every_title_match_competes_for_the_top(backend):
    broad = search(backend, LIMIT, q="政府信息公开")
    assert broad.hits[0].title == "政府信息公开工作年度报告"


def test_date_order_stays_exact(backend):
    for start in (0, 10, 200):
        exact = search(backend, 0, q="政府信息公开", sort="date", b_start=start)
        broad = search(backend, LIMIT, q="政府信息公开", sort="date", b_start=start)
        assert broad.approximate
        assert [h.date for h in broad.hits] == [h.date for h in exact.hits]
        assert [h.id for h in broad.hits] == [h.id for h in exact.hits]  # dates are distinct here


def test_filters_apply_to_broad_queries(backend):
    broad = search(backend, LIMIT, q="政府信息公开", filters=SearchFilters(type=("village_notice",)))
    assert broad.approximate and broad.hits
    assert {h.type for h in broad.hits} == {"village_notice"}
    assert set(broad.facets["type"]) == {"village_notice"}
    dated = search(backend, LIMIT, q="政府信息公开", sort="date", filters=SearchFilters(type=("service_guide",)))
    assert {h.type for h in dated.hits} == {"service_guide"}


def test_limit_zero_means_always_exact(backend):
    assert not search(backend, 0, q="政府信息公开").approximate


def test_api_and_page_say_the_total_is_estimated(client, backend, settings):
    settings.SEARCH_EXACT_MATCHES = LIMIT
    from search.indexing.outbox import DEFAULT_SITE

    EmbeddedBackend(site=DEFAULT_SITE).index(corpus())
    data = client.get("/api/search", {"q": "政府信息公开"}).json()
    assert data["items_total_approximate"] is True
    assert client.get("/api/search", {"q": "宅基地审批"}).json()["items_total_approximate"] is False
    page = client.get("/search/", {"q": "政府信息公开"}).content.decode()
    assert "共找到约" in page and "（估算）" in page


def test_broad_ranking_puts_title_matches_first_newest_first(db):
    backend = EmbeddedBackend(site="tiers")
    start = datetime.date(2021, 1, 1)
    documents = [
        doc(n, f"第{n}号通知", "政府信息公开工作。", date=start + datetime.timedelta(days=n)) for n in range(1, 200)
    ]
    documents += [
        doc(500, "政府信息公开年报", "正文。", date=start),  # the whole query in the title, oldest
        doc(501, "政府信息公开目录", "正文。", date=start + datetime.timedelta(days=1)),
        doc(502, "政务公开工作要点", "正文。", date=start + datetime.timedelta(days=400)),  # a synonym in the title
    ]
    backend.index(documents)
    hits = search(backend, LIMIT, q="政府信息公开").hits
    assert [h.id for h in hits[:3]] == ["test.Item:501", "test.Item:500", "test.Item:502"]
    body = [h.date for h in hits[3:]]
    assert body == sorted(body, reverse=True)  # then the sampled body matches, newest first


def test_sqlite_estimate_reads_term_statistics(backend, django_assert_num_queries):
    from django.db import connection

    from search.backends.embedded_sql import SQLiteDialect
    from search.query_parser import parse_query

    if connection.vendor != "sqlite":
        pytest.skip("term statistics (fts5vocab) are read on SQLite only")
    parsed = parse_query("政府信息公开")
    with django_assert_num_queries(2), connection.cursor() as cursor:  # the index generation, the term counts
        estimate = SQLiteDialect().estimated_matches(cursor, parsed, "and")
    assert estimate == DOCUMENTS + 1  # every document holds the word
    with django_assert_num_queries(1), connection.cursor() as cursor:  # counts kept while the index is unchanged
        assert SQLiteDialect().estimated_matches(cursor, parsed, "and") == DOCUMENTS + 1
    backend.index([doc(9999, "政府信息公开补充说明", "量子通信。")])
    with connection.cursor() as cursor:  # a new row: counted again
        assert SQLiteDialect().estimated_matches(cursor, parsed, "and") == DOCUMENTS + 2
    # A write changes the generation, so a term cached as absent is looked up again.
    backend.delete(["test.Item:9999"])
    with connection.cursor() as cursor:
        assert SQLiteDialect().estimated_matches(cursor, parse_query("量子"), "and") == 0
    backend.index([doc(9999, "量子通信试点", "正文。")])  # may reuse the deleted row id
    with connection.cursor() as cursor:
        assert SQLiteDialect().estimated_matches(cursor, parse_query("量子"), "and") == 1
    with connection.cursor() as cursor:
        assert SQLiteDialect().estimated_matches(cursor, parse_query("宅基地 审批"), "and") is None  # two words
