"""Compliance counts follow every innovation write (see `compliance.innovations_changed`).

Expired at once, for reads later in the same transaction (and tests, whose transactions never
commit), and again on commit, so a request that counted while the write was in flight cannot
leave its counts behind as current.

The receivers run inside the write's transaction: a cache that fails must never undo the write,
so its errors are logged here, not raised. (The production backend already fails soft; this
holds for any backend.)
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from innovations.models import Innovation

from .compliance import COUNTS_TIMEOUT, innovations_changed

logger = logging.getLogger(__name__)


def _expire_counts():
    try:
        innovations_changed()
    except Exception:  # any cache error: the write matters more than the cached counts
        logger.warning(
            "Could not expire the cached compliance counts; they may lag for up to %s s.",
            COUNTS_TIMEOUT,
            exc_info=True,
        )


@receiver(post_save, sender=Innovation, dispatch_uid="agreements.counts_on_save")
@receiver(post_delete, sender=Innovation, dispatch_uid="agreements.counts_on_delete")
def innovation_written(sender, **kwargs):
    _expire_counts()
    transaction.on_commit(_expire_counts)
