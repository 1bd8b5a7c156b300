"""The appeal admin: listing (masked, constant queries), no generic add/edit/delete, the hotline form."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grid.models import Appeal
from tests.grid.factories import make_user, receive

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/grid/appeal/"


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(superuser=True))
    return client


class TestGenericViewsAreOff:
    """Appeals are created by intake and changed by actions only — even a superuser gets no generic forms."""

    def test_add_edit_copy_delete_are_not_available(self, admin_client, township, setup):
        appeal = receive(township, setup)
        for url in (
            f"{LISTING}add/",
            f"{LISTING}edit/{appeal.pk}/",
            f"{LISTING}copy/{appeal.pk}/",
            f"{LISTING}delete/{appeal.pk}/",
        ):
            assert admin_client.get(url).status_code in (403, 404), url
        response = admin_client.post(f"{LISTING}delete/{appeal.pk}/")
        assert response.status_code in (403, 404)
        response = admin_client.post(f"{LISTING}add/", {"description": "绕过受理"})
        assert response.status_code in (403, 404)
        assert Appeal.objects.count() == 1

    def test_listing_works_and_offers_no_add_or_edit_link(self, admin_client, township, setup):
        appeal = receive(township, setup)
        response = admin_client.get(LISTING)
        body = response.content.decode()
        assert response.status_code == 200
        assert appeal.serial in body and f"/admin/grid/appeals/{appeal.pk}/" in body
        assert f"{LISTING}add/" not in body and f"{LISTING}edit/{appeal.pk}/" not in body

    def test_viewer_without_superuser_sees_the_listing(self, client, township, setup):
        receive(township, setup)
        client.force_login(make_user("viewer", "grid.view_appeal", "wagtailadmin.access_admin"))
        assert client.get(LISTING).status_code == 200


class TestListingQueries:
    def test_query_count_does_not_grow_with_appeals(self, admin_client, township, setup):
        for index in range(3):
            receive(township, setup, description=f"诉求 {index}")
        admin_client.get(LISTING)  # warm caches (site, calendar, content types)
        with CaptureQueriesContext(connection) as three:
            assert admin_client.get(LISTING).status_code == 200
        for index in range(27):
            receive(township, setup, description=f"更多诉求 {index}")
        with CaptureQueriesContext(connection) as thirty:
            response = admin_client.get(LISTING)
        assert response.content.decode().count("/admin/grid/appeals/") >= 30
        assert len(thirty) == len(three), [q["sql"] for q in thirty.captured_queries]


class TestHotlineForm:
    def post(self, client, setup, **extra):
        data = {
            "category": setup["category"].pk,
            "grid_unit": setup["grid"].pk,
            "source": "hotline",
            "description": "来电反映：村口水管破裂",
            "appellant_name": "李四",
            "appellant_phone": "13712345678",
            "appellant_id_number": "530581199001011234",
            **extra,
        }
        return client.post("/admin/grid/hotline/", data)

    def test_operator_creates_a_hotline_appeal_masked_in_the_listing(self, client, township, setup):
        operator = make_user("operator", "grid.add_appeal", "grid.view_appeal", "wagtailadmin.access_admin")
        client.force_login(operator)
        assert client.get("/admin/grid/hotline/").status_code == 200
        response = self.post(client, setup)
        appeal = Appeal.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/admin/grid/appeals/{appeal.pk}/"
        assert appeal.source == "hotline" and appeal.appellant_phone == "13712345678"
        assert appeal.serial and appeal.due_on and appeal.events.get().action == "receive"
        body = client.get(LISTING).content.decode()
        assert appeal.serial in body and "137****5678" in body
        assert "13712345678" not in body and "李四" not in body

    def test_bad_phone_is_refused_and_nothing_saved(self, client, township, setup):
        client.force_login(make_user("operator", "grid.add_appeal", "wagtailadmin.access_admin"))
        response = self.post(client, setup, appellant_phone="1234")
        assert response.status_code == 200 and "电话号码格式有误" in response.content.decode()
        assert not Appeal.objects.exists()

    def test_without_add_permission_refused(self, client, township, setup):
        client.force_login(make_user("viewer", "grid.view_appeal", "wagtailadmin.access_admin"))
        response = self.post(client, setup)
        assert response.status_code in (302, 403)
        assert not Appeal.objects.exists()
