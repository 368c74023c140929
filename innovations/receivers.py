"""Keeps the innovations' copy of their cycle's year right if an admin corrects a cycle's year,
and the figures cached over the innovations (`written`) in step with every innovation write."""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import written
from .cycles import Cycle
from .models import Innovation


@receiver(post_save, sender=Cycle, dispatch_uid="innovations.cycle_year_copied")
def cycle_year_copied(sender, instance, created, **kwargs):
    if not created:
        instance.innovations.exclude(year=instance.year).update(year=instance.year)


@receiver(post_save, sender=Innovation, dispatch_uid="innovations.written_on_save")
@receiver(post_delete, sender=Innovation, dispatch_uid="innovations.written_on_delete")
def innovation_written(sender, instance, **kwargs):
    """The figures cached over the innovations (`written`), all and the cycle's, expire at once
    and on commit."""
    cycle_id = instance.cycle_id
    written.expire(cycle_id)
    transaction.on_commit(functools.partial(written.expire, cycle_id))
