"""SQL for the embedded index, one dialect per database: SQLite FTS5 or PostgreSQL tsvector.

Both render a ParsedQuery into their own match language from tokens that contain only
letters and digits, and every token is quoted besides, so no user input is ever syntax.
Values always travel as bound parameters.
"""

from __future__ import annotations

from search.query_parser import ParsedQuery

TITLE_WEIGHT = 4.0
TITLE_PHRASE_BOOST = 1.5
DOCUMENT_TABLE = "sitesearch_indexeddocument"
COVERING_INDEX = "sitesearch_match_columns"
MAX_TSVECTOR_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255
_TERM_COUNTS: dict = {}  # SQLite term document counts of this process, by index generation


class Dialect:
    """What differs between the databases; the query shape around it is shared."""

    vendor = ""
    matched_from = f"{DOCUMENT_TABLE} d"
    # What autocomplete joins: it reads the title, which no narrow index holds.
    title_matched_from = matched_from

    def contains(self, column: str) -> str:
        raise NotImplementedError

    def match(self, parsed: ParsedQuery, operator: str) -> tuple[str, list, str, list] | None:
        """(condition, params, score expression, score params) or None when there is nothing to match."""
        expression = self.expression(parsed, operator)
        if expression is None:
            return None
        return self.match_sql(expression)

    def expression(self, parsed: ParsedQuery, operator: str, *, title_only: bool = False) -> str | None:
        groups = [self._any([self._all(alt, title_only) for alt in g.alternatives]) for g in parsed.groups]
        required = [self._all(p.tokens, title_only) for p in parsed.phrases if p.tokens]
        if groups and operator == "or":
            groups = [self._any(groups)]
        parts = groups + required
        return self.AND.join(parts) if parts else None

    def _all(self, tokens, title_only: bool = False) -> str:
        quoted = [self.quote_title(t) if title_only else self.quote(t) for t in tokens]
        return quoted[0] if len(quoted) == 1 else "(" + self.AND.join(quoted) + ")"

    def quote_title(self, token: str) -> str:
        return self.quote(token)

    def title_match(self, parsed: ParsedQuery, operator: str) -> tuple[str, list] | None:
        """(condition, params) true for documents that match in their title alone."""
        raise NotImplementedError

    def match_count_sql(self, site: str, expression: str) -> tuple[str, list]:
        """A cheap count of full-text matches, before filters (may include other sites: an upper bound)."""
        raise NotImplementedError

    def sample(self, every: int) -> str:
        """A condition keeping one match in `every`, spread evenly over the index (by row id)."""
        raise NotImplementedError

    def estimated_matches(self, cursor, parsed: ParsedQuery, operator: str) -> int | None:
        """Matches estimated from term statistics without walking them; None when not available."""
        return None

    newest_order = ""

    def membership(self, expression: str) -> tuple[str, list]:
        """(condition, params): the document matches, for a pass that reads documents in date order."""
        raise NotImplementedError

    def _any(self, parts: list[str]) -> str:
        return parts[0] if len(parts) == 1 else "(" + self.OR.join(parts) + ")"


