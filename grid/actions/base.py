"""The shape every appeal transition shares, after wagtail/actions/ and cms/workflow/actions/.

``check()`` raises AppealForbidden (the user may not) or AppealActionError (wrong state,
bad input); ``execute()`` locks the appeal row, re-checks on fresh data (and on the
version the caller saw, if given), performs the move in one transaction, raises the
version and writes one AppealEvent — so the admin, the APIs, the Celery task and the
tests behave identically.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import transaction
from django.utils import timezone

from grid.exceptions import AppealActionError, AppealConflict, AppealForbidden
from grid.models import Appeal, AppealEvent, GridWorker

DISPATCH_PERMISSION = "grid.change_appeal"
SYSTEM_LABEL = "系统"


def actor_label_for(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return SYSTEM_LABEL
    return (user.get_full_name() or user.get_username()).strip()


class AppealAction:
    """One transition of an appeal. Subclasses set name, title, from_statuses and implement perform()."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    from_statuses: ClassVar[frozenset[str]] = frozenset()
    #: who may act: "dispatcher" (grid.change_appeal), "worker" (a grid worker or a dispatcher), "system"
    actor_kind: ClassVar[str] = "dispatcher"
    #: the Celery task acts without a user
    allows_system: ClassVar[bool] = False
    note_required: ClassVar[bool] = False
    missing_note_message: ClassVar[str] = "请填写说明"

    def __init__(
        self,
        appeal: Appeal,
        user=None,
        *,
        note: str = "",
        expected_version: int | None = None,
        attachment=None,
        actor_label: str = "",
        now=None,
        **params,
    ):
        self.appeal = appeal
        self.user = user if user is not None and getattr(user, "is_authenticated", False) else None
        self.note = str(note or "").strip()
        self.expected_version = expected_version
        self.attachment = attachment
        self.actor_label = actor_label
        self.params = params
        #: the moment of the action; trusted callers (demo, back-fill) may pass an earlier one
        self.now = now or timezone.now()
        self._worker: GridWorker | None | bool = False

    # -- who ----------------------------------------------------------------------------
    @property
    def worker(self) -> GridWorker | None:
        """The acting user's grid-worker record in the appeal's township, if any."""
        if self._worker is False:
            self._worker = (
                GridWorker.objects.filter(user=self.user, township_id=self.appeal.township_id).first()
                if self.user
                else None
            )
        return self._worker

    def is_dispatcher(self) -> bool:
        return self.user is not None and self.user.has_perm(DISPATCH_PERMISSION)

    # -- checks -------------------------------------------------------------------------
    def check(self) -> None:
        self.check_state()
        self.check_permission()
        self.check_preconditions()
        if self.note_required and not self.note:
            raise AppealActionError(self.missing_note_message)
        self.check_input()

    def check_state(self) -> None:
        if self.appeal.status not in self.from_statuses:
            raise AppealActionError(
                f"诉求 {self.appeal.serial} 当前状态为“{self.appeal.get_status_display()}”，不能{self.title}"
            )

    def check_permission(self) -> None:
        if self.user is None:
            if self.allows_system:
                return
            raise AppealForbidden("请先登录后再操作")
        if self.is_dispatcher():
            return
        if self.actor_kind == "worker" and self.worker is not None:
            if self.appeal.assignee_id and self.appeal.assignee_id != self.worker.pk:
                raise AppealForbidden(f"该诉求已派给{self.appeal.assignee}，您不能{self.title}")
            return
        raise AppealForbidden(f"您没有权限{self.title}")

    def check_preconditions(self) -> None:
        """Facts of the appeal besides its status that the action needs (e.g. a pending request)."""

    def check_input(self) -> None:
        """Validate the action's own parameters; raise AppealActionError with a Chinese message."""

    def is_allowed(self) -> bool:
        """Whether state and permission allow the action now (input still to be given)."""
        try:
            self.check_state()
            self.check_permission()
            self.check_preconditions()
        except AppealActionError:
            return False
        return True

    # -- execution ----------------------------------------------------------------------
    def execute(self) -> Appeal:
        """Perform the transition and return the appeal with its new state."""
        with transaction.atomic():
            locked = Appeal.objects.select_for_update().select_related("category").get(pk=self.appeal.pk)
            self.appeal = locked
            self._worker = False
            if self.expected_version is not None and locked.version != self.expected_version:
                raise AppealConflict(f"诉求 {locked.serial} 已被他人更新，请刷新页面后重试")
            self.check()
            from_status = locked.status
            self.perform()
            locked.version += 1
            locked.save()
            self.write_event(from_status=from_status, to_status=locked.status)
        return self.appeal

    def perform(self) -> None:
        raise NotImplementedError

    def write_event(self, *, from_status: str, to_status: str, note: str | None = None) -> AppealEvent:
        event = self.build_event(from_status=from_status, to_status=to_status, note=note)
        event.save(force_insert=True)
        return event

    def build_event(self, *, from_status: str, to_status: str, note: str | None = None) -> AppealEvent:
        """The timeline entry of this action, not yet saved."""
        label = self.actor_label or (self.worker.name if self.user and self.worker else actor_label_for(self.user))
        return AppealEvent(
            appeal=self.appeal,
            action=self.name,
            from_status=from_status,
            to_status=to_status,
            actor=self.user,
            actor_label=label[:80],
            note=self.note if note is None else note,
            attachment=self.attachment,
            created_at=self.now,
        )

    # -- helpers ------------------------------------------------------------------------
    def positive_int_param(self, key: str, label: str, *, maximum: int) -> int:
        raw = self.params.get(key)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise AppealActionError(f"{label}必须是整数") from None
        if value < 1 or value > maximum:
            raise AppealActionError(f"{label}应在 1 到 {maximum} 个工作日之间")
        return value

    @property
    def today(self):
        return timezone.localdate(self.now)

    def refresh_due_on(self) -> None:
        from grid.services.due_dates import compute_due_on

        self.appeal.due_on = compute_due_on(self.appeal)
