"""A real Celery worker process runs a task enqueued from a committed transaction.

The worker reads the same test database (its name is passed down) and a Redis queue of its own,
so two pytest-xdist processes can each run this test at the same time.
"""

import re
import uuid

import pytest
from django.db import transaction

from accounts.models import Unit
from accounts.reference import load_units, read_units
from accounts.tasks import units_reload_reference
from intan_banjar.celery import app as celery_app
from tests.celery_worker import TIMEOUT, redis_test_url, start_worker, stop_worker, wait_for

pytestmark = [
    pytest.mark.worker,
    # The worker sees only committed rows. The test does not rely on the migrated units being
    # there (another transactional test may have emptied the tables): the task restores them.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def redis_url():
    return redis_test_url()


@pytest.fixture
def queue():
    return f"intan-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def worker(redis_url, queue, tmp_path):
    """A `celery worker` subprocess on its own queue; yields a function returning its log."""
    process, read_log = start_worker(
        broker_url=redis_url,
        queue=queue,
        log_path=tmp_path / "worker.log",
        settings_module="intan_banjar.settings.test",
    )
    try:
        yield read_log
    finally:
        stop_worker(process)


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
