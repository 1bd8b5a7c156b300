"""Search as the public sees it: the one entry point of the API and the /search/ page.

The index only ever receives public documents, but between an unpublish and the index
update (a Celery task, or an outbox waiting for Elasticsearch) a page may still be in
it. So every page of results is checked against the database's own rule of "public"
(cms.disclosure.selectors) in a constant number of queries, and a hit whose page is no
longer public is dropped before anyone sees it.

Ids follow search.documents: ``"<app_label>.<ModelName>:<pk>"``. Hits whose model is a
Wagtail page are checked; other models (rows that are not pages) are trusted to the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.http import HttpRequest
from wagtail.models import Page

from search.backends import get_search_backend
from search.backends.base import SearchFilters, SearchHit, SearchQuery, SearchResults
from search.synonyms import apply_synonyms

DEFAULT_SITE = "default"
SUGGEST_LIMIT = 8

TYPE_LABELS = {
    "disclosure_item": "政府信息",
    "policy_document": "政策文件",
    "interpretation": "政策解读",
    "annual_report": "年度报告",
    "catalog_item": "公开目录",
    "service_guide": "办事指南",
    "village_notice": "村务公开",
}
FACET_LABELS = {"type": "类型", "publisher": "发布机构", "year": "年份", "catalog": "目录", "village": "村"}


@dataclass
class PublicHit:
    """A hit that passed the public check, with its page when it is one (for API links)."""

    hit: SearchHit
    page: Page | None = None

    @property
    def model_name(self) -> str:
        label = self.hit.id.split(":", 1)[0]
        return label.rsplit(".", 1)[-1] if "." in label else self.hit.type

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.hit.type, self.hit.type)


@dataclass
class PublicResults:
    """A page of public hits and everything around it (facets, total, suggestion, notices)."""

    query: SearchQuery
    results: SearchResults
    hits: list[PublicHit] = field(default_factory=list)
    dropped: int = 0

    @property
    def total(self) -> int:
        """The index's total, less the stale hits seen on this page."""
        return max(0, self.results.total - self.dropped)


def site_key(request: HttpRequest | None = None) -> str:
    """The index (site) a request searches. One shared index until townships get their own."""
    return DEFAULT_SITE


def build_query(
    *,
    q: str = "",
    type: list[str] | None = None,  # noqa: A002 - the public parameter name
    publisher: list[str] | None = None,
    catalog: str = "",
    village: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    validity: list[str] | None = None,
    sort: str = "relevance",
    b_start: int = 0,
    b_size: int = 10,
) -> SearchQuery:
    """A SearchQuery from request parameters; validation happens in the backend (InvalidSearchQuery)."""
    filters = SearchFilters(
        type=tuple(type or ()),
        publisher=tuple(publisher or ()),
        catalog=(catalog or "").strip(),
        village=tuple(village or ()),
        year_from=year_from,
        year_to=year_to,
        validity=tuple(validity or ()),
    )
    return SearchQuery(q=q or "", filters=filters, sort=sort or "relevance", b_start=b_start, b_size=b_size)


def search_public(query: SearchQuery, *, site: str = DEFAULT_SITE) -> PublicResults:
    """Run a query and keep only hits that are public right now (raises InvalidSearchQuery)."""
    # Editors' synonym changes reach every web process: a cache read, a database read only after a change.
    apply_synonyms()
    results = get_search_backend(site).search(query)
    pages = _public_pages([hit.id for hit in results.hits])
    kept: list[PublicHit] = []
    for hit in results.hits:
        page_pk = _page_pk(hit.id)
        if page_pk is None:
            kept.append(PublicHit(hit))
        elif page_pk in pages:
            kept.append(PublicHit(hit, pages[page_pk]))
    return PublicResults(query=query, results=results, hits=kept, dropped=len(results.hits) - len(kept))


def suggest_public(prefix: str, *, site: str = DEFAULT_SITE, limit: int = SUGGEST_LIMIT) -> list[str]:
    """Titles for the search box; titles only, so nothing beyond what the index holds is shown."""
    prefix = (prefix or "").strip()
    if not prefix:
        return []
    return get_search_backend(site).suggest(prefix, limit=limit)


def _page_pk(doc_id: str) -> int | None:
    """The page primary key behind a document id, or None when the id is not a Wagtail page."""
    label, _, pk = doc_id.rpartition(":")
    if not pk.isdigit() or "." not in label:
        return None
    app_label, model_name = label.rsplit(".", 1)
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
    return int(pk) if issubclass(model, Page) else None


def _public_pages(doc_ids: list[str]) -> dict[int, Page]:
    """The pages among `doc_ids` that are public now, by pk (three queries, however many hits)."""
    from cms.disclosure.models import withheld_q
    from cms.disclosure.selectors import public_pages

    pks = [pk for pk in (_page_pk(doc_id) for doc_id in doc_ids) if pk is not None]
    if not pks:
        return {}
    queryset = public_pages(Page.objects.filter(pk__in=pks)).exclude(withheld_q("disclosureitempage__"))
    return {page.pk: page for page in queryset.only("id", "path", "depth", "url_path", "title", "live")}
