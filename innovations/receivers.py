"""Keeps the innovations' copy of their cycle's year right if an admin corrects a cycle's year,
and the figures cached over the innovations (`written`) in step with every innovation write."""

import functools

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import written
from .cycles import Cycle
from .models import Innovation


def _expire_now_and_on_commit(cycle_id):
    """The figures cached over the innovations (`written`), all and the cycle's, expire at once
    and on commit."""
    written.expire(cycle_id)
    transaction.on_commit(functools.partial(written.expire, cycle_id))


@receiver(post_save, sender=Cycle, dispatch_uid="innovations.cycle_year_copied")
def cycle_year_copied(sender, instance, created, **kwargs):
    """The copy goes through `update()`, which sends no signal: the version moves here."""
    if not created and instance.innovations.exclude(year=instance.year).update(year=instance.year):
        _expire_now_and_on_commit(instance.pk)


@receiver(post_save, sender=Innovation, dispatch_uid="innovations.written_on_save")
@receiver(post_delete, sender=Innovation, dispatch_uid="innovations.written_on_delete")
def innovation_written(sender, instance, **kwargs):
    _expire_now_and_on_commit(instance.cycle_id)
