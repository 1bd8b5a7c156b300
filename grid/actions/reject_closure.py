"""办结审核退回: the answer is not good enough; the handler works on (reason required)."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.models import AppealStatus


class RejectClosureAction(AppealAction):
    """Send the answered appeal back to 办理中."""

    name = "reject_closure"
    title = "退回重新办理"
    from_statuses = frozenset({AppealStatus.ANSWERED})
    note_required = True
    missing_note_message = "退回必须填写理由"

    def perform(self) -> None:
        self.appeal.status = AppealStatus.HANDLING
