"""Celery tasks of the printing app (primary keys in, idempotent)."""

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def rebuild_booklet(self, booklet_id: int) -> str:
    """Rebuild one booklet once its debounce quiet period is over (see cms.printing.booklets)."""
    from cms.printing.booklets import rebuild_if_due

    try:
        return rebuild_if_due(booklet_id)
    except Exception as exc:  # noqa: BLE001 - retried with backoff, then surfaced by Celery
        raise self.retry(exc=exc, countdown=30 * (self.request.retries + 1)) from exc
