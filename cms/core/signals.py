"""Calendar change notifications: keep every cached calendar and stored due date honest.

`calendar_changed` is sent after any save or delete of a CalendarYear or CalendarDay
(admin, shell, bulk delete, `seed_calendar`), with these keyword arguments:

* ``sender`` – the model class that changed (CalendarYear or CalendarDay);
* ``years`` – a frozenset of the calendar years whose arrangement changed
  (for a CalendarDay moved to another year, both years).

Modules that store due dates computed in working days (appeal deadlines, request reply
dates, disclosure timeliness) subscribe to recompute the due dates of their OPEN records:

    from cms.core.signals import calendar_changed

    @receiver(calendar_changed)
    def recompute_appeal_due_dates(sender, years, **kwargs):
        recompute_open_appeals.delay_on_commit(sorted(years))

The signal is sent synchronously, inside the transaction of the change, so a receiver
doing little work may update rows directly; heavy work belongs in a Celery task queued
with `delay_on_commit`. The cached calendar is invalidated before the signal is sent, so
receivers already see the new arrangement through cms.core.services.workdays.

Bulk writers wrap their work in `calendar_changes_batched()`: the per-row signals are
collected and sent once, with the union of the years, when the outermost block ends.
`QuerySet.update()` and `bulk_create()` send no model signals: code using them on calendar
rows must call `notify_calendar_changed()` itself (as cms/core/services/calendar_seed.py does).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal

from cms.core.services import workdays

calendar_changed = Signal()

_state = threading.local()


def _batch() -> dict | None:
    return getattr(_state, "batch", None)


def notify_calendar_changed(*, sender, years: Iterable[int]) -> None:
    """Invalidate the cached calendar (now and again on commit) and send `calendar_changed`."""
    years = frozenset(years)
    batch = _batch()
    if batch is not None:
        batch["years"] |= years
        batch["sender"] = batch["sender"] or sender
        return
    workdays.invalidate_calendar()
    # Other processes must not reload the old rows between now and the commit.
    transaction.on_commit(workdays.invalidate_calendar)
    calendar_changed.send(sender=sender, years=years)


@contextmanager
def calendar_changes_batched(*, notify: bool = True) -> Iterator[None]:
    """Collect calendar notifications in this block and send one at the end (none on error).

    notify=False drops them altogether; a data migration uses it, nothing subscribes yet.
    """
    if _batch() is not None:  # nested: the outermost block sends
        yield
        return
    _state.batch = {"years": frozenset(), "sender": None}
    try:
        yield
    except BaseException:
        _state.batch = None
        workdays.invalidate_calendar()
        raise
    batch, _state.batch = _state.batch, None
    if notify and batch["years"]:
        notify_calendar_changed(sender=batch["sender"], years=batch["years"])


def _year_of(instance) -> int:
    """The calendar year a CalendarDay (by its date) or a CalendarYear belongs to."""
    return instance.date.year if hasattr(instance, "date") else instance.year


def _remember_previous_year(sender, instance, raw=False, **kwargs) -> None:
    previous = None
    if instance.pk and not raw:
        field = "date" if hasattr(instance, "date") else "year"
        value = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
        previous = value.year if hasattr(value, "year") else value
    instance._calendar_previous_year = previous


def _calendar_row_saved(sender, instance, **kwargs) -> None:
    years = {_year_of(instance)}
    previous = getattr(instance, "_calendar_previous_year", None)
    if previous is not None:
        years.add(previous)
    notify_calendar_changed(sender=sender, years=years)


def _calendar_row_deleted(sender, instance, **kwargs) -> None:
    notify_calendar_changed(sender=sender, years={_year_of(instance)})


def connect_calendar_receivers() -> None:
    """Called from CoreConfig.ready(); dispatch_uid keeps a second call harmless."""
    from cms.core.models import CalendarDay, CalendarYear

    for model in (CalendarYear, CalendarDay):
        name = model._meta.model_name
        pre_save.connect(_remember_previous_year, sender=model, dispatch_uid=f"core.{name}.pre_save")
        post_save.connect(_calendar_row_saved, sender=model, dispatch_uid=f"core.{name}.saved")
        post_delete.connect(_calendar_row_deleted, sender=model, dispatch_uid=f"core.{name}.deleted")
