"""`recorded_user`: the user a record names as having done something (created, signed, updated).

Thirteen such fields across the apps were the same six lines: optional (a record may predate
accounts or come from an import), no reverse accessor on the user (nothing lists a user's
records through them), and a deletion policy. One definition keeps them alike.
"""

from django.conf import settings
from django.db import models


def recorded_user(verbose_name, *, on_delete=models.SET_NULL):
    """A nullable foreign key to the user, without a reverse relation; PROTECT where the record
    must keep naming who did it (signatures), SET_NULL elsewhere."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name="+",
    )
