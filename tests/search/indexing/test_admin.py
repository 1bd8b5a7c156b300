"""Admin menu 全文检索: 同义词 listing and the 索引状态 page (permissions, content, constant queries)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from search.models import SearchOutbox
from tests.factories import make_item, make_user

STATUS_URL = "search_index_status:index"


@pytest.fixture
def admin_client(client, db):
    user = make_user("boss", "管理员")
    client.force_login(user)
    return client


class TestIndexStatus:
    def test_shows_counts_pending_and_last_rebuild(self, admin_client, tree):
        from django.core.management import call_command

        make_item(tree[4], "已索引")
        call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
        SearchOutbox.objects.create(doc_id="disclosure.DisclosureItemPage:1", attempts=3, last_error="ConnectionError")
        response = admin_client.get(reverse(STATUS_URL))
        assert response.status_code == 200
        html = response.content.decode()
        assert "已索引文档 1 篇" in html
        assert "待索引操作 1 项" in html
        assert "ConnectionError" in html
        assert "1 篇文档" in html

    def test_constant_queries(self, admin_client, tree, django_assert_max_num_queries):
        from django.core.management import call_command

        admin_client.get(reverse(STATUS_URL))  # warm the session and menu caches
        with django_assert_max_num_queries(30) as few:
            admin_client.get(reverse(STATUS_URL))
        for n in range(5):
            make_item(tree[4], f"信息{n}")
        call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
        SearchOutbox.objects.bulk_create(SearchOutbox(doc_id=f"x:{n}", last_error="err") for n in range(5))
        with django_assert_max_num_queries(len(few.captured_queries)):
            admin_client.get(reverse(STATUS_URL))

    def test_editors_may_not_see_it(self, client, db):
        client.force_login(make_user("writer", "编辑"))
        assert client.get(reverse(STATUS_URL)).status_code in (302, 403)


class TestSynonymSnippet:
    def test_listing_and_adding(self, admin_client):
        listing = admin_client.get(reverse("wagtailsnippets_sitesearch_synonymgroup:list"))
        assert listing.status_code == 200
        assert "最低生活保障" in listing.content.decode()
        response = admin_client.post(
            reverse("wagtailsnippets_sitesearch_synonymgroup:add"), {"terms": "公厕，公共厕所", "note": ""}
        )
        assert response.status_code == 302
        from search import text as search_text

        assert "公共厕所" in search_text.get_synonyms().expand("公厕")

    def test_single_term_is_refused_with_a_chinese_message(self, admin_client):
        response = admin_client.post(
            reverse("wagtailsnippets_sitesearch_synonymgroup:add"), {"terms": "公厕", "note": ""}
        )
        assert response.status_code == 200
        assert "至少需要两个不同的检索词" in response.content.decode()
