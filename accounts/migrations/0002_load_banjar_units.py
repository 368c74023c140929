from django.db import migrations


def load(apps, schema_editor):
    from accounts.reference import load_units

    load_units(apps.get_model("accounts", "Unit"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
