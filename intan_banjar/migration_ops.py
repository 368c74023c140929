"""Migration steps that only PostgreSQL needs (extensions, index kinds SQLite does not have).

The embedded default runs on SQLite, where these indexes have a plain fallback in code.
"""

from django.db import migrations


def postgresql_only(forwards, backwards):
    """A RunPython that executes raw statements on PostgreSQL and does nothing elsewhere."""
    return migrations.RunPython(_execute(forwards), _execute(backwards))


def _execute(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply
