"""The 码上知 wall poster: one QR code per public guide, grouped by topic, on A3."""

from __future__ import annotations

from django.template.loader import render_to_string

from cms.printing.fragments import cached_qr_svg
from cms.printing.guides import group_by_topic, guide_url
from cms.printing.service import render_print_pdf


def poster_guides(township) -> list:
    from cms.guides.models import ServiceGuidePage

    return list(ServiceGuidePage.objects.live().public().descendant_of(township).order_by("topic", "path"))


def render_qr_poster(township, *, guides: list | None = None) -> bytes:
    """A3 PDF with a QR code (to the online page) and the title of every public guide."""
    guides = poster_guides(township) if guides is None else guides
    sections = group_by_topic(guides)
    for section in sections:
        section.guides = [
            {"title": guide.title, "qr": cached_qr_svg(guide_url(guide), size_mm=30), "url": guide_url(guide)}
            for guide in section.guides
        ]
    html = render_to_string("print/qr_poster.html", {"township": township, "sections": sections, "count": len(guides)})
    return render_print_pdf(html, title=f"{township.title}码上知", author=township.title, page_size="A3")
