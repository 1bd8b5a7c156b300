"""How a service guide describes itself to search (the `Searchable` protocol of search/documents.py)."""

from __future__ import annotations

from search.documents import SearchDocument


def guide_search_document(guide) -> SearchDocument | None:
    """type "guide", text from every element; None for drafts, expired or view-restricted guides."""
    if not guide.live or guide.expired or guide.get_view_restrictions().exists():
        return None
    materials = list(guide.materials.all())
    steps = list(guide.steps.all())
    parts = [
        guide.get_item_type_display(),
        guide.implementer,
        guide.legal_basis,
        guide.conditions,
        "办理材料：" + "；".join(m.name for m in materials) if materials else "",
        *[m.source for m in materials],
        "办理流程：" + "→".join(s.name for s in steps) if steps else "",
        *[s.description for s in steps],
        guide.location,
        guide.window,
        guide.office_hours,
        guide.fees,
        guide.delivery,
        guide.notes,
    ]
    return SearchDocument(
        id=f"guides.ServiceGuidePage:{guide.pk}",
        type="guide",
        title=guide.title,
        text="\n".join(p for p in parts if p),
        fields={
            "code": guide.code,
            "topic": str(guide.get_topic_display()),
            "audience": guide.audience_display,
            "promised_time_limit": guide.promised_time_limit,
        },
        publisher=guide.implementer,
        catalog_path=["办事指南", str(guide.get_topic_display())],
        date=guide.last_published_at,
        url=guide.full_url or "",
    )
