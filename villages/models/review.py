"""The two review steps of the 村务公开审核 workflow: the village committee, then (for some kinds) the township."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from cms.workflow.exceptions import TransitionError
from cms.workflow.models import ApproveCommentForm, RejectCommentForm

REVIEW_ACTIONS = [
    ("reject", _("退回修改"), True),
    ("approve", _("审核通过"), False),
    ("approve", _("审核通过并填写意见"), True),
]


def _latest_notice(obj):
    """The latest version of a village notice under review, or None for other pages."""
    from villages.models.pages import VillageNoticePage

    page = obj.specific if hasattr(obj, "specific") else obj
    if not isinstance(page, VillageNoticePage):
        return None
    return page.get_latest_revision_as_object()


def guard_privacy(obj) -> None:
    """Refuse to move a notice on while it holds a full personal number (TransitionError, 400)."""
    notice = _latest_notice(obj)
    if notice is None:
        return
    findings = notice.privacy_findings()
    if findings:
        raise TransitionError("存在未打码的个人信息，不能提交或发布：" + "；".join(f.message for f in findings))


class NoticeReviewMixin:
    """What both steps share with the township's 保密审查: Chinese labels, a required reject comment, the guard."""

    def get_form_for_action(self, action):
        return RejectCommentForm if action == "reject" else ApproveCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "reject" and not str(kwargs.get("comment") or "").strip():
            raise TransitionError("退回修改必须填写意见")
        if "comment" in kwargs:
            kwargs["comment"] = str(kwargs["comment"] or "").strip()
        if action_name == "approve":
            guard_privacy(task_state.workflow_state.content_object)
        return super().on_action(task_state, user, action_name, **kwargs)


class VillageCommitteeReviewTask(NoticeReviewMixin, Task):
    """村务监督委员会审核: the reviewers are the committee group of the notice's own village.

    One task serves every village; who may act is decided per page, so a committee
    member of village A never sees or approves village B's notices. Starting the task
    (submission) runs the privacy guard.
    """

    class Meta:
        verbose_name = _("村务监督委员会审核")
        verbose_name_plural = _("村务监督委员会审核")

    def start(self, workflow_state, user=None):
        guard_privacy(workflow_state.content_object)
        return super().start(workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        """The approving member may publish the notice (when this approval finishes the workflow), nothing else."""
        from villages.permissions import committee_approval

        if action_name != "approve" or user is None:
            return super().on_action(task_state, user, action_name, **kwargs)
        with committee_approval(task_state.workflow_state.object_id, user.pk):
            return super().on_action(task_state, user, action_name, **kwargs)

    def is_reviewer(self, obj, user) -> bool:
        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        from villages.models.pages import VillageNoticePage

        village_id = (
            VillageNoticePage.objects.filter(pk=obj.pk).values_list("village__committee_group", flat=True).first()
        )
        return village_id is not None and user.groups.filter(pk=village_id).exists()

    def get_actions(self, obj, user):
        return list(REVIEW_ACTIONS) if self.is_reviewer(obj, user) else []

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self.is_reviewer(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        from villages.models.pages import VillageNoticePage

        ids = VillageNoticePage.objects.filter(village__committee_group__in=user.groups.all()).values_list(
            "pk", flat=True
        )
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in ids])

    @classmethod
    def get_description(cls):
        return _("公告所属村的村务监督委员会成员审核：通过后进入下一步，退回时须填写意见")


class TownshipNoticeReviewTask(NoticeReviewMixin, AbstractGroupApprovalTask):
    """乡镇审核: the township's reviewers (审核员) check the kinds that need it; other notices skip this step."""

    class Meta:
        verbose_name = _("乡镇审核（村务公开）")
        verbose_name_plural = _("乡镇审核（村务公开）")

    def start(self, workflow_state, user=None):
        notice = _latest_notice(workflow_state.content_object)
        if notice is not None and not notice.needs_township_review:
            task_state = self.get_task_state_class()(workflow_state=workflow_state)
            task_state.status = TaskState.STATUS_SKIPPED
            task_state.revision = workflow_state.content_object.get_latest_revision()
            task_state.task = self
            task_state.save()
            return task_state
        return super().start(workflow_state, user=user)

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return list(REVIEW_ACTIONS)
        return []

    @classmethod
    def get_description(cls):
        return _("审核员对补贴、救助、工程项目和四议两公开事项做乡镇审核；其他事项自动跳过")
