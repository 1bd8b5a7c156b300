"""The embedded search backend: jieba tokens in the project's own database.

Used whenever ELASTICSEARCH_URL is empty. Documents go into `IndexedDocument`; their
pre-segmented tokens into SQLite FTS5 or a PostgreSQL tsvector, whichever database
Django uses (see search.backends.embedded_sql). Ranking is BM25 (FTS5) or ts_rank_cd
(PostgreSQL) with the title weighted above the text, times a boost when the title
contains the whole query. Snippets are cut in Python from the original text.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from django.conf import settings
from django.db import connection, transaction

from search import text as search_text
from search.backends.base import FACET_NAMES, SearchBackend, SearchHit, SearchQuery, SearchResults
from search.backends.embedded_sql import DOCUMENT_TABLE, TITLE_PHRASE_BOOST, dialect_for, newest_sql, search_sql
from search.backends.terms import TermCutter
from search.documents import SearchDocument
from search.models import IndexedDocument
from search.query_parser import ParsedQuery
from search.snippets import make_snippet

BATCH_SIZE = 500
MAX_SUGGESTIONS = 20
DEFAULT_EXACT_MATCHES = 1_000


def exact_match_limit() -> int:
    """Queries matching more documents than this are answered from a sample (0: always exact)."""
    return int(getattr(settings, "SEARCH_EXACT_MATCHES", DEFAULT_EXACT_MATCHES))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _as_date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


@dataclass
class _PassSql:
    """FROM, WHERE and score SQL of one search pass, with their parameters."""

    from_sql: str
    where: str
    params: list
    score_sql: str = "0.0"
    score_params: list = field(default_factory=list)
    ranked: bool = False


class EmbeddedBackend(SearchBackend):
    """Search in SQLite FTS5 or PostgreSQL full text; no external service needed."""

    @property
    def dialect(self):
        return dialect_for(connection.vendor)

    # -- storage ---------------------------------------------------------------------
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents, a batch at a time; a batch's terms are cut while the previous one is written."""
        written = 0
        pending = None
        with TermCutter() as cutter:
            for batch in _chunks(documents, BATCH_SIZE):
                unique = list({doc.id: doc for doc in batch}.values())
                waiting = (unique, cutter.submit(unique))
                if pending:
                    written += self._write(*pending)
                pending = waiting
            if pending:
                written += self._write(*pending)
        return written

    def _write(self, unique: list[SearchDocument], terms) -> int:
        cut = terms()
        with transaction.atomic():
            self._delete_where(
                "site = %s AND doc_id IN (" + ", ".join(["%s"] * len(unique)) + ")",
                [self.site, *(doc.id for doc in unique)],
            )
            rows = IndexedDocument.objects.bulk_create([self._row(doc) for doc in unique])
            with connection.cursor() as cursor:
                self.dialect.write(
                    cursor, [(row.pk, title, body) for row, (title, body) in zip(rows, cut, strict=True)]
                )
        return len(unique)

    def delete(self, ids: Iterable[str]) -> int:
        removed = 0
        for batch in _chunks(ids, BATCH_SIZE):
            with transaction.atomic():
                removed += self._delete_where(
                    "site = %s AND doc_id IN (" + ", ".join(["%s"] * len(batch)) + ")", [self.site, *batch]
                )
        return removed

    def clear(self) -> None:
        with transaction.atomic():
            self._delete_where("site = %s", [self.site])

    def document_ids(self) -> set[str]:
        return set(IndexedDocument.objects.filter(site=self.site).values_list("doc_id", flat=True))

    def _delete_where(self, where: str, params: list) -> int:
        with connection.cursor() as cursor:
            self.dialect.delete(cursor, where, params)
            cursor.execute(f"DELETE FROM {DOCUMENT_TABLE} WHERE {where}", params)
            return max(cursor.rowcount, 0)

    def _row(self, doc: SearchDocument) -> IndexedDocument:
        return IndexedDocument(
            site=self.site,
            doc_id=doc.id,
            type=doc.type,
            title=doc.title,
            text=doc.indexed_text(),
            fields=doc.fields,
            publisher=doc.publisher,
            catalog_path=list(doc.catalog_path),
            catalog_key=doc.catalog_key,
            village=doc.village,
            date=doc.date,
            year=doc.year,
            validity=doc.validity,
            url=doc.url,
            norm_title=search_text.compact(doc.title),
            norm_text=search_text.compact(doc.indexed_text() + "\n" + doc.field_text()),
        )

    # -- querying --------------------------------------------------------------------
    def _conditions(self, query: SearchQuery, parsed: ParsedQuery | None) -> tuple[list[str], list]:
        """WHERE conditions (without the text match) and their parameters."""
        f = query.filters
        conditions, params = ["d.site = %s"], [self.site]
        for column, values in (
            ("type", f.type),
            ("publisher", f.publisher),
            ("village", f.village),
            ("validity", f.validity),
        ):
            if values:
                conditions.append(f"d.{column} IN (" + ", ".join(["%s"] * len(values)) + ")")
                params.extend(values)
        if f.year_from is not None:
            conditions.append("d.year >= %s")
            params.append(f.year_from)
        if f.year_to is not None:
            conditions.append("d.year <= %s")
            params.append(f.year_to)
        if f.catalog:
            prefix = f.catalog + "/"
            conditions.append("(d.catalog_key = %s OR substr(d.catalog_key, 1, %s) = %s)")
            params.extend([f.catalog, len(prefix), prefix])
        for phrase in parsed.phrases if parsed else ():
            conditions.append(f"({self.dialect.contains('d.norm_title')} OR {self.dialect.contains('d.norm_text')})")
            params.extend([phrase.text, phrase.text])
        return conditions, params

    def _count(self, query: SearchQuery, parsed: ParsedQuery, operator: str) -> int:
        sql = self._pass(query, parsed, operator)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {sql.from_sql} WHERE {sql.where}", sql.params)
            return cursor.fetchone()[0]

    def _pass(self, query: SearchQuery, parsed: ParsedQuery | None, operator: str) -> _PassSql:
        dialect = self.dialect
        conditions, params = self._conditions(query, parsed)
        match = dialect.match(parsed, operator) if parsed else None
        if not match:
            return _PassSql(f"{DOCUMENT_TABLE} d", " AND ".join(conditions), params)
        match_condition, match_params, score_sql, score_params = match
        if parsed.plain_text:
            score_sql = (
                f"{score_sql} * (CASE WHEN {dialect.contains('d.norm_title')} THEN {TITLE_PHRASE_BOOST} ELSE 1.0 END)"
            )
            score_params = [*score_params, parsed.plain_text]
        return _PassSql(
            dialect.matched_from,
            " AND ".join([match_condition, *conditions]),
            match_params + params,
            score_sql,
            score_params,
            ranked=True,
        )

    def _execute(self, query: SearchQuery, parsed: ParsedQuery | None, operator: str) -> SearchResults:
        """One statement matches once and answers total, facets and the page's ids; a second reads the page.

        A broad query (more full-text matches than SEARCH_EXACT_MATCHES) is answered from an
        even sample of its matches — one in `every`, plus every title match for the ranking —
        with total and facets scaled up and the results marked approximate; a date order is
        then read exactly from the site/date index. See "Broad queries" in the README.
        """
        sql_pass = self._pass(query, parsed, operator)
        results = SearchResults(b_start=query.b_start, b_size=query.b_size, operator=operator)
        relevance = query.sort == "relevance" and sql_pass.ranked
        every = self._sample_every(parsed, operator) if sql_pass.ranked else 1
        if every == 0:  # nothing matches the text at all: no statement needed
            return results
        shown = parsed  # snippets mark every form of the words, whatever the pass matched on
        if every > 1:  # no BM25 below, so the index may walk fewer posting lists
            parsed = parsed.minimal()
            sql_pass = self._pass(query, parsed, operator)
        where, params, sampled_sql = sql_pass.where, sql_pass.params, "1 = 1"
        if every > 1:
            results.approximate = True
            sampled_sql = self.dialect.sample(every)
            title = self.dialect.title_match(parsed, operator) if relevance else None
            if title:
                where = f"{where} AND ({sampled_sql} OR {title[0]})"
                params = [*params, *title[1], exact_match_limit()]
                sql_pass = self._broad_ranking(sql_pass, parsed, title)
            else:
                where = f"{where} AND {sampled_sql}"
        with connection.cursor() as cursor:
            cursor.execute(
                search_sql(
                    sql_pass.from_sql, where, sql_pass.score_sql, by_relevance=relevance, sampled_sql=sampled_sql
                ),
                [*sql_pass.score_params, *params, query.b_size, query.b_start],
            )
            rows = cursor.fetchall()
        results.total, results.facets = self._facets([row for row in rows if row[0] != "hit"], query, every)
        page = [(int(value), score) for name, value, _, score in rows if name == "hit"]
        if every > 1 and not relevance:
            page = self._newest_page(query, parsed, operator)
        if page:
            results.hits = self._hits(page, shown)
        return results

    def _broad_ranking(self, sql_pass: _PassSql, parsed: ParsedQuery, title: tuple[str, list]) -> _PassSql:
        """A broad query's order: the whole query in the title, then its words in the title, then the rest.

        Within each tier the newest come first (the statement orders by score, then date).
        BM25 is not used here: its IDF costs a walk over every match of every word (most of
        the index for such words), and words found in most documents carry almost no IDF.
        """
        score_sql, score_params = f"(CASE WHEN {title[0]} THEN 1 ELSE 0 END)", [*title[1], exact_match_limit()]
        if parsed.plain_text:
            score_sql = f"(CASE WHEN {self.dialect.contains('d.norm_title')} THEN 2 ELSE 0 END + {score_sql})"
            score_params = [parsed.plain_text, *score_params]
        return replace(sql_pass, score_sql=score_sql, score_params=score_params)

    def _sample_every(self, parsed: ParsedQuery, operator: str) -> int:
        """The sampling step from the number of text matches: 0 none, 1 answer exactly, n one in n.

        The number comes from the index's term statistics where the dialect can read them (one
        query word, SQLite), else from a count of the matches.
        """
        expression = self.dialect.expression(parsed, operator)
        if expression is None:
            return 1
        with connection.cursor() as cursor:
            matched = self.dialect.estimated_matches(cursor, parsed, operator)
            if matched is None:
                sql, params = self.dialect.match_count_sql(self.site, expression)
                cursor.execute(sql, params)
                matched = cursor.fetchone()[0]
        limit = exact_match_limit()
        return min(matched, 1) if not limit or matched <= limit else math.ceil(matched / limit)

    def _newest_page(self, query: SearchQuery, parsed: ParsedQuery, operator: str) -> list[tuple[int, float]]:
        """The page of a date-ordered broad query, exact: documents newest first, kept if they match."""
        conditions, params = self._conditions(query, parsed)
        membership, match_params = self.dialect.membership(self.dialect.expression(parsed, operator))
        sql = newest_sql(" AND ".join(conditions), membership, self.dialect.newest_order)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *match_params, query.b_size, query.b_start])
            return [(pk, score) for pk, score in cursor.fetchall()]

    def _hits(self, page: list[tuple[int, float]], parsed: ParsedQuery | None) -> list[SearchHit]:
        """The page's documents in page order, with snippets cut from their stored text."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, d.doc_id, d.title, d.url, d.text, d.date, d.publisher, d.type FROM {DOCUMENT_TABLE} d "
                f"WHERE d.id IN ({', '.join(['%s'] * len(page))})",
                [pk for pk, _ in page],
            )
            stored = {row[0]: row[1:] for row in cursor.fetchall()}
        terms = parsed.highlight_terms() if parsed else []
        return [
            SearchHit(
                id=doc_id,
                score=float(score or 0.0),
                title=title,
                url=url,
                snippet=make_snippet(body, terms),
                date=_as_date(date),
                publisher=publisher,
                type=type_,
            )
            for pk, score in page
            if pk in stored
            for doc_id, title, url, body, date, publisher, type_ in [stored[pk]]
        ]

    def _facets(self, rows: list[tuple], query: SearchQuery, every: int = 1) -> tuple[int, dict[str, dict[str, int]]]:
        """Total and facet counts from the statement's (facet, value, count, _) rows, scaled up when sampled."""
        facets: dict[str, Counter] = {name: Counter() for name in FACET_NAMES}
        total = 0
        depth = query.filters.catalog_depth + 1
        for name, value, count, _ in rows:
            if name == "total":
                total = count * every
            elif value not in (None, ""):
                key = "/".join(value.split("/")[:depth]) if name == "catalog" else value
                facets[name][key] += count * every
        ordered = {name: dict(sorted(c.items(), key=lambda item: (-item[1], item[0]))) for name, c in facets.items()}
        ordered["year"] = dict(sorted(facets["year"].items(), reverse=True))
        return total, ordered

    def suggest(self, prefix: str, limit: int = 10) -> list[str]:
        """Titles containing what was typed, those starting with it first.

        Chinese is matched character by character (every title character is indexed on its
        own), so the result does not depend on how jieba happened to split the title
        (东山村 may be 东/山村); the last latin or digit word may be incomplete.
        """
        normalized = search_text.compact(prefix or "")[:50]
        words = search_text.segment(normalized)
        last = words.pop() if words and not search_text.is_cjk(words[-1]) else None
        exact: list[str] = []
        for word in words:
            if search_text.is_cjk(word):
                exact.extend(c for c in word if c not in search_text.STOPWORDS)
            else:
                exact.append(word)
        exact = list(dict.fromkeys(exact))
        if not exact and not last:
            return []
        dialect = self.dialect
        condition, params = dialect.prefix_title_match(exact, last)
        position = "instr(d.norm_title, %s)" if dialect.vendor == "sqlite" else "strpos(d.norm_title, %s)"
        sql = (
            f"SELECT d.title FROM {dialect.title_matched_from} WHERE {condition} AND d.site = %s "
            f"AND {position} > 0 ORDER BY CASE WHEN {position} = 1 THEN 0 ELSE 1 END, "
            f"length(d.title), d.date DESC, d.id LIMIT %s"
        )
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, self.site, normalized, normalized, limit * 2])
            titles = [row[0] for row in cursor.fetchall()]
        return list(dict.fromkeys(titles))[:limit]
