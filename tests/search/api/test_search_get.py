"""GET /api/search and /api/search/suggest: shape, filters, facets, batching, suggestion."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


class TestSearchShape:
    def test_items_carry_the_plone_keys(self, client, indexed):
        data = get(client, q="宅基地")
        assert data["@id"].startswith("http://testserver/api/search?")
        assert data["items_total"] == 1
        (item,) = data["items"]
        assert set(item) >= {"@id", "@type", "title", "url", "snippet", "date", "publisher"}
        assert item["@type"] == "DisclosureItemPage"
        assert item["@id"].startswith("http://testserver/api/content/xxgk/")
        assert item["title"] == "明光镇农村宅基地审批管理暂行办法"
        assert item["date"] == "2024-03-03"
        assert "<em>宅基地</em>" in item["snippet"]
        assert data["suggestion"] is None

    def test_synonym_and_traditional_forms(self, client, indexed):
        assert get(client, q="低保")["items_total"] == 5  # four titles say only 最低生活保障
        assert get(client, q="醫保")["items_total"] == 1

    def test_facets_count_the_whole_result_set(self, client, indexed):
        data = get(client, q="低保", b_size=2)
        assert len(data["items"]) == 2
        facets = data["facets"]
        assert set(facets) == {"type", "publisher", "year", "catalog", "village"}
        assert {f["value"]: f["count"] for f in facets["year"]} == {"2026": 4, "2025": 1}
        assert {f["value"]: f["count"] for f in facets["type"]} == {"disclosure_item": 4, "policy_document": 1}
        assert facets["type"][0]["title"] == "政府信息"
        assert facets["catalog"] == [{"value": "社会救助", "title": "社会救助", "count": 5}]

    def test_filters(self, client, indexed):
        assert get(client, q="低保", type="policy_document")["items_total"] == 1
        assert get(client, q="低保", year_from=2026, year_to=2026)["items_total"] == 4
        assert get(client, publisher="明光镇财政所")["items_total"] == 1
        assert get(client, q="低保", catalog="社会救助/最低生活保障")["items_total"] == 5
        assert get(client, q="低保", catalog="农业农村")["items_total"] == 0
        assert get(client, q="低保", validity="已废止")["items_total"] == 0

    def test_repeated_filter_values_match_any(self, client, indexed):
        response = client.get("/api/search?type=policy_document&type=disclosure_item")
        assert response.json()["items_total"] == 12

    def test_sort_by_date_newest_first(self, client, indexed):
        dates = [item["date"] for item in get(client, q="低保", sort="date")["items"]]
        assert dates == sorted(dates, reverse=True)

    def test_batching_links(self, client, indexed):
        data = get(client, q="低保", b_size=2, b_start=2)
        batching = data["batching"]
        assert data["items_total"] == 5
        assert "b_start=2" in batching["@id"]
        assert "b_start=0" in batching["prev"] and "b_start=4" in batching["next"]
        assert "b_start=4" in batching["last"]
        assert "q=%E4%BD%8E%E4%BF%9D" in batching["next"]  # the query travels with the links
        assert "prev" not in get(client, q="低保", b_size=2)["batching"]

    def test_suggestion_when_nothing_matches(self, client, indexed):
        data = get(client, q="宅急地")
        assert data["items_total"] == 0
        assert data["suggestion"] == "宅基地"


class TestSuggest:
    def test_titles_containing_the_prefix(self, client, indexed):
        response = client.get("/api/search/suggest", {"q": "宅基"})
        assert response.status_code == 200
        items = response.json()["items"]
        assert items[0]["title"] == "明光镇农村宅基地审批管理暂行办法"
        assert items[0]["url"].startswith("/search/?q=")

    @pytest.mark.parametrize("q", ["", " ", "*", '"', "(", "NEAR", "😀", "a" * 200])
    def test_odd_input_is_an_empty_list_or_titles(self, client, indexed, q):
        response = client.get("/api/search/suggest", {"q": q})
        assert response.status_code == 200
        assert isinstance(response.json()["items"], list)

    def test_too_long_is_a_clear_400(self, client, indexed):
        response = client.get("/api/search/suggest", {"q": "低" * 201})
        assert response.status_code == 400
        assert "过长" in response.json()["error"]["message"]
