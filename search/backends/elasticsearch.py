"""The Elasticsearch 8 backend, through `elasticsearch.dsl`.

One index per site behind the alias ``<ELASTICSEARCH_INDEX_PREFIX>-<site>``. `rebuild`
fills a new timestamped index and swaps the alias to it in one atomic
``update_aliases`` call before dropping the old index, so searches never see a
half-built index. The analyzer profile (IK, smartcn or cjk bigrams) is probed from the
cluster when an index is created (search.backends.es_schema).

Writes made by `index`/`delete` while a rebuild runs go to the old index; the indexing
pipeline replays its outbox after a rebuild to cover that window.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Q, Search

from search import text as search_text
from search.backends import es_schema
from search.backends.base import FACET_NAMES, SearchBackend, SearchHit, SearchQuery, SearchResults
from search.documents import SearchDocument
from search.query_parser import ParsedQuery

FACET_SIZE = 100
SNIPPET_CHARS = 120


def build_search(index: str, query: SearchQuery, parsed: ParsedQuery | None, operator: str) -> Search:
    """The request for one pass (AND or OR) of a query; pure, so it is tested without a server."""
    s = Search(index=index)
    must = []
    if parsed and parsed.groups:
        words = " ".join(token for group in parsed.groups for token in group.alternatives[0])
        must.append(
            Q("multi_match", query=words, fields=es_schema.SEARCH_FIELDS, type="cross_fields", operator=operator)
        )
    for phrase in parsed.phrases if parsed else ():
        must.append(Q("multi_match", query=phrase.text, fields=es_schema.SEARCH_FIELDS, type="phrase"))
    s = s.query(Q("bool", must=must or [Q("match_all")], filter=_filters(query)))
    if query.sort == "date" or not must:
        s = s.sort({"date": {"order": "desc", "missing": "_last"}}, "_score", {"doc_id": "asc"})
    else:
        s = s.sort("_score", {"date": {"order": "desc", "missing": "_last"}}, {"doc_id": "asc"})
    s = s.source(["doc_id", "title", "url", "date", "publisher", "type"])
    s = s.highlight("text", "title").highlight_options(
        pre_tags=["<em>"],
        post_tags=["</em>"],
        encoder="html",
        fragment_size=SNIPPET_CHARS,
        number_of_fragments=1,
        no_match_size=SNIPPET_CHARS,
    )
    for name, field in (
        ("type", "type"),
        ("publisher", "publisher"),
        ("year", "year"),
        ("village", "village"),
        ("catalog", "catalog_prefixes"),
    ):
        s.aggs.bucket(name, "terms", field=field, size=FACET_SIZE)
    s = s.extra(track_total_hits=True)
    return s[query.b_start : query.b_start + query.b_size]


def _filters(query: SearchQuery) -> list:
    f = query.filters
    filters = [
        Q("terms", **{name: list(values)})
        for name, values in (
            ("type", f.type),
            ("publisher", f.publisher),
            ("village", f.village),
            ("validity", f.validity),
        )
        if values
    ]
    years = {key: value for key, value in (("gte", f.year_from), ("lte", f.year_to)) if value is not None}
    if years:
        filters.append(Q("range", year=years))
    if f.catalog:
        filters.append(Q("term", catalog_prefixes=f.catalog))
    return filters


def build_suggest(index: str, prefix: str, limit: int) -> Search:
    s = Search(index=index).source(["title"])
    return s.suggest(
        "titles",
        search_text.compact(prefix)[:50],
        completion={"field": "suggest", "size": limit, "skip_duplicates": True},
    )


class ElasticsearchBackend(SearchBackend):
    """Search in an Elasticsearch 8 cluster (ELASTICSEARCH_URL); same API as the embedded index."""

    def __init__(
        self,
        site: str = "default",
        url: str = "",
        client: Elasticsearch | None = None,
        profile: str | None = None,
        replicas: int | None = None,
        refresh: bool | str = False,
    ):
        super().__init__(site)
        self.client = client or Elasticsearch(url or settings.ELASTICSEARCH_URL, request_timeout=10)
        self._profile = profile
        self.replicas = replicas if replicas is not None else int(getattr(settings, "ELASTICSEARCH_REPLICAS", 1))
        self.refresh = refresh
        self.alias = es_schema.alias_name(getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "sitesearch"), site)

    @property
    def profile(self) -> str:
        if self._profile is None:
            self._profile = es_schema.probe_profile(self.client)
        return self._profile

    # -- index lifecycle -------------------------------------------------------------
    def create_index(self, name: str) -> None:
        definition = es_schema.index_definition(name, self.profile, search_text.get_synonyms().lines(), self.replicas)
        body = definition.to_dict()
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def ensure_index(self) -> None:
        if not self.client.indices.exists_alias(name=self.alias):
            name = es_schema.new_index_name(self.alias)
            self.create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)

    def rebuild(self, documents: Iterable[SearchDocument], now: datetime.datetime | None = None) -> str:
        """Index everything into a fresh index, then swap the alias atomically; returns the new name."""
        name = es_schema.new_index_name(self.alias, now)
        self.create_index(name)
        self._bulk(name, ({"_op_type": "index", "_id": d.id, "_source": es_schema.document_body(d)} for d in documents))
        self.client.indices.refresh(index=name)
        old = self._aliased_indices()
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return name

    def _aliased_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _bulk(self, index: str, actions: Iterable[dict]) -> tuple[int, list]:
        return helpers.bulk(
            self.client,
            ({**a, "_index": index} for a in actions),
            refresh=self.refresh,
            raise_on_error=False,
            chunk_size=500,
        )

    # -- storage ---------------------------------------------------------------------
    def index(self, documents: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        written, _ = self._bulk(
            self.alias, ({"_op_type": "index", "_id": d.id, "_source": es_schema.document_body(d)} for d in documents)
        )
        return written

    def delete(self, ids: Iterable[str]) -> int:
        if not self.client.indices.exists_alias(name=self.alias):
            return 0
        removed, _ = self._bulk(self.alias, ({"_op_type": "delete", "_id": i} for i in ids))
        return removed

    def clear(self) -> None:
        if self.client.indices.exists_alias(name=self.alias):
            self.client.delete_by_query(index=self.alias, query={"match_all": {}}, refresh=True, conflicts="proceed")

    def document_ids(self) -> set[str]:
        if not self.client.indices.exists_alias(name=self.alias):
            return set()
        return {
            hit["_id"]
            for hit in helpers.scan(self.client, index=self.alias, query={"query": {"match_all": {}}}, _source=False)
        }

    # -- querying --------------------------------------------------------------------
    def _execute(self, query: SearchQuery, parsed: ParsedQuery | None, operator: str) -> SearchResults:
        results = SearchResults(b_start=query.b_start, b_size=query.b_size, operator=operator)
        if not self.client.indices.exists_alias(name=self.alias):
            return results
        response = build_search(self.alias, query, parsed, operator).using(self.client).execute()
        results.total = response.hits.total.value
        results.facets = self._facets(response.aggregations, query)
        results.hits = [self._hit(hit) for hit in response.hits]
        return results

    @staticmethod
    def _hit(hit) -> SearchHit:
        highlight = getattr(hit.meta, "highlight", None)
        fragments = list(getattr(highlight, "text", []) or []) if highlight else []
        date = getattr(hit, "date", None)
        if isinstance(date, str):
            date = datetime.date.fromisoformat(date[:10])
        elif isinstance(date, datetime.datetime):
            date = date.date()
        return SearchHit(
            id=hit.doc_id,
            score=float(hit.meta.score or 0.0),
            title=hit.title,
            url=getattr(hit, "url", ""),
            snippet=" ".join(fragments[0].split()) if fragments else "",
            date=date,
            publisher=getattr(hit, "publisher", None) or "",
            type=hit.type,
        )

    @staticmethod
    def _facets(aggregations, query: SearchQuery) -> dict[str, dict[str, int]]:
        facets: dict[str, dict[str, int]] = {name: {} for name in FACET_NAMES}
        depth = query.filters.catalog_depth + 1
        for name in FACET_NAMES:
            for bucket in getattr(aggregations, name).buckets:
                key = str(bucket.key)
                if name == "catalog" and len(key.split("/")) != depth:
                    continue
                facets[name][key] = bucket.doc_count
        facets["year"] = dict(sorted(facets["year"].items(), reverse=True))
        return facets

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        if not search_text.compact(prefix or "") or not self.client.indices.exists_alias(name=self.alias):
            return []
        response = build_suggest(self.alias, prefix, max(1, min(limit, 20))).using(self.client).execute()
        options = response.suggest.titles[0].options if response.suggest.titles else []
        return list(dict.fromkeys(option._source.title for option in options))[:limit]
