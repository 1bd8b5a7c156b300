"""The facade the API calls: states, allowed transitions, transitions per role, history."""

import pytest
from django.core import mail
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from cms.workflow import services
from cms.workflow.services import TransitionError, TransitionForbidden


@pytest.fixture
def pending(draft, editor):
    services.perform_transition(draft, editor, "submit", "请审核")
    return draft


@pytest.fixture
def published_signals():
    received = []

    def handler(sender, instance, **kwargs):
        received.append(instance.pk)

    page_published.connect(handler)
    yield received
    page_published.disconnect(handler)


@pytest.mark.django_db
class TestReviewState:
    def test_draft_and_published(self, draft, live_item):
        assert services.review_state(draft) == "draft"
        assert services.review_state(live_item) == "published"

    def test_pending_after_submit(self, pending):
        assert services.review_state(pending) == "pending"

    def test_expired_when_taken_down_by_expire_at(self, live_item):
        live_item.unpublish(set_expired=True)
        live_item.refresh_from_db()
        assert services.review_state(live_item) == "expired"

    def test_review_state_costs_one_query(self, pending, django_assert_num_queries):
        from wagtail.models import Page

        page = Page.objects.get(pk=pending.pk)
        with django_assert_num_queries(1):
            assert services.review_state(page) == "pending"

    def test_review_state_uses_prefetched_workflow_states(self, pending, django_assert_num_queries):
        from wagtail.models import Page

        page = Page.objects.prefetch_workflow_states().get(pk=pending.pk)
        with django_assert_num_queries(0):
            assert services.review_state(page) == "pending"


@pytest.mark.django_db
class TestAllowedTransitions:
    def test_per_role_and_state(self, draft, editor, reviewer, administrator, anonymous):
        assert services.allowed_transitions(draft, editor) == ["submit"]
        assert services.allowed_transitions(draft, anonymous) == []

        services.perform_transition(draft, editor, "submit")
        assert services.allowed_transitions(draft, editor) == []
        assert services.allowed_transitions(draft, reviewer) == ["approve", "reject"]
        assert services.allowed_transitions(draft, administrator) == []  # 保密审查 is the reviewers' job

        services.perform_transition(draft, reviewer, "approve")
        assert services.allowed_transitions(draft, editor) == []
        assert services.allowed_transitions(draft, reviewer) == ["retract"]
        assert services.allowed_transitions(draft, administrator) == ["retract"]

    def test_live_page_with_new_changes_can_be_submitted(self, live_item, editor):
        live_item.title = "已发布的通知（修订）"
        live_item.save_revision(user=editor)
        assert services.allowed_transitions(live_item, editor) == ["submit"]

    def test_query_count_is_constant(self, pending, reviewer, django_assert_num_queries):
        from wagtail.models import Page

        page = Page.objects.get(pk=pending.pk)
        services.allowed_transitions(page, reviewer)  # warm the user's permission cache
        page = Page.objects.get(pk=pending.pk)
        # the active workflow state + the specific review task (its groups check is cached on the user)
        with django_assert_num_queries(2):
            assert services.allowed_transitions(page, reviewer) == ["approve", "reject"]


@pytest.mark.django_db
class TestSubmitAndApprove:
    def test_editor_submits_reviewer_approves_and_page_goes_live(self, draft, editor, reviewer, published_signals):
        assert services.perform_transition(draft, editor, "submit", "请审核") == "pending"
        assert not draft.live

        assert services.perform_transition(draft, reviewer, "approve", "无涉密内容，同意公开") == "published"

        draft.refresh_from_db()
        assert draft.live
        assert published_signals == [draft.pk]
        history = services.workflow_history(draft)
        assert [h["action"] for h in history][-3:] == ["submit", "approve", "publish"]
        submit, approve, publish = history[-3:]
        assert (submit["actor"], submit["comment"], submit["title"]) == ("小编", "请审核", "提交审核")
        assert (approve["actor"], approve["comment"], approve["title"]) == ("老审", "无涉密内容，同意公开", "审核通过")
        assert publish["actor"] == "老审"
        assert [h["time"] for h in history] == sorted(h["time"] for h in history)

    def test_the_audit_log_records_user_and_comment(self, pending, reviewer):
        services.perform_transition(pending, reviewer, "approve", "同意")
        entry = PageLogEntry.objects.get(page=pending, action="wagtail.workflow.approve")
        assert entry.user == reviewer
        assert entry.data["comment"] == "同意"

    def test_editor_cannot_approve(self, pending, editor):
        with pytest.raises(TransitionForbidden) as error:
            services.perform_transition(pending, editor, "approve")
        assert error.value.message == "只有审核员可以审核该页面"
        assert services.review_state(pending) == "pending"

    def test_submit_twice_is_refused(self, pending, editor):
        with pytest.raises(TransitionError, match="已在审核中"):
            services.perform_transition(pending, editor, "submit")

    def test_reviewer_cannot_submit_unchanged_live_page(self, live_item, reviewer):
        with pytest.raises(TransitionError, match="没有新的修改"):
            services.perform_transition(live_item, reviewer, "submit")

    def test_approve_a_draft_is_refused(self, draft, reviewer):
        with pytest.raises(TransitionError) as error:
            services.perform_transition(draft, reviewer, "approve")
        assert not isinstance(error.value, TransitionForbidden)
        assert error.value.message == "该页面不在待审核状态，不能审核通过"


