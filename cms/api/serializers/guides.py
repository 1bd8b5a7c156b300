"""Service guides: every element, materials and steps as lists, the PDF link; the index with counts."""

from __future__ import annotations

from wagtail.models import Page

from cms.api.serializers.base import PageSerializer, register
from cms.guides.models import Audience, ServiceGuideIndexPage, ServiceGuidePage


@register(ServiceGuidePage)
class ServiceGuideSerializer(PageSerializer):
    """A guide lists its code, topic and audience in listings; the full object carries its rows."""

    listing_fields = ("code", "topic", "for_personal", "for_enterprise")

    def extra_fields(self, page: ServiceGuidePage) -> dict:
        return {
            "audience": [{"token": a, "title": str(Audience(a).label)} for a in page.audiences],
            "materials": self._materials(page),
            "steps": [
                {"order": n, "name": s.name, "description": s.description, "time_limit": s.time_limit}
                for n, s in enumerate(page.steps.all(), start=1)
            ],
            "complete": not page.missing_elements,
            "missing_elements": page.missing_elements,
            "pdf": self._pdf_url(page),
        }

    def _materials(self, page: ServiceGuidePage) -> list[dict]:
        documents = self._documents(page)
        result = []
        for m in page.materials.all():
            result.append(
                {
                    "name": m.name,
                    "original_or_copy": m.original_or_copy,
                    "medium": m.medium,
                    "copies": m.copies,
                    "source": m.source,
                    "required": m.required,
                    "note": m.note,
                    "blank_form": documents.get(m.blank_form_id),
                    "sample_form": documents.get(m.sample_form_id),
                }
            )
        return result

    def _documents(self, page: ServiceGuidePage) -> dict[int, dict]:
        """Form documents of all materials in one query (the rows may come from a draft revision)."""
        from wagtail.documents import get_document_model

        ids = {i for m in page.materials.all() for i in (m.blank_form_id, m.sample_form_id) if i}
        if not ids:
            return {}
        return {
            d.pk: {
                "title": d.title,
                "url": self.ctx.request.build_absolute_uri(d.url),
                "extension": d.file_extension,
            }
            for d in get_document_model().objects.filter(pk__in=ids)
        }

    def _pdf_url(self, page: ServiceGuidePage) -> str | None:
        url = page.get_url(self.ctx.request)
        if not url:
            return None
        return self.ctx.request.build_absolute_uri(url + page.reverse_subpage("pdf"))


@register(ServiceGuideIndexPage)
class ServiceGuideIndexSerializer(PageSerializer):
    """The 办事指南 section also says how many public guides each audience and topic has."""

    def extra_fields(self, page: Page) -> dict:
        from cms.guides.selectors import index_listing

        listing = index_listing(page)
        return {
            "audiences": [
                {"token": a["code"], "title": str(a["label"]), "count": a["count"]}
                for a in listing["audience_counts"]
                if a["code"]
            ],
            "topics": [
                {"token": t["code"], "title": str(t["label"]), "count": t["count"]} for t in listing["topic_counts"]
            ],
        }
