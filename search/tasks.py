"""Celery tasks of the search index: apply outbox rows after a change, replay what is pending.

Both are idempotent (documents are recomputed from the database) and never fail a
publish: an unreachable backend leaves the rows in the outbox. On a real worker the
per-change task retries with exponential backoff; in-process (eager, no broker) it
leaves the retry to the periodic replay instead of blocking the editor's request.
"""

from __future__ import annotations

import logging

from celery import shared_task

from search.indexing.outbox import DEFAULT_SITE, BackendUnavailable, outbox_process, outbox_replay

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(
    bind=True,
    name="search.tasks.process_search_outbox",
    ignore_result=True,
    max_retries=MAX_RETRIES,
    retry_backoff=True,
)
def process_search_outbox(self, row_ids: list[int], site: str = DEFAULT_SITE) -> dict:
    """Apply the outbox rows one content change recorded."""
    result = outbox_process(row_ids, site=site)
    if result.backend_error and not self.request.is_eager and self.request.retries < MAX_RETRIES:
        countdown = min(600, 2 ** (self.request.retries + 1) * 5)
        raise self.retry(exc=BackendUnavailable(result.backend_error), countdown=countdown)
    return {"indexed": result.indexed, "deleted": result.deleted, "error": result.backend_error}


@shared_task(name="search.tasks.replay_search_outbox", ignore_result=True)
def replay_search_outbox(site: str = DEFAULT_SITE) -> dict:
    """Periodic (Celery beat, every minute): apply every pending row once the backend answers."""
    result = outbox_replay(site=site)
    if result.backend_error:
        logger.warning("Search outbox replay stopped: %s (%d pending)", result.backend_error, result.remaining)
    return {"indexed": result.indexed, "deleted": result.deleted, "remaining": result.remaining}
