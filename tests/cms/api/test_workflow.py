"""GET …/@workflow and POST …/@workflow/<transition>, through cms.workflow.services."""

from __future__ import annotations

import json

import pytest

from tests.cms.api.conftest import bearer

pytestmark = pytest.mark.django_db


def post(client, url, key=None, comment=None):
    body = json.dumps({"comment": comment}) if comment is not None else ""
    headers = bearer(key) if key else {}
    return client.post(url, body, content_type="application/json", **headers)


def test_public_page_workflow_shows_state_only_to_the_anonymous(client, site, path_of):
    data = client.get(path_of(site.public) + "/@workflow").json()
    assert data["review_state"] == "published"
    assert data["history"] == [] and data["transitions"] == []


def test_anonymous_cannot_read_a_draft_workflow(client, site, path_of):
    assert client.get(path_of(site.draft) + "/@workflow").status_code == 401


def test_editor_sees_history_and_transitions(client, site, path_of, editor_key):
    data = client.get(path_of(site.draft) + "/@workflow", **bearer(editor_key)).json()
    assert data["review_state"] == "draft"
    assert [h["action"] for h in data["history"]] == ["create"]
    assert data["transitions"] == [
        {"@id": "http://testserver" + path_of(site.draft) + "/@workflow/submit", "title": "提交审核"}
    ]


def test_submit_then_approve(client, site, path_of, editor_key, reviewer_key):
    url = path_of(site.draft) + "/@workflow"
    response = post(client, url + "/submit", editor_key, comment="请审核")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["review_state"] == "pending"
    assert data["action"] == "submit"
    assert data["history_entry"]["action"] == "submit" and data["history_entry"]["actor"] == "小编"

    response = post(client, url + "/approve", reviewer_key, comment="同意发布")
    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "published"
    assert client.get(path_of(site.draft)).status_code == 200  # now public


def test_post_without_body_is_accepted(client, site, path_of, editor_key):
    response = post(client, path_of(site.draft) + "/@workflow/submit", editor_key)
    assert response.status_code == 200, response.content


def test_anonymous_post_is_401(client, site, path_of):
    response = post(client, path_of(site.draft) + "/@workflow/submit", comment="x")
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "Unauthorized"


def test_unknown_transition_is_400(client, site, path_of, editor_key):
    response = post(client, path_of(site.draft) + "/@workflow/teleport", editor_key)
    assert response.status_code == 400
    assert "teleport" in response.json()["error"]["message"]


def test_transition_not_allowed_for_the_user_is_403(client, site, path_of, editor_key):
    post(client, path_of(site.draft) + "/@workflow/submit", editor_key)
    response = post(client, path_of(site.draft) + "/@workflow/approve", editor_key)
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "Forbidden"


def test_reject_without_comment_is_400(client, site, path_of, editor_key, reviewer_key):
    post(client, path_of(site.draft) + "/@workflow/submit", editor_key)
    response = post(client, path_of(site.draft) + "/@workflow/reject", reviewer_key)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_outsider_cannot_touch_a_draft(client, site, path_of, outsider_key):
    assert post(client, path_of(site.draft) + "/@workflow/submit", outsider_key).status_code == 403
