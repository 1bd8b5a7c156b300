"""GET /api/content/<path>: the content object, its fields and its children."""

from __future__ import annotations

import pytest

from tests.cms.api.conftest import bearer

pytestmark = pytest.mark.django_db


class TestContentObject:
    def test_site_root_is_the_township(self, client, site):
        data = client.get("/api/content").json()
        assert data["@id"] == "http://testserver/api/content"
        assert data["@type"] == "TownshipPage"
        assert data["title"] == "明光镇"
        assert data["review_state"] == "published"
        assert data["office_name"] == "明光镇党政综合办公室"
        assert data["parent"] is None
        assert [item["title"] for item in data["items"]] == ["政府信息公开"]

    def test_directory_lists_only_public_children(self, client, site, path_of):
        data = client.get(path_of(site.level3)).json()
        assert data["@type"] == "CatalogDirectoryPage"
        assert data["level"] == 3
        assert [item["title"] for item in data["items"]] == ["关于发放2026年耕地地力保护补贴的公告"]
        assert data["items_total"] == 1
        item = data["items"][0]
        assert item["@id"] == "http://testserver" + path_of(site.public)
        assert item["index_number"] == site.public.index_number
        assert item["disclosed_on"] == "2026-03-05"
        assert item["description"] == "补贴标准和发放时间"

    def test_item_fields(self, client, site, path_of):
        data = client.get(path_of(site.public)).json()
        assert data["@type"] == "DisclosureItemPage"
        assert data["publisher"] == {"name": "明光镇人民政府", "short_name": ""}
        assert data["disclosure_mode"] == {"token": "主动公开", "title": "主动公开"}
        assert data["timeliness"] == {"working_days": 3, "limit": 20, "late": False}
        assert data["parent"]["title"] == "惠农补贴"
        assert data["attachments"] == []


class TestVisibilityForTheAnonymous:
    @pytest.mark.parametrize(
        "name", ["draft", "withheld", "negative", "expired", "restricted", "draft_dir", "under_draft"]
    )
    def test_hidden_pages_answer_401(self, client, site, path_of, name):
        response = client.get(path_of(getattr(site, name)))
        assert response.status_code == 401
        assert response.json()["error"]["type"] == "Unauthorized"


class TestErrors:
    def test_unknown_path_is_404(self, client, site):
        response = client.get("/api/content/xxgk/nothing-here")
        assert response.status_code == 404
        assert response.json() == {"error": {"type": "NotFound", "message": "未找到该页面"}}

    @pytest.mark.parametrize("value", ["0", "-1", "101", "abc"])
    def test_bad_b_size_is_400(self, client, site, value):
        response = client.get(f"/api/content?b_size={value}")
        assert response.status_code == 400
        assert response.json()["error"]["type"] == "BadRequest"
        assert "b_size" in response.json()["error"]["message"]

    def test_wrong_token_is_401_not_anonymous(self, client, site):
        response = client.get("/api/content", **bearer("cms_wrong"))
        assert response.status_code == 401

    def test_editor_reads_draft(self, client, site, path_of, editor_key):
        response = client.get(path_of(site.draft), **bearer(editor_key))
        assert response.status_code == 200
        assert response.json()["review_state"] == "draft"

    def test_outsider_gets_403_on_draft(self, client, site, path_of, outsider_key):
        response = client.get(path_of(site.draft), **bearer(outsider_key))
        assert response.status_code == 403
