"""Appeal serial numbers ``{township code}-{year}-{000001}``: unique and gap-free per township and year.

The counter row (AppealSerial) is incremented with one ``UPDATE … RETURNING`` inside
the intake transaction, which locks the row until that transaction ends: a number is
only used when its appeal commits, concurrent intakes wait for each other and a
rolled-back intake gives its number back. Because the lock lasts until commit, the
intake takes the number as its LAST step before the INSERTs (grid/actions/receive.py):
everything that can be done without the number is done before the lock is taken.
"""

from __future__ import annotations

from django.db import connection, transaction

from cms.core.models import TownshipPage
from grid.models import AppealSerial

SERIAL_DIGITS = 6


def township_code(township: TownshipPage) -> str:
    """The township's code in serial numbers: its organisation code (e.g. 01526095-6)."""
    return (township.organisation_code or township.slug).strip()


def format_serial(*, township: TownshipPage, year: int, value: int) -> str:
    return f"{township_code(township)}-{year}-{value:0{SERIAL_DIGITS}d}"


def _increment(township_id: int, year: int) -> int | None:
    """Raise the counter by one and return the new value (None if the row does not exist yet).

    One statement (PostgreSQL and SQLite ≥ 3.35 both know RETURNING) instead of
    SELECT … FOR UPDATE + UPDATE: one round trip less while the lock is held.
    """
    table = connection.ops.quote_name(AppealSerial._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_value = last_value + 1 "  # noqa: S608 - table name from the model
            "WHERE township_id = %s AND year = %s RETURNING last_value",
            [township_id, year],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def allocate_serial(*, township: TownshipPage, year: int) -> str:
    """The next serial of the township and year; call inside the transaction that saves the appeal."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_serial must run inside the transaction that saves the appeal")
    value = _increment(township.pk, year)
    if value is None:
        # First appeal of the year: create the row without racing (a conflicting insert is
        # ignored), then increment like everybody else.
        AppealSerial.objects.bulk_create(
            [AppealSerial(township=township, year=year, last_value=0)], ignore_conflicts=True
        )
        value = _increment(township.pk, year)
    return format_serial(township=township, year=year, value=value)


def _insert_values(instance, fields, conn) -> list:
    return [field.get_db_prep_save(field.pre_save(instance, True), conn) for field in fields]


def insert_with_serial(appeal, event, *, township: TownshipPage, year: int) -> bool:
    """PostgreSQL: number, INSERT the appeal and its first event in ONE statement; False if the counter is missing.

    The counter UPDATE, both INSERTs (data-modifying CTEs) and — outside an atomic block —
    the commit are a single round trip, so the counter row stays locked only while that one
    statement runs and commits: with several clients waiting for the lock, every round trip
    spent holding it is one that all of them wait for (ReceiveAction used to hold it over
    three). Same numbers, same rows and same gap-free guarantee as allocate_serial + save().
    """
    conn = transaction.get_connection()
    q = conn.ops.quote_name
    appeal_fields = [f for f in appeal._meta.local_concrete_fields if not f.primary_key and f.name != "serial"]
    event_fields = [f for f in event._meta.local_concrete_fields if not f.primary_key and f.name != "appeal"]
    serial_field = appeal._meta.get_field("serial")
    event_appeal = event._meta.get_field("appeal")
    counter = q(AppealSerial._meta.db_table)
    placeholders = ", ".join(["%s"] * len(appeal_fields))
    event_placeholders = ", ".join(["%s"] * len(event_fields))
    sql = (
        f"WITH n AS (UPDATE {counter} SET last_value = last_value + 1 "  # noqa: S608 - names from the models
        "WHERE township_id = %s AND year = %s RETURNING last_value::text AS v), "
        f"a AS (INSERT INTO {q(appeal._meta.db_table)} "
        f"({', '.join(q(f.column) for f in appeal_fields)}, {q(serial_field.column)}) "
        f"SELECT {placeholders}, %s || lpad(n.v, greatest({SERIAL_DIGITS}, length(n.v)), '0') FROM n "
        f"RETURNING {q(appeal._meta.pk.column)} AS id, {q(serial_field.column)} AS serial), "
        f"e AS (INSERT INTO {q(event._meta.db_table)} "
        f"({', '.join(q(f.column) for f in event_fields)}, {q(event_appeal.column)}) "
        f"SELECT {event_placeholders}, a.id FROM a) "
        "SELECT id, serial FROM a"
    )
    params = [
        township.pk,
        year,
        *_insert_values(appeal, appeal_fields, conn),
        f"{township_code(township)}-{year}-",
        *_insert_values(event, event_fields, conn),
    ]
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    appeal.pk, appeal.serial = row[0], row[1]
    appeal._state.adding, appeal._state.db = False, conn.alias
    event.appeal = appeal
    return True


def ensure_counter(*, township: TownshipPage, year: int) -> None:
    """Create the township's counter row for the year if missing (a concurrent creation is ignored)."""
    AppealSerial.objects.bulk_create([AppealSerial(township=township, year=year, last_value=0)], ignore_conflicts=True)
