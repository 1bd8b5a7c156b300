"""归档: a visited appeal the appellant accepted is filed; nothing changes afterwards."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import AppealStatus, Satisfaction


class ArchiveAction(AppealAction):
    """File the appeal; one rated 不满意 must be redone (重办) first."""

    name = "archive"
    title = "归档"
    from_statuses = frozenset({AppealStatus.VISITED})

    def check_preconditions(self) -> None:
        if self.appeal.satisfaction == Satisfaction.DISSATISFIED:
            raise AppealActionError("回访不满意的诉求须先重办，不能直接归档")

    def perform(self) -> None:
        self.appeal.status = AppealStatus.ARCHIVED
