"""The (cycle, status) index carries the launch list's columns (an index-only scan).

On SQLite, which has no INCLUDE, Django creates the plain (cycle, status) index as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("innovations", "0014_innovator_names")]

    operations = [
        migrations.RemoveIndex(model_name="innovation", name="innovation_cycle_status"),
        migrations.AddIndex(
            model_name="innovation",
            index=models.Index(
                fields=["cycle", "status"],
                include=(
                    "id",
                    "unit",
                    "source_category",
                    "code",
                    "title",
                    "origin",
                    "form",
                    "maturity",
                    "lab_stage",
                ),
                name="innovation_cycle_status",
            ),
        ),
    ]
