"""Elasticsearch index definition: analyzers per cluster capability, mapping, document bodies.

The analyzer profile is chosen by probing the cluster's plugins:

* ``ik``      — analysis-ik: ``ik_max_word`` to index, ``ik_smart`` to search;
* ``smartcn`` — analysis-smartcn: ``smartcn_tokenizer`` for both;
* ``cjk``     — no plugin: the standard tokenizer with the built-in ``cjk_bigram`` filter.

Every profile folds traditional to simplified characters (a ``mapping`` char filter built
from the same OpenCC table as search.text), full-width to half-width (``cjk_width``) and
case, and applies the synonym list as a ``synonym_graph`` filter at search time only, so
a synonym edit never needs a reindex of the tokens (it takes effect on the next
rebuild, or after the index's analysis settings are updated).
"""

from __future__ import annotations

import datetime
import logging
import re
from typing import Any

from elasticsearch.dsl import (
    Completion,
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Object,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search import text as search_text
from search.documents import SearchDocument, catalog_key

logger = logging.getLogger(__name__)

PROFILES = ("ik", "smartcn", "cjk")
TOKENIZERS = {
    "ik": ("ik_max_word", "ik_smart"),
    "smartcn": ("smartcn_tokenizer", "smartcn_tokenizer"),
    "cjk": ("standard", "standard"),
}
TITLE_BOOST = 4
SEARCH_FIELDS = [f"title^{TITLE_BOOST}", "text", "field_text"]
MAX_SUGGEST_INPUTS = 8


def probe_profile(client) -> str:
    """The best analyzer profile the cluster supports, from its installed plugins."""
    try:
        plugins = client.cat.plugins(format="json")
        components = {str(p.get("component", "")).lower() for p in plugins}
    except Exception:  # an unreachable or locked-down cluster still gets a working index
        logger.warning("Could not list Elasticsearch plugins; using the built-in cjk analyzer", exc_info=True)
        return "cjk"
    if any(c.endswith("analysis-ik") or c == "ik" for c in components):
        return "ik"
    if any("smartcn" in c for c in components):
        return "smartcn"
    return "cjk"


def _t2s_char_filter():
    mappings = [f"{source} => {target}" for source, target in sorted(search_text._traditional_to_simplified().items())]
    return char_filter("sitesearch_t2s", "mapping", mappings=mappings)


def analyzers(profile: str, synonym_lines: list[str]) -> dict[str, Any]:
    """The index, search and suggest analyzers of a profile (elasticsearch.dsl objects)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown analyzer profile {profile!r}")
    index_tokenizer, search_tokenizer = TOKENIZERS[profile]
    t2s = _t2s_char_filter()
    base = ["cjk_width", "lowercase"] + (["cjk_bigram"] if profile == "cjk" else [])
    synonyms = token_filter("sitesearch_synonyms", "synonym_graph", synonyms=synonym_lines, lenient=True)
    return {
        "index": analyzer("sitesearch_index", tokenizer=index_tokenizer, char_filter=[t2s], filter=base),
        "search": analyzer(
            "sitesearch_search", tokenizer=search_tokenizer, char_filter=[t2s], filter=[*base, synonyms]
        ),
        "suggest": analyzer(
            "sitesearch_suggest", tokenizer="keyword", char_filter=[t2s], filter=["cjk_width", "lowercase"]
        ),
    }


def mapping(profile: str, synonym_lines: list[str]) -> Mapping:
    an = analyzers(profile, synonym_lines)
    text = {"analyzer": an["index"], "search_analyzer": an["search"]}
    m = Mapping()
    m.meta("dynamic", "strict")
    m.field("doc_id", Keyword())
    m.field("type", Keyword())
    m.field("title", Text(**text, fields={"raw": Keyword(ignore_above=512)}))
    m.field("text", Text(**text, term_vector="with_positions_offsets"))
    m.field("field_text", Text(**text))
    m.field("fields", Object(enabled=False))
    m.field("publisher", Keyword())
    m.field("catalog_path", Keyword())
    m.field("catalog_prefixes", Keyword())
    m.field("village", Keyword())
    m.field("date", Date())
    m.field("year", Integer())
    m.field("validity", Keyword())
    m.field("url", Keyword(index=False))
    m.field("suggest", Completion(analyzer=an["suggest"], search_analyzer=an["suggest"], preserve_separators=False))
    return m


def index_definition(name: str, profile: str, synonym_lines: list[str], replicas: int = 1) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas, max_result_window=20_000)
    index.mapping(mapping(profile, synonym_lines))
    return index


def alias_name(prefix: str, site: str) -> str:
    """Index names must be lower case without special characters."""
    return f"{prefix}-{re.sub(r'[^a-z0-9_-]+', '-', site.lower()).strip('-') or 'default'}"


def new_index_name(alias: str, now: datetime.datetime | None = None) -> str:
    now = now or datetime.datetime.now(datetime.UTC)
    return f"{alias}-{now:%Y%m%d%H%M%S%f}"


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def suggest_inputs(title: str) -> list[str]:
    """The title and its tails starting at each word, so 低保 completes 关于低保资金的公示."""
    normalized = search_text.compact(title)
    inputs, position = [normalized], 0
    for word in search_text.segment(normalized):
        position = normalized.find(word, position)
        if position > 0 and len(word) > 1:
            inputs.append(normalized[position:])
        position += len(word)
    return list(dict.fromkeys(inputs))[:MAX_SUGGEST_INPUTS]


def document_body(doc: SearchDocument) -> dict[str, Any]:
    path = list(doc.catalog_path)
    return {
        "doc_id": doc.id,
        "type": doc.type,
        "title": doc.title,
        "text": doc.indexed_text(),
        "field_text": doc.field_text(),
        "fields": {k: _jsonable(v) for k, v in doc.fields.items()},
        "publisher": doc.publisher or None,
        "catalog_path": path,
        "catalog_prefixes": [catalog_key(path[: depth + 1]) for depth in range(len(path))],
        "village": doc.village or None,
        "date": doc.date.isoformat() if doc.date else None,
        "year": doc.year,
        "validity": doc.validity or None,
        "url": doc.url,
        "suggest": {"input": suggest_inputs(doc.title)},
    }
