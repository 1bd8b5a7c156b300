"""The public search page /search/: one GET form, results, facets and pages without JavaScript.

Every link on the page (facets, removing a filter, pages, the suggestion) is a plain
URL of this page with different parameters, so results can be bookmarked and shared,
and the page works on any phone browser. The optional autocomplete script only
enhances the search box.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from cms.api.batching import Batch
from search.backends.base import MAX_B_SIZE, MAX_B_START, SORTS, InvalidSearchQuery, SearchQuery
from search.public_search import FACET_LABELS, TYPE_LABELS, PublicResults, build_query, search_public, site_key
from search.snippets import highlight

PAGE_B_SIZE = 10
MAX_Q_CHARS = 1000
FACETS_SHOWN = ("type", "publisher", "year", "catalog", "village")
MULTI_FILTERS = ("type", "publisher", "village", "validity")
FILTER_PARAMS = ("type", "publisher", "catalog", "village", "year_from", "year_to", "validity")


class BadParameter(ValueError):
    """A parameter of the search page that cannot be read; the message is shown on the page."""


@dataclass
class FacetLink:
    """One facet value as a link that toggles it as a filter."""

    title: str
    count: int
    url: str
    active: bool


def _int(params: QueryDict, name: str, label: str, default: int | None = None) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise BadParameter(f"{label}须为整数") from exc


def _texts(params: QueryDict, name: str) -> list[str]:
    return [v for v in (value.replace("\x00", "").strip()[:200] for value in params.getlist(name)) if v]


def query_from_params(params: QueryDict) -> SearchQuery:
    """A SearchQuery from the page's parameters; b_size is clamped rather than refused."""
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise BadParameter("排序方式只能是相关度或日期")
    b_start = _int(params, "b_start", "起始位置", 0)
    if not 0 <= b_start <= MAX_B_START:
        raise BadParameter(f"起始位置必须在0到{MAX_B_START}之间")
    b_size = min(max(_int(params, "b_size", "每页条数", PAGE_B_SIZE), 1), MAX_B_SIZE)
    return build_query(
        q=(params.get("q") or "").replace("\x00", "")[:MAX_Q_CHARS],
        type=_texts(params, "type"),
        publisher=_texts(params, "publisher"),
        catalog=(params.get("catalog") or "").replace("\x00", "").strip()[:200],
        village=_texts(params, "village"),
        year_from=_int(params, "year_from", "起始年份"),
        year_to=_int(params, "year_to", "截止年份"),
        validity=_texts(params, "validity"),
        sort=sort,
        b_start=b_start,
        b_size=b_size,
    )


def _url(params: QueryDict, **changes: list[str] | str | None) -> str:
    """This page with the given parameters replaced (None removes one); always back to the first batch."""
    merged = {key: params.getlist(key) for key in params if key != "b_start"}
    for key, value in changes.items():
        if value is None or value == []:
            merged.pop(key, None)
        else:
            merged[key] = value if isinstance(value, list) else [value]
    query = urlencode({k: v for k, v in merged.items() if v}, doseq=True)
    return "?" + query if query else "?"


def _toggle(params: QueryDict, name: str, value: str) -> tuple[str, bool]:
    current = params.getlist(name)
    if value in current:
        return _url(params, **{name: [v for v in current if v != value]}), True
    return _url(params, **{name: [*current, value]}), False


def _facet_link(params: QueryDict, name: str, value: str, count: int) -> FacetLink:
    if name == "year":
        active = params.get("year_from") == value and params.get("year_to") == value
        url = _url(params, year_from=None, year_to=None) if active else _url(params, year_from=value, year_to=value)
        return FacetLink(title=f"{value}年", count=count, url=url, active=active)
    if name == "catalog":
        active = (params.get("catalog") or "").strip() == value
        url = _url(params, catalog=None if active else value)
        return FacetLink(title=value.rsplit("/", 1)[-1], count=count, url=url, active=active)
    url, active = _toggle(params, name, value)
    title = TYPE_LABELS.get(value, value) if name == "type" else value
    return FacetLink(title=title, count=count, url=url, active=active)


def facet_links(params: QueryDict, found: PublicResults) -> list[tuple[str, str, list[FacetLink]]]:
    """(name, label, links) for every facet with values; clicking a value filters, clicking again removes."""
    groups = []
    for name in FACETS_SHOWN:
        counts = found.results.facets.get(name) or {}
        links = [_facet_link(params, name, str(value), count) for value, count in counts.items()]
        if links:
            groups.append((name, FACET_LABELS[name], links))
    return groups


def active_filters(params: QueryDict) -> list[tuple[str, str]]:
    """(label, URL without this filter) for every filter in use."""
    chips = []
    for name in MULTI_FILTERS:
        for value in params.getlist(name):
            if value.strip():
                label = TYPE_LABELS.get(value, value) if name == "type" else value
                chips.append((label, _toggle(params, name, value)[0]))
    if (params.get("catalog") or "").strip():
        chips.append(("目录：" + params["catalog"].strip(), _url(params, catalog=None)))
    year_from, year_to = params.get("year_from"), params.get("year_to")
    if year_from or year_to:
        label = f"{year_from}年" if year_from == year_to else f"{year_from or '…'}—{year_to or '…'}年"
        chips.append((label, _url(params, year_from=None, year_to=None)))
    return chips


def _has_request(params: QueryDict) -> bool:
    return bool((params.get("q") or "").strip()) or any((params.get(name) or "").strip() for name in FILTER_PARAMS)


def results_context(request: HttpRequest, query: SearchQuery, found: PublicResults) -> dict:
    """What the template shows for one page of results."""
    params = request.GET
    terms = found.results.highlight_terms
    batch = Batch(start=query.b_start, size=query.b_size, total=found.total)
    suggestion = found.results.suggestion
    return {
        "searched": True,
        "found": found,
        "hits": [
            {
                "hit": public_hit.hit,
                "title_html": mark_safe(highlight(public_hit.hit.title, terms)),  # escaped by highlight()
                "snippet_html": mark_safe(public_hit.hit.snippet),  # escaped by search.snippets
                "type_label": public_hit.type_label,
            }
            for public_hit in found.hits
        ],
        "total": found.total,
        "approximate": found.results.approximate,
        "facets": facet_links(params, found),
        "filters": active_filters(params),
        "batching": batch.links(request, request.path) if found.total > query.b_size else None,
        "page_number": query.b_start // query.b_size + 1,
        "page_count": max(1, (found.total + query.b_size - 1) // query.b_size),
        "suggestion": suggestion,
        "suggestion_url": _url(params, q=suggestion) if suggestion else "",
        "notices": found.results.notices,
        "sort_urls": {"relevance": _url(params, sort=None), "date": _url(params, sort="date")},
        "hidden_filters": [(k, v) for k in FILTER_PARAMS for v in params.getlist(k) if v.strip()],
    }


def search_page(request: HttpRequest) -> HttpResponse:
    """GET /search/?q=…: results with highlights, facets, pages and a suggestion when nothing is found."""
    params = request.GET
    context: dict = {"q": (params.get("q") or "")[:MAX_Q_CHARS], "sort": params.get("sort") or "relevance"}
    status = 200
    if _has_request(params):
        try:
            query = query_from_params(params)
            found = search_public(query, site=site_key(request))
        except (BadParameter, InvalidSearchQuery) as exc:
            context["error"] = exc.message if isinstance(exc, InvalidSearchQuery) else str(exc)
            status = 400
        else:
            context.update(results_context(request, query, found))
    return render(request, "search/search.html", context, status=status)
