"""Full-text storage for the embedded index: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations

from search.migration_operations import VendorRunSQL

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE sitesearch_fts USING fts5("
    "title, text, prefix='1 2', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER sitesearch_fts_after_delete AFTER DELETE ON sitesearch_indexeddocument "
    "BEGIN DELETE FROM sitesearch_fts WHERE rowid = old.id; END",
]
SQLITE_FTS_REVERSE = [
    "DROP TRIGGER IF EXISTS sitesearch_fts_after_delete",
    "DROP TABLE IF EXISTS sitesearch_fts",
]
POSTGRES_TSVECTOR = [
    "ALTER TABLE sitesearch_indexeddocument ADD COLUMN search_vector tsvector",
    "CREATE INDEX sitesearch_search_vector_gin ON sitesearch_indexeddocument USING GIN (search_vector)",
]
POSTGRES_TSVECTOR_REVERSE = [
    "DROP INDEX IF EXISTS sitesearch_search_vector_gin",
    "ALTER TABLE sitesearch_indexeddocument DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_FTS, SQLITE_FTS_REVERSE),
        VendorRunSQL("postgresql", POSTGRES_TSVECTOR, POSTGRES_TSVECTOR_REVERSE),
    ]
