"""One version of the innovations as written, for the caches of figures over all of them.

The compliance table's counts per unit (`agreements.compliance`) and the public catalogue's
count (`public_count`) are computed over every innovation and cached, each entry keyed by this
version, which every innovation save or delete replaces (`receivers`): replaced at once (reads
later in the same transaction, and tests, which never commit) and again on commit, so a figure
computed while the write was in flight is never served after it. One version for both: one
cache write per write, not one per cache.

Each cycle also has a version of its own, replaced with the global one by a write to one of its
innovations: the compliance counts are per cycle, and a year's table has no reason to be
counted again because the current year's drafts are being written (the load test's admins read
last year's table while this year's innovations are written). An innovation never changes its
cycle (it is set at creation; a continuation is a new innovation), so its cycle's version is
the only one a write can make stale.

The versions are random rather than counters: a cache that evicts one cannot bring back a number
whose entries are still alive. Writes that bypass the model signals (the demo seeder's
`bulk_create`) show within `TIMEOUT`, the entries' lifetime.
"""

import logging
import uuid

from django.core.cache import cache

VERSION_KEY = "innovations:written-version"
TIMEOUT = 120

logger = logging.getLogger(__name__)


def version_key(cycle_id=None):
    return VERSION_KEY if cycle_id is None else f"{VERSION_KEY}:cycle:{cycle_id}"


def innovations_changed(cycle_id=None):
    """Expire every entry keyed by the version, and by `cycle_id`'s: new random ones, so no
    old entry matches (one round trip for both)."""
    keys = [VERSION_KEY] if cycle_id is None else [VERSION_KEY, version_key(cycle_id)]
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)


def current_version(cycle_id=None):
    """The version of every innovation, or of the innovations of `cycle_id`."""
    key = version_key(cycle_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def expire(cycle_id=None):
    """`innovations_changed`, never raising: it runs inside the write's transaction, and a
    cache that fails must not undo the write (the figures then lag for up to `TIMEOUT`)."""
    try:
        innovations_changed(cycle_id)
    except Exception:
        logger.warning(
            "Could not expire the figures cached over the innovations; they may lag for up to "
            "%s s.",
            TIMEOUT,
            exc_info=True,
        )


def kept_count(parts, counting, cycle_id=None):
    """`counting()`, kept in the cache under the version of the innovations (of `cycle_id`'s)
    and `parts` (what else the count depends on): a list's count of every innovation a user
    sees grows with the region (20 ms at 100,000) while its page does not. Only for counts
    of innovations alone: a count that also reads assignments, units or cycles would outlive
    their writes. The version is read before counting (see `current_version`'s users)."""
    version = current_version(cycle_id)
    if version is None:  # the cache is down: count each time
        return counting()
    key = f"innovations:count:{version}:" + ":".join(str(part) for part in parts)
    value = cache.get(key)
    if value is None:
        value = counting()
        cache.set(key, value, TIMEOUT)
    return value
