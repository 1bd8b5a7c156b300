"""解挂: the clock runs again; the due date moves by the working days the appeal was suspended."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.models import AppealStatus
from grid.services.due_dates import paused_working_days_until


class ResumeAction(AppealAction):
    """Resume a suspended appeal in the state it had before."""

    name = "resume"
    title = "解挂"
    from_statuses = frozenset({AppealStatus.SUSPENDED})

    def perform(self) -> None:
        appeal = self.appeal
        paused = paused_working_days_until(appeal, self.today)
        appeal.paused_working_days += paused
        appeal.paused_since = None
        appeal.status = appeal.status_before_suspension or AppealStatus.HANDLING
        appeal.status_before_suspension = ""
        self.refresh_due_on()
        self.note = f"挂起 {paused} 个工作日，新的办理期限 {appeal.due_on:%Y-%m-%d}" + (
            f"：{self.note}" if self.note else ""
        )
