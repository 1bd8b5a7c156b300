"""办结审核通过: the answer is accepted and the appeal is closed (办结)."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.models import AppealStatus


class ApproveClosureAction(AppealAction):
    """Close the appeal; closed_at is what the on-time rate compares with due_on."""

    name = "approve_closure"
    title = "办结审核"
    from_statuses = frozenset({AppealStatus.ANSWERED})

    def perform(self) -> None:
        self.appeal.status = AppealStatus.CLOSED
        self.appeal.closed_at = self.now
