"""重办: an appellant who was not satisfied gets the appeal handled again, on a fresh clock."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import AppealStatus, Satisfaction


class RedoAction(AppealAction):
    """Reopen a visited appeal rated 不满意: back to 办理中 with a new due date from today."""

    name = "redo"
    title = "重办"
    from_statuses = frozenset({AppealStatus.VISITED})

    def check_preconditions(self) -> None:
        if self.appeal.satisfaction != Satisfaction.DISSATISFIED:
            raise AppealActionError("只有回访不满意的诉求才能重办")

    def perform(self) -> None:
        appeal = self.appeal
        appeal.status = AppealStatus.HANDLING
        appeal.closed_at = None
        appeal.satisfaction = None
        appeal.clock_started_on = self.today
        appeal.extension_days = 0
        appeal.extension_requested_days = 0
        appeal.paused_working_days = 0
        appeal.escalation_level = 0
        appeal.escalated_at = None
        self.refresh_due_on()
