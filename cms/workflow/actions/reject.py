"""待审核 → 草稿: the reviewer sends the page back to its author with a required comment."""

from __future__ import annotations

from cms.workflow.actions.approve import ApproveAction
from cms.workflow.exceptions import TransitionError


class RejectAction(ApproveAction):
    """Reject the current review task; Wagtail marks the workflow "needs changes" and mails the submitter.

    The comment is required: it tells the author what to change and stays in the audit log.
    """

    name = "reject"
    title = "退回修改"
    comment_required = True
    missing_comment_message = "退回修改必须填写意见"

    def check_state(self) -> None:
        if not self.facts.in_review or self.facts.task_state is None:
            raise TransitionError("该页面不在待审核状态，不能退回")
