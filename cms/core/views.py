"""Plain Django views of cms.core: the working-day calculator, public and in the admin.

Both pages are one GET form each for the two questions (start + days → due date,
from + to → count), bound only when their parameters are present, so they work
without JavaScript and a result URL can be bookmarked or shared.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.services import workdays
from cms.core.workday_forms import DueDateForm, WorkingDaysForm


def calculator_context(query: QueryDict) -> dict:
    """The two calculator forms for a query string, validated, plus what the page needs to show."""
    due_form = DueDateForm(query) if {"start", "days"} & set(query) else DueDateForm()
    count_form = WorkingDaysForm(query) if {"from", "to"} & set(query) else WorkingDaysForm()
    has_errors = False
    for form in (due_form, count_form):
        if form.is_bound and not form.is_valid():
            has_errors = True
    return {
        "due_form": due_form,
        "count_form": count_form,
        "has_errors": has_errors,
        "missing_years": workdays.missing_years(),
        "max_days": workdays.MAX_DAYS,
    }


def _status(context: dict) -> int:
    return 400 if context["has_errors"] else 200


def workday_calculator(request: HttpRequest) -> HttpResponse:
    """Public page /workdays/: residents and editors check a deadline the way the system counts it."""
    context = calculator_context(request.GET)
    return render(request, "core/workdays.html", context, status=_status(context))


class WorkdayCalculatorAdminView(WagtailAdminTemplateMixin, TemplateView):
    """The same calculator inside the admin, next to the calendar it reads (工作日历 → 工作日计算)."""

    page_title = "工作日计算"
    header_icon = "calendar-alt"
    template_name = "core/admin/workday_calculator.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        context.update(calculator_context(request.GET))
        return self.render_to_response(context, status=_status(context))
