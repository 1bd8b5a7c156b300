"""Embedded backend specifics: storage per database, query counts, SQL rendering."""

from __future__ import annotations

import pytest
from django.db import connection

from search.backends.base import SearchQuery
from search.backends.embedded import EmbeddedBackend
from search.backends.embedded_sql import PostgresDialect, SQLiteDialect
from search.models import IndexedDocument
from search.query_parser import parse_query
from tests.search.conftest import CORPUS, doc


@pytest.fixture
def embedded(db):
    backend = EmbeddedBackend(site="embedded")
    backend.index(CORPUS)
    return backend


def fulltext_rows() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sitesearch_fts")
        else:
            cursor.execute("SELECT COUNT(*) FROM sitesearch_indexeddocument WHERE search_vector IS NOT NULL")
        return cursor.fetchone()[0]


class TestStorage:
    def test_one_row_and_one_fulltext_entry_per_document(self, embedded):
        assert IndexedDocument.objects.filter(site="embedded").count() == 10
        assert fulltext_rows() == 10

    def test_reindexing_does_not_duplicate(self, embedded):
        embedded.index(CORPUS[:3] + [CORPUS[0]])
        assert IndexedDocument.objects.count() == 10 and fulltext_rows() == 10

    def test_delete_removes_the_fulltext_entry(self, embedded):
        embedded.delete(["test.Item:1", "test.Item:2"])
        assert fulltext_rows() == 8

    def test_deleting_rows_directly_keeps_fts_in_step(self, embedded):
        IndexedDocument.objects.filter(doc_id="test.Item:3").delete()  # the SQLite trigger
        assert fulltext_rows() == 9

    def test_sites_are_separate(self, embedded):
        other = EmbeddedBackend(site="other")
        other.index([doc(1, "其他乡镇的低保公示")])
        assert [h.title for h in other.search(SearchQuery(q="低保")).hits] == ["其他乡镇的低保公示"]
        assert "其他乡镇的低保公示" not in [h.title for h in embedded.search(SearchQuery(q="低保")).hits]
        other.clear()
        assert embedded.document_ids() == {d.id for d in CORPUS}

    def test_normalised_columns(self, embedded):
        row = IndexedDocument.objects.get(doc_id="test.Item:2")
        assert "医保卡" in row.norm_text and row.year == 2022 and row.catalog_key == "社会保障/医疗保险"

    def test_batches_larger_than_one_transaction(self, db, monkeypatch):
        monkeypatch.setattr("search.backends.embedded.BATCH_SIZE", 3)
        backend = EmbeddedBackend(site="batches")
        assert backend.index(doc(n, f"第{n}号公告", "内容") for n in range(8)) == 8
        assert backend.search(SearchQuery(q="公告")).total == 8


class TestQueryCount:
    def test_a_page_of_hits_takes_three_queries(self, embedded, django_assert_num_queries):
        embedded.search(SearchQuery(q="救助", b_size=50))  # SQLite keeps term counts per process
        # size (SQLite: index generation, term counts cached; PostgreSQL: a count), totals + facets + page ids, rows
        with django_assert_num_queries(3):
            embedded.search(SearchQuery(q="救助", b_size=50))

    def test_no_hits_is_one_count(self, embedded, django_assert_num_queries):
        embedded.search(SearchQuery(q="量子"))  # SQLite keeps term counts per process
        with django_assert_num_queries(1):
            assert embedded.search(SearchQuery(q="量子")).total == 0

    def test_or_fallback_costs_one_more_pass_and_a_suggestion_probe(self, embedded, django_assert_num_queries):
        # AND count (0), OR count, OR statement, OR page, one COUNT per "did you mean" candidate
        with django_assert_num_queries(5):
            results = embedded.search(SearchQuery(q="宅基地 高龄津贴"))
        assert results.operator == "or" and results.suggestion == "高龄津贴"

    def test_autocomplete_is_one_query(self, embedded, django_assert_num_queries):
        with django_assert_num_queries(1):
            embedded.suggest("宅基")


class TestRanking:
    def test_title_match_outranks_text_match(self, db):
        backend = EmbeddedBackend(site="ranking")
        backend.index(
            [
                doc(1, "村务公开栏维护通知", "请各村按时更新公示内容，临时救助名单另行公布。"),
                doc(2, "临时救助审批结果公示", "本月审批通过三户。"),
                doc(3, "其他通知", "无关内容。" * 20),
            ]
        )
        hits = backend.search(SearchQuery(q="临时救助")).hits
        assert [h.id for h in hits] == ["test.Item:2", "test.Item:1"]
        assert hits[0].score > hits[1].score > 0


class TestSqlRendering:
    def test_sqlite_expression_quotes_every_token(self):
        expression = SQLiteDialect().expression(parse_query('宅基地 "村务公开" near'), "and")
        assert expression.startswith('("宅基地" OR ')
        assert expression.endswith(' AND "near" AND "村务公开"')

    def test_sqlite_or_mode(self):
        assert SQLiteDialect().expression(parse_query("审批 公示"), "or") == '("审批" OR "公示")'

    def test_sqlite_quote_doubles_quotes(self):
        assert SQLiteDialect.quote('a"b') == '"a""b"'

    def test_postgres_expression(self):
        assert PostgresDialect().expression(parse_query("审批 公示"), "and") == "'审批' & '公示'"
        assert PostgresDialect().expression(parse_query("宅基地审批"), "and") == "('宅基地审批' | ('宅基地' & '审批'))"

    def test_postgres_quote_escapes(self):
        assert PostgresDialect.quote("a'b\\c") == "'a''b\\\\c'"

    def test_tsvector_literal_weights_and_positions(self):
        literal = PostgresDialect().tsvector(["低保", "公示"], ["低保", "名单"])
        assert literal == "'低保':1A,3B '公示':2A '名单':4B"

    def test_tsvector_caps_positions(self):
        literal = PostgresDialect().tsvector([], ["词"] * 20_000)
        assert literal.count(",") == 254

    def test_title_index_follows_writes_and_deletes(self, embedded):
        if connection.vendor != "sqlite":
            pytest.skip("the titles-only FTS5 index exists on SQLite only")
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM sitesearch_title_fts")
            assert cursor.fetchone()[0] == 10
            embedded.delete(["test.Item:1"])
            IndexedDocument.objects.filter(doc_id="test.Item:2").delete()  # the trigger
            cursor.execute("SELECT COUNT(*) FROM sitesearch_title_fts")
            assert cursor.fetchone()[0] == 8

    def test_prefix_match(self):
        condition, params = SQLiteDialect().prefix_title_match(["东", "山"], "ab")
        assert condition == "sitesearch_title_fts MATCH %s" and params == ['"东" AND "山" AND "ab"*']
        assert PostgresDialect().prefix_title_match(["东", "山"], "ab")[1] == ["'东':A & '山':A & 'ab':*A"]
        assert PostgresDialect().prefix_title_match(["东"], None)[1] == ["'东':A"]


@pytest.mark.postgres
class TestPostgres:
    def test_vector_column_and_gin_index_exist(self, db):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'sitesearch_search_vector_gin'")
            assert "gin (search_vector)" in cursor.fetchone()[0].lower()

    def test_title_tokens_carry_weight_a(self, embedded):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_vector::text FROM sitesearch_indexeddocument WHERE doc_id = %s", ["test.Item:4"]
            )
            vector = cursor.fetchone()[0]
        assert "'宅基地':" in vector and "A" in vector.split("'宅基地':")[1].split(" ")[0]
