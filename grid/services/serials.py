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
