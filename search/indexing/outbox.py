"""The indexing outbox: record pending operations with the change, apply them when the backend answers.

`outbox_enqueue` runs inside the transaction that changes the content and schedules
the indexing task for after the commit (delay_on_commit, outbox row ids as arguments).
`outbox_process` applies rows idempotently — each document is recomputed from the
database, so replaying an old row can never write stale content — and deletes the rows
it applied. When the backend is unreachable the rows stay, with their attempt count
and error, for the periodic replay (`outbox_replay`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.backends import get_search_backend
from search.indexing import registry
from search.models import OutboxOperation, SearchOutbox

logger = logging.getLogger(__name__)

DEFAULT_SITE = "default"
BATCH_SIZE = 200
MAX_AUTOMATIC_ATTEMPTS = 20
MAX_ERROR_CHARS = 2000


class BackendUnavailable(Exception):
    """The search backend could not be written to; the outbox rows wait for a replay."""


@dataclass
class OutboxResult:
    """What one outbox run did."""

    indexed: int = 0
    deleted: int = 0
    failed_documents: list[str] = field(default_factory=list)
    backend_error: str = ""
    remaining: int = 0

    @property
    def ok(self) -> bool:
        return not self.backend_error


def outbox_enqueue(
    doc_ids: Iterable[str], *, op: str = OutboxOperation.INDEX, site: str = DEFAULT_SITE, schedule: bool = True
) -> list[int]:
    """Record pending operations (in the caller's transaction) and schedule the task after commit."""
    doc_ids = list(dict.fromkeys(doc_ids))
    if not doc_ids:
        return []
    rows = SearchOutbox.objects.bulk_create([SearchOutbox(site=site, doc_id=d, op=op) for d in doc_ids])
    ids = [row.pk for row in rows]
    if ids and ids[0] is None:  # backends that do not return bulk ids
        ids = list(SearchOutbox.objects.filter(site=site, doc_id__in=doc_ids).values_list("pk", flat=True))
    if schedule:
        from search.tasks import process_search_outbox

        process_search_outbox.delay_on_commit(ids)
    return ids


def outbox_process(row_ids: Iterable[int] | None = None, *, site: str = DEFAULT_SITE, backend=None) -> OutboxResult:
    """Apply outbox rows (the given ids, or every pending row of the site) to the index.

    Raises nothing for a broken document (its row keeps the error) and nothing for an
    unreachable backend: `OutboxResult.backend_error` says so and the rows stay.
    """
    backend = backend or get_search_backend(site)
    queryset = SearchOutbox.objects.filter(site=site)
    if row_ids is not None:
        queryset = queryset.filter(pk__in=list(row_ids))
    else:
        queryset = queryset.filter(attempts__lt=MAX_AUTOMATIC_ATTEMPTS)
    result = OutboxResult()
    last_pk = 0
    while True:
        rows = list(queryset.filter(pk__gt=last_pk).order_by("pk").values_list("pk", "doc_id")[:BATCH_SIZE])
        if not rows:
            break
        last_pk = rows[-1][0]
        if not _apply_batch(rows, backend, result):
            break
    result.remaining = SearchOutbox.objects.filter(site=site).count()
    return result


def outbox_replay(*, site: str = DEFAULT_SITE, include_failed: bool = False, backend=None) -> OutboxResult:
    """Everything pending for a site (the periodic task and `replay_search_outbox`)."""
    if include_failed:
        SearchOutbox.objects.filter(site=site, attempts__gte=MAX_AUTOMATIC_ATTEMPTS).update(
            attempts=MAX_AUTOMATIC_ATTEMPTS - 1
        )
    return outbox_process(None, site=site, backend=backend)


def _apply_batch(rows: list[tuple[int, str]], backend, result: OutboxResult) -> bool:
    """Apply one batch; False when the backend is unreachable (the caller stops)."""
    by_doc: dict[str, list[int]] = {}
    for pk, doc_id in rows:
        by_doc.setdefault(doc_id, []).append(pk)
    documents, removals, broken = [], [], {}
    for doc_id in by_doc:
        try:
            document = registry.document_for(doc_id)
        except Exception as exc:  # a broken content object must not block the others
            logger.exception("Could not build the search document %s", doc_id)
            broken[doc_id] = f"{type(exc).__name__}: {exc}"
            continue
        if document is None:
            removals.append(doc_id)
        else:
            documents.append(document)
    try:
        if documents:
            backend.index(documents)
        if removals:
            backend.delete(removals)
    except Exception as exc:  # ConnectionError, TransportError, a database error in the index …
        logger.warning("Search backend unavailable; %d operations wait in the outbox: %s", len(rows), exc)
        result.backend_error = f"{type(exc).__name__}: {exc}"
        _record_failure([pk for pk, _ in rows], result.backend_error)
        return False
    result.indexed += len(documents)
    result.deleted += len(removals)
    done = [pk for doc_id, pks in by_doc.items() if doc_id not in broken for pk in pks]
    SearchOutbox.objects.filter(pk__in=done).delete()
    for doc_id, error in broken.items():
        result.failed_documents.append(doc_id)
        _record_failure(by_doc[doc_id], error)
    return True


def _record_failure(pks: list[int], error: str) -> None:
    with transaction.atomic():
        SearchOutbox.objects.filter(pk__in=pks).update(
            attempts=F("attempts") + 1, last_error=error[:MAX_ERROR_CHARS], last_attempt=timezone.now()
        )


def outbox_pending_count(site: str = DEFAULT_SITE) -> int:
    return SearchOutbox.objects.filter(site=site).count()
