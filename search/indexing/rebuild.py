"""Rebuild the index from the database, and compare the two (`rebuild_search_index [--check]`).

A rebuild never leaves searchers with a half-built index: Elasticsearch fills a fresh
index and swaps its alias (ElasticsearchBackend.rebuild); the embedded index is cleared
and refilled inside one database transaction, so readers see the old rows until it
commits. Outbox rows recorded before the rebuild started are covered by it and removed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction

from search.backends import get_search_backend
from search.documents import SearchDocument
from search.indexing import registry
from search.indexing.outbox import DEFAULT_SITE
from search.models import IndexedDocument, SearchIndexRebuild, SearchOutbox
from search.synonyms import apply_synonyms

Progress = Callable[[int, int, float], None]
PROGRESS_EVERY = 50


@dataclass
class RebuildResult:
    """What a rebuild wrote and how long it took."""

    documents: int
    seconds: float
    backend: str

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else float(self.documents)


def _counted(documents: Iterator[SearchDocument], total: int, progress: Progress | None) -> Iterator[SearchDocument]:
    started = time.perf_counter()
    done = 0
    for done, document in enumerate(documents, start=1):
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total, time.perf_counter() - started)
        yield document
    if progress:
        progress(done, total, time.perf_counter() - started)


def rebuild_index(*, site: str = DEFAULT_SITE, progress: Progress | None = None, backend=None) -> RebuildResult:
    """Write every searchable document into a fresh index for `site`; returns the count."""
    apply_synonyms()
    backend = backend or get_search_backend(site)
    started = time.perf_counter()
    last_outbox_pk = SearchOutbox.objects.filter(site=site).order_by("-pk").values_list("pk", flat=True).first() or 0
    total = registry.count_candidates()
    documents = _counted(registry.all_documents(), total, progress)
    if hasattr(backend, "rebuild"):
        written = 0

        def tally(docs):
            nonlocal written
            for document in docs:
                written += 1
                yield document

        backend.rebuild(tally(documents))
    else:
        with transaction.atomic():
            backend.clear()
            written = backend.index(documents)
    SearchOutbox.objects.filter(site=site, pk__lte=last_outbox_pk).delete()
    seconds = time.perf_counter() - started
    name = type(backend).__name__
    SearchIndexRebuild.objects.create(site=site, documents=written, seconds=seconds, backend=name)
    return RebuildResult(documents=written, seconds=seconds, backend=name)


@dataclass
class IndexDifference:
    """Ids the index lacks, ids it should not have, and ids whose stored title/url/text differ."""

    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    expected: int = 0
    indexed: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def _stored_fingerprints(site: str) -> dict[str, tuple] | None:
    """What the embedded index stored per id (None for other backends: ids only)."""
    rows = IndexedDocument.objects.filter(site=site).values_list("doc_id", "title", "url", "text", "catalog_path")
    return {doc_id: (title, url, text, list(path)) for doc_id, title, url, text, path in rows}


def _fingerprint(document: SearchDocument) -> tuple:
    return (document.title, document.url, document.indexed_text(), list(document.catalog_path))


def check_index(*, site: str = DEFAULT_SITE, backend=None) -> IndexDifference:
    """Compare the index with the database's searchable documents."""
    backend = backend or get_search_backend(site)
    expected = {document.id: document for document in registry.all_documents()}
    indexed = backend.document_ids()
    difference = IndexDifference(
        missing=sorted(set(expected) - indexed),
        extra=sorted(indexed - set(expected)),
        expected=len(expected),
        indexed=len(indexed),
    )
    from search.backends.embedded import EmbeddedBackend

    if isinstance(backend, EmbeddedBackend):
        stored = _stored_fingerprints(site)
        difference.stale = sorted(
            doc_id
            for doc_id, document in expected.items()
            if doc_id in stored and stored[doc_id] != _fingerprint(document)
        )
    return difference
