"""Compliance counts follow every innovation write (see `compliance.innovations_changed`).

Expired at once, for reads later in the same transaction (and tests, whose transactions never
commit), and again on commit, so a request that counted while the write was in flight cannot
leave its counts behind as current.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from innovations.models import Innovation

from .compliance import innovations_changed


@receiver(post_save, sender=Innovation, dispatch_uid="agreements.counts_on_save")
@receiver(post_delete, sender=Innovation, dispatch_uid="agreements.counts_on_delete")
def innovation_written(sender, **kwargs):
    innovations_changed()
    transaction.on_commit(innovations_changed)
