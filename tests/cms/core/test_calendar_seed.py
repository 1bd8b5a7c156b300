"""Seeding the calendar from chinesecalendar: what is stored, idempotence, the command, the migration."""

from __future__ import annotations

import datetime as dt
import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from cms.core.models import CalendarDay, CalendarYear
from cms.core.services.calendar_seed import (
    HOLIDAY,
    WORKDAY,
    arrangements_for_year,
    covered_years,
    holiday_name_in_chinese,
    seed_calendar,
)
from cms.core.signals import calendar_changed
from tests.cms.core.calendar_fixtures import REFERENCE_2026_HOLIDAYS, REFERENCE_2026_WORKDAYS

D = dt.date


def _rows() -> list[tuple]:
    return list(CalendarDay.objects.order_by("date").values_list("year__year", "date", "kind", "name"))


class TestArrangements:
    """Only the dates that differ from Mon–Fri, with Chinese holiday names."""

    def test_kinds_match_the_model_choices(self):
        assert {HOLIDAY, WORKDAY} == set(CalendarDay.Kind.values)

    def test_2026_matches_the_reference(self):
        arrangements = {a.date: a for a in arrangements_for_year(2026)}
        for day in REFERENCE_2026_HOLIDAYS:
            assert arrangements[day].kind == HOLIDAY
        for day in REFERENCE_2026_WORKDAYS:
            assert arrangements[day].kind == WORKDAY
        assert arrangements[D(2026, 10, 1)].name == "国庆节"
        assert arrangements[D(2026, 9, 25)].name == "中秋节"
        assert arrangements[D(2026, 9, 20)].name == "国庆节"

    def test_weekend_days_inside_a_holiday_are_not_stored(self):
        dates = {a.date for a in arrangements_for_year(2026)}
        assert D(2026, 10, 3) not in dates  # Saturday inside 国庆节
        assert all((a.kind == HOLIDAY) == (a.date.weekday() < 5) for a in arrangements_for_year(2026)), (
            "holidays are weekdays and make-up workdays are weekends"
        )

    def test_covered_years_span_the_package(self):
        years = covered_years()
        assert years[0] == 2004 and 2026 in years
        assert years == list(range(years[0], years[-1] + 1))

    def test_names_are_chinese(self):
        assert holiday_name_in_chinese("Spring Festival") == "春节"
        assert holiday_name_in_chinese("Dragon Boat Festival") == "端午节"
        assert holiday_name_in_chinese(None) == ""


@pytest.mark.django_db
class TestSeedCalendar:
    def setup_method(self):
        CalendarYear.objects.all().delete()

    def test_seeding_twice_changes_nothing(self):
        first = seed_calendar(years=[2025, 2026])
        rows = _rows()
        second = seed_calendar(years=[2025, 2026])
        assert first.created_years == [2025, 2026] and first.days_written == len(rows) > 0
        assert second.skipped_years == [2025, 2026] and second.days_written == 0
        assert _rows() == rows

    def test_edited_year_is_kept_without_overwrite(self):
        seed_calendar(years=[2026])
        CalendarDay.objects.filter(date=D(2026, 10, 7)).delete()
        seed_calendar(years=[2026])
        assert not CalendarDay.objects.filter(date=D(2026, 10, 7)).exists()

    def test_overwrite_restores_the_package_data(self):
        seed_calendar(years=[2026])
        rows = _rows()
        CalendarDay.objects.filter(date=D(2026, 10, 7)).delete()
        CalendarDay.objects.filter(date=D(2026, 10, 1)).update(name="改过")
        result = seed_calendar(years=[2026], overwrite=True)
        assert result.overwritten_years == [2026]
        assert _rows() == rows

    def test_unsupported_year_is_refused(self):
        with pytest.raises(ValueError, match="1900"):
            seed_calendar(years=[1900])
        assert not CalendarYear.objects.exists()

    def test_one_signal_for_the_whole_seeding(self):
        received = []

        def receiver(sender, years, **kwargs):
            received.append(years)

        calendar_changed.connect(receiver)
        try:
            seed_calendar(years=[2025, 2026])
            seed_calendar(years=[2026], overwrite=True)
            seed_calendar(years=[2026])  # nothing changes: no signal
        finally:
            calendar_changed.disconnect(receiver)
        assert received == [frozenset({2025, 2026}), frozenset({2026})]


@pytest.mark.django_db
class TestSeedCommand:
    def setup_method(self):
        CalendarYear.objects.all().delete()

    def test_command_seeds_then_skips(self):
        out = StringIO()
        call_command("seed_calendar", "--year", "2026", stdout=out)
        assert "2026年：已导入" in out.getvalue()
        count = CalendarDay.objects.count()
        out = StringIO()
        call_command("seed_calendar", "--year", "2026", stdout=out)
        assert "2026年：已存在，跳过" in out.getvalue()
        assert CalendarDay.objects.count() == count

    def test_command_overwrite(self):
        call_command("seed_calendar", "--year", "2026", stdout=StringIO())
        CalendarDay.objects.filter(date__year=2026).delete()
        out = StringIO()
        call_command("seed_calendar", "--year", "2026", "--overwrite", stdout=out)
        assert "2026年：已覆盖" in out.getvalue()
        assert CalendarDay.objects.filter(date=D(2026, 10, 1)).exists()

    def test_command_seeds_every_covered_year_by_default(self):
        call_command("seed_calendar", stdout=StringIO())
        assert list(CalendarYear.objects.order_by("year").values_list("year", flat=True)) == covered_years()

    def test_command_refuses_unknown_year(self):
        with pytest.raises(CommandError, match="2099"):
            call_command("seed_calendar", "--year", "2099", stdout=StringIO())


@pytest.mark.django_db
class TestSeedMigration:
    """The data migration core/0002 runs the same service with the models it is given."""

    def test_migration_seeds_every_year_and_is_idempotent(self):
        migration = importlib.import_module("cms.core.migrations.0002_seed_calendar")
        CalendarYear.objects.all().delete()
        migration.seed(apps, None)
        rows = _rows()
        assert {r[0] for r in rows} == set(covered_years())
        migration.seed(apps, None)
        assert _rows() == rows
        migration.unseed(apps, None)
        assert not CalendarYear.objects.exists()
