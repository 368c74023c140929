"""Similar innovations (issue 16): pg_trgm and a GiST trigram index on the lower-cased title.

GiST rather than GIN: it answers "the nearest titles" (`ORDER BY lower(title) <-> q LIMIT n`)
in index order, which GIN cannot; with GIN, titles sharing common words ("Puskesmas", a unit
name) made one lookup read most of the table (bench/RESULTS.md).

PostgreSQL only: on SQLite (the embedded default) `innovations.similarity` falls back to a plain
comparison and this migration does nothing.
"""

from django.db import migrations

from intan_banjar.migration_ops import postgresql_only

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS innovation_title_trgm "
    "ON innovations_innovation USING gist (lower(title) gist_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS innovation_title_trgm"]



class Migration(migrations.Migration):
    dependencies = [("innovations", "0008_publish_decisions_together")]

    operations = [postgresql_only(CREATE, DROP)]
