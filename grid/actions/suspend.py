"""挂起: the clock stops (e.g. waiting for a court or the appellant); the reason is required."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.models import OPEN_STATUSES, AppealStatus


class SuspendAction(AppealAction):
    """Pause an open appeal; 解挂 restores its state and moves the due date by the paused working days."""

    name = "suspend"
    title = "挂起"
    from_statuses = frozenset(OPEN_STATUSES - {AppealStatus.SUSPENDED})
    note_required = True
    missing_note_message = "挂起必须填写理由"

    def perform(self) -> None:
        self.appeal.status_before_suspension = self.appeal.status
        self.appeal.status = AppealStatus.SUSPENDED
        self.appeal.paused_since = self.today
