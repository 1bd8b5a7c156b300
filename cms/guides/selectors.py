"""Reads of the public guide pages: the index by audience and topic, one guide with its rows.

Query counts are constant in the number of guides: the index reads its guides once and
counts in Python; a guide reads its materials (with their form documents) and steps once.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.models import Page

from cms.guides.models import Audience, ServiceGuidePage, Topic

LISTING_FIELDS = (
    "id",
    "title",
    "url_path",
    "path",
    "depth",
    "slug",
    "code",
    "topic",
    "for_personal",
    "for_enterprise",
    "promised_time_limit",
    "visits",
)


def public_guides(index_page: Page):
    """Live, unrestricted guides under ``index_page`` in tree order."""
    return ServiceGuidePage.objects.child_of(index_page).live().public().order_by("path")


def _serves(guide: ServiceGuidePage, audience: str | None) -> bool:
    if audience == Audience.PERSONAL:
        return guide.for_personal
    if audience == Audience.ENTERPRISE:
        return guide.for_enterprise
    return True


def index_listing(index_page: Page, *, audience: str | None = None, topic: str | None = None) -> dict[str, Any]:
    """Guides filtered by 服务对象 and 主题, grouped by topic, with the counts the filters show."""
    audience = audience if audience in Audience.values else None
    topic = topic if topic in Topic.values else None
    guides = list(public_guides(index_page).only(*LISTING_FIELDS))
    for_audience = [g for g in guides if _serves(g, audience)]
    shown = [g for g in for_audience if topic is None or g.topic == topic]

    topic_counts = []
    for code, label in Topic.choices:
        n = sum(1 for g in for_audience if g.topic == code)
        if n:
            topic_counts.append({"code": code, "label": label, "count": n, "active": code == topic})
    groups = []
    for code, label in Topic.choices:
        members = [g for g in shown if g.topic == code]
        if members:
            groups.append({"code": code, "label": label, "guides": members})
    audience_counts = [
        {"code": "", "label": "全部", "count": len(guides), "active": audience is None},
        *[
            {
                "code": code,
                "label": label,
                "count": sum(1 for g in guides if _serves(g, code)),
                "active": code == audience,
            }
            for code, label in Audience.choices
        ],
    ]
    return {
        "guides": shown,
        "groups": groups,
        "topic_counts": topic_counts,
        "audience_counts": audience_counts,
        "current_audience": audience or "",
        "current_topic": topic or "",
        "total": len(shown),
    }


def qr_code_svg(url: str) -> str:
    """Inline SVG of a QR code for ``url`` from the printing service, or "" while it is not there."""
    try:
        from cms.printing.service import qr_svg
    except ImportError:
        return ""
    try:
        return qr_svg(url, size_mm=30)
    except NotImplementedError:
        return ""


def guide_detail(page: ServiceGuidePage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Materials (with form documents), steps, breadcrumbs, PDF link and QR code of one guide."""
    from cms.disclosure.selectors import breadcrumb_pages

    full_url = page.get_full_url(request) or ""
    return {
        "materials": list(page.materials.select_related("blank_form", "sample_form")),
        "steps": list(page.steps.all()),
        "breadcrumbs": breadcrumb_pages(page),
        "pdf_url": (page.get_url(request) or "") + page.reverse_subpage("pdf"),
        "qr_svg": qr_code_svg(full_url) if full_url else "",
        "full_url": full_url,
    }
