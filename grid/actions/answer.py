"""反馈: the handler reports what was done; the reply is required."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.models import AppealStatus


class AnswerAction(AppealAction):
    """Report the result (办理结果) for the closure review."""

    name = "answer"
    title = "反馈"
    from_statuses = frozenset({AppealStatus.HANDLING})
    actor_kind = "worker"
    note_required = True
    missing_note_message = "反馈必须填写办理结果"

    def perform(self) -> None:
        self.appeal.extension_requested_days = 0
        self.appeal.status = AppealStatus.ANSWERED
