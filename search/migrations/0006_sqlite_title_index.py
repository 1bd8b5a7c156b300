"""SQLite: a second FTS5 index over titles alone, for title candidates and autocomplete.

A title search in the main index (`{title} : …`) still walks the whole posting list of
its words in both columns — for a word in most documents, the whole index. The title
index holds a few tokens per document, so finding every title that contains a broad
word costs little (broad queries rank every title match; see search/backends/embedded.py),
and autocomplete reads it too. Filled from the main index's title column.
PostgreSQL needs no such table: titles are the weight-A positions of the same tsvector.
"""

from django.db import migrations

from search.migration_operations import VendorRunSQL

SQLITE_TITLE_FTS = [
    "CREATE VIRTUAL TABLE sitesearch_title_fts USING fts5("
    "title, prefix='1 2', tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO sitesearch_title_fts(rowid, title) SELECT rowid, title FROM sitesearch_fts",
    "CREATE TRIGGER sitesearch_title_fts_after_delete AFTER DELETE ON sitesearch_indexeddocument "
    "BEGIN DELETE FROM sitesearch_title_fts WHERE rowid = old.id; END",
]
SQLITE_TITLE_FTS_REVERSE = [
    "DROP TRIGGER IF EXISTS sitesearch_title_fts_after_delete",
    "DROP TABLE IF EXISTS sitesearch_title_fts",
]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0005_sqlite_covering_index")]

    operations = [VendorRunSQL("sqlite", SQLITE_TITLE_FTS, SQLITE_TITLE_FTS_REVERSE)]
