"""Intake pages: public form (escaping, photo size, rate limit), status lookup, worker form, admin pages."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from cms.core.privacy import mask_id_number, mask_name, mask_phone
from grid.actions import perform_appeal_action
from grid.models import Appeal, IdentityAccessLog
from tests.grid.factories import make_user, make_worker, receive

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def post_public(client, setup, **extra):
    data = {
        "category": setup["category"].pk,
        "grid_unit": setup["grid"].pk,
        "description": "村口路灯坏了",
        "appellant_name": "张三",
        "appellant_phone": "13912345678",
        **extra,
    }
    return client.post("/appeals/new/", data)


class TestPublicForm:
    def test_anonymous_submission_is_received(self, client, setup):
        response = post_public(client, setup)
        assert response.status_code == 200
        appeal = Appeal.objects.get()
        assert appeal.source == "online" and appeal.serial in response.content.decode()

    def test_script_tags_are_stored_as_text_and_escaped(self, client, setup):
        post_public(client, setup, description="<script>alert(1)</script>路灯")
        appeal = Appeal.objects.get()
        assert appeal.description == "<script>alert(1)</script>路灯"
        response = client.get("/appeals/status/", {"serial": appeal.serial, "phone_last4": "5678"})
        body = response.content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;路灯" in body

    def test_ten_megabyte_photo_is_refused(self, client, setup):
        photo = SimpleUploadedFile("big.jpg", b"\xff" * (10 * 1024 * 1024), content_type="image/jpeg")
        response = post_public(client, setup, photo=photo)
        assert "照片过大（10.0 MB），请上传不超过 5 MB 的图片" in response.content.decode()
        assert not Appeal.objects.exists()

    def test_malformed_phone_gets_a_message(self, client, setup):
        response = post_public(client, setup, appellant_phone="12345")
        assert "电话号码格式有误" in response.content.decode()
        assert not Appeal.objects.exists()

    @override_settings(GRID_PUBLIC_RATE_LIMIT=(2, 3600))
    def test_rate_limited_per_ip(self, client, setup):
        assert post_public(client, setup).status_code == 200
        assert post_public(client, setup).status_code == 200
        response = post_public(client, setup)
        assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
        assert Appeal.objects.count() == 2


class TestStatusLookup:
    def test_wrong_digits_reveal_nothing(self, client, township, setup):
        appeal = receive(township, setup)
        response = client.get("/appeals/status/", {"serial": appeal.serial, "phone_last4": "0000"})
        assert "未找到该诉求" in response.content.decode()
        assert "村口路灯" not in response.content.decode()

    def test_confidential_hides_grid_and_identity_is_never_shown(self, client, township, setup):
        appeal = receive(township, setup, is_confidential=True)
        body = client.get("/appeals/status/", {"serial": appeal.serial, "phone_last4": "5678"}).content.decode()
        assert setup["grid"].name not in body and "张三" not in body and "13912345678" not in body

    def test_constant_queries(self, client, township, setup, django_assert_max_num_queries):
        appeal = receive(township, setup)
        with django_assert_max_num_queries(8):
            client.get("/appeals/status/", {"serial": appeal.serial, "phone_last4": "5678"})


class TestWorkerForm:
    def test_login_required(self, client):
        assert client.get("/appeals/worker/").status_code == 302

    def test_worker_sees_likely_duplicates_before_saving(self, client, township, setup):
        worker = make_worker(township, setup["grid"])
        receive(township, setup, description="村口路灯坏了，晚上看不见路")
        client.force_login(worker.user)
        data = {"category": setup["category"].pk, "grid_unit": setup["grid"].pk, "description": "村口的路灯坏了"}
        response = client.post("/appeals/worker/", data)
        assert "可能重复" in response.content.decode()
        assert Appeal.objects.count() == 1
        client.post("/appeals/worker/", {**data, "confirm_new": "1"})
        appeal = Appeal.objects.order_by("-pk").first()
        assert Appeal.objects.count() == 2 and appeal.source == "grid_visit"


class TestPrivacy:
    def test_masks(self):
        assert mask_name("张三") == "张*"
        assert mask_phone("13912345678") == "139****5678"
        assert mask_id_number("530581199001011234") == "5305**********1234"

    def test_admin_detail_masks_without_permission_and_logs_full_views(self, client, township, setup):
        appeal = receive(township, setup, appellant_id_number="530581199001011234")
        viewer = make_user("viewer", "grid.view_appeal", "wagtailadmin.access_admin")
        client.force_login(viewer)
        body = client.get(f"/admin/grid/appeals/{appeal.pk}/").content.decode()
        assert "139****5678" in body and "13912345678" not in body
        assert not IdentityAccessLog.objects.exists()
        full = make_user("full", "grid.view_appeal", "grid.view_appellant_identity", "wagtailadmin.access_admin")
        client.force_login(full)
        body = client.get(f"/admin/grid/appeals/{appeal.pk}/").content.decode()
        assert "13912345678" in body and "530581199001011234" in body
        assert IdentityAccessLog.objects.filter(user=full, appeal=appeal, purpose="admin_detail").count() == 1

    def test_admin_detail_links_the_photo(self, client, township, setup):
        appeal = receive(township, setup, media_url="https://img.example.cn/a.jpg")
        client.force_login(make_user(superuser=True))
        body = client.get(f"/admin/grid/appeals/{appeal.pk}/").content.decode()
        assert 'href="https://img.example.cn/a.jpg"' in body and 'rel="noopener noreferrer"' in body
        plain = receive(township, setup, description="路灯不亮")
        assert "<dt>照片</dt>" not in client.get(f"/admin/grid/appeals/{plain.pk}/").content.decode()

    def test_admin_listing_masks_identity(self, client, township, setup):
        receive(township, setup)
        client.force_login(make_user(superuser=True))
        body = client.get("/admin/snippets/grid/appeal/").content.decode()
        assert "139****5678" in body and "13912345678" not in body

    def test_admin_action_button_runs_the_action(self, client, township, setup):
        appeal = receive(township, setup)
        client.force_login(make_user(superuser=True))
        response = client.post(f"/admin/grid/appeals/{appeal.pk}/action/archive/", {"version": appeal.version})
        assert response.status_code == 302
        appeal.refresh_from_db()
        assert appeal.status == "received"
        client.post(f"/admin/grid/appeals/{appeal.pk}/action/dispatch/", {"version": appeal.version})
        appeal.refresh_from_db()
        assert appeal.status == "dispatched"
        perform_appeal_action  # noqa: B018 - same actions as the API
