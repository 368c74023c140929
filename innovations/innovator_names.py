"""The innovators' names of each innovation as one JSON array, kept by the database.

The launch report lists every launched innovation of a year with its innovators (48,000 rows with
`include=approved` at the national scale). Reading the names with a subquery per row cost 190 ms
of the report's 349 ms of SQL (docs/decisions.md, issue 20); one row per innovation read through
a join costs a few. Triggers on `innovations_innovator` (migration innovations 0014) rewrite the
row after every statement that adds, changes or removes innovators, whoever writes them: the
services, the Django admin, bulk seeds and imports. Django never saves this model, so no stale
instance can overwrite what the trigger wrote. A trigger on `innovations_innovation` deletes the
row with its innovation; there is no foreign key constraint, because Django deletes an
innovation's innovators before the innovation and their delete trigger writes the row again after
any Python-side cascade could have removed it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InnovatorNames(models.Model):
    innovation = models.OneToOneField(
        "innovations.Innovation",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="innovator_names",
    )
    # A JSON array of the names in the form's order (position, id): '["Ani","Budi"]'.
    names = models.TextField(default="[]")

    class Meta:
        verbose_name = _("innovator names")
        default_permissions = ()

    def __str__(self):
        return self.names
