"""The Elasticsearch backend without a server: index definitions, request bodies, alias swap.

Tests against a real cluster live in test_elasticsearch_integration.py and in the
conformance suite; they run when ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from search import text as search_text
from search.backends import es_schema
from search.backends.base import SearchFilters, SearchQuery
from search.backends.elasticsearch import ElasticsearchBackend, build_search, build_suggest
from search.query_parser import parse_query
from tests.search.conftest import CORPUS


class FakeIndices:
    def __init__(self, aliased=()):
        self.aliased = list(aliased)
        self.calls = []

    def exists_alias(self, name):
        return bool(self.aliased)

    def get_alias(self, name):
        return SimpleNamespace(body={index: {"aliases": {name: {}}} for index in self.aliased})

    def __getattr__(self, method):
        return lambda **kwargs: self.calls.append((method, kwargs))


class FakeClient:
    """Records what the backend asks of the cluster; answers plugin and search requests."""

    def __init__(self, plugins=None, aliased=(), response=None):
        self.plugins = plugins
        self.indices = FakeIndices(aliased)
        self.cat = SimpleNamespace(plugins=self._plugins)
        self.response = response
        self.searches = []

    def _plugins(self, format):
        if isinstance(self.plugins, Exception):
            raise self.plugins
        return self.plugins or []

    def search(self, index, body, **params):
        self.searches.append((index, body))
        return SimpleNamespace(body=self.response)


@pytest.fixture
def no_settings(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "sitesearch"
    settings.ELASTICSEARCH_REPLICAS = 0


class TestAnalyzerProbe:
    @pytest.mark.parametrize(
        ("plugins", "profile"),
        [
            ([{"name": "n1", "component": "analysis-ik"}, {"name": "n1", "component": "analysis-smartcn"}], "ik"),
            ([{"name": "n1", "component": "analysis-smartcn"}], "smartcn"),
            ([{"name": "n1", "component": "repository-s3"}], "cjk"),
            ([], "cjk"),
            (ConnectionError("down"), "cjk"),
        ],
    )
    def test_profile_from_plugins(self, plugins, profile):
        assert es_schema.probe_profile(FakeClient(plugins=plugins)) == profile


def analysis(profile):
    return es_schema.index_definition("i", profile, search_text.get_synonyms().lines(), 0).to_dict()["settings"][
        "analysis"
    ]


class TestIndexDefinition:
    @pytest.mark.parametrize(
        ("profile", "index_tokenizer", "search_tokenizer"),
        [
            ("ik", "ik_max_word", "ik_smart"),
            ("smartcn", "smartcn_tokenizer", "smartcn_tokenizer"),
            ("cjk", "standard", "standard"),
        ],
    )
    def test_tokenizers_per_profile(self, profile, index_tokenizer, search_tokenizer):
        analyzers = analysis(profile)["analyzer"]
        assert analyzers["sitesearch_index"]["tokenizer"] == index_tokenizer
        assert analyzers["sitesearch_search"]["tokenizer"] == search_tokenizer

    @pytest.mark.parametrize("profile", es_schema.PROFILES)
    def test_synonyms_apply_at_search_time_only(self, profile):
        settings = analysis(profile)
        assert settings["analyzer"]["sitesearch_search"]["filter"][-1] == "sitesearch_synonyms"
        assert "sitesearch_synonyms" not in settings["analyzer"]["sitesearch_index"]["filter"]
        synonyms = settings["filter"]["sitesearch_synonyms"]
        assert synonyms["type"] == "synonym_graph" and len(synonyms["synonyms"]) >= 100
        assert "个体户, 个体工商户" in synonyms["synonyms"]

    def test_bigrams_only_without_a_chinese_plugin(self):
        assert "cjk_bigram" in analysis("cjk")["analyzer"]["sitesearch_index"]["filter"]
        assert "cjk_bigram" not in analysis("ik")["analyzer"]["sitesearch_index"]["filter"]

    @pytest.mark.parametrize("profile", es_schema.PROFILES)
    def test_width_script_and_case_are_folded(self, profile):
        settings = analysis(profile)
        for name in ("sitesearch_index", "sitesearch_search", "sitesearch_suggest"):
            assert settings["analyzer"][name]["char_filter"] == ["sitesearch_t2s"]
            assert {"cjk_width", "lowercase"} <= set(settings["analyzer"][name]["filter"])
        assert "醫 => 医" in settings["char_filter"]["sitesearch_t2s"]["mappings"]

    def test_unknown_profile(self):
        with pytest.raises(ValueError):
            es_schema.analyzers("jieba", [])

    def test_mapping(self):
        definition = es_schema.index_definition("i", "ik", [], 0).to_dict()
        mapping = definition["mappings"]
        assert mapping["dynamic"] == "strict"
        props = mapping["properties"]
        assert (
            props["title"]["analyzer"] == "sitesearch_index"
            and props["title"]["search_analyzer"] == "sitesearch_search"
        )
        assert props["fields"] == {"type": "object", "enabled": False}
        assert props["suggest"]["type"] == "completion"
        assert {props[k]["type"] for k in ("type", "publisher", "village", "validity", "catalog_prefixes")} == {
            "keyword"
        }
        assert definition["settings"]["number_of_replicas"] == 0

    def test_names(self):
        assert es_schema.alias_name("sitesearch", "明光镇 Site/1") == "sitesearch-site-1"
        assert es_schema.alias_name("sitesearch", "明光") == "sitesearch-default"
        moment = datetime.datetime(2024, 1, 2, 3, 4, 5, 6)
        assert es_schema.new_index_name("sitesearch-default", moment) == "sitesearch-default-20240102030405000006"

    def test_document_body(self):
        body = es_schema.document_body(CORPUS[6])
        assert body["catalog_prefixes"] == ["社会救助", "社会救助/临时救助"]
        assert body["date"] == "2019-09-09" and body["year"] == 2019 and body["validity"] == "现行有效"
        assert "明政发〔2019〕12号" in body["field_text"]
        assert body["suggest"]["input"][0] == "关于印发《明光镇临时救助实施细则》的通知"
        assert "临时救助实施细则》的通知" in body["suggest"]["input"]


def body(q="", operator="and", **kwargs):
    query = SearchQuery(q=q, **kwargs)
    return build_search("sitesearch-default", query, parse_query(q) if q else None, operator).to_dict()


class TestQueryBodies:
    def test_words_are_anded_across_fields(self):
        must = body("低保 申请")["query"]["bool"]["must"]
        assert must == [
            {
                "multi_match": {
                    "query": "低保 申请",
                    "fields": ["title^4", "text", "field_text"],
                    "type": "cross_fields",
                    "operator": "and",
                }
            }
        ]

    def test_or_pass(self):
        assert body("低保 申请", operator="or")["query"]["bool"]["must"][0]["multi_match"]["operator"] == "or"

    def test_query_text_is_the_parsed_words_never_syntax(self):
        must = body('NEAR(低保) AND title:"医保" *')["query"]["bool"]["must"]
        assert must[0]["multi_match"]["query"] == "near 低保 title"
        assert must[1]["multi_match"] == {
            "query": "医保",
            "fields": ["title^4", "text", "field_text"],
            "type": "phrase",
        }

    def test_filters(self):
        filters = body(
            "低保",
            filters=SearchFilters(
                type=["a", "b"], village="东山村", validity="现行有效", catalog="社会救助", year_from=2020, year_to=2023
            ),
        )["query"]["bool"]["filter"]
        assert {"terms": {"type": ["a", "b"]}} in filters
        assert {"terms": {"village": ["东山村"]}} in filters
        assert {"range": {"year": {"gte": 2020, "lte": 2023}}} in filters
        assert {"term": {"catalog_prefixes": "社会救助"}} in filters

    def test_sorting(self):
        assert body("低保")["sort"][0] == "_score"
        assert body("低保", sort="date")["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
        assert body("")["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
        assert body("")["query"]["bool"]["must"] == [{"match_all": {}}]

    def test_highlight_escapes_html(self):
        highlight = body("低保")["highlight"]
        assert (
            highlight["encoder"] == "html" and highlight["pre_tags"] == ["<em>"] and highlight["post_tags"] == ["</em>"]
        )
        assert set(highlight["fields"]) == {"title", "text"}

    def test_facets_total_and_page(self):
        request = body("低保", b_start=20, b_size=10)
        assert set(request["aggs"]) == {"type", "publisher", "year", "catalog", "village"}
        assert request["aggs"]["catalog"]["terms"]["field"] == "catalog_prefixes"
        assert (request["from"], request["size"], request["track_total_hits"]) == (20, 10, True)

    def test_suggest_body(self):
        assert build_suggest("a", "醫保 ", 5).to_dict() == {
            "_source": ["title"],
            "suggest": {
                "titles": {"prefix": "医保", "completion": {"field": "suggest", "size": 5, "skip_duplicates": True}}
            },
        }


RESPONSE = {
    "took": 1,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 1, "relation": "eq"},
        "max_score": 3.5,
        "hits": [
            {
                "_index": "sitesearch-default-1",
                "_id": "test.Item:7",
                "_score": 3.5,
                "_source": {
                    "doc_id": "test.Item:7",
                    "title": "临时救助细则",
                    "url": "/7/",
                    "date": "2019-09-09",
                    "publisher": "明光镇人民政府",
                    "type": "policy_document",
                },
                "highlight": {"text": ["给予<em>临时救助</em>。\n&lt;b&gt;注意"]},
            }
        ],
    },
    "aggregations": {
        "type": {"buckets": [{"key": "policy_document", "doc_count": 1}]},
        "publisher": {"buckets": [{"key": "明光镇人民政府", "doc_count": 1}]},
        "year": {"buckets": [{"key": 2019, "doc_count": 1}]},
        "village": {"buckets": []},
        "catalog": {"buckets": [{"key": "社会救助", "doc_count": 1}, {"key": "社会救助/临时救助", "doc_count": 1}]},
    },
}


class TestBackendWithoutServer:
    def test_response_becomes_results(self, no_settings):
        client = FakeClient(aliased=["sitesearch-default-1"], response=RESPONSE)
        results = ElasticsearchBackend(client=client, profile="cjk").search(SearchQuery(q="临时救助"))
        hit = results.hits[0]
        assert (hit.id, hit.score, hit.date, hit.type) == (
            "test.Item:7",
            3.5,
            datetime.date(2019, 9, 9),
            "policy_document",
        )
        assert hit.snippet == "给予<em>临时救助</em>。 &lt;b&gt;注意"
        assert results.total == 1 and results.facets["catalog"] == {"社会救助": 1}
        assert results.facets["year"] == {"2019": 1}
        assert client.searches[0][0] == ["sitesearch-default"]

    def test_catalog_facet_drills_down(self, no_settings):
        client = FakeClient(aliased=["x"], response=RESPONSE)
        results = ElasticsearchBackend(client=client, profile="cjk").search(
            SearchQuery(q="临时救助", filters=SearchFilters(catalog="社会救助"))
        )
        assert results.facets["catalog"] == {"社会救助/临时救助": 1}

    def test_no_index_yet_means_no_results(self, no_settings):
        client = FakeClient()
        assert ElasticsearchBackend(client=client, profile="cjk").search(SearchQuery(q="低保")).total == 0
        assert client.searches == []

    def test_rebuild_creates_fills_then_swaps_atomically(self, no_settings, monkeypatch):
        bulked = []
        monkeypatch.setattr(
            "search.backends.elasticsearch.helpers.bulk",
            lambda client, actions, **kw: (bulked.extend(actions), (len(bulked), []))[1],
        )
        client = FakeClient(plugins=[{"component": "analysis-smartcn"}], aliased=["sitesearch-default-old"])
        backend = ElasticsearchBackend(client=client)
        name = backend.rebuild(CORPUS, now=datetime.datetime(2024, 1, 1))
        assert name == "sitesearch-default-20240101000000000000"
        calls = [method for method, _ in client.indices.calls]
        assert calls == ["create", "refresh", "update_aliases", "delete"]
        create = client.indices.calls[0][1]
        assert (
            create["index"] == name
            and create["settings"]["analysis"]["analyzer"]["sitesearch_index"]["tokenizer"] == "smartcn_tokenizer"
        )
        assert {a["_index"] for a in bulked} == {name} and len(bulked) == 10
        assert client.indices.calls[2][1]["actions"] == [
            {"remove": {"index": "sitesearch-default-old", "alias": "sitesearch-default"}},
            {"add": {"index": name, "alias": "sitesearch-default"}},
        ]
        assert client.indices.calls[3][1]["index"] == "sitesearch-default-old"

    def test_index_creates_the_aliased_index_on_first_write(self, no_settings, monkeypatch):
        monkeypatch.setattr(
            "search.backends.elasticsearch.helpers.bulk", lambda client, actions, **kw: (len(list(actions)), [])
        )
        client = FakeClient()
        assert ElasticsearchBackend(client=client, profile="ik").index(CORPUS[:2]) == 2
        assert [method for method, _ in client.indices.calls] == ["create", "put_alias"]


def test_backend_choice(settings, db):
    from search.backends import get_search_backend
    from search.backends.embedded import EmbeddedBackend

    settings.ELASTICSEARCH_URL = ""
    assert isinstance(get_search_backend("明光镇"), EmbeddedBackend)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    backend = get_search_backend("mingguang")
    assert isinstance(backend, ElasticsearchBackend) and backend.alias == "sitesearch-mingguang"
