"""Who may publish and retract a village notice, through the admin, the service and the API.

The rule (villages.permissions): secretaries never publish; the village committee
publishes only by approving a submitted notice; taking a posted notice down (撤回)
belongs to the township's 审核员/管理员 and needs a written reason.
"""

from __future__ import annotations

import pytest

from cms.workflow.services import TransitionError, TransitionForbidden, perform_transition, review_state
from tests.villages.conftest import api_headers, api_path, make_notice, notice_form_data

pytestmark = pytest.mark.django_db


def _live(page) -> bool:
    page.refresh_from_db()
    return page.live


def _bulk_publish(client, page):
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": "on"})


class TestCommitteeCannotRetract:
    def test_service_refuses_committee_and_allows_reviewer_with_reason(self, villages_setup):
        notice = make_notice(villages_setup.a, publish=True)
        with pytest.raises(TransitionForbidden):
            perform_transition(notice, villages_setup.committee_a, "retract", "数字有误")
        assert _live(notice)
        with pytest.raises(TransitionError) as excinfo:
            perform_transition(notice, villages_setup.reviewer, "retract")
        assert "理由" in excinfo.value.message
        assert perform_transition(notice, villages_setup.reviewer, "retract", "金额有误，更正后重发") == "draft"
        assert not _live(notice)

    def test_admin_unpublish_view_refuses_committee(self, client, villages_setup):
        notice = make_notice(villages_setup.a, publish=True)
        client.force_login(villages_setup.committee_a)
        client.post(f"/admin/pages/{notice.pk}/unpublish/")
        client.post(f"/admin/workflow/pages/{notice.pk}/retract/", {"reason": "委员会想撤下"})
        client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={notice.pk}", {})
        assert _live(notice)

    def test_api_retract_is_403_for_committee(self, client, villages_setup):
        notice = make_notice(villages_setup.a, publish=True)
        response = client.post(
            api_path(notice) + "/@workflow/retract",
            data={"comment": "委员会想撤下"},
            content_type="application/json",
            **api_headers(villages_setup.committee_a),
        )
        assert response.status_code == 403
        assert _live(notice)


class TestCommitteePublishesOnlyByApproving:
    def test_no_publish_permission_outside_the_approval(self, villages_setup):
        notice = make_notice(villages_setup.a)
        perms = notice.permissions_for_user(villages_setup.committee_a)
        assert not perms.can_publish() and not perms.can_unpublish()
        assert not villages_setup.a.board_page.permissions_for_user(villages_setup.committee_a).can_publish_subpage()

    def test_bulk_publish_of_a_draft_is_refused(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        client.force_login(villages_setup.committee_a)
        _bulk_publish(client, notice)
        _bulk_publish(client, villages_setup.a.board_page)
        assert not _live(notice)
        assert review_state(notice) == "draft"

    def test_approval_still_publishes(self, villages_setup):
        notice = make_notice(villages_setup.a)
        perform_transition(notice, villages_setup.secretary_a, "submit")
        assert perform_transition(notice, villages_setup.committee_a, "approve") == "published"
        assert not notice.permissions_for_user(villages_setup.committee_a).can_publish()

    def test_admin_approval_through_workflow_action_view_publishes(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        perform_transition(notice, villages_setup.secretary_a, "submit")
        notice.refresh_from_db()
        task_state = notice.current_workflow_task_state
        client.force_login(villages_setup.committee_a)
        response = client.post(
            f"/admin/pages/workflow/action/{notice.pk}/approve/{task_state.pk}/", {"comment": "核对无误"}
        )
        assert response.status_code in (200, 302)
        assert _live(notice)


class TestSecretaryNeverPublishes:
    def test_admin_publish_button_is_refused(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        client.force_login(villages_setup.secretary_a)
        response = client.post(
            f"/admin/pages/{notice.pk}/edit/", notice_form_data(notice, action="action-publish", title="自行发布")
        )
        assert response.status_code in (200, 302)
        assert not _live(notice)
        _bulk_publish(client, notice)
        assert not _live(notice)

    def test_api_has_no_publish_for_secretary(self, client, villages_setup):
        notice = make_notice(villages_setup.a)
        headers = api_headers(villages_setup.secretary_a)
        for transition in ("approve", "publish"):
            response = client.post(
                api_path(notice) + f"/@workflow/{transition}", data={}, content_type="application/json", **headers
            )
            assert response.status_code in (400, 403, 404), transition
        assert (
            client.post(
                api_path(notice) + "/@workflow/submit", data={}, content_type="application/json", **headers
            ).status_code
            == 200
        )
        response = client.post(
            api_path(notice) + "/@workflow/approve", data={}, content_type="application/json", **headers
        )
        assert response.status_code == 403
        assert not _live(notice)
