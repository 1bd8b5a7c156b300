"""The public page /search/: form, highlights, facets as plain links, pages, suggestion, empty state."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

import pytest

from search.documents import SearchDocument
from search.public_search import DEFAULT_SITE

pytestmark = pytest.mark.django_db


def page(client, **params):
    response = client.get("/search/", params)
    return response, response.content.decode()


def links(html: str) -> list[str]:
    return [unquote(unescape(href)) for href in re.findall(r'href="([^"]*)"', html)]


class TestSearchPage:
    def test_without_a_query_shows_the_form_and_help(self, client, indexed):
        response, html = page(client)
        assert response.status_code == 200
        assert '<form class="search-form" action="/search/" method="get"' in html
        assert "请输入要查找的内容" in html
        assert "共找到" not in html

    def test_results_are_highlighted(self, client, indexed):
        response, html = page(client, q="宅基地")
        assert response.status_code == 200
        assert "共找到 <strong>1</strong> 条结果" in html
        assert "明光镇<em>农村宅基地</em>审批管理暂行办法" in html  # 农村宅基地 is a synonym of 宅基地
        assert "村民申请<em>宅基地</em>应当提出书面申请" in html

    def test_document_html_is_escaped_only_our_em_is_markup(self, client, indexed, backend):
        item = indexed.items[0]
        backend.index(
            [
                SearchDocument(
                    id=f"disclosure.DisclosureItemPage:{item.pk}",
                    type="disclosure_item",
                    title="<b>低保</b>公示",
                    text="低保 <script>alert(1)</script> & 公示",
                    url="http://testserver/x/",
                )
            ]
        )
        _, html = page(client, q="低保")
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;b&gt;<em>低保</em>&lt;/b&gt;公示" in html

    def test_facet_links_filter_without_javascript(self, client, indexed):
        _, html = page(client, q="低保")
        year_links = [href for href in links(html) if "year_from=2025" in href]
        assert year_links == ["?q=低保&year_from=2025&year_to=2025"]
        response, filtered = page(client, q="低保", year_from="2025", year_to="2025")
        assert "共找到 <strong>1</strong> 条结果" in filtered
        assert "已选条件" in filtered and "2025年 ×" in filtered
        type_links = [href for href in links(html) if "type=policy_document" in href]
        assert type_links == ["?q=低保&type=policy_document"]
        assert "发布机构" in html and "目录" in html

    def test_clicking_an_active_facet_removes_it(self, client, indexed):
        _, html = page(client, q="低保", type="policy_document")
        assert "?q=低保" in links(html)

    def test_pagination(self, client, indexed):
        _, html = page(client, q="低保", b_size="2")
        assert "第 1 / 3 页" in html
        next_links = [href for href in links(html) if "b_start=2" in href]
        assert next_links and "q=低保" in next_links[0]
        _, last = page(client, q="低保", b_size="2", b_start="4")
        assert "第 3 / 3 页" in last and 'rel="next"' not in last

    def test_b_size_is_clamped_not_refused(self, client, indexed):
        response, html = page(client, q="低保", b_size="10000")
        assert response.status_code == 200
        assert "共找到 <strong>5</strong> 条结果" in html

    def test_suggestion(self, client, indexed):
        _, html = page(client, q="宅急地")
        assert "您是不是要找：" in html
        assert "?q=宅基地" in links(html)

    def test_friendly_empty_state(self, client, indexed):
        _, html = page(client, q="量子计算机")
        assert "没有找到与“量子计算机”相关的公开信息" in html

    @pytest.mark.parametrize("q", ['"', "NEAR(", "' OR 1=1 --", "😀", "，。！", "低" * 500, "*"])
    def test_odd_queries_answer(self, client, indexed, q):
        response, _ = page(client, q=q)
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"q": "低保", "year_from": "abc"}, "起始年份须为整数"),
            ({"q": "低保", "year_from": "2026", "year_to": "2020"}, "起始年份不能晚于结束年份"),
            ({"q": "低保", "sort": "x"}, "排序方式只能是相关度或日期"),
            ({"q": "低保", "b_start": "-5"}, "起始位置必须在0到"),
        ],
    )
    def test_bad_parameters_get_a_message(self, client, indexed, params, message):
        response, html = page(client, **params)
        assert response.status_code == 400
        assert message in html

    def test_header_of_every_page_has_the_search_box(self, client, indexed):
        _, html = page(client)
        assert '<form class="site-search" action="/search/" method="get" role="search">' in html
        assert 'data-suggest="/api/search/suggest"' in html
        assert "search/suggest.js" in html


def test_page_and_index_use_the_same_site(indexed):
    assert DEFAULT_SITE == "default"
