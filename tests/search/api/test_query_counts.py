"""The API and the page run the same number of queries for 1 hit and for a full page of hits."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def count(client, url, params) -> int:
    client.get(url, params)  # warm caches (Site lookup, jieba) outside the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/api/search", "/search/"])
def test_constant_number_of_queries(client, indexed, url):
    one = count(client, url, {"q": "宅基地"})  # 1 hit
    many = count(client, url, {"q": "明光镇", "b_size": "10"})  # 10 hits on the page
    assert one == many


def test_api_query_budget(client, indexed, django_assert_num_queries):
    client.get("/api/search", {"q": "低保"})
    # the full-text match count (exact or sampled?), facets+total+page ids, the page's rows;
    # the public check: restrictions, hidden sections, pages; the Site for @id
    with django_assert_num_queries(7):
        client.get("/api/search", {"q": "低保"})


def test_suggest_is_one_query(client, indexed, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/api/search/suggest", {"q": "宅基"})
