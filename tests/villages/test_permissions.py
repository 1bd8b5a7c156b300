"""A secretary of village A can neither see drafts of, create in, edit nor publish in village B."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from tests.villages.conftest import make_notice

pytestmark = pytest.mark.django_db


class TestVillageSetup:
    def test_creating_a_village_creates_board_groups_and_scoped_permissions(self, villages_setup):
        a = villages_setup.a
        board = a.board_page
        assert board.get_parent().specific.title == "村务公开"
        assert a.secretaries_group.name == "红星村务公开员"
        assert a.committee_group.name == "红星村务监督委员会"
        codenames = set(
            GroupPagePermission.objects.filter(group=a.secretaries_group).values_list("permission__codename", flat=True)
        )
        assert codenames == {"add_page", "change_page", "lock_page"}
        assert not GroupPagePermission.objects.filter(group=a.secretaries_group).exclude(page=board).exists()
        assert Group.objects.filter(name__endswith="村务公开员").count() == 2


class TestSecretaryAdminViews:
    def test_secretary_edits_own_village(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        client.force_login(villages_setup.secretary_a)
        assert client.get(f"/admin/pages/{notice.pk}/edit/").status_code == 200
        assert (
            client.get(f"/admin/pages/add/villages/villagenoticepage/{villages_setup.a.board_page.pk}/").status_code
            == 200
        )

    def test_secretary_of_a_cannot_touch_b(self, client, villages_setup):
        draft_b = make_notice(villages_setup.b, title="光明村草稿公告")
        board_b = villages_setup.b.board_page
        client.force_login(villages_setup.secretary_a)
        explorer = client.get(f"/admin/pages/{board_b.pk}/")
        assert explorer.status_code in (302, 403) or "光明村草稿公告" not in explorer.content.decode()
        assert client.get(f"/admin/pages/{draft_b.pk}/edit/").status_code in (302, 403)
        assert client.get(f"/admin/pages/add/villages/villagenoticepage/{board_b.pk}/").status_code in (302, 403)
        response = client.post(f"/admin/pages/{draft_b.pk}/edit/", {"title": "改", "action-publish": "1"})
        assert response.status_code in (302, 403)
        draft_b.refresh_from_db()
        assert draft_b.title == "光明村草稿公告" and not draft_b.live
        assert client.post(f"/admin/pages/{draft_b.pk}/publish/").status_code in (302, 403, 404, 405)
        draft_b.refresh_from_db()
        assert not draft_b.live

    def test_secretary_cannot_publish_even_own(self, villages_setup):
        notice = make_notice(villages_setup.a)
        perms = notice.permissions_for_user(villages_setup.secretary_a)
        assert perms.can_edit() and not perms.can_publish()
        assert not notice.permissions_for_user(villages_setup.secretary_b).can_edit()


class TestSecretaryApi:
    def _auth(self, user):
        from cms.api.tokens import api_token_create

        _token, key = api_token_create(user=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def _path(self, page):
        site_root = page.get_site().root_page
        return "/api/content/" + page.url_path[len(site_root.url_path) :].strip("/")

    def test_draft_of_b_is_403_for_secretary_a(self, client, villages_setup):
        draft_b = make_notice(villages_setup.b)
        own = make_notice(villages_setup.a)
        headers_a = self._auth(villages_setup.secretary_a)
        assert client.get(self._path(own), **headers_a).status_code == 200
        assert client.get(self._path(draft_b), **headers_a).status_code == 403
        response = client.post(
            self._path(draft_b) + "/@workflow/submit", data={}, content_type="application/json", **headers_a
        )
        assert response.status_code == 403

    def test_committee_of_b_cannot_approve_a(self, client, villages_setup):
        from cms.workflow.services import perform_transition

        notice = make_notice(villages_setup.a)
        perform_transition(notice, villages_setup.secretary_a, "submit")
        response = client.post(
            self._path(notice) + "/@workflow/approve",
            data={},
            content_type="application/json",
            **self._auth(villages_setup.committee_b),
        )
        assert response.status_code == 403
