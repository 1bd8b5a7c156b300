"""Working days: the one service behind every deadline in the product.

A Chinese working day is Monday–Friday minus statutory holidays, plus weekend days
declared make-up workdays (调休). The calendar lives in the database (CalendarDay);
it is loaded once per process and reloaded when an editor changes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache

CACHE_VERSION_KEY = "workdays:calendar-version"
MAX_SPAN_DAYS = 366 * 20


@dataclass(frozen=True)
class Calendar:
    """An immutable snapshot of holidays, make-up workdays and the years covered."""

    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    years: frozenset[int]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date N working days after start; start is day 0 (so N=0 gives start)."""
        if days < 0:
            raise ValueError("工作日数不能为负数")
        current = start
        remaining = days
        guard = 0
        while remaining > 0:
            current += dt.timedelta(days=1)
            guard += 1
            if guard > MAX_SPAN_DAYS:
                raise ValueError("工作日数过大")
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after start up to and including end; negative when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValueError("日期跨度过大")
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


_snapshot: tuple[int, Calendar] | None = None


def _current_version() -> int:
    version = cache.get(CACHE_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(CACHE_VERSION_KEY, version, None)
    return version


def invalidate_calendar() -> None:
    """Called whenever calendar data changes, in any process sharing the cache."""
    global _snapshot
    _snapshot = None
    try:
        cache.incr(CACHE_VERSION_KEY)
    except ValueError:
        cache.set(CACHE_VERSION_KEY, 2, None)


def get_calendar() -> Calendar:
    """The current calendar, loaded from the database at most once per change."""
    global _snapshot
    version = _current_version()
    if _snapshot is not None and _snapshot[0] == version:
        return _snapshot[1]
    from cms.core.models import CalendarDay, CalendarYear

    holidays, workdays = set(), set()
    for date, kind in CalendarDay.objects.values_list("date", "kind"):
        (holidays if kind == CalendarDay.Kind.HOLIDAY else workdays).add(date)
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    calendar = Calendar(frozenset(holidays), frozenset(workdays), years)
    _snapshot = (version, calendar)
    return calendar


def add_working_days(start: dt.date, days: int) -> dt.date:
    return get_calendar().add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return get_calendar().working_days_between(start, end)


def is_working_day(day: dt.date) -> bool:
    return get_calendar().is_working_day(day)


def missing_years(today: dt.date | None = None) -> list[int]:
    """This year and next year, where the calendar has no arrangement for them."""
    today = today or dt.date.today()
    wanted = [today.year, today.year + 1]
    known = get_calendar().years
    return [y for y in wanted if y not in known]


def calendar_covers(start: dt.date, end: dt.date) -> bool:
    """Whether every year from start to end (either order) has its arrangement in the calendar."""
    low, high = sorted((start.year, end.year))
    known = get_calendar().years
    return all(year in known for year in range(low, high + 1))


# Answers for the calculators (API, public page, admin page): one place for the limits
# and the Chinese messages, so every entry point accepts and refuses the same input.

MAX_DAYS = 3650


class WorkdayInputError(ValueError):
    """Input the calculators refuse, with a message fit to show a township editor."""


@dataclass(frozen=True)
class DueDateAnswer:
    """The due date N working days after start (start is day 0)."""

    start: dt.date
    days: int
    due: dt.date
    calendar_complete: bool


@dataclass(frozen=True)
class WorkingDaysAnswer:
    """The number of working days after start up to and including end."""

    start: dt.date
    end: dt.date
    working_days: int
    calendar_complete: bool


def due_date_answer(*, start: dt.date, days: int) -> DueDateAnswer:
    """add_working_days with the calculators' limits; raises WorkdayInputError instead of crashing."""
    if days < 0:
        raise WorkdayInputError("工作日数不能为负数")
    if days > MAX_DAYS:
        raise WorkdayInputError(f"工作日数不能超过 {MAX_DAYS} 天")
    try:
        due = add_working_days(start, days)
    except (ValueError, OverflowError) as exc:
        raise WorkdayInputError("计算结果超出可支持的日期范围") from exc
    return DueDateAnswer(start=start, days=days, due=due, calendar_complete=calendar_covers(start, due))


def working_days_answer(*, start: dt.date, end: dt.date) -> WorkingDaysAnswer:
    """working_days_between with the calculators' limits (at most 20 years apart)."""
    if abs((end - start).days) > MAX_SPAN_DAYS:
        raise WorkdayInputError("起止日期相隔不能超过 20 年")
    try:
        count = working_days_between(start, end)
    except (ValueError, OverflowError) as exc:
        raise WorkdayInputError("计算结果超出可支持的日期范围") from exc
    return WorkingDaysAnswer(start=start, end=end, working_days=count, calendar_complete=calendar_covers(start, end))
