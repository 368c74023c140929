"""Background jobs of accounts. Tasks take no objects, only what they need to find them."""

import logging

from celery import shared_task
from django.db import transaction

from .reference import load_units

logger = logging.getLogger(__name__)


@shared_task
def units_reload_reference():
    """Restore reference units missing from the database; return how many were created.

    Safe to run any number of times (and to be redelivered under acks_late): units are matched by
    code, and names or heads an admin has edited are left as they are.
    """
    with transaction.atomic():
        created = load_units()
    logger.info("Reference units reloaded: %d created.", created)
    return created
