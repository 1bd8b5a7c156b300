"""Guides in the headless API: every element, materials and steps as lists, counts on the index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_guide

pytestmark = pytest.mark.django_db


def api_url(page, township) -> str:
    return "/api/content/" + page.url_path[len(township.url_path) :].strip("/")


class TestGuideApi:
    def test_guide_has_every_element(self, client, township, guide_index):
        guide = make_guide(guide_index, code="SHJZ-001", topic="social_assistance", for_enterprise=True)
        data = client.get(api_url(guide, township)).json()
        assert data["@type"] == "ServiceGuidePage"
        assert data["code"] == "SHJZ-001"
        assert data["topic"] == {"token": "social_assistance", "title": "社会救助"}
        assert [a["token"] for a in data["audience"]] == ["personal", "enterprise"]
        assert data["materials"][0]["name"] == "居民身份证" and data["materials"][1]["copies"] == 2
        assert [s["name"] for s in data["steps"]] == ["申请", "审核"]
        assert data["steps"][1]["time_limit"] == "10个工作日"
        for key in ("legal_basis", "conditions", "location", "window", "office_hours", "phone", "complaint_phone",
                    "legal_time_limit", "promised_time_limit", "fees", "visits", "delivery"):  # fmt: skip
            assert data[key] not in (None, ""), key
        assert data["complete"] is True and data["missing_elements"] == []
        assert data["pdf"].endswith(guide.url + "pdf/")

    def test_draft_guide_is_401_for_anonymous(self, client, township, guide_index):
        guide = make_guide(guide_index, publish=False)
        assert client.get(api_url(guide, township)).status_code == 401

    def test_index_lists_guides_with_counts(self, client, township, guide_index):
        make_guide(guide_index, "甲", topic="market", for_enterprise=True)
        make_guide(guide_index, "乙", topic="household")
        data = client.get(api_url(guide_index, township)).json()
        assert data["items_total"] == 2
        assert {i["title"] for i in data["items"]} == {"甲", "乙"}
        assert data["items"][0]["topic"]["token"] in ("market", "household")
        assert {t["token"]: t["count"] for t in data["topics"]} == {"market": 1, "household": 1}
        assert {a["token"]: a["count"] for a in data["audiences"]} == {"personal": 2, "enterprise": 1}

    def test_index_3_and_30_guides_cost_the_same(self, client, township, guide_index, django_assert_num_queries):
        for n in range(3):
            make_guide(guide_index, f"指南{n}")
        url = api_url(guide_index, township)
        client.get(url, {"b_size": 100})
        with CaptureQueriesContext(connection) as three:
            client.get(url, {"b_size": 100})
        for n in range(3, 30):
            make_guide(guide_index, f"指南{n}")
        with django_assert_num_queries(len(three.captured_queries)):
            assert client.get(url, {"b_size": 100}).json()["items_total"] == 30
