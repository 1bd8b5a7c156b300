"""The working-day service: the REFERENCE.md example, the inverse property, the answers' limits."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cms.core.services import workdays
from cms.core.services.calendar_seed import HOLIDAY, arrangements_for_year
from tests.cms.core.calendar_fixtures import reference_calendar  # noqa: F401

D = dt.date


@pytest.mark.usefixtures("reference_calendar")
class TestReferenceExample:
    """2026: holidays 10-01..10-07 and 09-25; Sun 09-20 and Sat 10-10 are make-up workdays."""

    def test_five_working_days_after_30_september(self):
        # Start Wed 2026-09-30 is day 0. Counting forward:
        #   Thu 10-01 … Wed 10-07  national holiday (10-03/10-04 are a weekend anyway) → not counted
        #   Thu 10-08 → 1, Fri 10-09 → 2,
        #   Sat 10-10 → 3 (make-up workday 调休),
        #   Sun 10-11 → ordinary Sunday, not counted,
        #   Mon 10-12 → 4, Tue 10-13 → 5.
        # So the due date is Tuesday 2026-10-13 (plain Mon–Fri would have said Wed 10-07).
        assert workdays.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)

    def test_day_zero_is_the_start(self):
        assert workdays.add_working_days(D(2026, 9, 30), 0) == D(2026, 9, 30)

    def test_first_working_day_after_the_holiday(self):
        assert workdays.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)

    def test_sunday_make_up_workday_counts(self):
        # Fri 09-18 + 1: Sat 09-19 is off, Sun 09-20 is a make-up workday.
        assert workdays.add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 20)

    def test_mid_autumn_friday_is_off(self):
        assert not workdays.is_working_day(D(2026, 9, 25))
        assert workdays.add_working_days(D(2026, 9, 24), 1) == D(2026, 9, 28)

    def test_count_is_the_inverse(self):
        assert workdays.working_days_between(D(2026, 9, 30), D(2026, 10, 13)) == 5
        assert workdays.working_days_between(D(2026, 10, 13), D(2026, 9, 30)) == -5

    def test_twenty_working_days_disclosure_limit(self):
        # From Fri 09-18: Sun 09-20 make-up (1), 21–24 (2–5), 25 off, 28–30 (6–8),
        # 10-08/09 (9, 10), Sat 10-10 (11), 10-12..16 (12–16), 10-19..22 (17–20).
        assert workdays.add_working_days(D(2026, 9, 18), 20) == D(2026, 10, 22)


def _calendar_from_chinesecalendar(years: range) -> workdays.Calendar:
    holidays, makeups = set(), set()
    for year in years:
        for arrangement in arrangements_for_year(year):
            (holidays if arrangement.kind == HOLIDAY else makeups).add(arrangement.date)
    return workdays.Calendar(frozenset(holidays), frozenset(makeups), frozenset(years))


YEARS = range(2024, 2027)
CALENDAR = _calendar_from_chinesecalendar(YEARS)
dates_2024_2026 = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))


class TestInverseProperty:
    """working_days_between undoes add_working_days, over the real 2024–2026 arrangements."""

    @settings(max_examples=300, deadline=None)
    @given(start=dates_2024_2026, days=st.integers(min_value=0, max_value=250))
    def test_count_of_added_days_is_the_days(self, start, days):
        due = CALENDAR.add_working_days(start, days)
        assert CALENDAR.working_days_between(start, due) == days
        if days:
            assert CALENDAR.is_working_day(due)

    @settings(max_examples=300, deadline=None)
    @given(start=dates_2024_2026, end=dates_2024_2026)
    def test_adding_the_count_lands_on_the_working_day(self, start, end):
        if end < start or not CALENDAR.is_working_day(end):
            end = start
        assert CALENDAR.add_working_days(start, CALENDAR.working_days_between(start, end)) == end

    @settings(max_examples=200, deadline=None)
    @given(a=dates_2024_2026, b=dates_2024_2026)
    def test_count_is_antisymmetric(self, a, b):
        assert CALENDAR.working_days_between(a, b) == -CALENDAR.working_days_between(b, a)

    def test_every_day_agrees_with_chinesecalendar(self):
        day = D(2024, 1, 1)
        while day.year in YEARS:
            assert CALENDAR.is_working_day(day) == chinese_calendar.is_workday(day), day
            day += dt.timedelta(days=1)


class TestAnswers:
    """The calculators' limits: refused input raises WorkdayInputError with a Chinese message."""

    @pytest.mark.parametrize(
        "start, days, message",
        [
            (D(2026, 1, 1), -1, "不能为负数"),
            (D(2026, 1, 1), workdays.MAX_DAYS + 1, "不能超过"),
            (D(9999, 12, 31), 1, "超出"),
        ],
    )
    def test_due_date_refusals(self, db, start, days, message):
        with pytest.raises(workdays.WorkdayInputError, match=message):
            workdays.due_date_answer(start=start, days=days)

    def test_span_over_twenty_years_is_refused(self, db):
        with pytest.raises(workdays.WorkdayInputError, match="20 年"):
            workdays.working_days_answer(start=D(2000, 1, 1), end=D(2020, 12, 31))

    def test_largest_allowed_days_is_answered(self, db):
        answer = workdays.due_date_answer(start=D(2026, 1, 1), days=workdays.MAX_DAYS)
        assert answer.due > D(2039, 1, 1)

    def test_calendar_complete_only_when_every_year_is_known(self, reference_calendar):  # noqa: F811
        assert workdays.due_date_answer(start=D(2026, 9, 30), days=5).calendar_complete
        assert not workdays.due_date_answer(start=D(2026, 12, 30), days=5).calendar_complete
        assert not workdays.working_days_answer(start=D(2025, 12, 1), end=D(2026, 1, 5)).calendar_complete


class TestMissingYears:
    def test_next_year_missing(self, reference_calendar):  # noqa: F811
        assert workdays.missing_years(D(2026, 11, 21)) == [2027]

    def test_nothing_missing(self, reference_calendar):  # noqa: F811
        reference_calendar.__class__.objects.create(year=2027)
        assert workdays.missing_years(D(2026, 11, 21)) == []
