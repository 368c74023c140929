"""Existing cycles get the default IID catalogue (new ones get it from the post_save receiver).

Reads `iga/data/iid_indicators.csv`, the same file new cycles are loaded from; only missing
numbers are added, so running it on a database with edited catalogues changes nothing.
"""

from django.db import migrations


def give_default_catalogue(apps, schema_editor):
    from iga.catalogue import load_default_catalogue

    Cycle = apps.get_model("innovations", "Cycle")
    Indicator = apps.get_model("iga", "Indicator")
    for cycle_id in Cycle.objects.values_list("pk", flat=True):
        load_default_catalogue(cycle_id, Indicator)


class Migration(migrations.Migration):
    dependencies = [("iga", "0001_initial")]

    operations = [migrations.RunPython(give_default_catalogue, migrations.RunPython.noop)]
