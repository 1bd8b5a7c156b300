"""GET /api/search and GET /api/search/suggest: full-text search over everything public.

Parameters follow the public page /search/ (and Plone's @search): ``q`` plus filters,
``sort`` and ``b_start``/``b_size``; filters that take several values may repeat
(``type=policy_document&type=interpretation``). Every hit is checked against the
database's rule of "public" before it is returned (search.public_search).
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema
from pydantic import Field

from cms.api.batching import Batch
from cms.api.errors import ApiError
from cms.api.schemas import ERRORS, Batching
from cms.api.traversal import ApiContext, make_context
from search.backends.base import DEFAULT_B_SIZE, MAX_B_SIZE, MAX_B_START, VALIDITIES, InvalidSearchQuery
from search.public_search import (
    TYPE_LABELS,
    PublicHit,
    PublicResults,
    build_query,
    search_public,
    site_key,
    suggest_public,
)

router = Router(tags=["search"])

MAX_PARAM_CHARS = 200
MAX_Q_CHARS = 1000
Validity = Literal[VALIDITIES]  # type: ignore[valid-type]

QParam = Annotated[
    str, Query("", max_length=MAX_Q_CHARS, description="检索词；用引号括起的词须原样出现；超过100个字只用前100个字")
]
TypeParam = Annotated[
    list[str] | None, Query(None, description="类型，可重复：disclosure_item、policy_document、service_guide …")
]
PublisherParam = Annotated[list[str] | None, Query(None, description="发布机构名称，可重复")]
CatalogParam = Annotated[
    str, Query("", max_length=MAX_PARAM_CHARS, description="目录路径，如 社会救助/最低生活保障（含下级）")
]
VillageParam = Annotated[list[str] | None, Query(None, description="村名，可重复")]
YearFromParam = Annotated[int | None, Query(None, ge=1900, le=2200, description="起始年份（含）")]
YearToParam = Annotated[int | None, Query(None, ge=1900, le=2200, description="截止年份（含）")]
ValidityParam = Annotated[list[Validity] | None, Query(None, description="有效性，可重复")]
SortParam = Annotated[
    Literal["relevance", "date"], Query("relevance", description="relevance（相关度）或 date（日期，新的在前）")
]
BStartParam = Annotated[int, Query(0, ge=0, le=MAX_B_START, description="第一条结果的序号（从 0 开始）")]
BSizeParam = Annotated[int, Query(DEFAULT_B_SIZE, ge=1, le=MAX_B_SIZE, description=f"每批条数，1–{MAX_B_SIZE}")]
SuggestQParam = Annotated[str, Query("", max_length=MAX_PARAM_CHARS, description="已输入的文字")]


class SearchItem(Schema):
    """One hit: `@id` is its API resource (pages) or its URL, `snippet` is HTML with <em> marks."""

    id: str = Field(alias="@id")
    type: str = Field(alias="@type")
    search_type: str
    title: str
    url: str
    snippet: str
    date: str | None
    publisher: str


class FacetValue(Schema):
    """One value of a facet: the filter value to send back, a label and its count."""

    value: str
    title: str
    count: int = Field(ge=0)


class SearchFacets(Schema):
    """Counts over the whole result set, per filter."""

    type: list[FacetValue]
    publisher: list[FacetValue]
    year: list[FacetValue]
    catalog: list[FacetValue]
    village: list[FacetValue]


class SearchOut(Schema):
    """A batch of hits with the total, Plone-style batching links, facets and a suggestion."""

    id: str = Field(alias="@id")
    items: list[SearchItem]
    items_total: int = Field(ge=0)
    items_total_approximate: bool = Field(description="true: a broad query; total and facets are estimated")
    batching: Batching
    facets: SearchFacets
    suggestion: str | None
    notices: list[str]


class SuggestItem(Schema):
    """An autocomplete entry."""

    title: str
    url: str


class SuggestOut(Schema):
    """Titles for the search box, best first."""

    items: list[SuggestItem]


def _clean(value: str | None) -> str:
    return (value or "").replace("\x00", "").strip()


def _clean_list(values: list[str] | None) -> list[str]:
    return [v for v in (_clean(v) for v in values or []) if v]


def _api_context(request: HttpRequest) -> ApiContext | None:
    """Where API links start; None on a host without a Site (hits then link to their page URL)."""
    try:
        return make_context(request)
    except ApiError:
        return None


def _item(request: HttpRequest, ctx: ApiContext | None, public_hit: PublicHit) -> dict:
    hit, page = public_hit.hit, public_hit.page
    in_site = ctx is not None and page is not None and page.url_path.startswith(ctx.root.url_path)
    return {
        "@id": ctx.content_url(page) if in_site else hit.url,
        "@type": public_hit.model_name,
        "search_type": hit.type,
        "title": hit.title,
        "url": hit.url,
        "snippet": hit.snippet,
        "date": hit.date.isoformat() if hit.date else None,
        "publisher": hit.publisher,
    }


def facet_payload(found: PublicResults) -> dict:
    """Facets as lists of {value, title, count}, in the backend's order."""
    payload = {}
    for name, counts in found.results.facets.items():
        entries = []
        for value, count in counts.items():
            value = str(value)
            title = TYPE_LABELS.get(value, value) if name == "type" else value.rsplit("/", 1)[-1]
            entries.append({"value": value, "title": title, "count": count})
        payload[name] = entries
    return payload


