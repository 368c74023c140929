"""Existing cycles get the default rubric (new ones get it from the post_save receiver)."""

from django.db import migrations

# Copied, not imported: a migration must keep meaning what it meant when it was written.
DEFAULT_RUBRIC = (
    ("kebaruan", "Kebaruan", 30),
    ("kemanfaatan", "Kemanfaatan", 25),
    ("kewenangan_kolaborasi", "Kewenangan daerah dan kolaborasi", 15),
    ("replikasi_aplikatif", "Replikasi dan aplikatif", 20),
    ("kualitas_penyajian", "Kualitas penyajian", 10),
)


def give_default_rubric(apps, schema_editor):
    Cycle = apps.get_model("innovations", "Cycle")
    Criterion = apps.get_model("curation", "Criterion")
    with_rubric = set(Criterion.objects.values_list("cycle_id", flat=True))
    Criterion.objects.bulk_create(
        Criterion(cycle_id=cycle_id, code=code, name=name, weight=weight, order=position)
        for cycle_id in Cycle.objects.exclude(pk__in=with_rubric).values_list("pk", flat=True)
        for position, (code, name, weight) in enumerate(DEFAULT_RUBRIC, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("curation", "0001_initial")]

    operations = [migrations.RunPython(give_default_rubric, migrations.RunPython.noop)]
