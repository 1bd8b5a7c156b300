"""Admin wiring of cms.core: the working-day calendar (工作日历) and its calculator.

Menu: 工作日历 → 年度安排 (CalendarYear), 节假日/调休日 (CalendarDay), 工作日计算 (the
calculator page). Every save or delete made here goes through the model signals in
cms/core/signals.py, which invalidate the cached calendar and send `calendar_changed`.
A missing calendar year (this year or next) is announced on the dashboard and above
both calendar listings.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cms.core.models import CalendarDay, CalendarYear
from cms.core.services import workdays
from cms.core.views import WorkdayCalculatorAdminView

CALENDAR_SUBMENU_HOOK = "register_workday_calendar_menu_item"


class CalendarIndexView(IndexView):
    """Calendar listing that also tells the editor which years still lack an arrangement."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing_calendar_years"] = workdays.missing_years()
        return context


class CalendarYearViewSet(SnippetViewSet):
    """One row per year of the State Council holiday notice, with its day counts."""

    model = CalendarYear
    icon = "calendar"
    menu_label = "年度安排"
    index_view_class = CalendarIndexView
    index_template_name = "core/admin/calendar_index.html"
    list_display = [
        "year",
        Column("holiday_count", label="节假日（工作日放假）天数"),
        Column("workday_count", label="调休上班天数"),
        "source",
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return CalendarYear.objects.annotate(
            holiday_count=Count("days", filter=Q(days__kind=CalendarDay.Kind.HOLIDAY)),
            workday_count=Count("days", filter=Q(days__kind=CalendarDay.Kind.WORKDAY)),
        ).order_by("-year")


class CalendarDayViewSet(SnippetViewSet):
    """The dates that differ from Mon–Fri: weekday holidays and weekend make-up workdays."""

    model = CalendarDay
    icon = "date"
    menu_label = "节假日/调休日"
    index_view_class = CalendarIndexView
    index_template_name = "core/admin/calendar_index.html"
    list_display = [
        "date",
        Column("weekday_label", label="星期"),
        "kind",
        "name",
        "year",
    ]
    list_filter = ["year", "kind"]
    list_per_page = 100

    def get_queryset(self, request):
        return CalendarDay.objects.select_related("year").order_by("-date")


class CalendarViewSetGroup(SnippetViewSetGroup):
    """The 工作日历 menu: the calendar data and the calculator that reads it."""

    items = (CalendarYearViewSet, CalendarDayViewSet)
    menu_label = "工作日历"
    menu_icon = "calendar-alt"
    menu_name = "workday-calendar"
    submenu_hook = CALENDAR_SUBMENU_HOOK


register_snippet(CalendarViewSetGroup)


@hooks.register("register_admin_urls")
def register_workday_calculator_url():
    return [path("workday-calculator/", WorkdayCalculatorAdminView.as_view(), name="core_workday_calculator")]


@hooks.register(CALENDAR_SUBMENU_HOOK)
def register_workday_calculator_menu_item():
    return MenuItem(
        "工作日计算",
        reverse_lazy("core_workday_calculator"),
        name="workday-calculator",
        icon_name="calendar-check",
        order=900,
    )


class MissingCalendarPanel(Component):
    """Dashboard warning: deadlines past 31 December silently assume Mon–Fri until next year is entered."""

    name = "missing_calendar"
    order = 50
    template_name = "core/admin/missing_calendar_panel.html"

    def __init__(self, missing_years: list[int]):
        self.missing_years = missing_years

    def get_context_data(self, parent_context=None):
        return {
            "missing_years": self.missing_years,
            "calendar_url": reverse_lazy(CalendarYearViewSet().get_url_name("list")),
        }


@hooks.register("construct_homepage_panels")
def add_missing_calendar_panel(request, panels):
    missing = workdays.missing_years()
    if missing:
        panels.append(MissingCalendarPanel(missing))
