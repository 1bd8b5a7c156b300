"""Intake holds the serial-number lock as briefly as possible: after the counter UPDATE only the two INSERTs.

On PostgreSQL the UPDATE and both INSERTs are one statement (grid.services.serials.insert_with_serial).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grid.models import AppealSerial
from tests.grid.factories import make_user, make_worker, receive

pytestmark = pytest.mark.django_db


def statements_after_serial(queries) -> list[str]:
    sqls = [q["sql"] for q in queries]
    index = next(i for i, sql in enumerate(sqls) if sql.startswith("UPDATE") and "grid_appealserial" in sql)
    return [sql.split(" (")[0].split(" SET")[0] for sql in sqls[index + 1 :] if "SAVEPOINT" not in sql]


@pytest.mark.parametrize("who", ["anonymous", "worker", "dispatcher"])
def test_only_the_appeal_and_its_event_are_written_under_the_lock(township, setup, who):
    receive(township, setup)  # the counter row exists from now on
    user = None
    if who == "worker":
        user = make_worker(township, setup["grid"]).user
    elif who == "dispatcher":
        user = make_user("dispatcher", "grid.add_appeal", "grid.change_appeal")
    with CaptureQueriesContext(connection) as queries:
        appeal = receive(township, setup, user=user, **({"source": "online"} if user is None else {}))
    if connection.vendor == "postgresql":
        # One statement numbers the appeal and inserts it and its event; nothing else comes after it.
        [last] = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]][-1:]
        assert last.startswith('WITH n AS (UPDATE "grid_appealserial"')
        assert 'INSERT INTO "grid_appeal" (' in last and 'INSERT INTO "grid_appealevent" (' in last
        assert sum("grid_appealserial" in q["sql"] for q in queries.captured_queries) == 1
    else:
        assert statements_after_serial(queries.captured_queries) == [
            'INSERT INTO "grid_appeal"',
            'INSERT INTO "grid_appealevent"',
        ]
    appeal.refresh_from_db()
    assert appeal.serial.endswith("-000002") and appeal.events.get().actor_label
    assert appeal.received_on == timezone.localdate(appeal.received_at) and appeal.created and appeal.updated


def test_first_appeal_of_the_year_creates_the_counter(township, setup):
    assert not AppealSerial.objects.exists()
    first, second = receive(township, setup), receive(township, setup)
    assert (first.serial[-6:], second.serial[-6:]) == ("000001", "000002")
    assert AppealSerial.objects.get().last_value == 2


def test_a_refused_intake_uses_no_number(township, setup):
    from grid.exceptions import AppealActionError

    receive(township, setup)
    with pytest.raises(AppealActionError):
        receive(township, setup, appellant_phone="12345")
    assert receive(township, setup).serial.endswith("-000002")
