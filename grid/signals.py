"""Receivers of the grid module: open appeals follow calendar changes."""

from __future__ import annotations

from django.dispatch import receiver

from cms.core.signals import calendar_changed


@receiver(calendar_changed, dispatch_uid="grid.recompute_open_appeal_due_dates")
def recompute_due_dates_on_calendar_change(sender, years, **kwargs) -> None:
    from grid.tasks import recompute_open_appeal_due_dates

    recompute_open_appeal_due_dates.delay_on_commit(sorted(years))
