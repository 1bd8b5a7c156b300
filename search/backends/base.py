"""The query API every search backend implements, and the behaviour they share.

A backend stores `SearchDocument`s and answers `SearchQuery`s with `SearchResults`.
`SearchBackend.search` is a template method: it validates the query, parses it
(search.query_parser), runs the terms ANDed, falls back to OR when that finds nothing,
and looks for a "did you mean" suggestion whenever the AND pass found nothing. Backends only
implement `_execute` (one pass with a fixed operator) and the storage methods.
"""

from __future__ import annotations

import datetime
import difflib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from search import text as search_text
from search.documents import SearchDocument, catalog_key
from search.query_parser import ParsedQuery, parse_query

SORTS = ("relevance", "date")
MAX_QUERY_CHARS = 100
MAX_B_SIZE = 50
DEFAULT_B_SIZE = 10
MAX_B_START = 10_000
FACET_NAMES = ("type", "publisher", "year", "catalog", "village")
VALIDITIES = ("现行有效", "已废止", "已失效")


class InvalidSearchQuery(ValueError):
    """A query parameter that cannot be answered; `message` is shown to the user (HTTP 400)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(v.strip() for v in value if v and v.strip())


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on the result set; multi-valued filters match any of their values."""

    type: tuple[str, ...] = ()
    publisher: tuple[str, ...] = ()
    catalog: str = ""
    village: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    validity: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("type", "publisher", "village", "validity"):
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))
        catalog = self.catalog
        if not isinstance(catalog, str):
            catalog = catalog_key(list(catalog))
        object.__setattr__(self, "catalog", catalog_key(catalog.split("/")) if catalog else "")

    @property
    def catalog_depth(self) -> int:
        return len(self.catalog.split("/")) if self.catalog else 0

    def validate(self) -> None:
        for name in ("year_from", "year_to"):
            year = getattr(self, name)
            if year is not None and not (1900 <= year <= 2200):
                raise InvalidSearchQuery(name, "年份必须在1900到2200之间")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise InvalidSearchQuery("year_from", "起始年份不能晚于结束年份")
        unknown = [v for v in self.validity if v not in VALIDITIES]
        if unknown:
            raise InvalidSearchQuery("validity", "有效性只能是：" + "、".join(VALIDITIES))


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked for: text, filters, order and the page (Plone-style b_start/b_size)."""

    q: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: str = "relevance"
    b_start: int = 0
    b_size: int = DEFAULT_B_SIZE

    def validated(self) -> tuple[SearchQuery, list[str]]:
        """A cleaned copy and user-facing notices; raises InvalidSearchQuery for bad parameters."""
        notices: list[str] = []
        if self.sort not in SORTS:
            raise InvalidSearchQuery("sort", "排序方式只能是 relevance（相关度）或 date（日期）")
        if not isinstance(self.b_size, int) or not 1 <= self.b_size <= MAX_B_SIZE:
            raise InvalidSearchQuery("b_size", f"每页条数必须在1到{MAX_B_SIZE}之间")
        if not isinstance(self.b_start, int) or not 0 <= self.b_start <= MAX_B_START:
            raise InvalidSearchQuery("b_start", f"起始位置必须在0到{MAX_B_START}之间")
        self.filters.validate()
        q = (self.q or "").replace("\x00", "").strip()
        if len(q) > MAX_QUERY_CHARS:
            q = q[:MAX_QUERY_CHARS]
            notices.append(f"检索词过长，只使用了前{MAX_QUERY_CHARS}个字")
        return replace(self, q=q), notices


@dataclass
class SearchHit:
    """One result row as the API and the page show it."""

    id: str
    score: float
    title: str
    url: str
    snippet: str
    date: datetime.date | None
    publisher: str
    type: str


@dataclass
class SearchResults:
    """A page of hits plus what the page needs around it: total, facets, suggestion, notices."""

    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in FACET_NAMES})
    suggestion: str | None = None
    operator: str = "and"  # "and", "or" (fallback), "all" (no text: browse by filters) or "none"
    b_start: int = 0
    b_size: int = DEFAULT_B_SIZE
    notices: list[str] = field(default_factory=list)
    highlight_terms: list[str] = field(default_factory=list)
    # True when total and facets are estimates (a broad query answered from a sample of its matches).
    approximate: bool = False

    def batching(self) -> dict[str, int | None]:
        """Plone-style batch offsets: first, prev, next, last (None where there is none)."""
        last = max(0, (self.total - 1) // self.b_size * self.b_size) if self.total else 0
        prev = self.b_start - self.b_size if self.b_start > 0 else None
        following = self.b_start + self.b_size
        return {
            "first": 0,
            "prev": max(0, prev) if prev is not None else None,
            "next": following if following < self.total else None,
            "last": last,
        }


class SearchBackend(ABC):
    """Stores SearchDocuments for one site and answers SearchQuery with SearchResults."""

    def __init__(self, site: str = "default"):
        self.site = site

    # -- storage ---------------------------------------------------------------------
    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by id); returns how many were written."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored. Returns how many were removed."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document of this site."""

    @abstractmethod
    def document_ids(self) -> set[str]:
        """Ids currently indexed for this site (for `rebuild_search_index --check`)."""

    @abstractmethod
    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Titles for the search box's autocomplete."""

    @abstractmethod
    def _execute(self, query: SearchQuery, parsed: ParsedQuery | None, operator: str) -> SearchResults:
        """One pass: `parsed` None means no text condition (browse by filters)."""

    # -- the shared query flow -------------------------------------------------------
    def search(self, query: SearchQuery) -> SearchResults:
        query, notices = query.validated()
        parsed = parse_query(query.q)
        notices += parsed.notices
        if parsed.is_blank:
            results = self._execute(query, None, "all")
            results.operator = "all"
        elif not parsed.has_terms:
            results = SearchResults(b_start=query.b_start, b_size=query.b_size, operator="none")
            notices.append("检索词中没有可检索的文字，请换用汉字、字母或数字")
        else:
            results = self._execute(query, parsed, "and")
            if results.total == 0 and parsed.can_relax:
                results = self._execute(query, parsed, "or")
                results.operator = "or"
            if results.total == 0 or results.operator == "or":
                results.suggestion = self._suggestion(query, parsed)
        results.notices = notices + results.notices
        results.highlight_terms = parsed.highlight_terms() if parsed.has_terms else []
        return results

    def _suggestion(self, query: SearchQuery, parsed: ParsedQuery) -> str | None:
        """A nearby government term (宅急地 → 宅基地) that does find something."""
        for candidate in suggestion_candidates(parsed):
            if self._count(replace(query, q=candidate), parse_query(candidate), "or"):
                return candidate
        return None

    def _count(self, query: SearchQuery, parsed: ParsedQuery, operator: str) -> int:
        """How many documents one pass would find; backends may answer more cheaply."""
        return self._execute(replace(query, b_start=0, b_size=1), parsed, operator).total


def suggestion_candidates(parsed: ParsedQuery, limit: int = 3) -> list[str]:
    vocabulary = search_text.vocabulary()
    known = set(vocabulary)
    whole = parsed.plain_text
    candidates = [c for c in difflib.get_close_matches(whole, vocabulary, n=limit, cutoff=0.6) if c != whole]
    for term in parsed.terms():
        if term in known or len(term) < 2:
            continue
        for close in difflib.get_close_matches(term, vocabulary, n=2, cutoff=0.6):
            candidates.append(whole.replace(term, close) if term in whole else close)
    return list(dict.fromkeys(c for c in candidates if c))[:limit]
