"""Who may publish a village notice: the township directly, the village committee only by approving it.

The 村务监督委员会 holds no publish permission on its board, so it can neither publish
a draft outside the review (admin "发布", bulk publish) nor take a posted notice down
(撤回 belongs to the township's 审核员/管理员, with a written reason). Wagtail still
publishes as the approving user when the committee's approval finishes the workflow;
``committee_approval`` opens exactly that door, for that page and user, for the
duration of the approval.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import PagePermissionTester

_approving: ContextVar[tuple[int, int] | None] = ContextVar("village_committee_approving", default=None)


@contextmanager
def committee_approval(page_id: int, user_id: int) -> Iterator[None]:
    """While the committee member approves page ``page_id``, Wagtail may publish it as them."""
    token = _approving.set((int(page_id), int(user_id)))
    try:
        yield
    finally:
        _approving.reset(token)


class VillageNoticePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, plus publishing by the approving committee member during the approval."""

    def _approving_now(self) -> bool:
        current = _approving.get()
        return current is not None and current == (self.page.pk, self.user.pk)

    def can_publish(self) -> bool:
        return super().can_publish() or (self.user.is_active and self._approving_now())


def may_view_schedule(user) -> bool:
    """公开进度 is the township's view: superusers, 管理员, 审核员 and whoever may view villages."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("villages.view_village"):
        return True
    return user.groups.filter(name__in=("审核员", "管理员")).exists()