class SQLiteDialect(Dialect):
    """FTS5 MATCH with bm25() ranking; the FTS row id is the document row id."""

    vendor = "sqlite"
    AND, OR = " AND ", " OR "
    # CROSS JOIN fixes the loop order: run the full-text match once, then look rows up by id.
    # With a plain JOIN the planner may scan documents and re-run MATCH for each of them.
    # Searches look the matches up in the covering index of migration 0005, never in the
    # wide table rows (whose long texts would be read for every match).
    matched_from = (
        f"sitesearch_fts CROSS JOIN {DOCUMENT_TABLE} d INDEXED BY {COVERING_INDEX} ON d.id = sitesearch_fts.rowid"
    )
    # Autocomplete and title candidates read the titles-only index of migration 0006.
    title_matched_from = f"sitesearch_title_fts CROSS JOIN {DOCUMENT_TABLE} d ON d.id = sitesearch_title_fts.rowid"

    @staticmethod
    def quote(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    def contains(self, column: str) -> str:
        return f"instr({column}, %s) > 0"

    def match_sql(self, expression: str) -> tuple[str, list, str, list]:
        return "sitesearch_fts MATCH %s", [expression], f"(-bm25(sitesearch_fts, {TITLE_WEIGHT}, 1.0))", []

    def prefix_title_match(self, exact: list[str], prefix: str | None) -> tuple[str, list]:
        body = [self.quote(t) for t in exact] + ([self.quote(prefix) + "*"] if prefix else [])
        return "sitesearch_title_fts MATCH %s", [" AND ".join(body)]

    def title_match(self, parsed: ParsedQuery, operator: str) -> tuple[str, list] | None:
        expression = self.expression(parsed, operator)
        if expression is None:
            return None
        return (
            "sitesearch_fts.rowid IN (SELECT rowid FROM sitesearch_title_fts WHERE sitesearch_title_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s)",  # the most recently indexed when there are more
            [expression],
        )

    def match_count_sql(self, site: str, expression: str) -> tuple[str, list]:
        return "SELECT COUNT(*) FROM sitesearch_fts WHERE sitesearch_fts MATCH %s", [expression]

    def sample(self, every: int) -> str:
        return f"sitesearch_fts.rowid %% {int(every)} = 0"  # %% : a literal % in a parametrised statement

    def estimated_matches(self, cursor, parsed: ParsedQuery, operator: str) -> int | None:
        """One query word: its most frequent alternative's document count (fts5vocab, migration 0007).

        An alternative of several tokens counts as its rarest token (an upper bound for it).
        None (count instead) for several words, phrases, or a token the index does not hold
        verbatim, so a zero is never guessed. fts5vocab counts a term's documents by walking
        its posting list, so counts are kept per process until the index changes (a counter
        every write bumps, migration 0007).
        """
        if len(parsed.groups) != 1 or parsed.phrases:
            return None
        alternatives = parsed.groups[0].alternatives
        tokens = sorted({token for alternative in alternatives for token in alternative})
        counts = self._document_counts(cursor, tokens)
        for token in tokens:
            if token not in counts:
                if not (token.isalnum() and token == token.lower()):
                    return None  # FTS5 may have split it into several terms: count instead
                counts[token] = 0  # one FTS5 term the index does not hold: nothing matches it
        return max(min(counts[token] for token in alternative) for alternative in alternatives)

    def _document_counts(self, cursor, tokens: list[str]) -> dict[str, int]:
        cursor.execute("SELECT n FROM sitesearch_fts_generation WHERE id = 1")
        generation = cursor.fetchone()[0]
        if _TERM_COUNTS.get("generation") != generation or len(_TERM_COUNTS.get("counts", ())) > 50_000:
            _TERM_COUNTS.clear()
            _TERM_COUNTS["generation"] = generation
        known: dict = _TERM_COUNTS.setdefault("counts", {})
        missing = [token for token in tokens if token not in known]
        if missing:
            cursor.execute(
                f"SELECT term, doc FROM sitesearch_fts_vocab WHERE term IN ({', '.join(['%s'] * len(missing))})",
                missing,
            )
            found = dict(cursor.fetchall())
            known.update({token: found.get(token) for token in missing})
        return {token: known[token] for token in tokens if known[token] is not None}

    newest_order = "d.date DESC, d.id DESC"  # DESC puts NULL dates last; the site/date index serves it

    def membership(self, expression: str) -> tuple[str, list]:
        return "d.id IN (SELECT rowid FROM sitesearch_fts WHERE sitesearch_fts MATCH %s)", [expression]

    def write(self, cursor, rows: list[tuple[int, list[str], list[str]]]) -> None:
        cursor.executemany(
            "INSERT INTO sitesearch_fts(rowid, title, text) VALUES (%s, %s, %s)",
            [(pk, " ".join(title), " ".join(text)) for pk, title, text in rows],
        )
        cursor.executemany(
            "INSERT INTO sitesearch_title_fts(rowid, title) VALUES (%s, %s)",
            [(pk, " ".join(title)) for pk, title, _ in rows],
        )
        cursor.execute("UPDATE sitesearch_fts_generation SET n = abs(random()) WHERE id = 1")

    def delete(self, cursor, where: str, params: list) -> None:
        for table in ("sitesearch_fts", "sitesearch_title_fts"):
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT id FROM {DOCUMENT_TABLE} WHERE {where})", params
            )


