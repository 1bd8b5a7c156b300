"""Template context shared by every public page."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _township_for(request):
    """The TownshipPage at the root of the request's Site, looked up once per request."""
    if not hasattr(request, "_township_page"):
        from cms.core.models import TownshipPage

        site = Site.find_for_request(request)
        request._township_page = TownshipPage.objects.filter(pk=site.root_page_id).first() if site is not None else None
    return request._township_page


def township(request) -> dict:
    """Adds `township` (the current Site's TownshipPage or None), evaluated only when a template uses it."""
    return {"township": SimpleLazyObject(lambda: _township_for(request))}
