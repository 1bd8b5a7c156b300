"""The real Wagtail admin, per role: no publishing around the review, 撤回 with a reason."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from cms.workflow import services
from tests.cms.workflow.admin_forms import form_data


def fresh_state(page) -> str:
    """review_state of a freshly loaded page (review_state caches the workflow state on the instance)."""
    return services.review_state(Page.objects.get(pk=page.pk))


def assert_permission_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect home and an error message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page) -> dict:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return form_data(response.content.decode(), action_contains=f"/pages/{page.pk}/edit/")


@pytest.fixture
def pending(draft, editor):
    services.perform_transition(draft, editor, "submit")
    return draft


@pytest.mark.django_db
class TestEditorCannotPublish:
    def test_edit_view_offers_submit_not_publish(self, client, draft, editor):
        client.force_login(editor)
        html = client.get(edit_url(draft)).content.decode()
        assert 'name="action-submit"' in html
        assert 'name="action-publish"' not in html

    def test_publish_post_is_refused(self, client, draft, editor):
        client.force_login(editor)
        data = edit_form(client, draft)
        data["title"] = "编辑试图直接发布"
        data["action-publish"] = "action-publish"

        response = client.post(edit_url(draft), data)

        assert response.status_code == 302
        draft.refresh_from_db()
        assert not draft.live
        assert draft.get_latest_revision().as_object().title == "编辑试图直接发布"  # saved as a draft only
        assert not PageLogEntry.objects.filter(page=draft, action="wagtail.publish").exists()

    def test_publish_on_create_is_refused(self, client, tree, editor):
        from cms.disclosure.models import DisclosureItemPage
        from tests.factories import make_organisation

        parent = tree[-1]
        url = reverse("wagtailadmin_pages:add", args=("disclosure", "disclosureitempage", parent.pk))
        client.force_login(editor)
        response = client.get(url)
        assert response.status_code == 200
        data = form_data(response.content.decode(), action_contains=url)
        data.update(
            {
                "title": "编辑新建并试图发布",
                "slug": "new-by-editor",
                "publisher": str(make_organisation().pk),
                "created_on": "2026-03-02",
                "action-publish": "action-publish",
            }
        )

        response = client.post(url, data)

        assert response.status_code == 302
        page = DisclosureItemPage.objects.get(slug="new-by-editor")
        assert not page.live

    def test_bulk_publish_is_refused(self, client, draft, editor):
        client.force_login(editor)
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={draft.pk}"
        client.post(url, {"include_descendants": ""})
        draft.refresh_from_db()
        assert not draft.live

    def test_submit_from_the_edit_view_starts_the_shared_review(self, client, draft, editor):
        client.force_login(editor)
        data = edit_form(client, draft)
        data["action-submit"] = "action-submit"

        response = client.post(edit_url(draft), data)

        assert response.status_code == 302
        assert fresh_state(draft) == "pending"


@pytest.mark.django_db
class TestReviewInTheAdmin:
    def workflow_action_url(self, page, action):
        return reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, action, page.current_workflow_task_state.pk),
        )

    def test_reviewer_approves_from_the_moderation_ui(self, client, pending, reviewer):
        client.force_login(reviewer)
        response = client.post(self.workflow_action_url(pending, "approve"), {"comment": "同意"})
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.live
        assert services.workflow_history(pending)[-2]["comment"] == "同意"

    def test_reject_modal_requires_a_comment(self, client, pending, reviewer):
        client.force_login(reviewer)
        url = self.workflow_action_url(pending, "reject")
        client.post(url, {"comment": ""})
        assert fresh_state(pending) == "pending"

        client.post(url, {"comment": "请补充文号"})
        assert fresh_state(pending) == "draft"
        assert services.workflow_history(pending)[-1]["comment"] == "请补充文号"

    def test_reject_through_the_edit_form_without_comment_is_a_400(self, client, pending, reviewer):
        client.force_login(reviewer)
        data = edit_form(client, pending)
        data.update({"action-workflow-action": "true", "workflow-action-name": "reject"})
        data["workflow-action-extra-data"] = json.dumps({"comment": ""})

        response = client.post(edit_url(pending), data)

        assert response.status_code == 400
        assert fresh_state(pending) == "pending"

    def test_editor_cannot_use_the_moderation_ui(self, client, pending, editor):
        client.force_login(editor)
        response = client.post(self.workflow_action_url(pending, "approve"), {"comment": ""})
        assert_permission_denied(response)
        assert fresh_state(pending) == "pending"


@pytest.mark.django_db
class TestRetractView:
    def url(self, page):
        return reverse("workflow_retract", args=(page.pk,))

    def test_reviewer_sees_retract_instead_of_unpublish(self, client, live_item, reviewer):
        client.force_login(reviewer)
        html = client.get(edit_url(live_item)).content.decode()
        assert "撤回（需填写理由）" in html
        assert self.url(live_item) in html
        # The footer action menu drops Wagtail's reason-less "Unpublish" (the header's "more" menu keeps it,
        # guarded by before_unpublish_page below).
        assert f'href="{reverse("wagtailadmin_pages:unpublish", args=(live_item.pk,))}"' not in html

    def test_explorer_more_menu_offers_retract_not_unpublish(self, client, tree, live_item, reviewer):
        client.force_login(reviewer)
        response = client.get(reverse("wagtailadmin_explore", args=(tree[-1].pk,)))
        html = response.content.decode()
        assert self.url(live_item) in html
        assert reverse("wagtailadmin_pages:unpublish", args=(live_item.pk,)) not in html

    def test_administrator_keeps_plain_unpublish_in_explorer(self, client, tree, live_item, administrator):
        client.force_login(administrator)
        html = client.get(reverse("wagtailadmin_explore", args=(tree[-1].pk,))).content.decode()
        assert reverse("wagtailadmin_pages:unpublish", args=(live_item.pk,)) in html

    def test_reason_form(self, client, live_item, reviewer):
        client.force_login(reviewer)
        assert client.get(self.url(live_item)).status_code == 200

        response = client.post(self.url(live_item), {"reason": "  "})
        assert response.status_code == 200
        assert "撤回必须填写理由" in response.content.decode()
        live_item.refresh_from_db()
        assert live_item.live

        response = client.post(self.url(live_item), {"reason": "文号错误"})
        assert response.status_code == 302
        live_item.refresh_from_db()
        assert not live_item.live
        entry = PageLogEntry.objects.get(page=live_item, action="workflow.retract")
        assert (entry.user, entry.data["comment"]) == (reviewer, "文号错误")

    def test_editor_is_forbidden(self, client, live_item, editor):
        client.force_login(editor)
        assert_permission_denied(client.get(self.url(live_item)))
        assert_permission_denied(client.post(self.url(live_item), {"reason": "x"}))
        live_item.refresh_from_db()
        assert live_item.live

    def test_draft_redirects_with_message(self, client, draft, reviewer):
        client.force_login(reviewer)
        response = client.get(self.url(draft))
        assert response.status_code == 302
        assert response["Location"] == edit_url(draft)

    def test_anonymous_is_sent_to_login(self, client, live_item):
        response = client.get(self.url(live_item))
        assert response.status_code == 302
        assert "login" in response["Location"]

    def test_history_shows_the_reason(self, client, live_item, reviewer):
        services.perform_transition(live_item, reviewer, "retract", "内容已过时")
        client.force_login(reviewer)
        response = client.get(reverse("wagtailadmin_pages:history", args=(live_item.pk,)))
        assert response.status_code == 200
        assert "内容已过时" in response.content.decode()


@pytest.mark.django_db
class TestPlainUnpublishIsGuarded:
    def unpublish_url(self, page):
        return reverse("wagtailadmin_pages:unpublish", args=(page.pk,))

    def test_reviewer_is_sent_to_the_reason_form(self, client, live_item, reviewer):
        client.force_login(reviewer)
        response = client.post(self.unpublish_url(live_item))
        assert response.status_code == 302
        assert response["Location"] == reverse("workflow_retract", args=(live_item.pk,))
        live_item.refresh_from_db()
        assert live_item.live

    def test_administrator_may_still_unpublish(self, client, live_item, administrator):
        client.force_login(administrator)
        client.post(self.unpublish_url(live_item))
        live_item.refresh_from_db()
        assert not live_item.live

    def test_reviewer_bulk_unpublish_is_refused(self, client, live_item, reviewer):
        client.force_login(reviewer)
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish")) + f"?id={live_item.pk}"
        response = client.post(url, {"include_descendants": ""})
        assert response.status_code == 302
        live_item.refresh_from_db()
        assert live_item.live


@pytest.mark.django_db
class TestLockingAndRevisions:
    def test_editor_locks_own_page_and_reviewer_unlocks_it(self, client, draft, editor, reviewer):
        client.force_login(editor)
        client.post(reverse("wagtailadmin_pages:lock", args=(draft.pk,)))
        draft.refresh_from_db()
        assert draft.locked and draft.locked_by == editor

        client.force_login(reviewer)
        client.post(reverse("wagtailadmin_pages:unlock", args=(draft.pk,)))
        draft.refresh_from_db()
        assert not draft.locked

    def test_editor_cannot_unlock_a_reviewers_lock(self, client, draft, editor, reviewer):
        client.force_login(reviewer)
        client.post(reverse("wagtailadmin_pages:lock", args=(draft.pk,)))
        client.force_login(editor)
        response = client.post(reverse("wagtailadmin_pages:unlock", args=(draft.pk,)))
        assert_permission_denied(response)
        draft.refresh_from_db()
        assert draft.locked_by == reviewer

    def test_locked_page_cannot_be_submitted_by_others(self, draft, editor, reviewer):
        draft.locked, draft.locked_by = True, reviewer
        draft.save(update_fields=["locked", "locked_by"])
        with pytest.raises(services.TransitionForbidden, match="已被他人锁定"):
            services.perform_transition(draft, editor, "submit")

    def test_editor_compares_revisions(self, client, draft, editor):
        first = draft.get_latest_revision()
        draft.title = "修改后的标题"
        second = draft.save_revision(user=editor)
        client.force_login(editor)
        url = reverse("wagtailadmin_pages:revisions_compare", args=(draft.pk, first.pk, second.pk))
        response = client.get(url)
        assert response.status_code == 200
        assert "修改后的标题" in response.content.decode()

    def test_reviewer_reverts_to_an_earlier_revision(self, client, live_item, reviewer):
        first = live_item.get_latest_revision()
        live_item.title = "错误的标题"
        live_item.save_revision(user=reviewer).publish(user=reviewer)
        client.force_login(reviewer)
        url = reverse("wagtailadmin_pages:revisions_revert", args=(live_item.pk, first.pk))
        assert client.get(url).status_code == 200
