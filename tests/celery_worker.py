"""A real `celery worker` process for integration tests: started on a queue of its own, pointed
at this test's database, and always stopped."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30


def database_url():
    """The URL of the database this test runs on (pytest-xdist gives each worker its own)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


def wait_for(condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def redis_test_url():
    """The test Redis, or a failed test saying how to start it."""
    url = settings.TEST_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis does not answer at {url} ({exc}); run `make services`.")
    return url


def start_worker(*, broker_url, queue, log_path, settings_module, extra_env=None):
    """Start a worker consuming `queue`; returns (process, read_log) once it is ready."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "TEST_DATABASE_URL": database_url(),
        "REDIS_URL": broker_url,
        **(extra_env or {}),
    }
    cmd = [
        sys.executable, "-m", "celery", "-A", "intan_banjar", "-b", broker_url, "worker",
        "--pool=solo", "-Q", queue, "-n", f"{queue}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def read_log():
        return Path(log_path).read_text(errors="replace")

    if not wait_for(lambda: " ready." in read_log() or process.poll() is not None):
        stop_worker(process)
        pytest.fail(f"The worker did not start within {TIMEOUT} s:\n{read_log()}")
    if process.poll() is not None:
        pytest.fail(f"The worker exited with {process.returncode}:\n{read_log()}")
    return process, read_log


def stop_worker(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
