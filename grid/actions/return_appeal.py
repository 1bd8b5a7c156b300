"""退单: the handler sends a dispatched appeal back (not theirs to handle), with a reason."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.models import AppealStatus


class ReturnAction(AppealAction):
    """Return a dispatched appeal to the dispatcher for 改派; the reason is required."""

    name = "return"
    title = "退单"
    from_statuses = frozenset({AppealStatus.DISPATCHED})
    actor_kind = "worker"
    note_required = True
    missing_note_message = "退单必须填写理由"

    def perform(self) -> None:
        self.appeal.assignee = None
        self.appeal.status = AppealStatus.RETURNED
