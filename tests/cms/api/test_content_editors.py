"""What a token holder sees: drafts, latest revisions, hidden children; and item relations."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.disclosure.models import ItemKind
from tests.cms.api.conftest import bearer
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def test_editor_lists_every_child(client, site, path_of, editor_key):
    titles = [i["title"] for i in client.get(path_of(site.level3), **bearer(editor_key)).json()["items"]]
    assert "草稿：补贴名单" in titles and "不予公开的信息" in titles and len(titles) == 6


def test_editor_reads_the_latest_revision_anonymous_the_live_one(client, site, path_of, editor_key):
    page = site.public
    page.title = "修改后的标题"
    page.save_revision()
    assert client.get(path_of(page)).json()["title"] == "关于发放2026年耕地地力保护补贴的公告"
    data = client.get(path_of(page), **bearer(editor_key)).json()
    assert data["title"] == "修改后的标题"
    assert data["has_unpublished_changes"] is True


def test_outsider_sees_public_pages_but_not_drafts(client, site, path_of, outsider_key):
    assert client.get(path_of(site.public), **bearer(outsider_key)).status_code == 200
    titles = [i["title"] for i in client.get(path_of(site.level3), **bearer(outsider_key)).json()["items"]]
    assert titles == ["关于发放2026年耕地地力保护补贴的公告"]
    response = client.get(path_of(site.withheld), **bearer(outsider_key))
    assert response.status_code == 403
    assert response.json()["error"] == {"type": "Forbidden", "message": "您没有查看该页面的权限"}


def test_late_item_is_flagged(client, site, path_of):
    item = make_item(site.level3, "迟到的公开", created_on=dt.date(2026, 1, 5), disclosed_on=dt.date(2026, 3, 5))
    timeliness = client.get(path_of(item)).json()["timeliness"]
    assert timeliness["late"] is True and timeliness["working_days"] > 20


class TestPolicyAndInterpretations:
    @pytest.fixture
    def policy(self, site):
        return make_item(site.level3, "明光镇耕地保护办法", kind=ItemKind.POLICY)

    def test_links_both_ways(self, client, site, path_of, policy):
        reading = make_item(
            site.level3, "《耕地保护办法》解读", kind=ItemKind.INTERPRETATION, interpreted_document=policy
        )
        policy_data = client.get(path_of(policy)).json()
        assert policy_data["interpretations"] == [
            {"@id": "http://testserver" + path_of(reading), "@type": "DisclosureItemPage", "title": reading.title}
        ]
        assert client.get(path_of(reading)).json()["interpreted_document"]["title"] == "明光镇耕地保护办法"

    def test_hidden_interpretation_is_not_linked_for_the_public(self, client, site, path_of, policy, editor_key):
        make_item(site.level3, "未发布的解读", kind=ItemKind.INTERPRETATION, interpreted_document=policy, publish=False)
        assert client.get(path_of(policy)).json()["interpretations"] == []
        assert len(client.get(path_of(policy), **bearer(editor_key)).json()["interpretations"]) == 1


def test_id_of_a_draft_is_its_resource_url_even_when_the_draft_renames_it(client, site, path_of, editor_key):
    page = site.public
    page.slug = "renamed-in-draft"
    page.save_revision()
    data = client.get(path_of(page), **bearer(editor_key)).json()
    assert data["@id"] == "http://testserver" + path_of(page)
    assert data["slug"] == "renamed-in-draft"