class PostgresDialect(Dialect):
    """tsvector built from our own tokens (no parser involved), ts_rank_cd with A/B weights."""

    vendor = "postgresql"
    AND, OR = " & ", " | "

    @staticmethod
    def quote(token: str) -> str:
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def contains(self, column: str) -> str:
        return f"strpos({column}, %s) > 0"

    def match_sql(self, expression: str) -> tuple[str, list, str, list]:
        score = "ts_rank_cd('{0.1,0.2,0.4,1.0}'::float4[], d.search_vector, %s::tsquery, 1)"
        return "d.search_vector @@ %s::tsquery", [expression], score, [expression]

    def prefix_title_match(self, exact: list[str], prefix: str | None) -> tuple[str, list]:
        body = [self.quote(t) + ":A" for t in exact] + ([self.quote(prefix) + ":*A"] if prefix else [])
        return "d.search_vector @@ %s::tsquery", [" & ".join(body)]

    def quote_title(self, token: str) -> str:
        return self.quote(token) + ":A"

    def title_match(self, parsed: ParsedQuery, operator: str) -> tuple[str, list] | None:
        expression = self.expression(parsed, operator, title_only=True)
        if expression is None:
            return None
        return (
            f"d.id IN (SELECT t.id FROM {DOCUMENT_TABLE} t WHERE t.search_vector @@ %s::tsquery "
            f"ORDER BY t.id DESC LIMIT %s)",
            [expression],
        )

    def match_count_sql(self, site: str, expression: str) -> tuple[str, list]:
        return (
            f"SELECT COUNT(*) FROM {DOCUMENT_TABLE} d WHERE d.search_vector @@ %s::tsquery AND d.site = %s",
            [expression, site],
        )

    def sample(self, every: int) -> str:
        return f"d.id %% {int(every)} = 0"

    newest_order = "d.date DESC NULLS LAST, d.id DESC"

    def membership(self, expression: str) -> tuple[str, list]:
        return "d.search_vector @@ %s::tsquery", [expression]

    def write(self, cursor, rows: list[tuple[int, list[str], list[str]]]) -> None:
        cursor.executemany(
            f"UPDATE {DOCUMENT_TABLE} SET search_vector = %s::tsvector WHERE id = %s",
            [(self.tsvector(title, text), pk) for pk, title, text in rows],
        )

    def delete(self, cursor, where: str, params: list) -> None:
        """The vector lives in the document row, which the caller deletes."""

    def tsvector(self, title_tokens: list[str], text_tokens: list[str]) -> str:
        """A tsvector literal: title positions weighted A, text positions B."""
        positions: dict[str, list[str]] = {}
        position = 0
        for weight, tokens in (("A", title_tokens), ("B", text_tokens)):
            for token in tokens:
                position = min(position + 1, MAX_TSVECTOR_POSITION)
                entries = positions.setdefault(token, [])
                if len(entries) < MAX_POSITIONS_PER_LEXEME:
                    entries.append(f"{position}{weight}")
        return " ".join(f"{self.quote(token)}:{','.join(entries)}" for token, entries in positions.items())


FACET_COLUMNS = (
    ("type", "type"),
    ("publisher", "publisher"),
    ("year", "year"),
    ("village", "village"),
    ("catalog", "catalog_key"),
)


NO_SCORE = "CAST(NULL AS DOUBLE PRECISION)"  # typed, so PostgreSQL can unite the rows


def search_sql(from_sql: str, where: str, score_sql: str, *, by_relevance: bool, sampled_sql: str = "1 = 1") -> str:
    """One statement over the matched set (same on both databases), computed once and read three ways.

    Rows: ('total', '', n, NULL), then (facet, value, count, NULL) per facet value, then
    ('hit', id, 0, score) for the requested page in order. Totals and facets count only the
    rows where ``sampled_sql`` holds (all rows unless a broad query is sampled). Parameters:
    the score's, the pass's, then LIMIT and OFFSET.
    """
    columns = ", ".join(f"d.{column} AS {column}" for _, column in FACET_COLUMNS)
    groups = " ".join(
        f"UNION ALL SELECT '{name}', CAST({column} AS TEXT), COUNT(*), {NO_SCORE} "
        f"FROM m WHERE sampled = 1 GROUP BY {column}"
        for name, column in FACET_COLUMNS
    )
    if by_relevance:
        order = "score DESC, date DESC, id"
    else:
        order = "date DESC NULLS LAST, score DESC, id"
    return (
        f"WITH m AS MATERIALIZED (SELECT d.id AS id, d.date AS date, {score_sql} AS score, "
        f"CASE WHEN {sampled_sql} THEN 1 ELSE 0 END AS sampled, {columns} "
        f"FROM {from_sql} WHERE {where}) "
        f"SELECT 'total', '', COUNT(*), {NO_SCORE} FROM m WHERE sampled = 1 {groups} "
        f"UNION ALL SELECT * FROM (SELECT 'hit', CAST(id AS TEXT), 0, CAST(score AS DOUBLE PRECISION) FROM m "
        f"ORDER BY {order} "
        f"LIMIT %s OFFSET %s) page"
    )


def newest_sql(where: str, membership: str, order: str) -> str:
    """Page ids of a date-ordered pass without scoring, walking the site/date index (broad queries)."""
    return (
        f"SELECT d.id, 0.0 FROM {DOCUMENT_TABLE} d WHERE {where} AND {membership} ORDER BY {order} LIMIT %s OFFSET %s"
    )


def dialect_for(vendor: str) -> Dialect:
    if vendor == "sqlite":
        return SQLiteDialect()
    if vendor == "postgresql":
        return PostgresDialect()
    raise NotImplementedError(f"The embedded search index supports SQLite and PostgreSQL, not {vendor}")
