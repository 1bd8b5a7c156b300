"""The township home page, the 政府信息公开指南 route and the `township` context processor."""

from __future__ import annotations

import datetime as dt

from django.test import RequestFactory

from cms.core.context_processors import township as township_processor
from tests.factories import make_item


class TestTownshipHome:
    def test_home_lists_level1_directories_latest_items_and_guide_link(self, tree, client):
        township, catalog, level1, level2, level3 = tree
        make_item(level3, "春耕通知")
        response = client.get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "明光镇" in html
        assert "农业农村" in html  # level-1 directory
        assert "农业农村政策落实" not in html  # level 2 is not on the home page
        assert "春耕通知" in html
        assert 'href="/guide/"' in html
        assert "01526095-6/2026-00001" in html

    def test_home_hides_drafts_and_withheld(self, tree, client):
        level3 = tree[4]
        make_item(level3, "草稿信息", publish=False)
        make_item(level3, "不予公开信息", disclosure_mode="不予公开")
        html = client.get("/").content.decode()
        assert "草稿信息" not in html
        assert "不予公开信息" not in html

    def test_home_query_count_is_constant(self, tree, client, django_assert_max_num_queries):
        level3 = tree[4]
        for i in range(3):
            make_item(level3, f"信息{i}", disclosed_on=dt.date(2026, 3, 5))
        client.get("/")  # warm site-root caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get("/")
        for i in range(27):
            make_item(level3, f"更多{i}")
        with CaptureQueriesContext(connection) as many:
            response = client.get("/")
        assert response.status_code == 200
        assert len(many) == len(few)


class TestGuidePage:
    def test_guide_shows_office_details(self, db, client):
        from tests.factories import make_township

        make_township(
            office_address="明光镇人民路1号",
            office_hours="工作日 8:30-12:00，14:30-17:30",
            office_phone="0550-1234567",
            office_fax="0550-7654321",
            office_email="xxgk@example.gov.cn",
            office_postcode="239400",
        )
        response = client.get("/guide/")
        assert response.status_code == 200
        html = response.content.decode()
        for text in [
            "政府信息公开指南",
            "明光镇党政综合办公室",
            "明光镇人民路1号",
            "工作日 8:30-12:00",
            "0550-1234567",
            "0550-7654321",
            "xxgk@example.gov.cn",
            "239400",
        ]:
            assert text in html

    def test_guide_url_property(self, tree):
        assert tree[0].guide_url == "/guide/"


class TestTownshipContextProcessor:
    def test_gives_the_sites_township(self, tree):
        request = RequestFactory().get("/", HTTP_HOST="testserver")
        context = township_processor(request)
        assert context["township"].pk == tree[0].pk
        assert context["township"].title == "明光镇"

    def test_none_without_a_township_site(self, db):
        request = RequestFactory().get("/", HTTP_HOST="unknown.example")
        context = township_processor(request)
        assert not context["township"]

    def test_base_template_shows_township_name(self, tree, client):
        level3 = tree[4]
        item = make_item(level3)
        html = client.get(item.url).content.decode()
        assert "<title>关于做好2026年春耕生产工作的通知 - 明光镇</title>" in html
        assert '<a class="site-name" href="/">明光镇</a>' in html
