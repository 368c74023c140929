import os
import signal

import pytest
from django.test import override_settings

from .redis_server import redis_server  # noqa: F401  (the fixture, for every fault test)


def fail_soft_caches(url, **options):
    """CACHES with the production backend at `url`; quick timeouts and retries for the test."""
    return {
        "default": {
            "BACKEND": "intan_banjar.cache.FailSoftRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "intan",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                "RETRY_AFTER": 0,
                **options,
            },
        }
    }


@pytest.fixture
def redis_cache(redis_server):  # noqa: F811
    """django.core.cache.cache is the fail-soft backend on the private Redis."""
    with override_settings(CACHES=fail_soft_caches(redis_server.url)):
        yield redis_server


def pause(server):
    """Freeze the server (SIGSTOP): connections hang until the socket timeout, data is kept."""
    os.kill(server.process.pid, signal.SIGSTOP)


def resume(server):
    os.kill(server.process.pid, signal.SIGCONT)
