"""Signal receivers: a published or unpublished guide makes its booklets stale."""

from __future__ import annotations

from wagtail.signals import page_published, page_unpublished


def guide_changed(sender, instance, **kwargs) -> None:
    """Request a debounced rebuild of every booklet the guide appears in."""
    from cms.printing.booklets import affected_booklets, request_rebuild

    request_rebuild(affected_booklets(instance.specific))


def connect() -> None:
    from cms.guides.models import ServiceGuidePage

    page_published.connect(guide_changed, sender=ServiceGuidePage, dispatch_uid="printing_guide_published")
    page_unpublished.connect(guide_changed, sender=ServiceGuidePage, dispatch_uid="printing_guide_unpublished")
