"""批准延期: the requested working days are added and the due date moves."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import AppealStatus


class ApproveExtensionAction(AppealAction):
    """Approve the pending extension request; the due date is recomputed from the calendar."""

    name = "approve_extension"
    title = "批准延期"
    from_statuses = frozenset({AppealStatus.HANDLING})

    def check_preconditions(self) -> None:
        if not self.appeal.extension_requested_days:
            raise AppealActionError("该诉求没有待审批的延期申请")

    def perform(self) -> None:
        days = self.appeal.extension_requested_days
        self.appeal.extension_days += days
        self.appeal.extension_requested_days = 0
        self.refresh_due_on()
        self.note = f"批准延期 {days} 个工作日，新的办理期限 {self.appeal.due_on:%Y-%m-%d}" + (
            f"：{self.note}" if self.note else ""
        )
