"""Index terms of many documents, computed in parallel processes for large batches (rebuilds).

jieba segmentation is nearly all of the cost of indexing and runs in pure Python, so one
process uses one core. For a batch of at least PARALLEL_FROM documents the terms are cut in
a pool of forked processes (they inherit the loaded dictionary, so nothing is reloaded);
small batches — every publish — stay in-process. The result is the same either way
(tests/search/test_terms.py).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor

from django.conf import settings

from search import text as search_text
from search.documents import SearchDocument

PARALLEL_FROM = 200

Terms = tuple[list[str], list[str]]


def document_terms(title: str, text: str, field_text: str) -> Terms:
    """(title terms, text terms) of one document."""
    return (
        search_text.title_tokens(title),
        search_text.document_tokens(text) + search_text.document_tokens(field_text),
    )


def worker_count() -> int:
    """SEARCH_INDEX_WORKERS, default: the CPU count (at most 4); 1 means never fork."""
    configured = getattr(settings, "SEARCH_INDEX_WORKERS", None)
    return max(1, int(configured) if configured else min(4, os.cpu_count() or 1))


class TermCutter:
    """Cuts terms batch by batch; opens its process pool at the first large batch, closes it on exit."""

    def __init__(self, workers: int | None = None):
        self.workers = worker_count() if workers is None else workers
        self._pool: Executor | None = None

    def __enter__(self) -> TermCutter:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def terms(self, documents: list[SearchDocument]) -> list[Terms]:
        return self.submit(documents)()

    def submit(self, documents: list[SearchDocument]) -> Callable[[], list[Terms]]:
        """Start cutting; the returned callable waits for the terms (the caller works meanwhile)."""
        jobs = [(doc.title, doc.indexed_text(), doc.field_text()) for doc in documents]
        if self.workers <= 1 or len(jobs) < PARALLEL_FROM:
            done = [document_terms(*job) for job in jobs]
            return lambda: done
        if self._pool is None:
            search_text.segment("预热")  # load the dictionary once, before forking
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        size = max(1, len(jobs) // (self.workers * 4))
        futures = [self._pool.submit(_terms_of_chunk, jobs[i : i + size]) for i in range(0, len(jobs), size)]
        return lambda: [terms for future in futures for terms in future.result()]


def _terms_of_chunk(jobs: list[tuple[str, str, str]]) -> list[Terms]:
    return [document_terms(*job) for job in jobs]
