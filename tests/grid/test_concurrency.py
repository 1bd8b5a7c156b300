"""Concurrency on PostgreSQL: 50 parallel intakes get gap-free serials; two accepts, one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from grid.actions import ReceiveAction, perform_appeal_action
from grid.exceptions import AppealConflict
from grid.models import Appeal
from tests.grid.factories import make_grid_setup, make_user, make_worker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_parallel(count: int, target) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results[index] = target(index)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_parallel_intakes_are_all_saved_without_duplicates_or_gaps():
    from tests.factories import make_township

    township = make_township()
    setup = make_grid_setup(township)

    def intake(index):
        data = {"category": setup["category"].pk, "description": f"诉求 {index}", "appellant_phone": "13912345678"}
        return ReceiveAction(township, None, data=data).execute().serial

    results = run_parallel(50, intake)
    assert all(isinstance(r, str) for r in results), results
    numbers = sorted(int(serial.rsplit("-", 1)[1]) for serial in results)
    assert numbers == list(range(1, 51))
    assert Appeal.objects.count() == 50


def test_two_workers_accepting_at_once_one_wins():
    from tests.factories import make_township

    township = make_township()
    setup = make_grid_setup(township)
    dispatcher = make_user("dispatcher", "grid.change_appeal", "grid.add_appeal")
    first, second = make_worker(township, setup["grid"], "甲"), make_worker(township, setup["grid"], "乙")
    appeal = ReceiveAction(township, dispatcher, data={"category": setup["category"], "description": "x"}).execute()
    appeal = perform_appeal_action(appeal, dispatcher, "dispatch")
    users = [first.user, second.user]

    results = run_parallel(2, lambda i: perform_appeal_action(Appeal.objects.get(pk=appeal.pk), users[i], "accept"))
    conflicts = [r for r in results if isinstance(r, AppealConflict)]
    winners = [r for r in results if isinstance(r, Appeal)]
    assert len(winners) == 1 and len(conflicts) == 1, results
    assert "签收" in conflicts[0].message
    appeal.refresh_from_db()
    assert appeal.status == "handling" and appeal.events.filter(action="accept").count() == 1
