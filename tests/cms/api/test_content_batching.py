"""Batching (b_start/b_size), expand and @components of GET /api/content/<path>."""

from __future__ import annotations

import pytest

from tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_items(site):
    make_item(site.level3, "第二条")
    make_item(site.level3, "第三条")
    return site


def test_first_batch_has_next_but_no_prev(client, three_items, path_of):
    base = "http://testserver" + path_of(three_items.level3)
    data = client.get(path_of(three_items.level3), {"b_size": 1}).json()
    assert data["items_total"] == 3
    assert len(data["items"]) == 1
    assert data["batching"] == {
        "@id": f"{base}?b_size=1&b_start=0",
        "first": f"{base}?b_size=1&b_start=0",
        "last": f"{base}?b_size=1&b_start=2",
        "next": f"{base}?b_size=1&b_start=1",
    }


def test_middle_batch_has_prev_and_next(client, three_items, path_of):
    batching = client.get(path_of(three_items.level3), {"b_size": 1, "b_start": 1}).json()["batching"]
    assert batching["prev"].endswith("b_start=0")
    assert batching["next"].endswith("b_start=2")


def test_last_batch_has_prev_but_no_next(client, three_items, path_of):
    data = client.get(path_of(three_items.level3), {"b_size": 1, "b_start": 2}).json()
    assert [item["title"] for item in data["items"]] == ["第三条"]
    assert "next" not in data["batching"] and data["batching"]["prev"].endswith("b_start=1")


def test_start_past_the_end_is_an_empty_batch(client, three_items, path_of):
    data = client.get(path_of(three_items.level3), {"b_start": 50}).json()
    assert data["items"] == [] and data["items_total"] == 3


def test_negative_b_start_is_400(client, site):
    response = client.get("/api/content", {"b_start": -1})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "参数有误：b_start 不能小于 0"


def test_b_size_over_100_message_is_chinese(client, site):
    assert client.get("/api/content", {"b_size": 101}).json()["error"]["message"] == "参数有误：b_size 不能大于 100"


class TestComponents:
    def test_without_expand_components_are_links(self, client, site, path_of):
        base = "http://testserver" + path_of(site.level1)
        components = client.get(path_of(site.level1)).json()["@components"]
        assert components == {
            "breadcrumbs": {"@id": f"{base}/@breadcrumbs"},
            "navigation": {"@id": f"{base}/@navigation"},
            "workflow": {"@id": f"{base}/@workflow"},
        }

    def test_expand_inlines_breadcrumbs_and_navigation(self, client, site, path_of):
        components = client.get(path_of(site.level2), {"expand": "breadcrumbs,navigation"}).json()["@components"]
        assert [c["title"] for c in components["breadcrumbs"]["items"]] == [
            "政府信息公开",
            "农业农村",
            "农业农村政策落实",
        ]
        assert components["breadcrumbs"]["root"] == "http://testserver/api/content"
        assert [c["title"] for c in components["navigation"]["items"]] == ["政府信息公开"]
        assert set(components["workflow"]) == {"@id"}

    def test_unknown_expand_is_400(self, client, site):
        response = client.get("/api/content", {"expand": "breadcrumbs,comments"})
        assert response.status_code == 400
        assert "comments" in response.json()["error"]["message"]

    def test_component_endpoints(self, client, site, path_of):
        crumbs = client.get(path_of(site.level1) + "/@breadcrumbs").json()
        assert [c["title"] for c in crumbs["items"]] == ["政府信息公开", "农业农村"]
        assert client.get("/api/content/@breadcrumbs").json()["items"] == []
        assert client.get("/api/content/@navigation").json()["items"][0]["title"] == "政府信息公开"

    def test_component_of_hidden_page_is_401(self, client, site, path_of):
        assert client.get(path_of(site.draft) + "/@breadcrumbs").status_code == 401


def test_unmatched_api_url_is_json_404(client, site):
    response = client.get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"
