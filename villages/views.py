"""Thin views of the villages app: the poster PDF, one-step masking, the schedule dashboard."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from villages.models import VillageNoticePage

logger = logging.getLogger(__name__)
POSTER_SIZES = ("A4", "A3")


def _printing():
    """The shared printing service, or None while it is not installed (answered with 503)."""
    try:
        from cms.printing import service
    except ImportError:
        return None
    if not hasattr(service, "render_pdf") or not hasattr(service, "qr_svg"):
        return None
    return service


def notice_poster(request, page: VillageNoticePage):
    """The notice as an A4/A3 poster PDF for the physical board: QR code to the online page and the sign-off.

    Live notices are public; drafts only for users who may edit the page.
    """
    if not page.live and not page.permissions_for_user(request.user).can_edit():
        raise Http404
    size = (request.GET.get("size") or "A4").upper()
    if size not in POSTER_SIZES:
        return HttpResponse("纸张大小只能是 A4 或 A3", status=400, content_type="text/plain; charset=utf-8")
    service = _printing()
    if service is None:
        return HttpResponse(
            "打印服务暂不可用（cms.printing.service 未安装），请稍后再试",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    online_url = page.get_full_url(request) or request.build_absolute_uri(page.url)
    html = render_to_string(
        "print/village_notice.html",
        {
            "page": page,
            "size": size,
            "qr": service.qr_svg(online_url, size_mm=35 if size == "A3" else 28),
            "online_url": online_url,
            "sign_off": page.committee_sign_off(),
            "printed_at": timezone.localtime(),
        },
        request=request,
    )
    pdf = service.render_pdf(html, base_url=request.build_absolute_uri("/"), title=page.title, author=page.village.name)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename=notice-{page.pk}-{size}.pdf"
    return response


@require_http_methods(["GET", "POST"])
def mask_notice(request, page_id: int):
    """一键打码: list what will be masked (GET), then mask the latest version and go back to the editor (POST)."""
    from django.template.response import TemplateResponse

    from villages.services.privacy_guard import notice_mask_personal_numbers

    page = get_object_or_404(VillageNoticePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "GET":
        findings = page.get_latest_revision_as_object().privacy_findings()
        return TemplateResponse(request, "villages/admin/mask_confirm.html", {"page": page, "findings": findings})
    count = notice_mask_personal_numbers(page=page, user=request.user)
    if count:
        messages.success(request, f"已对 {count} 处个人信息打码并保存为新的草稿，请核对后再提交审核。")
    else:
        messages.info(request, "未发现需要打码的身份证号、手机号或银行卡号。")
    return redirect("wagtailadmin_pages:edit", page.pk)


def compliance_dashboard(request):
    """公开进度: villages behind schedule for the current year (expected vs posted per period)."""
    from django.template.response import TemplateResponse

    from villages.permissions import may_view_schedule
    from villages.services.compliance import schedule_report

    if not may_view_schedule(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    report = schedule_report(today=today)
    return TemplateResponse(
        request,
        "villages/admin/compliance_dashboard.html",
        {"report": report, "today": today, "behind": [row for row in report if row.missing]},
    )
