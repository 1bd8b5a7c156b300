"""草稿 → 待审核: start (or resume) the Wagtail review workflow on the page's latest revision."""

from __future__ import annotations

from wagtail.models import PageLogEntry

from cms.workflow.actions.base import TransitionAction
from cms.workflow.exceptions import TransitionError, TransitionForbidden
from cms.workflow.selectors import PUBLISHED


class SubmitAction(TransitionAction):
    """Send a page to 保密审查; a page sent back earlier resumes its workflow, as in the admin."""

    name = "submit"
    title = "提交审核"

    def check_state(self) -> None:
        if self.facts.in_review:
            raise TransitionError("该页面已在审核中，不能重复提交")
        if self.facts.state == PUBLISHED and not self.page.has_unpublished_changes:
            raise TransitionError("该页面已发布且没有新的修改，无需提交审核")
        if self.page.get_workflow() is None:
            raise TransitionError("该页面未配置审核流程，请联系管理员")

    def check_permission(self) -> None:
        if not self.facts.permissions.can_edit():
            raise TransitionForbidden("您没有编辑该页面的权限，不能提交审核")
        if self.facts.locked_for_user:
            raise TransitionForbidden("该页面已被他人锁定，暂不能提交审核")

    def perform(self) -> None:
        page = self.page.specific
        if page.get_latest_revision() is None:
            page.save_revision(user=self.user, log_action=True)
        workflow_state = self.facts.workflow_state
        if workflow_state is not None and self.facts.needs_changes:
            workflow_state.resume(user=self.user)
            logged_action = "wagtail.workflow.resume"
        else:
            page.get_workflow().start(page, self.user)
            logged_action = "wagtail.workflow.start"
        if self.comment:
            self._add_comment_to_log(logged_action)

    def _add_comment_to_log(self, action: str) -> None:
        """Wagtail's start/resume entries carry no comment: put the submitter's note on it."""
        entry = PageLogEntry.objects.filter(page_id=self.page.pk, action=action).order_by("-timestamp", "-pk").first()
        if entry is not None:
            entry.data = {**(entry.data or {}), "comment": self.comment}
            entry.save(update_fields=["data"])
