"""督办: an overdue appeal is escalated, first to the grid leader, then to the township."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import OPEN_STATUSES, AppealStatus

LEVEL_LABELS = {1: "网格长", 2: "乡镇"}


class EscalateAction(AppealAction):
    """Raise the escalation level of an overdue appeal (Celery beat, or a dispatcher by hand).

    The status does not change: 督办 is pressure, not a state.
    """

    name = "escalate"
    title = "督办"
    from_statuses = frozenset(OPEN_STATUSES - {AppealStatus.SUSPENDED})
    allows_system = True

    def check_preconditions(self) -> None:
        if not self.appeal.is_overdue(self.today):
            raise AppealActionError("该诉求尚未超期，不需督办")
        if self.appeal.escalation_level >= max(LEVEL_LABELS):
            raise AppealActionError("该诉求已督办至乡镇")

    def check_input(self) -> None:
        level = self.params.get("level", self.appeal.escalation_level + 1)
        if level not in LEVEL_LABELS:
            raise AppealActionError("督办级别有误")
        if level <= self.appeal.escalation_level:
            raise AppealActionError(f"该诉求已督办至{LEVEL_LABELS[self.appeal.escalation_level]}")
        self.level = level

    def perform(self) -> None:
        appeal = self.appeal
        appeal.escalation_level = self.level
        appeal.escalated_at = self.now
        if self.level == 1:
            leader = appeal.grid_unit.leader if appeal.grid_unit_id and appeal.grid_unit else None
            target = f"网格长{leader.name}" if leader else "网格长（该网格未设网格长）"
        else:
            target = "乡镇"
        overdue = f"办理期限 {appeal.due_on:%Y-%m-%d} 已过"
        self.note = f"超期督办至{target}：{overdue}" + (f"；{self.note}" if self.note else "")
