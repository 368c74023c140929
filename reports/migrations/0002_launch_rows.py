"""Each innovation's launch report row, kept by PostgreSQL triggers (reports/launch_rows.py).

One function writes the rows of the given innovations: the innovation, its unit and its
innovators' names (themselves kept by triggers, innovations 0014) as the report's JSON row, with
the columns the report filters and sorts on. Statement-level triggers call it with the ids a
statement touched: inserted innovations, updated ones whose reported columns changed, the
innovations of units renamed or recoded, and the innovations whose names row was written. The
function first locks the innovations' rows, as the names function does, so that of two
transactions writing the same innovation (or its unit) the second reads the first's committed
values in a new snapshot: no stale row is left behind. SQLite (the embedded default) gets the
table but no triggers: the report is built in Python there.
"""

from django.db import migrations, models

REFRESH = """
CREATE FUNCTION reports_refresh_launch_rows(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    SELECT 1 FROM innovations_innovation WHERE id = ANY(ids) ORDER BY id FOR UPDATE;
    INSERT INTO reports_launchrow
        (innovation_id, cycle_id, status, source_category, unit_name, code, unit_id, origin,
         form, maturity, lab_stage, body)
    SELECT i.id, i.cycle_id, i.status, i.source_category, u.name, i.code, i.unit_id, i.origin,
        i.form, i.maturity, i.lab_stage, row_to_json(x)::text
    FROM innovations_innovation i
    LEFT JOIN accounts_unit u ON u.id = i.unit_id
    LEFT JOIN innovations_innovatornames n ON n.innovation_id = i.id
    CROSS JOIN LATERAL (
        SELECT i.id, i.code, i.title, u.code AS unit, u.name AS unit_name, i.source_category,
            COALESCE(n.names, '[]')::json AS innovators, i.origin, i.form, i.maturity,
            i.lab_stage, i.status
    ) x
    WHERE i.id = ANY(ids)
    ON CONFLICT (innovation_id) DO UPDATE SET
        cycle_id = EXCLUDED.cycle_id, status = EXCLUDED.status,
        source_category = EXCLUDED.source_category, unit_name = EXCLUDED.unit_name,
        code = EXCLUDED.code, unit_id = EXCLUDED.unit_id, origin = EXCLUDED.origin,
        form = EXCLUDED.form, maturity = EXCLUDED.maturity, lab_stage = EXCLUDED.lab_stage,
        body = EXCLUDED.body
$$
"""
INNOVATIONS_WRITTEN = """
CREATE FUNCTION reports_innovations_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT id FROM new_rows);
    ELSE
        ids := ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.cycle_id, n.status, n.code, n.title, n.unit_id, n.source_category,
                   n.origin, n.form, n.maturity, n.lab_stage)
                IS DISTINCT FROM (o.cycle_id, o.status, o.code, o.title, o.unit_id,
                   o.source_category, o.origin, o.form, o.maturity, o.lab_stage));
    END IF;
    IF cardinality(ids) > 0 THEN
        PERFORM reports_refresh_launch_rows(ids);
    END IF;
    RETURN NULL;
END
$$
"""
INNOVATIONS_DELETED = """
CREATE FUNCTION reports_innovations_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM reports_launchrow r USING old_rows o WHERE r.innovation_id = o.id;
    RETURN NULL;
END
$$
"""
UNITS_RENAMED = """
CREATE FUNCTION reports_units_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    ids := ARRAY(
        SELECT i.id FROM innovations_innovation i
        JOIN new_rows n ON n.id = i.unit_id JOIN old_rows o ON o.id = n.id
        WHERE (n.code, n.name) IS DISTINCT FROM (o.code, o.name));
    IF cardinality(ids) > 0 THEN
        PERFORM reports_refresh_launch_rows(ids);
    END IF;
    RETURN NULL;
END
$$
"""
NAMES_WRITTEN = """
CREATE FUNCTION reports_innovator_names_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM reports_refresh_launch_rows(ARRAY(SELECT innovation_id FROM new_rows));
    RETURN NULL;
END
$$
"""
TRIGGERS = [
    (
        "launch_rows_insert",
        "INSERT",
        "innovations_innovation",
        "NEW TABLE AS new_rows",
        "reports_innovations_written",
    ),
    (
        "launch_rows_update",
        "UPDATE",
        "innovations_innovation",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "reports_innovations_written",
    ),
    (
        "launch_rows_delete",
        "DELETE",
        "innovations_innovation",
        "OLD TABLE AS old_rows",
        "reports_innovations_deleted",
    ),
    (
        "launch_rows_unit_update",
        "UPDATE",
        "accounts_unit",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "reports_units_renamed",
    ),
    (
        "launch_rows_names_insert",
        "INSERT",
        "innovations_innovatornames",
        "NEW TABLE AS new_rows",
        "reports_innovator_names_written",
    ),
    (
        "launch_rows_names_update",
        "UPDATE",
        "innovations_innovatornames",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "reports_innovator_names_written",
    ),
]
FUNCTIONS = {
    "reports_refresh_launch_rows(bigint[])": REFRESH,
    "reports_innovations_written()": INNOVATIONS_WRITTEN,
    "reports_innovations_deleted()": INNOVATIONS_DELETED,
    "reports_units_renamed()": UNITS_RENAMED,
    "reports_innovator_names_written()": NAMES_WRITTEN,
}
FORWARDS = [
    *FUNCTIONS.values(),
    *(
        f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {tables} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        for name, event, table, tables, function in TRIGGERS
    ),
    "SELECT reports_refresh_launch_rows(ARRAY(SELECT id FROM innovations_innovation))",
]
BACKWARDS = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, _e, table, _t, _f in TRIGGERS),
    *(f"DROP FUNCTION IF EXISTS {signature}" for signature in reversed(FUNCTIONS)),
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("innovations", "0015_launch_list_covering_index"),
        ("accounts", "0006_user_phone_validated"),
    ]

    operations = [
        migrations.CreateModel(
            name="LaunchRow",
            fields=[
                (
                    "innovation",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="launch_row",
                        serialize=False,
                        to="innovations.innovation",
                    ),
                ),
                ("cycle_id", models.BigIntegerField()),
                ("status", models.CharField(max_length=20)),
                ("source_category", models.CharField(max_length=20)),
                ("unit_name", models.CharField(max_length=200, null=True)),
                ("code", models.CharField(max_length=20)),
                ("unit_id", models.BigIntegerField(null=True)),
                ("origin", models.CharField(max_length=30)),
                ("form", models.CharField(max_length=30)),
                ("maturity", models.CharField(max_length=20)),
                ("lab_stage", models.CharField(max_length=20)),
                ("body", models.TextField()),
            ],
            options={"verbose_name": "launch report row", "default_permissions": ()},
        ),
        migrations.AddIndex(
            model_name="launchrow",
            index=models.Index(
                fields=["cycle_id", "status", "source_category", "unit_name", "code"],
                name="launch_row_order",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
