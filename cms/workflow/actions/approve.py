"""待审核 → 已发布: the reviewer approves the 保密审查 task; Wagtail then publishes the page."""

from __future__ import annotations

from cms.workflow.actions.base import TransitionAction
from cms.workflow.exceptions import TransitionError, TransitionForbidden


class ApproveAction(TransitionAction):
    """Approve the current review task (an optional comment is kept in the audit log).

    Finishing the workflow runs Wagtail's normal publish (revision.publish), so
    page_published fires and a future go_live_at schedules instead of publishing.
    """

    name = "approve"
    title = "审核通过"

    def check_state(self) -> None:
        if not self.facts.in_review or self.facts.task_state is None:
            raise TransitionError("该页面不在待审核状态，不能审核通过")

    def check_permission(self) -> None:
        if self.name not in self.facts.task_actions():
            raise TransitionForbidden("只有审核员可以审核该页面")

    def perform(self) -> None:
        self.facts.task.on_action(self.facts.task_state, self.user, self.name, comment=self.comment)
