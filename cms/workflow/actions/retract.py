"""已发布 → 草稿: take a live page down with a written reason, through Wagtail's unpublish."""

from __future__ import annotations

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log

from cms.workflow.actions.base import TransitionAction
from cms.workflow.exceptions import TransitionError, TransitionForbidden

RETRACT_LOG_ACTION = "workflow.retract"


class RetractAction(TransitionAction):
    """Unpublish one page (not its descendants) and log who did it and why.

    Uses Wagtail's UnpublishPageAction so page_unpublished fires and aliases
    follow; the audit entry is our own "workflow.retract" carrying the reason.
    """

    name = "retract"
    title = "撤回"
    comment_required = True
    missing_comment_message = "撤回必须填写理由"

    def check_state(self) -> None:
        if not self.page.live:
            raise TransitionError("只有已发布的页面才能撤回")

    def check_permission(self) -> None:
        if self.facts.locked_for_user:
            raise TransitionForbidden("该页面已被他人锁定，暂不能撤回")
        if not self.facts.permissions.can_unpublish():
            raise TransitionForbidden("只有审核员或管理员可以撤回已发布的页面")

    def perform(self) -> None:
        page = self.page.specific
        UnpublishPageAction(page, user=self.user, log_action=False).execute(skip_permission_checks=True)
        log(instance=page, action=RETRACT_LOG_ACTION, user=self.user, data={"comment": self.comment})
