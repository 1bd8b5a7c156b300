"""Calendar builders for the working-day tests (the REFERENCE.md example and friends)."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.core.models import CalendarDay, CalendarYear

D = dt.date

# REFERENCE.md, 2026: holidays 10-01..10-07 and 09-25; Sun 09-20 and Sat 10-10 are workdays.
# Only the dates that differ from Mon–Fri are stored (10-03/10-04 are a Sat/Sun anyway).
REFERENCE_2026_HOLIDAYS = [
    D(2026, 9, 25),
    D(2026, 10, 1),
    D(2026, 10, 2),
    D(2026, 10, 5),
    D(2026, 10, 6),
    D(2026, 10, 7),
]
REFERENCE_2026_WORKDAYS = [D(2026, 9, 20), D(2026, 10, 10)]


def make_reference_calendar() -> CalendarYear:
    """Replace whatever calendar exists with the 2026 reference arrangement only."""
    CalendarYear.objects.all().delete()
    year = CalendarYear.objects.create(year=2026, source="REFERENCE.md")
    CalendarDay.objects.bulk_create(
        [CalendarDay(year=year, date=d, kind=CalendarDay.Kind.HOLIDAY, name="国庆节") for d in REFERENCE_2026_HOLIDAYS]
        + [
            CalendarDay(year=year, date=d, kind=CalendarDay.Kind.WORKDAY, name="国庆节")
            for d in REFERENCE_2026_WORKDAYS
        ]
    )
    from cms.core.services import workdays

    workdays.invalidate_calendar()  # bulk_create sends no signals
    return year


def ensure_years(*years: int) -> None:
    for year in years:
        CalendarYear.objects.get_or_create(year=year)


@pytest.fixture
def reference_calendar(db) -> CalendarYear:
    """Import into a test module to use: the database holds only the 2026 reference calendar."""
    return make_reference_calendar()
