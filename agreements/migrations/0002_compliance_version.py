"""The compliance version row and the triggers that replace its token (agreements.compliance_kept).

Statement-level triggers on the units (their code, name, kind and active flag: what the
compliance table shows of them), on the agreements (any write) and on the cycles (their year:
the page's list of years) put a new random token in the row, inserting it if a flush removed
it. The write and the new token commit together, so a process that reads the token before the
rows it keeps never keeps rows older than the token. A random token rather than a counter: a
token names one state of these tables, even after a rollback or a restored dump. SQLite (the
embedded default) gets the table but no row and no triggers: nothing is kept there.
"""

from django.db import migrations, models

FUNCTION = """
CREATE FUNCTION agreements_compliance_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agreements_complianceversion (id, token)
    VALUES (1, replace(gen_random_uuid()::text, '-', ''))
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$
"""
FORWARDS = [
    FUNCTION,
    "CREATE TRIGGER compliance_units_changed "
    "AFTER INSERT OR UPDATE OF code, name, kind, active OR DELETE OR TRUNCATE ON accounts_unit "
    "FOR EACH STATEMENT EXECUTE FUNCTION agreements_compliance_changed()",
    "CREATE TRIGGER compliance_agreements_changed "
    "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agreements_agreement "
    "FOR EACH STATEMENT EXECUTE FUNCTION agreements_compliance_changed()",
    "CREATE TRIGGER compliance_cycles_changed "
    "AFTER INSERT OR UPDATE OF year OR DELETE OR TRUNCATE ON innovations_cycle "
    "FOR EACH STATEMENT EXECUTE FUNCTION agreements_compliance_changed()",
    "INSERT INTO agreements_complianceversion (id, token) "
    "VALUES (1, replace(gen_random_uuid()::text, '-', ''))",
]
BACKWARDS = [
    "DROP TRIGGER IF EXISTS compliance_units_changed ON accounts_unit",
    "DROP TRIGGER IF EXISTS compliance_agreements_changed ON agreements_agreement",
    "DROP TRIGGER IF EXISTS compliance_cycles_changed ON innovations_cycle",
    "DROP FUNCTION IF EXISTS agreements_compliance_changed()",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_user_phone_validated"),
        ("agreements", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ComplianceVersion",
            fields=[
                ("id", models.SmallIntegerField(primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=40)),
            ],
            options={
                "verbose_name": "compliance version",
                "verbose_name_plural": "compliance versions",
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
