"""Keeps the innovations' copy of their cycle's year right if an admin corrects a cycle's year,
and the public catalogue's cached count (`public_count`) in step with every innovation write."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import public_count
from .cycles import Cycle
from .models import Innovation

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Cycle, dispatch_uid="innovations.cycle_year_copied")
def cycle_year_copied(sender, instance, created, **kwargs):
    if not created:
        instance.innovations.exclude(year=instance.year).update(year=instance.year)


def _expire_public_count():
    try:
        public_count.innovations_changed()
    except Exception:  # any cache error: the write matters more than the cached count
        logger.warning(
            "Could not expire the catalogue's cached count; it may lag for up to %s s.",
            public_count.TIMEOUT,
            exc_info=True,
        )


@receiver(post_save, sender=Innovation, dispatch_uid="innovations.public_count_on_save")
@receiver(post_delete, sender=Innovation, dispatch_uid="innovations.public_count_on_delete")
def innovation_written(sender, **kwargs):
    """Expired at once (reads later in the same transaction, and tests, which never commit)
    and again on commit, so a count taken while the write was in flight is not kept."""
    _expire_public_count()
    transaction.on_commit(_expire_public_count)
