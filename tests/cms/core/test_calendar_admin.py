"""The 工作日历 admin: editing takes effect at once, validation, listings, warnings, the calculator page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.core.models import CalendarDay, CalendarYear
from cms.core.services import workdays
from cms.core.signals import calendar_changed, calendar_changes_batched
from tests.cms.core.calendar_fixtures import reference_calendar  # noqa: F401

D = dt.date
DAY_URLS = "wagtailsnippets_core_calendarday"
YEAR_URLS = "wagtailsnippets_core_calendaryear"


@pytest.fixture
def received_signals():
    received = []

    def receiver(sender, years, **kwargs):
        received.append((sender, years))

    calendar_changed.connect(receiver)
    yield received
    calendar_changed.disconnect(receiver)


class TestEditingChangesTheAnswer:
    """A saved edit is seen by the very next calculation (the cached calendar is invalidated)."""

    def test_adding_a_holiday_in_the_admin(self, admin_client, reference_calendar, received_signals):  # noqa: F811
        assert workdays.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)  # warms the cache
        response = admin_client.post(
            reverse(f"{DAY_URLS}:add"),
            {"year": reference_calendar.pk, "date": "2026-10-08", "kind": "holiday", "name": "测试"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        # 10-08 is now off too: 10-09 (1), Sat 10-10 (2), 10-12 (3), 10-13 (4), 10-14 (5).
        assert workdays.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 14)
        assert received_signals == [(CalendarDay, frozenset({2026}))]

    def test_deleting_a_holiday_in_the_admin(self, admin_client, reference_calendar):  # noqa: F811
        assert workdays.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
        day = CalendarDay.objects.get(date=D(2026, 10, 7))
        response = admin_client.post(reverse(f"{DAY_URLS}:delete", args=[day.pk]))
        assert response.status_code == 302
        # 10-07 works now: 10-07 (1), 10-08 (2), 10-09 (3), Sat 10-10 (4), Mon 10-12 (5).
        assert workdays.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 12)
        assert admin_client.get("/api/workdays", {"start": "2026-09-30", "days": "5"}).json()["due"] == "2026-10-12"

    def test_editing_a_day_in_the_admin(self, admin_client, reference_calendar):  # noqa: F811
        assert workdays.is_working_day(D(2026, 10, 10))
        day = CalendarDay.objects.get(date=D(2026, 10, 10))
        response = admin_client.post(
            reverse(f"{DAY_URLS}:edit", args=[day.pk]),
            {"year": reference_calendar.pk, "date": "2026-10-11", "kind": "workday", "name": "国庆节"},
        )
        assert response.status_code == 302
        assert not workdays.is_working_day(D(2026, 10, 10))
        assert workdays.is_working_day(D(2026, 10, 11))

    def test_moving_a_day_to_another_year_reports_both_years(self, reference_calendar, received_signals):  # noqa: F811
        other = CalendarYear.objects.create(year=2027)
        received_signals.clear()
        day = CalendarDay.objects.get(date=D(2026, 10, 10))
        day.year, day.date = other, D(2027, 1, 2)
        day.save()
        assert received_signals == [(CalendarDay, frozenset({2026, 2027}))]

    def test_deleting_a_year_sends_one_batched_signal(self, reference_calendar, received_signals):  # noqa: F811
        with calendar_changes_batched():
            reference_calendar.delete()
        assert [years for _sender, years in received_signals] == [frozenset({2026})]
        assert workdays.is_working_day(D(2026, 10, 1))

    def test_other_processes_are_told_on_commit(self, reference_calendar, django_capture_on_commit_callbacks):  # noqa: F811
        with django_capture_on_commit_callbacks() as callbacks:
            CalendarDay.objects.get(date=D(2026, 10, 7)).delete()
        assert workdays.invalidate_calendar in callbacks


class TestValidation:
    """Editors get a clear Chinese message instead of storing a day that changes nothing."""

    @pytest.mark.parametrize(
        "data, message",
        [
            ({"date": "2026-10-03", "kind": "holiday"}, "周六、周日本来就休息"),
            ({"date": "2026-10-08", "kind": "workday"}, "周一至周五本来就上班"),
            ({"date": "2027-01-04", "kind": "holiday"}, "日期必须在所选年度"),
            ({"date": "2026-02-30", "kind": "holiday"}, "日期"),
        ],
    )
    def test_refused(self, admin_client, reference_calendar, data, message):  # noqa: F811
        count = CalendarDay.objects.count()
        response = admin_client.post(reverse(f"{DAY_URLS}:add"), {"year": reference_calendar.pk, "name": "", **data})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert CalendarDay.objects.count() == count

    def test_year_with_days_cannot_change_its_number(self, admin_client, reference_calendar):  # noqa: F811
        response = admin_client.post(
            reverse(f"{YEAR_URLS}:edit", args=[reference_calendar.pk]), {"year": "2030", "source": "", "notes": ""}
        )
        assert response.status_code == 200
        assert "不能修改年份" in response.content.decode()
        assert CalendarYear.objects.filter(year=2026).exists()


class TestListings:
    def test_day_listing_filters_by_year_and_kind(self, admin_client, reference_calendar):  # noqa: F811
        response = admin_client.get(reverse(f"{DAY_URLS}:list"), {"year": reference_calendar.pk, "kind": "workday"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "2026-10-10" in html and "2026-09-20" in html
        assert "2026-10-01" not in html
        assert "星期" in html and "调休工作日" in html

    def test_year_listing_counts_days(self, admin_client, reference_calendar):  # noqa: F811
        html = admin_client.get(reverse(f"{YEAR_URLS}:list")).content.decode()
        assert "2026年" in html and "调休上班天数" in html

    @pytest.mark.parametrize("url_name", [DAY_URLS, YEAR_URLS])
    def test_listing_query_count_is_constant(self, admin_client, url_name):
        from cms.core.services.calendar_seed import seed_calendar

        CalendarYear.objects.all().delete()
        seed_calendar(years=[2026])
        small = _count_listing_queries(admin_client, url_name)
        seed_calendar(years=[2020, 2021, 2022, 2023, 2024, 2025])
        assert CalendarDay.objects.count() > 100
        assert small > 3
        assert _count_listing_queries(admin_client, url_name) == small


def _count_listing_queries(client, url_name: str) -> int:
    url = reverse(f"{url_name}:list")
    client.get(url)  # warm the session, permissions and the calendar snapshot
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


class TestMissingCalendarWarning:
    """Next year's calendar missing → a warning on the dashboard and above the calendar listings."""

    WARNING = "的节假日安排。"

    def _make_years_complete(self):
        today = dt.date.today()
        for year in (today.year, today.year + 1):
            CalendarYear.objects.get_or_create(year=year)

    def test_dashboard_warns_when_next_year_is_missing(self, admin_client):
        CalendarYear.objects.filter(year=dt.date.today().year + 1).delete()
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        assert 'id="missing-calendar-panel"' in html
        assert f"{dt.date.today().year + 1}年" in html

    def test_dashboard_is_quiet_when_the_calendar_is_complete(self, admin_client):
        self._make_years_complete()
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        assert 'id="missing-calendar-panel"' not in html

    @pytest.mark.parametrize("url_name", [DAY_URLS, YEAR_URLS])
    def test_listing_warns_when_next_year_is_missing(self, admin_client, url_name):
        CalendarYear.objects.filter(year=dt.date.today().year + 1).delete()
        html = admin_client.get(reverse(f"{url_name}:list")).content.decode()
        assert "calendar-warning" in html and f"{dt.date.today().year + 1}年</strong>" in html

    @pytest.mark.parametrize("url_name", [DAY_URLS, YEAR_URLS])
    def test_listing_is_quiet_when_the_calendar_is_complete(self, admin_client, url_name):
        self._make_years_complete()
        html = admin_client.get(reverse(f"{url_name}:list")).content.decode()
        assert "calendar-warning" not in html


class TestAdminCalculatorPage:
    def test_menu_has_the_calendar_group_and_the_calculator(self, admin_client):
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("core_workday_calculator") in html
        assert "\\u5de5\\u4f5c\\u65e5\\u5386" in html or "工作日历" in html  # the sidebar is JSON

    def test_answers_like_the_api(self, admin_client, reference_calendar):  # noqa: F811
        response = admin_client.get(reverse("core_workday_calculator"), {"start": "2026-09-30", "days": "5"})
        assert response.status_code == 200
        assert "2026-10-13" in response.content.decode()

    def test_bad_input_is_explained(self, admin_client, reference_calendar):  # noqa: F811
        response = admin_client.get(reverse("core_workday_calculator"), {"from": "2026-02-30", "to": ""})
        html = response.content.decode()
        assert response.status_code == 400
        assert "起始日期不是有效的日期" in html and "请填写截止日期" in html

    def test_requires_admin_login(self, client):
        response = client.get(reverse("core_workday_calculator"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
