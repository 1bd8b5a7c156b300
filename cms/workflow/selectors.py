"""Reads of the review workflow: a page's review state and the facts transitions are checked on."""

from __future__ import annotations

from functools import cached_property

from wagtail.models import Page, WorkflowState

DRAFT = "draft"
PENDING = "pending"
PUBLISHED = "published"
EXPIRED = "expired"
REVIEW_STATES = (DRAFT, PENDING, PUBLISHED, EXPIRED)
STATE_TITLES = {DRAFT: "草稿", PENDING: "待审核", PUBLISHED: "已发布", EXPIRED: "已过期"}


def load_workflow_state(page: Page) -> WorkflowState | None:
    """The page's active (in progress / needs changes) workflow state, fetched at most once.

    The result is stored where Wagtail's ``prefetch_workflow_states()`` puts it,
    so ``page.workflow_in_progress``, ``current_workflow_task`` and ``get_lock()``
    reuse it instead of querying again.
    """
    if not hasattr(page, "_current_workflow_states"):
        state = (
            WorkflowState.objects.active()
            .for_instance(page)
            .select_related("current_task_state__task")
            .order_by("-created_at", "-pk")
            .first()
        )
        page._current_workflow_states = [state] if state else []
    states = page._current_workflow_states
    return states[0] if states else None


def forget_workflow_state(page: Page) -> None:
    """Drop what load_workflow_state cached, after a transition changed it."""
    page.__dict__.pop("_current_workflow_states", None)


def review_state(page: Page) -> str:
    """ "draft" | "pending" | "published" | "expired" for one page (at most one query).

    pending wins: a live page whose new version awaits review reports "pending"
    (``page.live`` still says it is online). "expired" means it was live and came
    down by its expire_at; a page sent back by the reviewer, retracted, or
    approved but scheduled for a later go_live_at is a "draft".
    """
    state = load_workflow_state(page)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return PENDING
    if page.live:
        return PUBLISHED
    if page.expired:
        return EXPIRED
    return DRAFT


class PageFacts:
    """What a transition check needs to know about one page and one user, each read once."""

    def __init__(self, page: Page, user):
        self.page = page
        self.user = user

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated and self.user.is_active)

    @cached_property
    def workflow_state(self) -> WorkflowState | None:
        return load_workflow_state(self.page)

    @cached_property
    def state(self) -> str:
        return review_state(self.page)

    @cached_property
    def in_review(self) -> bool:
        return self.state == PENDING

    @cached_property
    def needs_changes(self) -> bool:
        return self.workflow_state is not None and self.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @cached_property
    def task_state(self):
        if not self.in_review or self.workflow_state.current_task_state is None:
            return None
        return self.workflow_state.current_task_state.specific

    @cached_property
    def task(self):
        return self.task_state.task.specific if self.task_state else None

    @cached_property
    def permissions(self):
        return self.page.permissions_for_user(self.user)

    @cached_property
    def locked_for_user(self) -> bool:
        lock = self.page.get_lock()
        return bool(lock and lock.for_user(self.user))

    def task_actions(self) -> set[str]:
        if self.task is None:
            return set()
        return {name for name, _label, _modal in self.task.get_actions(self.page, self.user)}


def user_is_administrator(user) -> bool:
    """Superusers and members of 管理员 (cached on the user object for the request)."""
    from cms.workflow.roles import ADMINISTRATORS

    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_workflow_is_administrator"):
        user._workflow_is_administrator = user.groups.filter(name=ADMINISTRATORS).exists()
    return user._workflow_is_administrator
