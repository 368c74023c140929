"""The innovators' names per innovation, kept by triggers (innovations/innovator_names.py).

PostgreSQL runs one statement-level trigger per statement on innovators (a bulk insert of 2,000
innovators refreshes each touched innovation once); SQLite, the embedded default, has row-level
triggers only. Both write the same JSON text: the names in (position, id) order, compact.
The last step fills the table for the innovations that exist.
"""

from django.db import migrations, models

# Two transactions writing one innovation's innovators queue on the innovation's row (the
# services hold that lock already; the Django admin does not), and the second one's names are
# then read in a new snapshot that sees the first one's: no stale list is left behind.
PG_REFRESH = """
CREATE FUNCTION innovations_refresh_innovator_names(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    SELECT 1 FROM innovations_innovation WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
    INSERT INTO innovations_innovatornames (innovation_id, names)
    SELECT i.id, COALESCE(
        (SELECT array_to_json(array_agg(v.name ORDER BY v.position, v.id))::text
         FROM innovations_innovator v WHERE v.innovation_id = i.id), '[]')
    FROM innovations_innovation i WHERE i.id = ANY(ids)
    ON CONFLICT (innovation_id) DO UPDATE SET names = EXCLUDED.names
$$
"""
PG_CHANGED = """
CREATE FUNCTION innovations_innovators_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM innovations_refresh_innovator_names(
            ARRAY(SELECT DISTINCT innovation_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM innovations_refresh_innovator_names(
            ARRAY(SELECT DISTINCT innovation_id FROM old_rows));
    ELSE
        PERFORM innovations_refresh_innovator_names(ARRAY(
            SELECT innovation_id FROM new_rows UNION SELECT innovation_id FROM old_rows));
    END IF;
    RETURN NULL;
END
$$
"""
PG_GONE = """
CREATE FUNCTION innovations_innovations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM innovations_innovatornames n USING old_rows o WHERE n.innovation_id = o.id;
    RETURN NULL;
END
$$
"""
PG_FORWARDS = [
    PG_REFRESH,
    PG_CHANGED,
    PG_GONE,
    "CREATE TRIGGER innovator_names_insert AFTER INSERT ON innovations_innovator "
    "REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION innovations_innovators_changed()",
    "CREATE TRIGGER innovator_names_update AFTER UPDATE ON innovations_innovator "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION innovations_innovators_changed()",
    "CREATE TRIGGER innovator_names_delete AFTER DELETE ON innovations_innovator "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION innovations_innovators_changed()",
    "CREATE TRIGGER innovator_names_innovation_delete AFTER DELETE ON innovations_innovation "
    "REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION innovations_innovations_deleted()",
    "SELECT innovations_refresh_innovator_names(ARRAY(SELECT id FROM innovations_innovation))",
]
PG_BACKWARDS = [
    "DROP TRIGGER IF EXISTS innovator_names_insert ON innovations_innovator",
    "DROP TRIGGER IF EXISTS innovator_names_update ON innovations_innovator",
    "DROP TRIGGER IF EXISTS innovator_names_delete ON innovations_innovator",
    "DROP TRIGGER IF EXISTS innovator_names_innovation_delete ON innovations_innovation",
    "DROP FUNCTION IF EXISTS innovations_innovators_changed()",
    "DROP FUNCTION IF EXISTS innovations_innovations_deleted()",
    "DROP FUNCTION IF EXISTS innovations_refresh_innovator_names(bigint[])",
]


def sqlite_refresh(innovation):
    """The upsert of one innovation's row, for a row-level SQLite trigger (NEW or OLD)."""
    return f"""
    INSERT INTO innovations_innovatornames (innovation_id, names)
    SELECT {innovation}.innovation_id, (
        SELECT json_group_array(name) FROM (
            SELECT name FROM innovations_innovator
            WHERE innovation_id = {innovation}.innovation_id ORDER BY position, id))
    WHERE EXISTS (SELECT 1 FROM innovations_innovation WHERE id = {innovation}.innovation_id)
    ON CONFLICT (innovation_id) DO UPDATE SET names = excluded.names;
    """


SQLITE_FORWARDS = [
    "CREATE TRIGGER innovator_names_insert AFTER INSERT ON innovations_innovator "
    f"BEGIN {sqlite_refresh('NEW')} END",
    "CREATE TRIGGER innovator_names_update AFTER UPDATE ON innovations_innovator "
    f"BEGIN {sqlite_refresh('OLD')} {sqlite_refresh('NEW')} END",
    "CREATE TRIGGER innovator_names_delete AFTER DELETE ON innovations_innovator "
    f"BEGIN {sqlite_refresh('OLD')} END",
    "CREATE TRIGGER innovator_names_innovation_delete AFTER DELETE ON innovations_innovation "
    "BEGIN DELETE FROM innovations_innovatornames WHERE innovation_id = OLD.id; END",
    "INSERT INTO innovations_innovatornames (innovation_id, names) "
    "SELECT i.id, (SELECT json_group_array(name) FROM (SELECT name FROM innovations_innovator "
    "WHERE innovation_id = i.id ORDER BY position, id)) FROM innovations_innovation i",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS innovator_names_insert",
    "DROP TRIGGER IF EXISTS innovator_names_update",
    "DROP TRIGGER IF EXISTS innovator_names_delete",
    "DROP TRIGGER IF EXISTS innovator_names_innovation_delete",
]
STATEMENTS = {
    "postgresql": (PG_FORWARDS, PG_BACKWARDS),
    "sqlite": (SQLITE_FORWARDS, SQLITE_BACKWARDS),
}


def install(apps, schema_editor):
    for statement in STATEMENTS[schema_editor.connection.vendor][0]:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    for statement in STATEMENTS[schema_editor.connection.vendor][1]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("innovations", "0013_similarity_signature_length")]

    operations = [
        migrations.CreateModel(
            name="InnovatorNames",
            fields=[
                (
                    "innovation",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="innovator_names",
                        serialize=False,
                        to="innovations.innovation",
                    ),
                ),
                ("names", models.TextField(default="[]")),
            ],
            options={"verbose_name": "innovator names", "default_permissions": ()},
        ),
        migrations.RunPython(install, uninstall),
    ]
