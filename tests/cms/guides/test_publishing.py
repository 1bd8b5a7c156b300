"""Publishing is refused while any of the 8 required categories is empty — on every path."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cms.guides.exceptions import GuideIncompleteError
from cms.guides.models import ServiceGuidePage
from cms.workflow import services
from cms.workflow.roles import ADMINISTRATORS, EDITORS, REVIEWERS
from cms.workflow.services import TransitionError
from tests.cms.workflow.admin_forms import form_data
from tests.factories import make_guide, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return make_user("guideadmin", ADMINISTRATORS, is_superuser=True, is_staff=True)


def _edit_form(client, page) -> dict:
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode(), action_contains=f"/pages/{page.pk}/edit/")


class TestPublishGuard:
    def test_revision_publish_is_refused_naming_what_is_missing(self, guide_index):
        guide = make_guide(guide_index, "空白指南", publish=False, complete=False, location="便民服务中心")
        with pytest.raises(GuideIncompleteError) as exc:
            guide.save_revision().publish()
        assert "设定依据" in exc.value.message and "办理流程" in exc.value.message
        assert "办理地点" not in exc.value.message
        guide.refresh_from_db()
        assert not guide.live

    def test_complete_guide_publishes(self, guide_index):
        guide = make_guide(guide_index)
        assert ServiceGuidePage.objects.live().filter(pk=guide.pk).exists()

    def test_draft_may_be_incomplete(self, guide_index):
        guide = make_guide(guide_index, "草稿", publish=False, complete=False)
        guide.save_revision()  # no error: only publishing needs the 8 categories
        assert guide.latest_revision is not None


class TestPublishThroughWorkflow:
    def test_approve_of_incomplete_guide_is_refused(self, guide_index):
        editor = make_user("ed", EDITORS)
        reviewer = make_user("rev", REVIEWERS)
        guide = make_guide(guide_index, "缺材料的指南", publish=False, complete=False, legal_basis="依据")
        services.perform_transition(guide, editor, "submit", "请审核")
        with pytest.raises(TransitionError) as exc:
            services.perform_transition(guide, reviewer, "approve", "同意")
        assert "办理材料" in exc.value.message
        guide.refresh_from_db()
        assert not guide.live
        assert services.review_state(guide) == "pending"

    def test_approve_of_complete_guide_publishes(self, guide_index):
        editor = make_user("ed", EDITORS)
        reviewer = make_user("rev", REVIEWERS)
        guide = make_guide(guide_index, publish=False)
        services.perform_transition(guide, editor, "submit")
        assert services.perform_transition(guide, reviewer, "approve") == "published"


class TestPublishInAdmin:
    def test_publish_action_shows_what_is_missing(self, client, admin_user, guide_index):
        guide = make_guide(guide_index, "要素不全", publish=False, complete=False, phone="0875-1")
        client.force_login(admin_user)
        data = _edit_form(client, guide)
        data["action-publish"] = "action-publish"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
        assert response.status_code == 200
        text = response.content.decode()
        assert "办事指南要素不全，不能发布" in text
        assert "设定依据" in text
        guide.refresh_from_db()
        assert not guide.live

    def test_save_draft_of_incomplete_guide_works(self, client, admin_user, guide_index):
        guide = make_guide(guide_index, "要素不全", publish=False, complete=False)
        client.force_login(admin_user)
        data = _edit_form(client, guide)
        data["title"] = "要素不全（改）"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
        assert response.status_code == 302
        assert ServiceGuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object().title == "要素不全（改）"

    def test_publish_of_complete_guide_in_admin(self, client, admin_user, guide_index):
        guide = make_guide(guide_index, "齐全", publish=False)
        client.force_login(admin_user)
        data = _edit_form(client, guide)
        data["action-publish"] = "action-publish"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)
        assert response.status_code == 302
        guide.refresh_from_db()
        assert guide.live
