"""A Redis cache that fails soft: with Redis down the portal answers from the database.

The cache holds nothing that is not also in the database (compliance counts, throttle and rate
windows), so while Redis is unreachable the backend behaves as an empty cache that forgets every
write at once: reads miss, `add` succeeds, writes are dropped, `incr` finds no key. Requests then
cost their SQL, throttles and rate limits fail open, and no write is rolled back.

What this must not do is serve, once Redis is back, a value that a dropped write should have
replaced (the compliance version key, say, which an innovation saved during the outage could not
replace). So every key whose write was dropped is remembered and deleted before the first
command after the outage: a deleted key is always a correct cache state (a miss).

After a failure the backend does not try Redis again for `RETRY_AFTER` seconds (the breaker), so
an outage costs each request nothing but its SQL; the short socket timeouts in the settings bound
the one attempt that finds Redis gone. The state is per process, shared by its threads.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
# Past this many dropped keys the rest are not remembered; they expire with their timeouts.
MAX_MISSED_KEYS = 10_000


class _Outage:
    """Per process and server: whether Redis is down, and the keys written while it was."""

    def __init__(self):
        self.lock = threading.RLock()
        self.down_since = None
        self.retry_at = 0.0
        self.last_warning = None
        self.missed = set()
        self.missed_clear = False
        self.overflow = False


_outages = {}
_outages_lock = threading.Lock()


def _outage_for(servers):
    with _outages_lock:
        return _outages.setdefault(tuple(servers), _Outage())


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis-py client per connection pool.

    Django builds a new `redis.Redis` around the same pool for every command; building one
    copies its ~170 response callbacks and costs about 0.14 ms of CPU, twice what sending a SET
    takes, on every write that moves the shared cache version (`innovations/written.py`, twice
    per save). A redis-py client over a pool holds no connection of its own (each command takes
    one from the pool and gives it back, and the pool reconnects after a fork), so one client
    per pool sends exactly what a new client each time would.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache; a Redis connection or timeout error degrades to a cache miss.

    OPTIONS of its own (the rest go to redis-py): RETRY_AFTER, seconds without trying Redis
    after a failure (default 5); WARN_EVERY, seconds between two "Redis is down" lines while it
    stays down (default 60).
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        options = dict(self._options)
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.warn_every = float(options.pop("WARN_EVERY", 60))
        self._options = options
        self._outage = _outage_for(self._servers)

    # The breaker ---------------------------------------------------------------------------

    def _available(self):
        """False while the breaker is open; once Redis answers again, forget the dropped keys."""
        outage = self._outage
        if outage.down_since is None:
            return True
        if time.monotonic() < outage.retry_at:
            return False
        with outage.lock:
            if outage.down_since is None:
                return True
            try:
                self._invalidate_missed(outage)
            except OUTAGE_ERRORS as exc:
                self._failed(exc)
                return False
            seconds = time.monotonic() - outage.down_since
            outage.down_since = None
            outage.last_warning = None
        logger.info("Redis is back after %.0f s; the cache is in use again.", seconds)
        return True

    def _probe(self):
        """PING; a second time if the first met a connection the restarted server had closed."""
        client = self._cache.get_client(write=True)
        try:
            client.ping()
        except OUTAGE_ERRORS:
            client.ping()

    def _invalidate_missed(self, outage):
        self._probe()
        if outage.missed_clear:
            self._cache.clear()
        elif outage.missed:
            self._cache.delete_many(list(outage.missed))
        if outage.overflow:
            logger.warning(
                "Redis was down for more than %s distinct cache writes; the ones not "
                "remembered may show old values until they expire.",
                MAX_MISSED_KEYS,
            )
        outage.missed.clear()
        outage.missed_clear = outage.overflow = False

    def _failed(self, exc):
        outage = self._outage
        now = time.monotonic()
        warn = False
        with outage.lock:
            if outage.down_since is None:
                outage.down_since = now
            outage.retry_at = now + self.retry_after
            if outage.last_warning is None or now - outage.last_warning >= self.warn_every:
                outage.last_warning = now
                warn = True
        if warn:
            logger.warning(
                "Redis is down (%s: %s); the cache degrades to misses, throttles fail open, "
                "and Redis is tried again every %g s.",
                type(exc).__name__,
                exc,
                self.retry_after,
            )

    def _missed(self, keys):
        outage = self._outage
        with outage.lock:
            for key in keys:
                if len(outage.missed) >= MAX_MISSED_KEYS:
                    outage.overflow = True
                    break
                outage.missed.add(key)

    def _read(self, call, fallback):
        if not self._available():
            return fallback
        try:
            return call()
        except OUTAGE_ERRORS as exc:
            self._failed(exc)
            return fallback

    def _write(self, keys, call, fallback):
        """Run a write; if Redis cannot take it, remember its keys for deletion on return.

        A write that failed may still have reached Redis (a timeout on the reply), so its keys
        are remembered in every case.
        """
        if self._available():
            try:
                return call()
            except OUTAGE_ERRORS as exc:
                self._failed(exc)
        self._missed(keys)
        return fallback

    # The cache API, as an empty cache that drops writes while Redis is down -----------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        made = self.make_and_validate_key(key, version=version)
        return self._write(
            [made], lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), True
        )

    def get(self, key, default=None, version=None):
        return self._read(
            lambda: super(FailSoftRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        made = self.make_and_validate_key(key, version=version)
        self._write(
            [made], lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        made = self.make_and_validate_key(key, version=version)
        return self._write(
            [made], lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        made = self.make_and_validate_key(key, version=version)
        return self._write(
            [made], lambda: super(FailSoftRedisCache, self).delete(key, version), False
        )

    def get_many(self, keys, version=None):
        return self._read(lambda: super(FailSoftRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._read(lambda: super(FailSoftRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)
        missing = object()
        result = self._write(
            [made], lambda: super(FailSoftRedisCache, self).incr(key, delta, version), missing
        )
        if result is missing:  # an empty cache has no such key
            raise ValueError(f"Key '{key}' not found (Redis is down).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        made = [self.make_and_validate_key(key, version=version) for key in data]
        return self._write(
            made,
            lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def delete_many(self, keys, version=None):
        if not keys:
            return
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        self._write(made, lambda: super(FailSoftRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        if self._available():
            try:
                return self._cache.clear()
            except OUTAGE_ERRORS as exc:
                self._failed(exc)
        with self._outage.lock:
            self._outage.missed_clear = True
        return False