@pytest.mark.django_db
class TestReject:
    def test_reject_returns_page_to_author_with_comment(self, pending, editor, reviewer):
        assert services.perform_transition(pending, reviewer, "reject", "第二段涉及个人信息，请删除") == "draft"

        pending.refresh_from_db()
        assert not pending.live
        last = services.workflow_history(pending)[-1]
        assert (last["action"], last["actor"], last["comment"]) == ("reject", "老审", "第二段涉及个人信息，请删除")
        assert services.allowed_transitions(pending, editor) == ["submit"]

    def test_author_is_notified_by_email(self, pending, editor, reviewer):
        mail.outbox.clear()
        services.perform_transition(pending, reviewer, "reject", "请修改标题")
        assert any(editor.email in message.to for message in mail.outbox)

    def test_reject_without_comment_is_refused(self, pending, reviewer):
        with pytest.raises(TransitionError) as error:
            services.perform_transition(pending, reviewer, "reject", "   ")
        assert error.value.message == "退回修改必须填写意见"
        assert services.review_state(pending) == "pending"

    def test_resubmit_after_reject_resumes_review(self, pending, editor, reviewer):
        services.perform_transition(pending, reviewer, "reject", "请修改")
        assert services.perform_transition(pending, editor, "submit", "已修改") == "pending"
        last = services.workflow_history(pending)[-1]
        assert (last["action"], last["title"], last["comment"]) == ("submit", "重新提交审核", "已修改")
        assert services.perform_transition(pending, reviewer, "approve") == "published"


@pytest.mark.django_db
class TestRetract:
    def test_reviewer_retracts_with_reason(self, live_item, reviewer):
        assert services.perform_transition(live_item, reviewer, "retract", "发布机构有误") == "draft"
        live_item.refresh_from_db()
        assert not live_item.live
        entry = PageLogEntry.objects.get(page=live_item, action="workflow.retract")
        assert entry.user == reviewer
        assert entry.data["comment"] == "发布机构有误"
        last = services.workflow_history(live_item)[-1]
        assert (last["action"], last["title"], last["comment"]) == ("retract", "撤回", "发布机构有误")

    def test_retract_without_reason_is_refused(self, live_item, reviewer):
        with pytest.raises(TransitionError) as error:
            services.perform_transition(live_item, reviewer, "retract", "")
        assert error.value.message == "撤回必须填写理由"
        live_item.refresh_from_db()
        assert live_item.live

    def test_editor_cannot_retract(self, live_item, editor):
        with pytest.raises(TransitionForbidden, match="只有审核员或管理员"):
            services.perform_transition(live_item, editor, "retract", "不想公开了")

    def test_retract_a_draft_is_refused(self, draft, reviewer):
        with pytest.raises(TransitionError, match="只有已发布的页面才能撤回"):
            services.perform_transition(draft, reviewer, "retract", "理由")


@pytest.mark.django_db
class TestBadInput:
    def test_unknown_transition(self, draft, editor):
        with pytest.raises(TransitionError, match="未知的审核操作“publish”"):
            services.perform_transition(draft, editor, "publish")

    def test_anonymous_is_forbidden(self, draft, anonymous):
        with pytest.raises(TransitionForbidden, match="请先登录"):
            services.perform_transition(draft, anonymous, "submit")

    def test_errors_map_to_http_statuses(self):
        from django.core.exceptions import BadRequest, PermissionDenied

        assert issubclass(TransitionError, BadRequest)
        assert issubclass(TransitionForbidden, PermissionDenied)
        assert not issubclass(TransitionError, PermissionDenied)
        assert services.TRANSITIONS == ("submit", "approve", "reject", "retract")
