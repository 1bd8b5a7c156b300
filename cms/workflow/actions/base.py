"""The shape every review transition shares, after wagtail/actions/.

``check()`` raises TransitionForbidden (the user may not) or TransitionError
(not from this state, or a required comment is missing); ``execute()`` locks
the page row, re-checks on fresh data, performs the move in one transaction
and leaves the audit-log entry with the user and the comment.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import LogContext
from wagtail.models import Page

from cms.workflow.exceptions import TransitionError, TransitionForbidden
from cms.workflow.selectors import PageFacts, forget_workflow_state, review_state


class TransitionAction:
    """One move of a page through the review workflow, identical for the admin, the API and scripts."""

    name: str = ""
    title: str = ""
    comment_required: bool = False
    missing_comment_message: str = "请填写意见"

    def __init__(self, page: Page, user, comment: str = ""):
        self.page = page
        self.user = user
        self.comment = str(comment or "").strip()
        self.facts = PageFacts(page, user)

    # -- checks -------------------------------------------------------------------------
    def check(self, *, require_comment: bool = True) -> None:
        if not self.facts.is_authenticated:
            raise TransitionForbidden("请先登录后再操作")
        self.check_state()
        self.check_permission()
        if require_comment and self.comment_required and not self.comment:
            raise TransitionError(self.missing_comment_message)

    def check_state(self) -> None:
        raise NotImplementedError

    def check_permission(self) -> None:
        raise NotImplementedError

    def is_allowed(self) -> bool:
        """Whether check() passes, leaving aside the comment still to be written."""
        try:
            self.check(require_comment=False)
        except TransitionError:
            return False
        return True

    # -- execution ----------------------------------------------------------------------
    def execute(self) -> str:
        """Perform the transition and return the page's new review state."""
        with transaction.atomic():
            self._reload_locked()
            self.check()
            with LogContext(user=self.user):
                self.perform()
        self._reload()
        return review_state(self.page)

    def perform(self) -> None:
        raise NotImplementedError

    def _reload_locked(self) -> None:
        # Serialise concurrent transitions of one page (a no-op on SQLite).
        Page.objects.select_for_update().filter(pk=self.page.pk).values_list("pk", flat=True).first()
        self._reload()

    def _reload(self) -> None:
        self.page.refresh_from_db()
        forget_workflow_state(self.page)
        self.facts = PageFacts(self.page, self.user)
