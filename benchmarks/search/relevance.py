"""recall@10 and nDCG@10 of a search function over a labeled query set (binary relevance).

Used by tests/search/relevance (asserted thresholds) and benchmarks/search/run.py
(embedded backend next to Wagtail's stock database search).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

K = 10
SearchFn = Callable[[str], list[str]]  # query → ranked titles


@dataclass
class QueryScore:
    """The scores of one query."""

    query: str
    relevant: int
    found: int
    recall: float
    ndcg: float


@dataclass
class RelevanceReport:
    """Per-query scores and their means."""

    scores: list[QueryScore]

    @property
    def recall(self) -> float:
        return sum(s.recall for s in self.scores) / len(self.scores)

    @property
    def ndcg(self) -> float:
        return sum(s.ndcg for s in self.scores) / len(self.scores)

    @property
    def zero_result_queries(self) -> int:
        return sum(1 for s in self.scores if s.found == 0)

    def worst(self, n: int = 10) -> list[QueryScore]:
        return sorted(self.scores, key=lambda s: (s.recall, s.ndcg))[:n]


def relevant_titles(fragments: Iterable[str], titles: Iterable[str]) -> set[str]:
    fragments = tuple(fragments)
    return {title for title in titles if any(fragment in title for fragment in fragments)}


def score(ranked: list[str], relevant: set[str], k: int = K) -> tuple[float, float]:
    """(recall@k, nDCG@k); recall is over min(k, |relevant|) so a perfect top-k scores 1."""
    top = ranked[:k]
    hits = [1.0 if title in relevant else 0.0 for title in top]
    ideal = min(k, len(relevant))
    recall = len(set(top) & relevant) / ideal if ideal else 0.0
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(hits))
    idcg = sum(1.0 / math.log2(rank + 2) for rank in range(ideal))
    return recall, (dcg / idcg if idcg else 0.0)


def evaluate(search: SearchFn, queries: list[tuple[str, tuple[str, ...]]], titles: list[str]) -> RelevanceReport:
    scores = []
    for query, fragments in queries:
        relevant = relevant_titles(fragments, titles)
        if not relevant:
            raise ValueError(f"no document is labeled relevant for {query!r}: {fragments}")
        ranked = search(query)
        recall, ndcg = score(ranked, relevant)
        scores.append(QueryScore(query, len(relevant), len(ranked), recall, ndcg))
    return RelevanceReport(scores)


def embedded_search(backend) -> SearchFn:
    from search.backends.base import SearchQuery

    def run(query: str) -> list[str]:
        return [hit.title for hit in backend.search(SearchQuery(q=query, b_size=K)).hits]

    return run


def wagtail_search() -> SearchFn:
    """Wagtail's stock search (WAGTAILSEARCH_BACKENDS, the database backend) over live public pages."""
    from wagtail.models import Page

    def run(query: str) -> list[str]:
        return [page.title for page in Page.objects.live().public().search(query)[:K]]

    return run
