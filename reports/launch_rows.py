"""Each innovation's row of the launch report's JSON, kept by PostgreSQL triggers.

The report with `include=approved` lists 48,000 innovations at the national scale. Writing each
row's JSON at request time (`row_to_json` looks up every column's type for every row on
PostgreSQL 15) and sorting the joined rows by category, unit name and code cost about 400 ms of
the request's SQL (issue 20, docs/decisions.md). A row's JSON changes only when its innovation,
its unit or its innovators change, so the database writes it then: triggers (migration reports
0002) on innovations, units and the innovators' names table rewrite the rows a statement
touched, whoever wrote it (services, the Django admin, seeds, imports). The sort columns are
kept beside the JSON with an index in the report's order, so the report reads its rows in order
instead of sorting them.

PostgreSQL only: on SQLite, the embedded default, the table stays empty and the report is built
in Python (`launch_json.available`). Django never saves this model, so no stale instance can
overwrite what a trigger wrote; there is no foreign key, as with `InnovatorNames`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LaunchRow(models.Model):
    innovation = models.OneToOneField(
        "innovations.Innovation",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="launch_row",
    )
    # What the report filters and sorts on, copied from the innovation and its unit.
    cycle_id = models.BigIntegerField()
    status = models.CharField(max_length=20)
    source_category = models.CharField(max_length=20)
    unit_name = models.CharField(max_length=200, null=True)
    code = models.CharField(max_length=20)
    # What the report counts (its breakdowns and participating units).
    unit_id = models.BigIntegerField(null=True)
    origin = models.CharField(max_length=30)
    form = models.CharField(max_length=30)
    maturity = models.CharField(max_length=20)
    lab_stage = models.CharField(max_length=20)
    # The row of API.md's `innovations` list, compact, keys in `launch.ROW_KEYS` order.
    body = models.TextField()

    class Meta:
        verbose_name = _("launch report row")
        default_permissions = ()
        indexes = [
            models.Index(
                fields=["cycle_id", "status", "source_category", "unit_name", "code"],
                name="launch_row_order",
            )
        ]

    def __str__(self):
        return self.body
