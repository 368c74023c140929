"""The fail-soft Redis cache keeps one redis-py client per pool (intan_banjar/cache.py)."""

import pytest
import redis
from django.conf import settings

from intan_banjar.cache import FailSoftRedisCache


def cache_at(url, **options):
    return FailSoftRedisCache(
        url,
        {
            "KEY_PREFIX": "client-test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, **options},
        },
    )


@pytest.fixture
def live():
    cache = cache_at(settings.TEST_REDIS_URL)
    try:
        cache._cache.get_client(write=True).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at TEST_REDIS_URL")
    yield cache
    cache.delete_many(["a", "b", "n"])


def test_one_client_per_pool_for_every_command(live):
    client = live._cache.get_client(write=True)
    assert live._cache.get_client("a", write=True) is client
    assert live._cache.get_client(write=False) is client  # one server: one pool
    assert client.connection_pool is live._cache._get_connection_pool(True)


def test_the_kept_client_reads_and_writes_as_a_new_one_would(live):
    live.set("a", {"x": 1}, 30)
    live.set_many({"b": [1, 2]}, 30)
    live.add("n", 1)
    live.incr("n", 4)
    fresh = redis.Redis(connection_pool=live._cache._get_connection_pool(True))
    assert fresh.get(live.make_key("n")) == b"5"
    assert live.get("a") == {"x": 1}
    assert live.get_many(["a", "b", "missing"]) == {"a": {"x": 1}, "b": [1, 2]}
    live.delete("a")
    assert live.get("a", "gone") == "gone"


def test_a_down_server_is_still_a_miss_and_a_dropped_write():
    down = cache_at("redis://127.0.0.1:1/0", RETRY_AFTER=0)
    assert down.get("a", "default") == "default"
    down.set("a", 1)
    assert down.get("a") is None
    assert down._outage.down_since is not None
    assert down._cache.get_client(write=True) is down._cache.get_client(write=True)
