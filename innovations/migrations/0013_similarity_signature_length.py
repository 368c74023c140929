"""The trigram index's signature grows from pg_trgm's default 12 bytes to 64.

Titles of 30-60 characters carry 30-60 trigrams; a 96-bit signature is nearly all ones for
them, so the nearest-title scan could not prune and read ~1,650 index pages per lookup at
100,000 innovations. With 64 bytes the median lookup reads ~390 pages (5× less SQL time).
"""

from django.db import migrations

from intan_banjar.migration_ops import postgresql_only

RECREATE = [
    "DROP INDEX IF EXISTS innovation_title_trgm",
    "CREATE INDEX innovation_title_trgm "
    "ON innovations_innovation USING gist (lower(title) gist_trgm_ops(siglen=64))",
]
RESTORE = [
    "DROP INDEX IF EXISTS innovation_title_trgm",
    "CREATE INDEX innovation_title_trgm "
    "ON innovations_innovation USING gist (lower(title) gist_trgm_ops)",
]



class Migration(migrations.Migration):
    dependencies = [("innovations", "0012_history_action_return_to_operator")]

    operations = [postgresql_only(RECREATE, RESTORE)]
