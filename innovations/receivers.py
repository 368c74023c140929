"""Keeps the innovations' copy of their cycle's year right if an admin corrects a cycle's year."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .cycles import Cycle


@receiver(post_save, sender=Cycle, dispatch_uid="innovations.cycle_year_copied")
def cycle_year_copied(sender, instance, created, **kwargs):
    if not created:
        instance.innovations.exclude(year=instance.year).update(year=instance.year)
