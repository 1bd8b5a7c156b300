"""回访: the appellant is asked and the satisfaction (满意 / 基本满意 / 不满意) recorded."""

from __future__ import annotations

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import AppealStatus, Satisfaction


class VisitAction(AppealAction):
    """Record the follow-up visit; 不满意 opens the way to 重办."""

    name = "visit"
    title = "回访"
    from_statuses = frozenset({AppealStatus.CLOSED})

    def check_input(self) -> None:
        value = self.params.get("satisfaction")
        if value in Satisfaction.labels:
            value = Satisfaction.values[Satisfaction.labels.index(value)]
        if value not in Satisfaction.values:
            raise AppealActionError("请选择回访结果：满意、基本满意或不满意")
        self.satisfaction = value

    def perform(self) -> None:
        self.appeal.satisfaction = self.satisfaction
        self.appeal.status = AppealStatus.VISITED
        label = Satisfaction(self.satisfaction).label
        self.note = f"回访结果：{label}" + (f"；{self.note}" if self.note else "")
