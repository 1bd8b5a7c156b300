"""Thin views of the grid dashboards: the admin page (网格化管理 → 统计), its xlsx exports,
and the public monthly statistics page /grid/statistics/ (figures only, no personal data).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.context_processors import _township_for
from cms.core.models import TownshipPage
from grid.dashboards.export import dashboard_workbook
from grid.dashboards.forms import DashboardFilterForm
from grid.dashboards.presenters import COLUMNS, build_view
from grid.dashboards.selectors import cohort
from grid.exports import appeals_workbook, export_filename

VIEW_PERMISSION = "grid.view_appeal"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def admin_township(request: HttpRequest) -> TownshipPage:
    """The township the admin works on: the current Site's, else the only one there is."""
    township = _township_for(request)
    if township is None:
        township = TownshipPage.objects.order_by("pk").first()
    if township is None:
        raise Http404("还没有乡镇")
    return township


def _require_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied("没有查看诉求统计的权限")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class DashboardAdminView(WagtailAdminTemplateMixin, TemplateView):
    """网格化管理 → 统计: received, closed, on-time rate, handling time, satisfaction with SVG charts."""

    page_title = "诉求办理统计"
    header_icon = "table"
    template_name = "grid/dashboard.html"

    def get(self, request, *args, **kwargs):
        _require_permission(request)
        township = admin_township(request)
        form = DashboardFilterForm(request.GET, township_id=township.pk)
        context = self.get_context_data(**kwargs)
        context.update(form=form, columns=[label for _, label in COLUMNS], query=request.GET.urlencode())
        if not form.is_valid():
            return self.render_to_response(context, status=400)
        context["view"] = build_view(form.to_filter(), form.cleaned_data["by"])
        context["period"] = form.cleaned_data
        return self.render_to_response(context)


def _bad_filter(form: DashboardFilterForm) -> HttpResponse:
    messages = "；".join(str(m) for errors in form.errors.values() for m in errors)
    return HttpResponse(f"筛选条件有误：{messages}", status=400, content_type="text/plain; charset=utf-8")


def dashboard_export(request: HttpRequest) -> HttpResponse:
    """The dashboard tables (all three breakdowns) for the same filter, as xlsx."""
    _require_permission(request)
    form = DashboardFilterForm(request.GET, township_id=admin_township(request).pk)
    if not form.is_valid():
        return _bad_filter(form)
    return _xlsx(dashboard_workbook(form.to_filter()), export_filename("诉求办理统计"))


def appeals_export(request: HttpRequest) -> HttpResponse:
    """The appeals received in the filter's months as xlsx; identity masked unless permitted (and logged)."""
    _require_permission(request)
    form = DashboardFilterForm(request.GET, township_id=admin_township(request).pk)
    if not form.is_valid():
        return _bad_filter(form)
    return _xlsx(appeals_workbook(queryset=cohort(form.to_filter()), user=request.user), export_filename())


def public_statistics(request: HttpRequest) -> HttpResponse:
    """/grid/statistics/: the township's monthly figures and the figures per category; no names, no grids."""
    township = _township_for(request)
    if township is None:
        raise Http404("未找到乡镇")
    form = DashboardFilterForm(request.GET, township_id=township.pk, public=True)
    context = {"form": form, "columns": [label for _, label in COLUMNS], "township": township}
    if not form.is_valid():
        return render(request, "grid/statistics.html", context, status=400)
    flt = form.to_filter()
    context["by_month"] = build_view(flt, "month")
    context["by_category"] = build_view(flt, "category")
    context["period"] = form.cleaned_data
    return render(request, "grid/statistics.html", context)
