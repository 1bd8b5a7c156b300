"""SQLite: the FTS5 vocabulary of the main index (documents per term), read to size a query before running it.

A one-word query asks this table how many documents hold each of its forms instead of
counting its matches (a walk over most of the index for a broad word); see
SQLiteDialect.estimated_matches. fts5vocab itself walks a term's postings, so processes
cache the counts until the generation counter (bumped by every write) moves.
PostgreSQL counts instead.
"""

from django.db import migrations

from search.migration_operations import VendorRunSQL

SQLITE_VOCAB = [
    "CREATE VIRTUAL TABLE sitesearch_fts_vocab USING fts5vocab(sitesearch_fts, 'row')",
    # A value every write to the index replaces (random, so a rolled-back write never repeats a value
    # another state had), so processes know when their cached counts are stale.
    "CREATE TABLE sitesearch_fts_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)",
    "INSERT INTO sitesearch_fts_generation (id, n) VALUES (1, 0)",
    "CREATE TRIGGER sitesearch_fts_generation_after_delete AFTER DELETE ON sitesearch_indexeddocument "
    "BEGIN UPDATE sitesearch_fts_generation SET n = abs(random()) WHERE id = 1; END",
]
SQLITE_VOCAB_REVERSE = [
    "DROP TRIGGER IF EXISTS sitesearch_fts_generation_after_delete",
    "DROP TABLE IF EXISTS sitesearch_fts_generation",
    "DROP TABLE IF EXISTS sitesearch_fts_vocab",
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0006_sqlite_title_index")]

    operations = [VendorRunSQL("sqlite", SQLITE_VOCAB, SQLITE_VOCAB_REVERSE)]
