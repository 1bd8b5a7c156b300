"""签收: the handler takes the appeal; of two workers accepting at once, one wins."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealConflict
from grid.models import AppealStatus


class AcceptAction(AppealAction):
    """Accept a dispatched appeal; the acting worker becomes the assignee if none was named.

    The row lock of execute() serialises concurrent accepts: the second one finds the
    appeal already 办理中 and gets a conflict naming who accepted it.
    """

    name = "accept"
    title = "签收"
    from_statuses = frozenset({AppealStatus.DISPATCHED})
    actor_kind = "worker"

    def check_state(self) -> None:
        if self.appeal.status == AppealStatus.HANDLING:
            who = self.appeal.assignee or "其他人员"
            raise AppealConflict(f"诉求 {self.appeal.serial} 已由{who}签收，无需重复签收")
        super().check_state()

    def perform(self) -> None:
        if self.appeal.assignee_id is None and self.worker is not None:
            self.appeal.assignee = self.worker
        self.appeal.status = AppealStatus.HANDLING
