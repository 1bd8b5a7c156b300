"""Celery tasks of the villages app (run by beat; eager without a broker)."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="villages.tasks.send_schedule_reminders")
def send_schedule_reminders() -> int:
    """Daily: remind the secretaries of villages behind schedule."""
    from villages.services.reminders import send_schedule_reminders as send

    return send(today=timezone.localdate())


@shared_task(name="villages.tasks.index_notices_opening")
def index_notices_opening() -> int:
    """Hourly: notices whose posting window opened today (or yesterday) enter the search index."""
    from villages.services.search_schedule import enqueue_notices_opening

    return enqueue_notices_opening(timezone.localdate())
