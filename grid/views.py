"""Intake and status pages: thin views over ReceiveAction, the privacy service and the forms.

/appeals/new/      public form (anonymous allowed, rate limited per IP)
/appeals/status/   status lookup by serial + last 4 digits of the phone
/appeals/worker/   grid worker's phone form (login required)
/admin/grid/hotline/  hotline form (registered in wagtail_hooks)
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from wagtail.documents import get_document_model
from wagtail.models import Site

from cms.core.models import TownshipPage
from grid.actions import ReceiveAction
from grid.exceptions import AppealActionError
from grid.forms import PublicAppealForm, StatusLookupForm, WorkerAppealForm
from grid.models import Appeal, GridWorker
from grid.services.duplicates import find_likely_duplicates
from grid.services.privacy import phone_last4_matches, public_grid_label


def township_for(request) -> TownshipPage:
    site = Site.find_for_request(request)
    township = TownshipPage.objects.filter(pk=site.root_page_id).first() if site else None
    if township is None:
        township = TownshipPage.objects.first()
    if township is None:
        raise Http404("未找到乡镇站点")
    return township


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(request) -> bool:
    """True when this IP has used up its submissions for the window (settings.GRID_PUBLIC_RATE_LIMIT)."""
    limit, window = getattr(settings, "GRID_PUBLIC_RATE_LIMIT", (5, 3600))
    key = f"grid:public-intake:{client_ip(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    return count > limit


def save_photo(photo, *, title: str):
    if not photo:
        return None
    document = get_document_model()(title=title[:255], file=photo)
    document.save()
    return document


def receive_from_form(form, township, user, *, photo_title: str) -> Appeal:
    with transaction.atomic():
        attachment = save_photo(form.cleaned_data.get("photo"), title=photo_title)
        return ReceiveAction(township, user, data=form.action_data(), attachment=attachment).execute()


def public_appeal_form(request):
    township = township_for(request)
    form = PublicAppealForm(request.POST or None, request.FILES or None, township=township)
    if request.method == "POST":
        if rate_limited(request):
            form.add_error(None, "提交过于频繁，请稍后再试")
            return render(request, "grid/appeal_form.html", {"form": form, "township": township}, status=429)
        if form.is_valid():
            try:
                appeal = receive_from_form(form, township, None, photo_title="群众诉求照片")
            except AppealActionError as exc:
                form.add_error(None, exc.message)
            else:
                return render(request, "grid/appeal_submitted.html", {"appeal": appeal, "township": township})
    return render(request, "grid/appeal_form.html", {"form": form, "township": township, "public": True})


def appeal_status(request):
    township = township_for(request)
    form = StatusLookupForm(request.GET or None)
    appeal = None
    events = []
    if form.is_bound and form.is_valid():
        appeal = (
            Appeal.objects.select_related("category", "grid_unit")
            .filter(township=township, serial=form.cleaned_data["serial"].strip())
            .first()
        )
        if appeal is None or not phone_last4_matches(appeal, form.cleaned_data["phone_last4"]):
            appeal = None
            form.add_error(None, "未找到该诉求，请核对诉求编号和手机号后四位")
        else:
            events = list(appeal.events.only("action", "to_status", "created_at"))
    context = {
        "form": form,
        "appeal": appeal,
        "events": events,
        "grid_label": public_grid_label(appeal) if appeal else "",
        "township": township,
    }
    return render(request, "grid/appeal_status.html", context)


@login_required
def worker_appeal_form(request):
    township = township_for(request)
    worker = GridWorker.objects.filter(user=request.user, township=township).select_related("grid_unit").first()
    if worker is None and not request.user.has_perm("grid.add_appeal"):
        return render(request, "grid/appeal_forbidden.html", {"township": township}, status=403)
    initial = {"grid_unit": worker.grid_unit_id} if worker else {}
    form = WorkerAppealForm(request.POST or None, request.FILES or None, township=township, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = find_likely_duplicates(
            grid_unit_id=getattr(form.cleaned_data.get("grid_unit"), "pk", None),
            category_id=form.cleaned_data["category"].pk,
            description=form.cleaned_data["description"],
        )
        if duplicates and not request.POST.get("confirm_new"):
            return render(
                request,
                "grid/appeal_form.html",
                {"form": form, "township": township, "duplicates": duplicates, "worker": worker},
            )
        try:
            appeal = receive_from_form(form, township, request.user, photo_title="网格员走访照片")
        except AppealActionError as exc:
            form.add_error(None, exc.message)
        else:
            return render(request, "grid/appeal_submitted.html", {"appeal": appeal, "township": township})
    return render(request, "grid/appeal_form.html", {"form": form, "township": township, "worker": worker})
