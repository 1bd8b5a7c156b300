"""申请延期: the handler asks for more working days while handling."""

from __future__ import annotations

from django.conf import settings

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import AppealStatus


def max_extension_days() -> int:
    return int(getattr(settings, "GRID_MAX_EXTENSION_DAYS", 10))


class RequestExtensionAction(AppealAction):
    """Ask for an extension of ``days`` working days (reason required); a dispatcher decides."""

    name = "request_extension"
    title = "申请延期"
    from_statuses = frozenset({AppealStatus.HANDLING})
    actor_kind = "worker"
    note_required = True
    missing_note_message = "申请延期必须填写理由"

    def check_preconditions(self) -> None:
        if self.appeal.extension_requested_days:
            raise AppealActionError("已有待审批的延期申请")
        if max_extension_days() - self.appeal.extension_days <= 0:
            raise AppealActionError(f"延期已达上限 {max_extension_days()} 个工作日，不能再申请")

    def check_input(self) -> None:
        remaining = max_extension_days() - self.appeal.extension_days
        self.days = self.positive_int_param("days", "延期天数", maximum=remaining)

    def perform(self) -> None:
        self.appeal.extension_requested_days = self.days
        self.note = f"申请延期 {self.days} 个工作日：{self.note}"
