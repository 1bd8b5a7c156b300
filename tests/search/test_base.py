"""Query validation, batching and the shared AND → OR → suggestion flow."""

from __future__ import annotations

import pytest

from search.backends.base import InvalidSearchQuery, SearchBackend, SearchFilters, SearchQuery, SearchResults


class RecordingBackend(SearchBackend):
    """A backend that finds nothing and records each pass, to test the shared flow."""

    def __init__(self, totals):
        super().__init__()
        self.totals = list(totals)
        self.passes = []

    def index(self, documents):
        return 0

    def delete(self, ids):
        return 0

    def clear(self):
        pass

    def document_ids(self):
        return set()

    def suggest(self, prefix, limit=10):
        return []

    def _execute(self, query, parsed, operator):
        self.passes.append((query.q, operator))
        return SearchResults(total=self.totals.pop(0) if self.totals else 0)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"b_size": 10000}, "b_size", "每页条数必须在1到50之间"),
        ({"b_size": 0}, "b_size", "每页条数必须在1到50之间"),
        ({"b_start": -1}, "b_start", "起始位置"),
        ({"sort": "title"}, "sort", "排序方式"),
        ({"filters": SearchFilters(year_from=2024, year_to=2020)}, "year_from", "起始年份不能晚于结束年份"),
        ({"filters": SearchFilters(year_from=99999)}, "year_from", "年份必须在"),
        ({"filters": SearchFilters(validity="有效")}, "validity", "有效性只能是"),
    ],
)
def test_invalid_parameters_get_chinese_messages(kwargs, field, message):
    with pytest.raises(InvalidSearchQuery) as error:
        SearchQuery(q="低保", **kwargs).validated()
    assert error.value.field == field and message in error.value.message


def test_long_query_is_cut_with_notice():
    query, notices = SearchQuery(q="低" * 500).validated()
    assert len(query.q) == 100 and notices == ["检索词过长，只使用了前100个字"]


def test_filters_accept_strings_lists_and_paths():
    filters = SearchFilters(type="a", publisher=["b", " ", "c"], catalog=["社会救助", "低保"])
    assert filters.type == ("a",) and filters.publisher == ("b", "c")
    assert filters.catalog == "社会救助/低保" and filters.catalog_depth == 2


@pytest.mark.parametrize(
    ("total", "b_start", "expected"),
    [
        (0, 0, {"first": 0, "prev": None, "next": None, "last": 0}),
        (25, 0, {"first": 0, "prev": None, "next": 10, "last": 20}),
        (25, 10, {"first": 0, "prev": 0, "next": 20, "last": 20}),
        (20, 10, {"first": 0, "prev": 0, "next": None, "last": 10}),
        (25, 5, {"first": 0, "prev": 0, "next": 15, "last": 20}),
    ],
)
def test_batching(total, b_start, expected):
    assert SearchResults(total=total, b_start=b_start, b_size=10).batching() == expected


def test_and_then_or():
    backend = RecordingBackend([0, 2])
    results = backend.search(SearchQuery(q="宅基地 高龄津贴"))
    assert backend.passes[:2] == [("宅基地 高龄津贴", "and"), ("宅基地 高龄津贴", "or")]
    assert results.operator == "or" and results.total == 2


def test_suggestion_is_probed_and_kept_only_if_it_finds_something():
    backend = RecordingBackend([0, 4])
    results = backend.search(SearchQuery(q="宅急地"))
    assert backend.passes == [("宅急地", "and"), ("宅基地", "or")]
    assert results.total == 0 and results.suggestion == "宅基地"
    assert RecordingBackend([0, 0]).search(SearchQuery(q="宅急地")).suggestion is None


def test_single_word_does_not_retry_with_or():
    backend = RecordingBackend([5])
    results = backend.search(SearchQuery(q="低保"))
    assert backend.passes == [("低保", "and")] and results.total == 5 and results.suggestion is None


def test_blank_query_browses_and_unsearchable_query_does_not_hit_the_backend():
    backend = RecordingBackend([7])
    assert backend.search(SearchQuery(q="")).operator == "all"
    backend.passes.clear()
    assert backend.search(SearchQuery(q="😀")).operator == "none"
    assert backend.passes == []
