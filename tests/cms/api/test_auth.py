"""Tokens: @login/@logout, Bearer headers, expiry, and the create_api_token command."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.api.models import ApiToken
from cms.api.tokens import api_token_create, hash_key
from tests.cms.api.conftest import bearer
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def login(client, username, password):
    body = json.dumps({"login": username, "password": password})
    return client.post("/api/@login", body, content_type="application/json")


def test_login_returns_a_working_token(client, site, path_of, editor):
    response = login(client, "editor", "pass")
    assert response.status_code == 200
    key = response.json()["token"]
    assert ApiToken.objects.get(user=editor).key_hash == hash_key(key)  # only the digest is stored
    assert client.get(path_of(site.draft), **bearer(key)).status_code == 200


def test_wrong_password_is_401(client, editor):
    response = login(client, "editor", "nope")
    assert response.status_code == 401
    assert response.json() == {"error": {"type": "Unauthorized", "message": "用户名或密码错误"}}


def test_user_without_admin_access_cannot_log_in(client, db):
    make_user("citizen")
    assert login(client, "citizen", "pass").status_code == 403


def test_missing_field_is_400_in_chinese(client, db):
    response = client.post("/api/@login", json.dumps({"login": "x"}), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "参数有误：password 缺少必填项"


def test_logout_revokes_the_token(client, site, editor_key):
    assert client.post("/api/@logout", **bearer(editor_key)).status_code == 204
    assert client.get("/api/content", **bearer(editor_key)).status_code == 401


def test_expired_token_is_401(client, site, editor):
    _, key = api_token_create(user=editor, expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/api/content", **bearer(key))
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "令牌无效或已过期"


def test_other_scheme_is_401(client, site):
    assert client.get("/api/content", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").status_code == 401


def test_token_of_a_user_who_lost_admin_access_is_403(client, site, editor, editor_key):
    editor.groups.clear()
    assert client.get("/api/content", **bearer(editor_key)).status_code == 403


def test_last_used_at_is_recorded(client, site, editor, editor_key):
    client.get("/api/content", **bearer(editor_key))
    assert ApiToken.objects.get(user=editor).last_used_at is not None


class TestCreateApiTokenCommand:
    def test_prints_the_key_once(self, client, site, editor):
        out = io.StringIO()
        call_command("create_api_token", "editor", "--name", "同步脚本", stdout=out)
        key = out.getvalue().strip().splitlines()[-1]
        token = ApiToken.objects.get(user=editor)
        assert token.name == "同步脚本" and token.expires_at is None
        assert client.get("/api/content", **bearer(key)).status_code == 200

    def test_unknown_user(self, db):
        with pytest.raises(CommandError, match="不存在"):
            call_command("create_api_token", "ghost")

    def test_user_without_admin_access(self, db):
        make_user("citizen")
        with pytest.raises(CommandError, match="后台访问权限"):
            call_command("create_api_token", "citizen")
