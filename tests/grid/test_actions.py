"""The appeal lifecycle through the actions: every transition, wrong states, permissions, clock rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cms.core.models import CalendarDay, CalendarYear
from grid.actions import ACTIONS, allowed_actions, perform_appeal_action
from grid.exceptions import AppealActionError, AppealConflict, AppealForbidden
from grid.models import Appeal, AppealEvent, AppealStatus, Satisfaction
from tests.grid.factories import make_user, make_worker, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatcher(db):
    return make_user("dispatcher", "grid.change_appeal", "grid.add_appeal")


class TestAppealLifecycle:
    def test_full_closed_loop_writes_one_event_per_action(self, township, setup, dispatcher):
        worker = make_worker(township, setup["grid"])
        appeal = receive(township, setup, user=dispatcher)
        assert appeal.status == AppealStatus.RECEIVED
        assert appeal.serial == f"01526095-6-{timezone.now().year}-000001"
        steps = [
            ("dispatch", dispatcher, {}),
            ("return", worker.user, {"note": "不属于本单位"}),
            ("reassign", dispatcher, {"assignee": worker}),
            ("accept", worker.user, {}),
            ("request_extension", worker.user, {"days": 3, "note": "需采购配件"}),
            ("approve_extension", dispatcher, {}),
            ("answer", worker.user, {"note": "已更换路灯"}),
            ("approve_closure", dispatcher, {}),
            ("visit", dispatcher, {"satisfaction": "不满意"}),
            ("redo", dispatcher, {}),
            ("answer", worker.user, {"note": "再次检修"}),
            ("approve_closure", dispatcher, {}),
            ("visit", dispatcher, {"satisfaction": Satisfaction.SATISFIED}),
            ("archive", dispatcher, {}),
        ]
        assert appeal.received_on == timezone.localdate(appeal.received_at) and appeal.closed_on is None
        for name, user, kwargs in steps:
            appeal = perform_appeal_action(appeal, user, name, **kwargs)
            stored = Appeal.objects.values_list("closed_at", "closed_on").get(pk=appeal.pk)
            # the dashboards' stored local closing day follows every action, reopening (重办) included
            assert stored[1] == (timezone.localdate(stored[0]) if stored[0] else None), name
        assert appeal.status == AppealStatus.ARCHIVED
        assert appeal.satisfaction == Satisfaction.SATISFIED
        assert appeal.closed_at is not None
        actions = list(AppealEvent.objects.filter(appeal=appeal).values_list("action", flat=True))
        assert actions == ["receive"] + [name for name, _, _ in steps]
        assert appeal.version == 1 + len(steps)
        event = AppealEvent.objects.get(appeal=appeal, action="accept")
        assert (event.from_status, event.to_status, event.actor_label) == ("dispatched", "handling", "李网格员")

    def test_wrong_state_is_refused_with_chinese_message(self, township, setup, dispatcher):
        appeal = receive(township, setup, user=dispatcher)
        with pytest.raises(AppealActionError) as exc:
            perform_appeal_action(appeal, dispatcher, "archive")
        assert "当前状态为“已受理”，不能归档" in exc.value.message
        assert AppealEvent.objects.filter(appeal=appeal).count() == 1

    def test_unknown_action(self, township, setup, dispatcher):
        appeal = receive(township, setup, user=dispatcher)
        with pytest.raises(AppealActionError, match="未知的诉求操作"):
            perform_appeal_action(appeal, dispatcher, "fly")

    def test_return_requires_reason(self, township, setup, dispatcher):
        appeal = perform_appeal_action(receive(township, setup, user=dispatcher), dispatcher, "dispatch")
        with pytest.raises(AppealActionError, match="退单必须填写理由"):
            perform_appeal_action(appeal, dispatcher, "return")

    def test_user_without_rights_is_forbidden(self, township, setup, dispatcher):
        appeal = receive(township, setup, user=dispatcher)
        with pytest.raises(AppealForbidden, match="没有权限派单"):
            perform_appeal_action(appeal, make_user(), "dispatch")

    def test_other_worker_cannot_accept_an_appeal_dispatched_to_someone(self, township, setup, dispatcher):
        mine = make_worker(township, setup["grid"], "甲")
        other = make_worker(township, setup["grid"], "乙")
        appeal = perform_appeal_action(receive(township, setup, user=dispatcher), dispatcher, "dispatch", assignee=mine)
        with pytest.raises(AppealForbidden, match="已派给"):
            perform_appeal_action(appeal, other.user, "accept")

    def test_second_accept_is_a_conflict(self, township, setup, dispatcher):
        first = make_worker(township, setup["grid"], "甲")
        second = make_worker(township, setup["grid"], "乙")
        appeal = perform_appeal_action(receive(township, setup, user=dispatcher), dispatcher, "dispatch")
        stale = type(appeal).objects.get(pk=appeal.pk)
        perform_appeal_action(appeal, first.user, "accept")
        with pytest.raises(AppealConflict, match="已由甲.*签收"):
            perform_appeal_action(stale, second.user, "accept")

    def test_stale_version_is_a_conflict(self, township, setup, dispatcher):
        appeal = receive(township, setup, user=dispatcher)
        with pytest.raises(AppealConflict, match="已被他人更新"):
            perform_appeal_action(appeal, dispatcher, "dispatch", expected_version=appeal.version + 1)

    def test_allowed_actions(self, township, setup, dispatcher):
        appeal = receive(township, setup, user=dispatcher)
        assert allowed_actions(appeal, dispatcher) == ["dispatch", "suspend", "merge"]
        assert allowed_actions(appeal, make_user()) == []
        assert set(ACTIONS) >= {"dispatch", "accept", "escalate", "resume"}


class TestAppealClock:
    def test_due_date_skips_holidays_and_counts_make_up_workdays(self, township, setup, dispatcher):
        from grid.actions import ReceiveAction

        now = timezone.make_aware(dt.datetime(2026, 9, 30, 10))
        appeal = ReceiveAction(
            township, dispatcher, now=now, data={"category": setup["category"], "description": "路面塌陷"}
        ).execute()
        # Seeded 2026 calendar: 10-01…10-07 off, Sat 10-10 a make-up workday (README example).
        assert appeal.due_on == dt.date(2026, 10, 13)

    def test_calendar_change_recomputes_open_appeals(
        self, township, setup, dispatcher, django_capture_on_commit_callbacks
    ):
        from grid.actions import ReceiveAction

        now = timezone.make_aware(dt.datetime(2026, 9, 30, 10))
        data = {"category": setup["category"], "description": "路面塌陷"}
        appeal = ReceiveAction(township, dispatcher, now=now, data=dict(data)).execute()
        closed = ReceiveAction(township, dispatcher, now=now, data=dict(data)).execute()
        closed.status = AppealStatus.ARCHIVED
        closed.save()
        with django_capture_on_commit_callbacks(execute=True):
            CalendarDay.objects.create(
                year=CalendarYear.objects.get(year=2026), date=dt.date(2026, 10, 12), kind=CalendarDay.Kind.HOLIDAY
            )
        appeal.refresh_from_db()
        closed.refresh_from_db()
        assert appeal.due_on == dt.date(2026, 10, 14)
        assert closed.due_on == dt.date(2026, 10, 13)

    def test_suspension_moves_the_due_date_by_the_paused_working_days(self, township, setup, dispatcher):
        from grid.actions import ReceiveAction, SuspendAction
        from grid.actions.resume import ResumeAction

        start = timezone.make_aware(dt.datetime(2026, 3, 2, 9))  # Monday
        appeal = ReceiveAction(
            township, dispatcher, now=start, data={"category": setup["category"], "description": "邻里纠纷"}
        ).execute()
        assert appeal.due_on == dt.date(2026, 3, 9)
        appeal = SuspendAction(appeal, dispatcher, note="等待司法鉴定", now=start).execute()
        assert appeal.status == AppealStatus.SUSPENDED
        appeal = ResumeAction(appeal, dispatcher, now=start + dt.timedelta(days=7)).execute()
        assert appeal.status == AppealStatus.RECEIVED
        assert appeal.paused_working_days == 5
        assert appeal.due_on == dt.date(2026, 3, 16)

    def test_extension_limit(self, township, setup, dispatcher):
        worker = make_worker(township, setup["grid"])
        appeal = perform_appeal_action(receive(township, setup, user=dispatcher), dispatcher, "dispatch")
        appeal = perform_appeal_action(appeal, worker.user, "accept")
        with pytest.raises(AppealActionError, match="1 到 10"):
            perform_appeal_action(appeal, worker.user, "request_extension", days=11, note="x")
        with pytest.raises(AppealActionError, match="整数"):
            perform_appeal_action(appeal, worker.user, "request_extension", days="abc", note="x")


class TestEscalation:
    def test_overdue_appeal_goes_to_leader_then_township(self, township, setup, dispatcher):
        from grid.actions import ReceiveAction
        from grid.tasks import escalate_overdue

        start = timezone.make_aware(dt.datetime(2026, 3, 2, 9))
        appeal = ReceiveAction(
            township,
            dispatcher,
            now=start,
            data={"category": setup["category"], "grid_unit": setup["grid"], "description": "垃圾未清运"},
        ).execute()
        assert escalate_overdue(now=start + dt.timedelta(days=3)) == {1: 0, 2: 0}
        assert escalate_overdue(now=start + dt.timedelta(days=8)) == {1: 1, 2: 0}
        appeal.refresh_from_db()
        assert appeal.escalation_level == 1
        event = appeal.events.get(action="escalate")
        assert "网格长王网格长" in event.note and event.actor_label == "系统"
        assert escalate_overdue(now=start + dt.timedelta(days=9)) == {1: 0, 2: 0}
        assert escalate_overdue(now=start + dt.timedelta(days=14)) == {1: 0, 2: 1}
        assert escalate_overdue(now=start + dt.timedelta(days=20)) == {1: 0, 2: 0}

    def test_suspended_appeal_is_not_escalated(self, township, setup, dispatcher):
        from grid.actions import ReceiveAction, SuspendAction
        from grid.tasks import escalate_overdue

        start = timezone.make_aware(dt.datetime(2026, 3, 2, 9))
        appeal = ReceiveAction(
            township, dispatcher, now=start, data={"category": setup["category"], "description": "垃圾未清运"}
        ).execute()
        SuspendAction(appeal, dispatcher, note="等待", now=start).execute()
        assert escalate_overdue(now=start + dt.timedelta(days=30)) == {1: 0, 2: 0}


class TestMerge:
    def test_merge_keeps_both_timelines(self, township, setup, dispatcher):
        first = receive(township, setup, user=dispatcher)
        second = receive(township, setup, user=dispatcher, description="村口路灯不亮")
        second = perform_appeal_action(second, dispatcher, "merge", target=first)
        assert second.status == AppealStatus.MERGED and second.merged_into == first
        assert list(second.events.values_list("action", flat=True)) == ["receive", "merge"]
        assert list(first.events.values_list("action", flat=True)) == ["receive", "merged_in"]

    def test_merge_into_itself_refused(self, township, setup, dispatcher):
        appeal = receive(township, setup, user=dispatcher)
        with pytest.raises(AppealActionError, match="不能把诉求合并到它自己"):
            perform_appeal_action(appeal, dispatcher, "merge", target=appeal)
