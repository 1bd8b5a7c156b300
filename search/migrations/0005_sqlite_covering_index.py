"""SQLite: a covering index for the columns a search reads for every matched document.

Facet counts, filters, the date order and the title boost read type, publisher, year,
village, catalog_key, validity, date and norm_title of each match. In the table row these
sit behind the long `text` column, so SQLite followed the text's overflow pages for every
match. This index holds them next to the id; the embedded backend joins the FTS5 matches
through it (INDEXED BY), so whole texts are read only for the page being shown.
PostgreSQL stores long texts out of line (TOAST) and needs no such index.
"""

from django.db import migrations

from search.migration_operations import VendorRunSQL

SQLITE_COVERING_INDEX = [
    "CREATE INDEX sitesearch_match_columns ON sitesearch_indexeddocument "
    "(id, site, type, publisher, year, village, catalog_key, validity, date, norm_title)",
]
SQLITE_COVERING_INDEX_REVERSE = ["DROP INDEX IF EXISTS sitesearch_match_columns"]


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0004_seed_synonyms")]

    operations = [VendorRunSQL("sqlite", SQLITE_COVERING_INDEX, SQLITE_COVERING_INDEX_REVERSE)]
