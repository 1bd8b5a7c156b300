"""Public booklet downloads (served from storage with ETag), the listing, the poster, admin rebuild."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from cms.printing.booklets import booklet_for, build_booklet, ensure_fresh_without_worker
from cms.printing.guides import AUDIENCE_LABELS, BOOKLET_FORMATS, topic_labels
from cms.printing.models import Booklet


def _township(request: HttpRequest):
    from cms.core.models import TownshipPage

    site = Site.find_for_request(request)
    township = TownshipPage.objects.filter(pk=site.root_page_id).first() if site else None
    if township is None:
        raise Http404("本站点没有乡镇首页")
    return township


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return etag in [tag.strip().removeprefix("W/") for tag in header.split(",")] or header.strip() == "*"


@require_GET
def booklet_download(request: HttpRequest, audience: str, topic: str = "") -> HttpResponse:
    """/booklets/<audience>[/<topic>].pdf[?format=A4]: the current version, at once, with ETag."""
    page_format = (request.GET.get("format") or "A5").upper()
    if audience not in AUDIENCE_LABELS or (topic and topic not in topic_labels()):
        raise Http404("没有这本一本通")
    if page_format not in BOOKLET_FORMATS:
        return HttpResponse("不支持的纸张规格，可选 A4、A5", status=400, content_type="text/plain; charset=utf-8")
    booklet = ensure_fresh_without_worker(booklet_for(_township(request), audience, topic, page_format))
    if booklet.document_id is None:
        raise Http404("一本通尚未生成")
    etag = f'"{booklet.checksum}"'
    if _etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(booklet.document.file.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="booklet-{audience}{"-" + topic if topic else ""}.pdf"'
        response["X-Booklet-Version"] = str(booklet.version)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def booklet_listing_context(township) -> dict:
    booklets = list(Booklet.objects.filter(township=township).select_related("document"))
    return {
        "township": township,
        "booklets": booklets,
        "audiences": AUDIENCE_LABELS,
        "topics": topic_labels(),
    }


@require_GET
def booklet_listing(request: HttpRequest) -> HttpResponse:
    """/booklets/: every booklet kept ready, with version, pages and date."""
    return render(request, "print/booklet_listing.html", booklet_listing_context(_township(request)))


@require_GET
def qr_poster_download(request: HttpRequest) -> HttpResponse:
    """/booklets/qr-poster.pdf: the A3 码上知 poster, with an ETag over the guides it shows."""
    from cms.printing.poster import poster_guides, render_qr_poster

    township = _township(request)
    guides = poster_guides(township)
    stamp = "|".join(f"{g.pk}:{g.last_published_at}:{g.title}" for g in guides)
    etag = '"' + hashlib.sha256(stamp.encode()).hexdigest()[:32] + '"'
    if _etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(render_qr_poster(township, guides=guides), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="qr-poster.pdf"'
    response["ETag"] = etag
    return response


class AdminBookletIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Admin: the booklets of every township with a 立即重建 button."""

    page_title = "一本通"
    header_icon = "doc-full"
    template_name = "print/admin_booklets.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["booklets"] = Booklet.objects.select_related("township").order_by("township__path", "pk")
        return context


@require_POST
def admin_booklet_rebuild(request: HttpRequest, pk: int) -> HttpResponse:
    """Admin: rebuild one booklet now (synchronously, a few seconds)."""
    booklet = get_object_or_404(Booklet.objects.select_related("township"), pk=pk)
    booklet = build_booklet(booklet)
    messages.success(request, f"已重建“{booklet}”第 {booklet.version} 版")
    return redirect("printing_admin_booklets")
