"""Catalog index and directory pages: only public items, item counts, pagination, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.catalog.models import NegativeListEntry
from cms.disclosure.models import DisclosureItemPage
from tests.factories import make_directory, make_item


def path_of(page) -> str:
    return page.get_url_parts()[2]


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def hidden_items(tree):
    """One item for each way of not being public, all titled 隐藏…."""
    township, catalog, level1, level2, level3 = tree
    make_item(level3, "隐藏-草稿", publish=False)
    make_item(level3, "隐藏-不予公开", disclosure_mode="不予公开")
    entry = NegativeListEntry.objects.create(township=township, matter="涉密", legal_basis="保密法")
    make_item(level3, "隐藏-负面清单", negative_list_entry=entry)
    expired = make_item(level3, "隐藏-过期")
    DisclosureItemPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - dt.timedelta(hours=1))
    restricted_dir = make_directory(level2, "内部目录")
    make_item(restricted_dir, "隐藏-受限")
    PageViewRestriction.objects.create(page=restricted_dir, restriction_type=PageViewRestriction.LOGIN)
    return tree


class TestAnonymousSeesOnlyPublicItems:
    @pytest.mark.parametrize("as_admin", [False, True])
    def test_no_listing_page_shows_hidden_items(self, hidden_items, client, admin_user, as_admin):
        township, catalog, level1, level2, level3 = hidden_items
        make_item(level3, "公开的信息")
        if as_admin:
            client.force_login(admin_user)  # the public site is the same for editors
        for page in [township, catalog, level1, level2, level3]:
            html = client.get(path_of(page)).content.decode()
            assert "隐藏-" not in html, path_of(page)
        assert "公开的信息" in client.get(path_of(level3)).content.decode()
        assert "公开的信息" in client.get("/").content.decode()

    def test_hidden_items_are_not_counted(self, hidden_items, client):
        catalog = hidden_items[1]
        make_item(hidden_items[4], "公开的信息")
        html = client.get(path_of(catalog)).content.decode()
        assert '农业农村</a> <span class="count">（1）</span>' in html
        assert "内部目录" not in html

    def test_hidden_item_pages_answer_404_or_login(self, hidden_items, client):
        for item in DisclosureItemPage.objects.filter(title__startswith="隐藏-"):
            response = client.get(path_of(item))
            assert response.status_code in (302, 404), item.title
            assert item.title not in response.content.decode()


class TestCatalogIndexPage:
    def test_three_level_tree_with_counts(self, tree, client):
        township, catalog, level1, level2, level3 = tree
        make_item(level3, "三级信息")
        make_item(level2, "二级信息")
        html = client.get(path_of(catalog)).content.decode()
        for level, page, title, count in [
            (1, level1, "农业农村", 2),
            (2, level2, "农业农村政策落实", 2),
            (3, level3, "惠农补贴", 1),
        ]:
            expected = (
                f'class="level-{level}"><a href="{path_of(page)}">{title}</a> <span class="count">（{count}）</span>'
            )
            assert expected in html
        assert 'href="/guide/"' in html

    def test_constant_query_count(self, tree, client):
        township, catalog, level1, level2, level3 = tree
        for i in range(3):
            make_item(level3, f"信息{i}")
        client.get(path_of(catalog))
        few = query_count(client, path_of(catalog))
        for i in range(27):
            make_item(level2, f"更多{i}")
        make_directory(level1, "新二级目录")
        assert query_count(client, path_of(catalog)) == few


class TestDirectoryPage:
    def test_lists_items_of_the_subtree_with_metadata(self, tree, client):
        township, catalog, level1, level2, level3 = tree
        item = make_item(level3, "惠农补贴发放公示", disclosed_on=dt.date(2026, 3, 5))
        html = client.get(path_of(level1)).content.decode()
        assert "下级目录" in html and "农业农村政策落实" in html
        assert '<td class="col-index">01526095-6/2026-00001</td>' in html
        assert f'<a href="{path_of(item)}">惠农补贴发放公示</a>' in html
        assert "2026-03-05" in html

    def test_newest_first_and_paginated(self, tree, client):
        level3 = tree[4]
        for day in range(1, 23):
            make_item(level3, f"信息{day:02d}号", created_on=dt.date(2026, 3, 1), disclosed_on=dt.date(2026, 3, day))
        first = client.get(path_of(level3)).content.decode()
        assert "信息22号" in first and "信息03号" in first and "信息02号" not in first
        assert "第 1 / 2 页，共 22 条" in first
        second = client.get(path_of(level3) + "?page=2").content.decode()
        assert "信息02号" in second and "信息01号" in second and "信息22号" not in second

    @pytest.mark.parametrize("bad", ["abc", "0", "-1", "999", "1%27"])
    def test_bad_page_number_never_500(self, tree, client, bad):
        make_item(tree[4])
        response = client.get(path_of(tree[4]) + f"?page={bad}")
        assert response.status_code == 200

    def test_constant_query_count(self, tree, client):
        township, catalog, level1, level2, level3 = tree
        for i in range(3):
            make_item(level3, f"信息{i}")
        client.get(path_of(level1))
        few = query_count(client, path_of(level1))
        for i in range(27):
            make_item(level3, f"更多{i}")
        assert query_count(client, path_of(level1)) == few


class TestItemPageQueries:
    def test_policy_page_query_count_independent_of_interpretations(self, tree, client):
        level3 = tree[4]
        policy = make_item(level3, "政策", kind="policy")
        for i in range(3):
            make_item(level3, f"解读{i}", kind="interpretation", interpreted_document=policy)
        client.get(path_of(policy))
        few = query_count(client, path_of(policy))
        for i in range(27):
            make_item(level3, f"更多解读{i}", kind="interpretation", interpreted_document=policy)
        assert query_count(client, path_of(policy)) == few
