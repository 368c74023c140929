"""The exports' order (year, code) as an index: a 100,000-row export is read in order, unsorted."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("innovations", "0015_launch_list_covering_index")]

    operations = [
        migrations.AddIndex(
            model_name="innovation",
            index=models.Index(fields=["year", "code"], name="innovation_year_code"),
        ),
    ]
