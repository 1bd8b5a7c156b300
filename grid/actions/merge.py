"""合并: a duplicate appeal is merged into another; both keep their own timelines."""

from __future__ import annotations

from django.utils import timezone

from grid.actions.base import AppealAction
from grid.exceptions import AppealActionError
from grid.models import OPEN_STATUSES, Appeal, AppealEvent, AppealStatus


class MergeAction(AppealAction):
    """Mark this appeal a duplicate of ``target``: it becomes 已合并 and points to the target.

    Its events stay on it and the target gets an entry naming it, so each timeline is
    complete and the target's detail page lists the merged appeals.
    """

    name = "merge"
    title = "合并"
    from_statuses = frozenset(OPEN_STATUSES - {AppealStatus.SUSPENDED})

    def check_input(self) -> None:
        target = self.params.get("target")
        if target is not None and not isinstance(target, Appeal):
            target = Appeal.objects.filter(pk=target).first() if str(target).isdigit() else None
        if target is None:
            raise AppealActionError("请选择要合并到的诉求")
        if target.pk == self.appeal.pk:
            raise AppealActionError("不能把诉求合并到它自己")
        if target.township_id != self.appeal.township_id:
            raise AppealActionError("只能合并本乡镇的诉求")
        if target.status == AppealStatus.MERGED:
            raise AppealActionError(f"诉求 {target.serial} 已被合并，请选择它所合并到的诉求")
        self.target = target

    def perform(self) -> None:
        self.appeal.status = AppealStatus.MERGED
        self.appeal.merged_into = self.target
        note = self.note
        self.note = f"作为重复诉求合并至 {self.target.serial}" + (f"：{note}" if note else "")
        AppealEvent.objects.create(
            appeal=self.target,
            action="merged_in",
            from_status=self.target.status,
            to_status=self.target.status,
            actor=self.user,
            actor_label=self.actor_label or (self.user.get_username() if self.user else "系统"),
            note=f"合并了重复诉求 {self.appeal.serial}" + (f"：{note}" if note else ""),
            created_at=self.now or timezone.now(),
        )
