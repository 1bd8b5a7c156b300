"""Admin pages of appeals beyond the listing: the detail page with timeline and action buttons, and the hotline form.

Every button posts to appeal_action(), which runs the same action classes as the APIs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from grid.actions import ACTIONS, allowed_actions, perform_appeal_action
from grid.exceptions import AppealActionError
from grid.forms import HotlineAppealForm
from grid.models import Appeal, AppealCategory, GridWorker, HandlingUnit, Satisfaction
from grid.services.duplicates import find_likely_duplicates
from grid.services.privacy import appellant_identity
from grid.views import receive_from_form, township_for

VIEW_PERMISSION = "grid.view_appeal"


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied("您没有权限查看诉求")


def appeal_detail(request, pk: int):
    _require(request, VIEW_PERMISSION)
    appeal = get_object_or_404(
        Appeal.objects.select_related("category", "grid_unit", "handling_unit", "assignee", "merged_into"), pk=pk
    )
    identity = appellant_identity(appeal, request.user, purpose="admin_detail")
    merged = list(appeal.merged_appeals.only("pk", "serial"))
    events = list(appeal.events.select_related("attachment"))
    for other in merged:
        events += [e for e in other.events.select_related("attachment")]
    events.sort(key=lambda e: (e.created_at, e.pk))
    context = {
        "appeal": appeal,
        "identity": identity,
        "events": events,
        "merged": merged,
        "actions": [(name, ACTIONS[name].title) for name in allowed_actions(appeal, request.user)],
        "handling_units": HandlingUnit.objects.filter(township=appeal.township_id),
        "workers": GridWorker.objects.filter(township=appeal.township_id),
        "satisfactions": Satisfaction.choices,
        "duplicates": find_likely_duplicates(
            grid_unit_id=appeal.grid_unit_id,
            category_id=appeal.category_id,
            description=appeal.description,
            exclude_id=appeal.pk,
        )
        if appeal.is_open
        else [],
        "overdue": appeal.is_overdue(),
    }
    return TemplateResponse(request, "grid/admin/appeal_detail.html", context)


@require_POST
def appeal_action(request, pk: int, name: str):
    _require(request, VIEW_PERMISSION)
    appeal = get_object_or_404(Appeal, pk=pk)
    data = request.POST
    params = {
        key: data[key] for key in ("handling_unit", "assignee", "days", "satisfaction", "target") if data.get(key)
    }
    version = data.get("version")
    try:
        perform_appeal_action(
            appeal,
            request.user,
            name,
            note=data.get("note", ""),
            expected_version=int(version) if version and version.isdigit() else None,
            **params,
        )
    except AppealActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{ACTIONS[name].title}：{appeal.serial}")
    return redirect("grid_appeal_detail", pk=pk)


def hotline_form(request):
    _require(request, "grid.add_appeal")
    township = township_for(request)
    form = HotlineAppealForm(request.POST or None, request.FILES or None, township=township)
    if request.method == "POST" and form.is_valid():
        try:
            appeal = receive_from_form(form, township, request.user, photo_title="热线诉求附件")
        except AppealActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已受理：{appeal.serial}，办理期限 {appeal.due_on:%Y-%m-%d}")
            return redirect("grid_appeal_detail", pk=appeal.pk)
    categories = AppealCategory.objects.filter(township=township, is_active=True)
    return TemplateResponse(
        request, "grid/admin/hotline_form.html", {"form": form, "categories": categories, "township": township}
    )
