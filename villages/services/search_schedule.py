"""Notices published ahead of their posting date enter the search index on that date.

A notice is searchable from the first day of its posting window (VillageNoticePage.
search_document); publishing it earlier indexes nothing, and no content change happens on
the day itself. So a periodic task records index operations for the notices whose window
has just opened; they go through the search outbox like any other change (idempotent:
indexing a notice twice writes the same document).
"""

from __future__ import annotations

import datetime as dt

from search.indexing.outbox import outbox_enqueue

CATCH_UP_DAYS = 2  # a day missed by the scheduler is still covered


def enqueue_notices_opening(today: dt.date) -> int:
    """Record index operations for live notices whose posting started in the last CATCH_UP_DAYS days."""
    from villages.models import VillageNoticePage

    since = today - dt.timedelta(days=CATCH_UP_DAYS - 1)
    pks = VillageNoticePage.objects.live().filter(posting_start__gte=since, posting_start__lte=today)
    doc_ids = [f"villages.VillageNoticePage:{pk}" for pk in pks.values_list("pk", flat=True)]
    outbox_enqueue(doc_ids)
    return len(doc_ids)
