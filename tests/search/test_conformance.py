"""The behaviour every search backend must show, run against each backend available here.

The embedded backend runs on the current database (SQLite by default, PostgreSQL with
DATABASE_URL); Elasticsearch joins when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import datetime

import pytest

from search.backends.base import InvalidSearchQuery, SearchFilters, SearchQuery
from tests.search.conftest import doc


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def search(backend, q="", **kwargs):
    filters = kwargs.pop("filters", None)
    return backend.search(SearchQuery(q=q, filters=filters or SearchFilters(), **kwargs))


class TestRecallAcrossForms:
    def test_abbreviation_finds_document_that_only_has_the_full_term(self, loaded):
        results = search(loaded, "低保")
        assert "test.Item:1" in ids(results)  # says only 最低生活保障

    def test_full_term_finds_abbreviation(self, loaded):
        assert "test.Item:10" in ids(search(loaded, "最低生活保障"))  # says only 低保对象

    def test_traditional_query_finds_simplified_text(self, loaded):
        assert "test.Item:10" in ids(search(loaded, "醫保"))  # says 医保

    def test_simplified_query_finds_traditional_text(self, loaded):
        assert "test.Item:2" in ids(search(loaded, "医保"))  # says 醫保

    def test_full_width_latin_matches_half_width(self, loaded):
        assert ids(search(loaded, "ＡＢＣ")) == ["test.Item:6"]

    @pytest.mark.parametrize(
        ("query", "expected"), [("个体户", "test.Item:3"), ("新农合", "test.Item:2"), ("宅基地", "test.Item:4")]
    )
    def test_government_synonyms(self, loaded, query, expected):
        assert expected in ids(search(loaded, query))

    def test_part_of_a_long_dictionary_word(self, loaded):
        assert "test.Item:2" in ids(search(loaded, "医疗保险"))  # title has 城乡居民基本医疗保险


class TestOperators:
    def test_terms_are_anded(self, loaded):
        results = search(loaded, "低保 发放")
        assert results.operator == "and"
        assert "test.Item:1" in ids(results)
        assert "test.Item:9" not in ids(results)  # 发放 but no 低保

    def test_or_fallback_when_and_finds_nothing(self, loaded):
        results = search(loaded, "宅基地 高龄津贴")
        assert results.operator == "or"
        assert {"test.Item:4", "test.Item:5"} <= set(ids(results))

    def test_quoted_phrase_must_match_verbatim(self, loaded):
        assert ids(search(loaded, '"村务公开"')) == ["test.Item:5"]
        assert search(loaded, '"公开村务"').total == 0  # both words occur, never in that order

    def test_chinese_quotes_are_phrases_too(self, loaded):
        assert ids(search(loaded, "“临时救助”")) == ["test.Item:7"]

    def test_phrase_inside_structured_fields(self, loaded):
        assert ids(search(loaded, '"明政发〔2019〕12号"')) == ["test.Item:7"]


class TestFiltersAndOrder:
    def test_type(self, loaded):
        results = search(loaded, "", filters=SearchFilters(type="service_guide"))
        assert set(ids(results)) == {"test.Item:2", "test.Item:3", "test.Item:8"}

    def test_publisher_and_query(self, loaded):
        results = search(loaded, "补贴", filters=SearchFilters(publisher=["明光镇社会保障服务中心"]))
        assert ids(results) == ["test.Item:8"]

    def test_catalog_prefix_is_path_based(self, loaded):
        assert set(ids(search(loaded, "", filters=SearchFilters(catalog="社会救助")))) == {
            "test.Item:1",
            "test.Item:7",
            "test.Item:10",
        }
        assert ids(search(loaded, "", filters=SearchFilters(catalog=["社会救助", "临时救助"]))) == ["test.Item:7"]
        assert search(loaded, "", filters=SearchFilters(catalog="社会")).total == 0

    def test_village(self, loaded):
        assert ids(search(loaded, "", filters=SearchFilters(village="东山村"))) == ["test.Item:5"]

    def test_year_range(self, loaded):
        results = search(loaded, "", filters=SearchFilters(year_from=2023, year_to=2023))
        assert set(ids(results)) == {"test.Item:1", "test.Item:5"}

    def test_validity(self, loaded):
        assert ids(search(loaded, "宅基地", filters=SearchFilters(validity="已废止"))) == ["test.Item:4"]
        assert search(loaded, "宅基地", filters=SearchFilters(validity="现行有效")).total == 0

    def test_sort_by_date(self, loaded):
        results = search(loaded, "补贴", sort="date")
        dates = [hit.date for hit in results.hits]
        assert len(dates) >= 2 and dates == sorted(dates, reverse=True)

    def test_relevance_prefers_title_matches(self, loaded):
        assert ids(search(loaded, "医疗救助"))[0] == "test.Item:10"


class TestFacetsAndBatching:
    def test_facet_counts(self, loaded):
        facets = search(loaded, "").facets
        assert facets["type"] == {
            "disclosure_item": 4,
            "service_guide": 3,
            "village_notice": 1,
            "policy_document": 1,
            "interpretation": 1,
        }
        assert facets["year"]["2023"] == 2
        assert facets["village"] == {"东山村": 1, "西河村": 1}
        assert facets["catalog"]["社会救助"] == 3
        assert facets["publisher"]["明光镇人民政府"] == 5

    def test_facets_follow_the_query_and_drill_into_the_catalog(self, loaded):
        facets = search(loaded, "救助", filters=SearchFilters(catalog="社会救助")).facets
        assert facets["catalog"] == {"社会救助/临时救助": 1, "社会救助/医疗救助": 1, "社会救助/最低生活保障": 1}

    def test_batches_cover_every_hit_once(self, backend):
        backend.index(
            [
                doc(
                    100 + n,
                    f"第{n}号低保公示",
                    "最低生活保障对象名单",
                    date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                )
                for n in range(25)
            ]
        )
        seen = []
        for start in (0, 10, 20):
            results = search(backend, "低保", b_start=start, b_size=10)
            assert results.total == 25
            seen += ids(results)
        assert len(seen) == 25 and len(set(seen)) == 25
        assert results.batching() == {"first": 0, "prev": 10, "next": None, "last": 20}

    def test_oversized_page_is_refused_with_a_chinese_message(self, loaded):
        with pytest.raises(InvalidSearchQuery) as error:
            search(loaded, "低保", b_size=10000)
        assert "每页条数" in error.value.message


class TestSnippetsAndSuggestions:
    def test_snippet_highlights_and_escapes(self, loaded):
        snippet = search(loaded, "临时救助").hits[0].snippet
        assert "<em>临时救助</em>" in snippet
        assert "<b>" not in snippet and "<script>" not in snippet
        assert "&lt;b&gt;" in snippet or "&lt;script&gt;" in snippet

    def test_snippet_marks_the_original_traditional_characters(self, loaded):
        hit = next(h for h in search(loaded, "医保").hits if h.id == "test.Item:2")
        assert "<em>醫保</em>" in hit.snippet

    def test_hit_carries_display_fields(self, loaded):
        hit = search(loaded, "宅基地审批").hits[0]
        assert (hit.id, hit.title, hit.type, hit.publisher, hit.date) == (
            "test.Item:4",
            "农村宅基地审批流程",
            "disclosure_item",
            "明光镇人民政府",
            datetime.date(2020, 6, 1),
        )
        assert hit.url == "https://example.gov.cn/items/4/"

    def test_suggestion_when_nothing_found(self, loaded):
        results = search(loaded, "宅急地")
        assert results.total == 0
        assert results.suggestion == "宅基地"

    def test_suggestion_when_only_the_or_fallback_found_something(self, loaded):
        results = search(loaded, "最低生活保证")
        assert results.operator == "or"
        assert results.suggestion == "最低生活保障"

    def test_no_suggestion_when_the_words_were_found(self, loaded):
        assert search(loaded, "宅基地").suggestion is None

    def test_no_suggestion_that_finds_nothing_either(self, loaded):
        assert search(loaded, "量子计算机").suggestion is None

    def test_autocomplete(self, loaded):
        assert loaded.suggest("宅基") == ["农村宅基地审批流程"]
        assert "个体工商户营业执照办理指南" in loaded.suggest("个体")
        assert loaded.suggest("") == [] and loaded.suggest("＊（") == []

    def test_autocomplete_does_not_depend_on_word_boundaries(self, loaded):
        assert loaded.suggest("东山") == ["东山村2023年第三季度村务公开"]
        assert loaded.suggest("山村") == ["东山村2023年第三季度村务公开"]
        assert loaded.suggest("abc") == ["ABC农业示范园建设项目招标公告"]
        assert loaded.suggest("ab") == ["ABC农业示范园建设项目招标公告"]

    def test_autocomplete_lists_titles_starting_with_the_text_first(self, loaded):
        loaded.index([doc(50, "宅基地确权登记公告", "内容")])
        assert loaded.suggest("宅基地")[0] == "宅基地确权登记公告"


NASTY = [
    '"',
    '""',
    "*",
    ":",
    "(",
    ")",
    "()",
    "-",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "低保 AND",
    "OR 低保",
    "NEAR(低保 医保)",
    "低保*",
    "-低保",
    "title:低保",
    '低保"',
    '"低保',
    "^低保",
    "{低保}",
    "低保 -医保 +宅基地",
    "'; DROP TABLE sitesearch_indexeddocument; --",
    "1' OR '1'='1",
    "%",
    "_",
    "\\",
    "'",
    "`",
    "\x00低保",
    "😀",
    "低保😀",
    "🧧🧧🧧",
    "（低保）！",
    "【医保】？",
    "《宅基地》",
    "，。；：",
    "　",
    "   ",
    "村",
    "a",
    "1",
    "低" * 500,
    "低保 " * 100,
]


class TestNastyQueries:
    @pytest.mark.parametrize("query", NASTY)
    def test_no_error_and_a_sensible_answer(self, loaded, query):
        results = search(loaded, query)
        assert results.total >= 0
        assert all(hit.id.startswith("test.Item:") for hit in results.hits)
        assert results.operator in {"and", "or", "all", "none"}

    def test_sql_fragment_is_just_text(self, loaded):
        search(loaded, "'; DROP TABLE sitesearch_indexeddocument; --")
        assert search(loaded, "").total == 10

    def test_punctuation_around_words_is_ignored(self, loaded):
        assert "test.Item:1" in ids(search(loaded, "（低保）！"))
        assert "test.Item:4" in ids(search(loaded, "《宅基地》"))

    def test_query_syntax_words_do_not_act_as_operators(self, loaded):
        assert "test.Item:1" in ids(search(loaded, "NEAR(低保 医保)"))

    def test_emoji_only_says_why_nothing_was_searched(self, loaded):
        results = search(loaded, "😀")
        assert results.total == 0 and results.operator == "none"
        assert "没有可检索的文字" in results.notices[0]

    def test_long_query_is_cut_with_a_notice(self, loaded):
        results = search(loaded, "低保 " * 100)
        assert any("前100个字" in notice for notice in results.notices)
        assert "test.Item:1" in ids(results)

    def test_one_character_finds_titles_with_it(self, loaded):
        assert "test.Item:5" in ids(search(loaded, "村"))

    def test_empty_query_browses_newest_first(self, loaded):
        results = search(loaded, "")
        assert results.operator == "all" and results.total == 10
        assert results.hits[0].id == "test.Item:9"


class TestIndexMaintenance:
    def test_reindex_replaces_and_delete_removes(self, loaded):
        loaded.index([doc(4, "农村宅基地审批流程（2024年修订）", "新版宅基地审批流程")])
        results = search(loaded, "宅基地审批")
        assert [h.title for h in results.hits if h.id == "test.Item:4"] == ["农村宅基地审批流程（2024年修订）"]
        assert loaded.delete(["test.Item:4", "unknown:1"]) == 1
        assert "test.Item:4" not in ids(search(loaded, "宅基地"))
        assert "test.Item:4" not in loaded.document_ids()

    def test_clear(self, loaded):
        loaded.clear()
        assert loaded.document_ids() == set()
        assert search(loaded, "低保").total == 0
