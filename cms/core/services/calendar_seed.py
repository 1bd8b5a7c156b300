"""Seed the working-day calendar from the `chinesecalendar` package.

Used by the data migration core/0002 and by `manage.py seed_calendar`, so a fresh
database and a re-seeded one hold exactly the same rows.

What is stored: only the dates that differ from the Mon–Fri rule —
* weekday holidays (kind "holiday"), and
* weekend make-up workdays (调休, kind "workday").

`chinesecalendar` also lists the weekend days inside a holiday block (e.g. Sat 2026-10-03
in 国庆节); those are skipped because the Mon–Fri rule already makes them days off, and
storing them would only add rows an editor could "delete" without any effect. Weekdays
the package lists as workdays are skipped for the same reason (there are none in 1.11).
So the admin lists exactly the days an editor has to check against the State Council
notice (国务院办公厅关于某年部分节假日安排的通知).

Seeding a year that already exists leaves it alone (editors' corrections win) unless
overwrite=True, which replaces that year's days with the package's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import chinese_calendar
from django.db import transaction

# CalendarDay.Kind values, spelled out so the historical models of a migration can use them.
HOLIDAY = "holiday"
WORKDAY = "workday"

SOURCE_LABEL = f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip()

# The package names some holidays by their short form; the State Council notice uses these.
_FULL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
_NAME_MAX_LENGTH = 40
_PROBE_FIRST_YEAR = 1990


@dataclass(frozen=True)
class DayArrangement:
    """One date that differs from the Mon–Fri rule, as the package describes it."""

    date: dt.date
    kind: str
    name: str


@dataclass
class SeedResult:
    """What a seeding run did, year by year (for the command's output and the tests)."""

    created_years: list[int] = field(default_factory=list)
    overwritten_years: list[int] = field(default_factory=list)
    skipped_years: list[int] = field(default_factory=list)
    days_written: int = 0

    @property
    def changed_years(self) -> list[int]:
        return sorted(self.created_years + self.overwritten_years)


def covered_years(today: dt.date | None = None) -> list[int]:
    """The years the installed chinesecalendar has data for (it raises NotImplementedError otherwise)."""
    last = (today or dt.date.today()).year + 5
    years = []
    for year in range(_PROBE_FIRST_YEAR, last + 1):
        try:
            chinese_calendar.get_holiday_detail(dt.date(year, 1, 1))
        except NotImplementedError:
            continue
        years.append(year)
    return years


def holiday_name_in_chinese(name: str | None) -> str:
    """The Chinese name for the package's English holiday name ("National Day" → "国庆节")."""
    if not name:
        return ""
    try:
        chinese = chinese_calendar.Holiday(name).chinese
    except ValueError:
        return name[:_NAME_MAX_LENGTH]
    return _FULL_NAMES.get(chinese, chinese)[:_NAME_MAX_LENGTH]


def arrangements_for_year(year: int) -> list[DayArrangement]:
    """Weekday holidays and weekend make-up workdays of one year, in date order."""
    day = dt.date(year, 1, 1)
    arrangements = []
    while day.year == year:
        is_day_off, name = chinese_calendar.get_holiday_detail(day)
        is_weekend = day.weekday() >= 5
        if is_day_off and not is_weekend:
            arrangements.append(DayArrangement(day, HOLIDAY, holiday_name_in_chinese(name)))
        elif not is_day_off and is_weekend:
            arrangements.append(DayArrangement(day, WORKDAY, holiday_name_in_chinese(name)))
        day += dt.timedelta(days=1)
    return arrangements


def seed_calendar(
    *,
    years: Iterable[int] | None = None,
    overwrite: bool = False,
    year_model=None,
    day_model=None,
    notify: bool = True,
) -> SeedResult:
    """Create CalendarYear + CalendarDay rows from chinesecalendar; safe to run any number of times.

    years: which years (default: every year the package covers); a year the package does
    not cover raises ValueError. year_model/day_model: the historical models when called
    from a migration. notify: invalidate the cached calendar and send `calendar_changed`
    once, when seeding ends, for all changed years (off in migrations, where
    nothing subscribes yet).
    """
    if year_model is None or day_model is None:
        from cms.core.models import CalendarDay, CalendarYear

        year_model, day_model = CalendarYear, CalendarDay

    available = covered_years()
    wanted = sorted(set(years)) if years is not None else available
    unsupported = [y for y in wanted if y not in available]
    if unsupported:
        span = f"{available[0]}–{available[-1]}" if available else "无"
        raise ValueError(f"chinesecalendar 没有 {', '.join(map(str, unsupported))} 年的数据（可用年份：{span}）")

    from cms.core.signals import calendar_changes_batched, notify_calendar_changed

    result = SeedResult()
    with calendar_changes_batched(notify=notify), transaction.atomic():
        existing = {row.year: row for row in year_model.objects.filter(year__in=wanted)}
        for year in wanted:
            calendar_year = existing.get(year)
            if calendar_year is not None and not overwrite:
                result.skipped_years.append(year)
                continue
            if calendar_year is None:
                calendar_year = year_model.objects.create(year=year, source=SOURCE_LABEL)
                result.created_years.append(year)
            else:
                calendar_year.source = SOURCE_LABEL
                calendar_year.save(update_fields=["source"])
                result.overwritten_years.append(year)
            arrangements = arrangements_for_year(year)
            # Dates are unique across years; clear this year's dates wherever they are filed.
            day_model.objects.filter(date__year=year).delete()
            day_model.objects.filter(year=calendar_year).delete()
            day_model.objects.bulk_create(
                day_model(year=calendar_year, date=a.date, kind=a.kind, name=a.name) for a in arrangements
            )
            result.days_written += len(arrangements)
        if result.changed_years:  # bulk_create sends no signals of its own
            notify_calendar_changed(sender=year_model, years=result.changed_years)
    return result
