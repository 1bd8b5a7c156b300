"""Admin view of the search index's health: counts, pending outbox operations, last rebuild."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search.indexing.outbox import DEFAULT_SITE, MAX_AUTOMATIC_ATTEMPTS
from search.models import IndexedDocument, SearchIndexRebuild, SearchOutbox

STATUS_PERMISSION = "sitesearch.view_searchoutbox"
SHOWN_FAILURES = 20


def index_status(site: str = DEFAULT_SITE) -> dict:
    """Everything the status page shows, in a fixed number of queries."""
    by_type = dict(
        IndexedDocument.objects.filter(site=site).values_list("type").annotate(n=Count("id")).order_by("type")
    )
    pending = SearchOutbox.objects.filter(site=site)
    summary = pending.aggregate(total=Count("id"), oldest=Max("created"))
    return {
        "site": site,
        "documents_by_type": by_type,
        "documents_total": sum(by_type.values()),
        "pending_total": summary["total"],
        "failed": list(pending.exclude(last_error="").order_by("-attempts", "id")[:SHOWN_FAILURES]),
        "given_up": pending.filter(attempts__gte=MAX_AUTOMATIC_ATTEMPTS).count(),
        "last_rebuild": SearchIndexRebuild.objects.filter(site=site).first(),
    }


class IndexStatusView(WagtailAdminTemplateMixin, TemplateView):
    """索引状态: how many documents are indexed, what waits in the outbox, when the index was rebuilt."""

    template_name = "sitesearch/index_status.html"
    page_title = "索引状态"
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(STATUS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from search.backends import get_search_backend

        context = super().get_context_data(**kwargs)
        context.update(index_status())
        context["backend_name"] = type(get_search_backend()).__name__
        return context
