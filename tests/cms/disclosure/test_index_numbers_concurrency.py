"""索引号 uniqueness when many items are published at once (real PostgreSQL, real threads)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from wagtail.models import Revision

from cms.disclosure.models import DisclosureItemPage
from tests.factories import make_item, make_tree

ITEMS = 30
THREADS = 8


def _publish(revision_id: int, barrier: threading.Barrier) -> None:
    try:
        revision = Revision.objects.get(pk=revision_id)
        barrier.wait(timeout=30)
        revision.publish()
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_get_distinct_gap_free_numbers():
    from tests.conftest import using_postgres

    assert using_postgres()
    level3 = make_tree()[4]
    drafts = [make_item(level3, f"并发信息{i}", publish=False) for i in range(ITEMS)]
    revision_ids = [item.latest_revision_id for item in drafts]
    # Every thread waits at the barrier so the publishes really overlap.
    barrier = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(_publish, rid, barrier) for rid in revision_ids[:THREADS]]
        futures += [pool.submit(_publish, rid, threading.Barrier(1)) for rid in revision_ids[THREADS:]]
        for future in futures:
            future.result()

    numbers = list(
        DisclosureItemPage.objects.filter(pk__in=[d.pk for d in drafts]).values_list("index_number", flat=True)
    )
    assert len(numbers) == ITEMS
    assert len(set(numbers)) == ITEMS
    sequences = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert sequences == list(range(1, ITEMS + 1))
