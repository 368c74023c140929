"""One version of the innovations as written, for the caches of figures over all of them.

The compliance table's counts per unit (`agreements.compliance`) and the public catalogue's
count (`public_count`) are computed over every innovation and cached, each entry keyed by this
version, which every innovation save or delete replaces (`receivers`): replaced at once (reads
later in the same transaction, and tests, which never commit) and again on commit, so a figure
computed while the write was in flight is never served after it. One version for both: one
cache write per write, not one per cache.

The version is random rather than a counter: a cache that evicts it cannot bring back a number
whose entries are still alive. Writes that bypass the model signals (the demo seeder's
`bulk_create`) show within `TIMEOUT`, the entries' lifetime.
"""

import logging
import uuid

from django.core.cache import cache

VERSION_KEY = "innovations:written-version"
TIMEOUT = 120

logger = logging.getLogger(__name__)


def innovations_changed():
    """Expire every entry keyed by the version: a new random one, so no old entry matches."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def expire():
    """`innovations_changed`, never raising: it runs inside the write's transaction, and a
    cache that fails must not undo the write (the figures then lag for up to `TIMEOUT`)."""
    try:
        innovations_changed()
    except Exception:
        logger.warning(
            "Could not expire the figures cached over the innovations; they may lag for up to "
            "%s s.",
            TIMEOUT,
            exc_info=True,
        )
