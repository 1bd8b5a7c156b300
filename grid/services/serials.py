"""Appeal serial numbers ``{township code}-{year}-{000001}``: unique and gap-free per township and year.

The counter row (AppealSerial) is locked with SELECT … FOR UPDATE inside the intake
transaction, so a number is only used when its appeal commits: concurrent intakes
wait for each other and a rolled-back intake gives its number back.
"""

from __future__ import annotations

from django.db import transaction

from cms.core.models import TownshipPage
from grid.models import AppealSerial

SERIAL_DIGITS = 6


def township_code(township: TownshipPage) -> str:
    """The township's code in serial numbers: its organisation code (e.g. 01526095-6)."""
    return (township.organisation_code or township.slug).strip()


def format_serial(*, township: TownshipPage, year: int, value: int) -> str:
    return f"{township_code(township)}-{year}-{value:0{SERIAL_DIGITS}d}"


def allocate_serial(*, township: TownshipPage, year: int) -> str:
    """The next serial of the township and year; call inside the transaction that saves the appeal."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_serial must run inside the transaction that saves the appeal")
    # Create the row without racing: a conflicting insert is ignored, then everybody locks it.
    AppealSerial.objects.bulk_create([AppealSerial(township=township, year=year, last_value=0)], ignore_conflicts=True)
    counter = AppealSerial.objects.select_for_update().get(township=township, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return format_serial(township=township, year=year, value=counter.last_value)