@router.get("", response={200: SearchOut, **ERRORS}, auth=None, summary="全文检索", by_alias=True, url_name="search")
def search_get(
    request,
    q: QParam = "",
    type: TypeParam = None,  # noqa: A002 - the public parameter name
    publisher: PublisherParam = None,
    catalog: CatalogParam = "",
    village: VillageParam = None,
    year_from: YearFromParam = None,
    year_to: YearToParam = None,
    validity: ValidityParam = None,
    sort: SortParam = "relevance",
    b_start: BStartParam = 0,
    b_size: BSizeParam = DEFAULT_B_SIZE,
):
    """Results with highlighted snippets (<em>), facet counts, batching and a suggestion when nothing matches."""
    for name, values in (("type", type), ("publisher", publisher), ("village", village)):
        if any(len(v) > MAX_PARAM_CHARS for v in values or []):
            raise ApiError(400, "BadRequest", f"参数有误：{name} 过长（最多 {MAX_PARAM_CHARS} 个字符）")
    query = build_query(
        q=_clean(q),
        type=_clean_list(type),
        publisher=_clean_list(publisher),
        catalog=_clean(catalog),
        village=_clean_list(village),
        year_from=year_from,
        year_to=year_to,
        validity=list(validity or []),
        sort=sort,
        b_start=b_start,
        b_size=b_size,
    )
    try:
        found = search_public(query, site=site_key(request))
    except InvalidSearchQuery as exc:
        raise ApiError(400, "BadRequest", exc.message) from exc
    ctx = _api_context(request) if any(hit.page for hit in found.hits) else None
    base_url = request.build_absolute_uri(request.path)
    payload = {
        "@id": request.build_absolute_uri(),
        "items": [_item(request, ctx, hit) for hit in found.hits],
        "items_total": found.total,
        "items_total_approximate": found.results.approximate,
        "batching": Batch(start=b_start, size=b_size, total=found.total).links(request, base_url),
        "facets": facet_payload(found),
        "suggestion": found.results.suggestion,
        "notices": found.results.notices,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@router.get(
    "/suggest",
    response={200: SuggestOut, **ERRORS},
    auth=None,
    summary="检索词自动补全",
    by_alias=True,
    url_name="search_suggest",
)
def suggest_get(request, q: SuggestQParam = ""):
    """Up to eight titles containing what was typed; each links to the search page for that title."""
    from django.urls import reverse
    from django.utils.http import urlencode

    search_url = reverse("search")
    titles = suggest_public(_clean(q), site=site_key(request))
    items = [{"title": title, "url": f"{search_url}?{urlencode({'q': title})}"} for title in titles]
    return JsonResponse({"items": items}, json_dumps_params={"ensure_ascii": False})
