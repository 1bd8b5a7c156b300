"""Working-day due dates of appeals, stored on the appeal and recomputed when the calendar changes.

due_on = clock_started_on + (category time limit + approved extension + suspended working days)
working days, counted by cms.core.services.workdays (start day is day 0, make-up workdays count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from cms.core.services import workdays
from grid.models import OPEN_STATUSES, Appeal

RECOMPUTE_BATCH = 500


def working_days_allowed(appeal: Appeal) -> int:
    return appeal.category.time_limit_days + appeal.extension_days + appeal.paused_working_days


def compute_due_on(appeal: Appeal) -> dt.date:
    """The due date from the stored clock start, limit, extension and paused days."""
    start = appeal.clock_started_on or timezone.localdate(appeal.received_at)
    return workdays.add_working_days(start, working_days_allowed(appeal))


def paused_working_days_until(appeal: Appeal, today: dt.date) -> int:
    """Working days the clock was stopped for the current suspension, up to today."""
    if appeal.paused_since is None:
        return 0
    return max(0, workdays.working_days_between(appeal.paused_since, today))


def recompute_open_appeals(*, years: Iterable[int] | None = None) -> int:
    """Recompute due_on of open appeals whose clock runs through the given years; returns the count changed.

    With years=None every open appeal is recomputed.
    """
    queryset = Appeal.objects.filter(status__in=OPEN_STATUSES).select_related("category")
    if years is not None:
        years = sorted(set(years))
        if not years:
            return 0
        # An appeal is affected when its period (clock start … current due date) touches a changed year.
        queryset = queryset.filter(clock_started_on__year__lte=max(years), due_on__year__gte=min(years))
    changed = 0
    with transaction.atomic():
        batch: list[Appeal] = []
        for appeal in queryset.iterator(chunk_size=RECOMPUTE_BATCH):
            due = compute_due_on(appeal)
            if due != appeal.due_on:
                appeal.due_on = due
                batch.append(appeal)
            if len(batch) >= RECOMPUTE_BATCH:
                Appeal.objects.bulk_update(batch, ["due_on"])
                changed += len(batch)
                batch = []
        if batch:
            Appeal.objects.bulk_update(batch, ["due_on"])
            changed += len(batch)
    return changed
