"""Printing service guides: the single-guide PDF and the 一本通 booklets.

Reads guides (cms.guides) and prints them with the shared service; the booklet's
structure (cover, contents with true page numbers, bookmarks per topic and per guide,
one QR code per guide) lives in templates/print/booklet.html.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from cms.printing import fragments
from cms.printing.service import render_print_pdf

AUDIENCE_LABELS = {"personal": "个人", "enterprise": "企业"}
BOOKLET_FORMATS = ("A4", "A5")


class BookletInputError(ValueError):
    """A booklet was asked for with an unknown audience, topic or format (Chinese message)."""


@dataclass
class TopicSection:
    """One topic of a booklet with its guides, in print order."""

    key: str
    label: str
    guides: list = field(default_factory=list)


def topic_labels() -> dict[str, str]:
    from cms.guides.models import Topic

    return {value: str(label) for value, label in Topic.choices}


def validate_booklet_request(audience: str, topic: str | None, page_format: str) -> None:
    """Raise BookletInputError with a Chinese message for an unknown audience, topic or format."""
    if audience not in AUDIENCE_LABELS:
        raise BookletInputError(f"未知的服务对象：{audience}（可选 personal 个人、enterprise 企业）")
    if topic and topic not in topic_labels():
        raise BookletInputError(f"未知的主题：{topic}（可选 {', '.join(topic_labels())}）")
    if page_format not in BOOKLET_FORMATS:
        raise BookletInputError(f"不支持的纸张规格：{page_format}（可选 A4、A5）")


def booklet_guides(township, audience: str, topic: str | None = None) -> list:
    """Live guides of a township for an audience (and topic), with materials and steps prefetched."""
    from cms.guides.models import ServiceGuidePage

    guides = ServiceGuidePage.objects.live().public().descendant_of(township)
    guides = guides.filter(for_personal=True) if audience == "personal" else guides.filter(for_enterprise=True)
    if topic:
        guides = guides.filter(topic=topic)
    return list(guides.prefetch_related("materials", "steps").order_by("topic", "path"))


def group_by_topic(guides: Iterable) -> list[TopicSection]:
    """Sections in the order of the Topic choices; topics without guides are left out."""
    labels = topic_labels()
    sections = {key: TopicSection(key=key, label=label) for key, label in labels.items()}
    for guide in guides:
        sections.setdefault(guide.topic, TopicSection(key=guide.topic, label=guide.topic)).guides.append(guide)
    return [section for section in sections.values() if section.guides]


def guide_url(guide, request=None) -> str:
    """Absolute URL of the guide's online page (from its Site), for the QR code."""
    return guide.get_full_url(request) or guide.url or ""


def guide_print_item(guide, request=None) -> dict:
    """Everything a print template needs about one guide."""
    url = guide_url(guide, request)
    return {
        "page": guide,
        "anchor": f"guide-{guide.pk}",
        "url": url,
        "qr": fragments.cached_qr_svg(url, size_mm=26),
        "topic_label": topic_labels().get(guide.topic, guide.topic),
        "materials": list(guide.materials.all()),
        "steps": list(guide.steps.all()),
    }


def booklet_title(audience: str, topic: str | None = None) -> str:
    title = f"{AUDIENCE_LABELS[audience]}办事一本通"
    return f"{title}·{topic_labels()[topic]}" if topic else title


def _booklet_sections(guides: list) -> list[TopicSection]:
    sections = group_by_topic(guides)
    for section in sections:
        section.guides = [guide_print_item(guide) for guide in section.guides]
    return sections


def _booklet_context(township, audience: str, guides: list, topic: str | None, year: int | None) -> dict:
    return {
        "township": township,
        "title": booklet_title(audience, topic),
        "audience_label": AUDIENCE_LABELS[audience],
        "year": year or timezone.localdate().year,
        "guide_count": len(guides),
    }


def booklet_html(township, audience: str, guides: list, *, topic: str | None = None, year: int | None = None) -> str:
    """The whole booklet as one HTML document (the single-pass print; the benchmark's naive pipeline)."""
    context = _booklet_context(township, audience, guides, topic, year)
    return render_to_string("print/booklet.html", {**context, "sections": _booklet_sections(guides)})


def render_booklet(
    township,
    audience: str,
    *,
    topic: str | None = None,
    page_format: str = "A5",
    guides: list | None = None,
    progress: Callable[[str], None] | None = None,
    year: int | None = None,
) -> bytes:
    """The 一本通 booklet PDF of a township for an audience (optionally one topic).

    Assembled from cached per-guide fragments (assembly.py): only guides whose printed
    content changed since the last build are laid out again.
    """
    from cms.printing import assembly

    validate_booklet_request(audience, topic, page_format)
    if guides is None:
        guides = booklet_guides(township, audience, topic)
    if progress:
        progress(f"已选取 {len(guides)} 篇办事指南，正在排版…")
    context = _booklet_context(township, audience, guides, topic, year)
    parts = assembly.prepare_parts(_booklet_sections(guides), context, page_format, progress=progress)
    if progress:
        progress(f"正在合成 PDF（{len(parts.page_topics)} 页，新排版 {parts.printed} 篇）…")
    return assembly.assemble(
        parts, page_format, title=f"{township.title}{booklet_title(audience, topic)}", author=township.title
    )


def render_guide_pdf(page, request=None, *, page_format: str = "A4") -> bytes:
    """One guide as a tagged PDF: elements, materials table, step diagram and QR code.

    Cached by the hash of its HTML (fragments.py), so a guide is printed once per content.
    """
    from cms.core.models import TownshipPage

    township = TownshipPage.for_page(page)
    html = render_to_string(
        "print/guide.html",
        {"guide": guide_print_item(page, request), "township": township},
    )
    return cached_guide_pdf(html, title=page.title, author=township.title if township else "", page_format=page_format)


def cached_guide_pdf(html: str, *, title: str, author: str, page_format: str) -> bytes:
    """The tagged PDF of a single-guide document, from the print cache or printed and stored."""
    key = fragments.part_key(f"{title}|{author}|{html}", page_format)
    pdf = fragments.load("single", key)
    if pdf is None:
        pdf = render_print_pdf(html, title=title, author=author, page_size=page_format)
        fragments.store("single", key, pdf)
    return pdf


def guide_pdf_response(request, page) -> HttpResponse:
    """HTTP response with the guide's PDF (the guide's ``pdf/`` route and the API link)."""
    page_format = (request.GET.get("format") or "A4").upper()
    if page_format not in BOOKLET_FORMATS:
        return HttpResponse("不支持的纸张规格，可选 A4、A5", status=400, content_type="text/plain; charset=utf-8")
    pdf = render_guide_pdf(page, request, page_format=page_format)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename=guide-{page.pk}.pdf"
    stamp = page.last_published_at or page.latest_revision_created_at or dt.datetime.now(dt.UTC)
    response["Last-Modified"] = stamp.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response
