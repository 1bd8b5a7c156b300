"""Background work of the grid module: 督办 of overdue appeals (Celery beat) and due-date recomputation.

Both tasks are idempotent: escalation only raises an appeal's level once per level,
and recomputation writes only the due dates that changed.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from cms.core.services import workdays

logger = logging.getLogger(__name__)


def township_escalation_after_days() -> int:
    """Working days past the due date after which the township (not only the grid leader) is told."""
    return int(getattr(settings, "GRID_ESCALATE_TO_TOWNSHIP_AFTER_DAYS", 3))


def escalate_overdue(*, now=None) -> dict[int, int]:
    """Escalate every overdue appeal one level where due; returns {level: count}. Used by the task and tests."""
    from grid.actions import EscalateAction
    from grid.exceptions import AppealActionError
    from grid.models import Appeal

    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {1: 0, 2: 0}
    overdue = Appeal.objects.overdue(today).filter(escalation_level__lt=2).only("pk", "due_on", "escalation_level")
    for appeal in overdue.iterator(chunk_size=200):
        if appeal.escalation_level == 0:
            level = 1
        elif workdays.working_days_between(appeal.due_on, today) >= township_escalation_after_days():
            level = 2
        else:
            continue
        try:
            EscalateAction(appeal, None, level=level, now=now).execute()
        except AppealActionError as exc:  # changed meanwhile (closed, suspended, escalated by hand)
            logger.info("督办跳过 %s：%s", appeal.pk, exc.message)
            continue
        counts[level] += 1
    return counts


@shared_task(
    name="grid.tasks.escalate_overdue_appeals",
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def escalate_overdue_appeals() -> str:
    """Celery beat entry point (see CELERY_BEAT_SCHEDULE["grid-escalate-overdue-appeals"])."""
    counts = escalate_overdue()
    report = f"督办至网格长 {counts[1]} 件，督办至乡镇 {counts[2]} 件"
    logger.info(report)
    return report


@shared_task(
    name="grid.tasks.recompute_open_appeal_due_dates",
    ignore_result=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def recompute_open_appeal_due_dates(years: list[int] | None = None) -> int:
    """Recompute the stored due dates of open appeals after a calendar change."""
    from grid.services.due_dates import recompute_open_appeals

    return recompute_open_appeals(years=years)
