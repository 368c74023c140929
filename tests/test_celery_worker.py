"""A real Celery worker process runs a task enqueued from a committed transaction.

The worker reads the same test database (its name is passed down) and a Redis queue of its own,
so two pytest-xdist processes can each run this test at the same time.
"""

import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from accounts.models import Unit
from accounts.reference import load_units, read_units
from accounts.tasks import units_reload_reference
from intan_banjar.celery import app as celery_app

pytestmark = [
    pytest.mark.worker,
    # The worker sees only committed rows. The test does not rely on the migrated units being
    # there (another transactional test may have emptied the tables): the task restores them.
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30


def database_url():
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


@pytest.fixture
def redis_url():
    url = settings.TEST_REDIS_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis does not answer at {url} ({exc}); run `make services`.")
    return url


@pytest.fixture
def queue():
    return f"intan-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def worker(redis_url, queue, tmp_path):
    """A `celery worker` subprocess on its own queue; yields a function returning its log."""
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intan_banjar.settings.test",
        "TEST_DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
    }
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "intan_banjar",
        "-b",
        redis_url,
        "worker",
        "--pool=solo",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def read_log():
        return log_path.read_text(errors="replace")

    try:
        if not wait_for(lambda: " ready." in read_log() or process.poll() is not None):
            pytest.fail(f"The worker did not start within {TIMEOUT} s:\n{read_log()}")
        if process.poll() is not None:
            pytest.fail(f"The worker exited with {process.returncode}:\n{read_log()}")
        yield read_log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def broker_publishing(monkeypatch):
    """Make this process send tasks to the broker instead of running them in-process."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)


def test_celery_worker_runs_task_enqueued_after_commit(worker, queue, redis_url, broker_publishing):
    code = [row["code"] for row in read_units() if row["kind"] == "puskesmas"][-1]
    load_units()  # committed: every reference unit is there, whatever ran before

    with celery_app.connection_for_write(redis_url) as broker:
        with transaction.atomic():
            # Were the task sent before the commit, the worker would still see the unit, create
            # nothing, and the unit would stay deleted.
            Unit.objects.filter(code=code).delete()
            units_reload_reference.apply_async_on_commit(queue=queue, connection=broker)

        restored = wait_for(lambda: Unit.objects.filter(code=code).exists())

    assert restored, f"The worker did not recreate {code} within {TIMEOUT} s:\n{worker()}"
    succeeded = re.compile(r"units_reload_reference\[[-0-9a-f]+\] succeeded in [0-9.]+s: 1$", re.M)
    assert wait_for(lambda: succeeded.search(worker())), worker()
