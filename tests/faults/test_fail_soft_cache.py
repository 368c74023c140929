"""The fail-soft Redis cache (intan_banjar/cache.py) against a real Redis that goes away.

With Redis down the cache is an empty cache that drops writes, says so once in the log, costs
milliseconds, and once Redis is back never serves a value that a dropped write should have
replaced.
"""

import logging
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from agreements.compliance import compliance_rows
from innovations.community import rate_limit_count, rate_limit_exceeded
from innovations.enums import Status
from tests.agreements.factories import InnovationFactory
from tests.factories import CycleFactory, UnitFactory

from .conftest import fail_soft_caches, pause, resume

DOWN = "Redis is down"


def down_lines(caplog):
    return [r for r in caplog.records if r.levelno == logging.WARNING and DOWN in r.message]


def test_a_down_redis_is_an_empty_cache_that_drops_writes(redis_cache, caplog):
    cache.set("kept", 1)
    redis_cache.stop()

    with caplog.at_level(logging.INFO, logger="intan_banjar.cache"):
        assert cache.get("kept") is None
        assert cache.get("kept", "default") == "default"
        assert cache.get_many(["kept", "other"]) == {}
        assert cache.has_key("kept") is False
        cache.set("kept", 2)
        assert cache.add("new", 1) is True  # absent from an empty cache: added (and dropped)
        with pytest.raises(ValueError):
            cache.incr("kept")
        assert cache.delete("kept") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        cache.delete_many(["a", "b"])
        assert cache.touch("kept") is False
        assert cache.get_or_set("computed", 5) == 5

    assert len(down_lines(caplog)) == 1, "one line for the outage, not one per call"

    redis_cache.start()
    with caplog.at_level(logging.INFO, logger="intan_banjar.cache"):
        cache.set("kept", 3)
        assert cache.get("kept") == 3
    assert any("Redis is back" in r.message for r in caplog.records)


def test_a_down_redis_costs_milliseconds_not_seconds(redis_server):
    caches = fail_soft_caches(redis_server.url, RETRY_AFTER=30)
    with override_settings(CACHES=caches):
        cache.get("warm")
        pause(redis_server)  # hangs every connection until the socket timeout
        try:
            started = time.monotonic()
            for i in range(200):
                cache.get(f"key{i}")
                cache.set(f"key{i}", i)
            elapsed = time.monotonic() - started
        finally:
            resume(redis_server)

    # One socket timeout (0.25 s) finds Redis gone; the breaker answers the rest at once.
    assert elapsed < 1.5


def test_a_key_written_during_the_outage_is_not_served_stale_afterwards(redis_cache):
    cache.set("version", "before")
    pause(redis_cache)
    try:
        assert cache.get("version") is None  # the timeout opens the breaker
        cache.set("version", "during")  # dropped: Redis never sees it
    finally:
        resume(redis_cache)

    # Without the invalidation Redis would still answer "before".
    assert cache.get("version") is None
    cache.set("version", "after")
    assert cache.get("version") == "after"


@pytest.mark.django_db
def test_compliance_counts_from_before_an_outage_are_not_served_after_it(redis_cache):
    cycle = CycleFactory(year=2025, min_innovations_per_unit=1)
    unit = UnitFactory()

    def approved():
        return next(row for row in compliance_rows(cycle) if row.unit == unit.code).approved

    assert approved() == 0  # cached under the current version
    pause(redis_cache)
    try:
        assert approved() == 0  # read from the database; the breaker is open
        # The receiver cannot replace the version: Redis is unreachable.
        InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
        assert approved() == 1
    finally:
        resume(redis_cache)

    assert approved() == 1


def test_the_community_rate_limit_fails_open(redis_cache):
    redis_cache.stop()

    for _ in range(10):
        assert not rate_limit_exceeded("203.0.113.9")
        rate_limit_count("203.0.113.9")


def test_sessions_and_sign_in_lockouts_need_no_redis(settings):
    """Both live in the database, so signing in works through an outage (the outage test signs
    in with Redis down); moving either to the cache would lose them with Redis."""
    from importlib import import_module

    from axes.handlers.database import AxesDatabaseHandler
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string

    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, SessionStore)

    assert issubclass(import_string(settings.AXES_HANDLER), AxesDatabaseHandler)
