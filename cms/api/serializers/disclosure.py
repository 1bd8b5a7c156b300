"""Disclosed items: metadata, publisher, attachments, timeliness and policy ↔ interpretation links."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Page

from cms.api.serializers.base import PageSerializer, register
from cms.api.visibility import visible_pages
from cms.disclosure.models import DisclosureItemPage


@register(DisclosureItemPage)
class DisclosureItemSerializer(PageSerializer):
    """An item is described by its 内容概述 and lists its 索引号 and 公开日期 in listings."""

    listing_fields = ("index_number", "disclosed_on")

    def description(self, page: Page) -> str:
        return page.summary or page.search_description or ""

    def extra_fields(self, page: DisclosureItemPage) -> dict:
        return {
            "publisher": self._publisher(page),
            "attachments": self._attachments(page),
            "timeliness": {
                "working_days": page.timeliness_working_days,
                "limit": settings.DISCLOSURE_TIMELINESS_WORKING_DAYS,
                "late": page.is_late,
            },
            "interpreted_document": self._interpreted_document(page),
            "interpretations": self._interpretations(page),
            "negative_list_entry": self._negative_list_entry(page),
        }

    def _publisher(self, page: DisclosureItemPage) -> dict | None:
        org = page.publisher if page.publisher_id else None
        if org is None:
            return None
        return {"name": org.name, "short_name": org.short_name}

    def _attachments(self, page: DisclosureItemPage) -> list[dict]:
        result = []
        for attachment in page.attachments.select_related("document").all():
            document = attachment.document
            result.append(
                {
                    "title": attachment.display_title,
                    "url": self.ctx.request.build_absolute_uri(document.url),
                    "size": document.file_size,
                    "extension": document.file_extension,
                }
            )
        return result

    def _interpreted_document(self, page: DisclosureItemPage) -> dict | None:
        if not page.interpreted_document_id:
            return None
        pages = visible_pages(DisclosureItemPage.objects.filter(pk=page.interpreted_document_id), self.ctx)
        return self.ctx.link(pages[0]) if pages else None

    def _interpretations(self, page: DisclosureItemPage) -> list[dict]:
        if not page.pk:
            return []
        queryset = DisclosureItemPage.objects.filter(interpreted_document_id=page.pk).order_by("path")
        return [self.ctx.link(p) for p in visible_pages(queryset, self.ctx)]

    def _negative_list_entry(self, page: DisclosureItemPage) -> dict | None:
        entry = page.negative_list_entry if page.negative_list_entry_id else None
        if entry is None:
            return None
        return {"matter": entry.matter, "legal_basis": entry.legal_basis}
