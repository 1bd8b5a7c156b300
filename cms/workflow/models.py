"""The review task of the disclosure workflow: 保密审查 by the 审核员 group."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from cms.workflow.exceptions import TransitionError


class RejectCommentForm(forms.Form):
    """The admin's "退回修改" modal: a reviewer must say what to change."""

    comment = forms.CharField(
        label=_("退回意见"),
        required=True,
        strip=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("退回修改必须填写意见")},
    )


class ApproveCommentForm(forms.Form):
    """The admin's "审核通过并填写意见" modal: the comment is optional."""

    comment = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea({"rows": 3}))


class SecrecyReviewTask(AbstractGroupApprovalTask):
    """保密审查: members of the chosen groups approve or send back a page before it goes live.

    A Wagtail group-approval task, so the admin's built-in moderation UI and
    cms.workflow.actions share one state. It differs from Wagtail's plain
    GroupApprovalTask in three ways the township requires: sending a page back
    needs a written comment (also when the admin form is bypassed), the action
    labels are Chinese, and a reviewer may unlock a page during review.
    """

    class Meta:
        verbose_name = _("保密审查任务")
        verbose_name_plural = _("保密审查任务")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("退回修改"), True),
                ("approve", _("审核通过"), False),
                ("approve", _("审核通过并填写意见"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectCommentForm
        return ApproveCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "reject" and not str(kwargs.get("comment") or "").strip():
            raise TransitionError("退回修改必须填写意见")
        if "comment" in kwargs:
            kwargs["comment"] = str(kwargs["comment"] or "").strip()
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_unlock(self, obj, user):
        return user.is_superuser or self._user_in_groups(user)

    @classmethod
    def get_description(cls):
        return _("所选用户组（审核员）的成员对页面做保密审查：审核通过后发布，退回时须填写意见")
