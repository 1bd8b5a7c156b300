"""派单: a received appeal goes to a handling unit and/or a grid worker."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import AppealStatus, GridWorker, HandlingUnit


class DispatchAction(AppealAction):
    """Send the appeal to a handling unit (default: the category's) and optionally a named worker."""

    name = "dispatch"
    title = "派单"
    from_statuses = frozenset({AppealStatus.RECEIVED})

    def check_input(self) -> None:
        unit = self.params.get("handling_unit")
        worker = self.params.get("assignee")
        if unit is not None and not isinstance(unit, HandlingUnit):
            unit = HandlingUnit.objects.filter(pk=unit).first() if str(unit).isdigit() else None
            if unit is None:
                raise AppealActionError("所选承办单位不存在")
        if worker is not None and not isinstance(worker, GridWorker):
            worker = GridWorker.objects.filter(pk=worker).first() if str(worker).isdigit() else None
            if worker is None:
                raise AppealActionError("所选承办人不存在")
        if unit is None and worker is None:
            unit = self.appeal.category.default_handling_unit
        if unit is None and worker is None:
            raise AppealActionError("请选择承办单位或承办人")
        for item in (unit, worker):
            if item is not None and item.township_id != self.appeal.township_id:
                raise AppealActionError("承办单位和承办人必须属于本乡镇")
        self.unit, self.assignee = unit, worker

    def perform(self) -> None:
        self.appeal.handling_unit = self.unit
        self.appeal.assignee = self.assignee
        self.appeal.status = AppealStatus.DISPATCHED
        if not self.note:
            target = "、".join(str(x) for x in (self.unit, self.assignee) if x is not None)
            self.note = f"派至{target}"
