"""A real Celery worker and Redis: an event commits, the worker sends the e-mail, the row is
`sent`; a redelivered message sends nothing more; a refusing server is retried with backoff."""

import uuid

import pytest
from django.db import transaction

from innovations.services import innovation_transition
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.tasks import notification_send
from tests.celery_worker import redis_test_url, stop_worker, wait_for
from tests.celery_worker import start_worker as start_test_worker
from tests.factories import UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle

from .celery_helpers import publishing_to

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_url():
    return redis_test_url()


@pytest.fixture
def queue(settings):
    name = f"intan-notif-{uuid.uuid4().hex[:12]}"
    settings.NOTIFICATION_QUEUE = name
    return name


@pytest.fixture
def mail_dir(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


def start_worker(redis_url, queue, mail_dir, log_path, backend=None):
    extra_env = {"NOTIFICATION_TEST_MAIL_DIR": str(mail_dir)}
    if backend:
        extra_env["NOTIFICATION_TEST_MAIL_BACKEND"] = backend
    return start_test_worker(
        broker_url=redis_url,
        queue=queue,
        log_path=log_path,
        settings_module="tests.notifications.worker_settings",
        extra_env=extra_env,
    )


stop = stop_worker


@pytest.fixture
def worker_factory(redis_url, queue, mail_dir, tmp_path):
    started = []

    def _start(backend=None):
        process, read_log = start_worker(
            redis_url, queue, mail_dir, tmp_path / f"worker{len(started)}.log", backend
        )
        started.append(process)
        return read_log

    yield _start
    for process in started:
        stop(process)


def mails(mail_dir):
    return [path.read_text(errors="replace") for path in sorted(mail_dir.iterdir())]


def test_worker_sends_event_notification_once(worker_factory, queue, redis_url, mail_dir):
    read_log = worker_factory()
    cycle = open_cycle()
    innovation = InnovationFactory(cycle=cycle)
    operator = UserFactory(role="operator", unit=innovation.unit)

    with publishing_to(redis_url):
        with transaction.atomic():
            innovation_transition(innovation=innovation, action="submit", by=operator)
        row = Notification.objects.get(kind=Kind.INNOVATION_SUBMITTED, recipient=operator)
        sent = wait_for(
            lambda: Notification.objects.filter(pk=row.pk, status=DeliveryStatus.SENT).exists()
        )
        assert sent, read_log()

        # A message delivered again (a worker killed before its ack) sends nothing more.
        notification_send.apply_async(args=[row.pk], queue=queue)
        notification_send.apply_async(args=[row.pk], queue=queue)
        assert wait_for(lambda: read_log().count("succeeded in") >= 3), read_log()

    messages = mails(mail_dir)
    assert len(messages) == 1, messages
    assert operator.email in messages[0]
    assert f"/innovations/{innovation.pk}/" in messages[0]
    assert "'skipped'" in read_log()


def test_worker_retries_refusing_server_with_backoff(worker_factory, redis_url, mail_dir, operator):
    read_log = worker_factory(backend="tests.notifications.backends.RecoveringFileBackend")

    with publishing_to(redis_url):
        from .factories import notification_queue

        with transaction.atomic():
            row = notification_queue(
                kind=Kind.INNOVATION_SUBMITTED,
                key="test:worker:retry",
                context={"innovation": {"title": "Antrean Daring", "code": "INV-2025-0001"}},
                link="http://127.0.0.1:8000/innovations/1/",
                recipient=operator,
            )
        sent = wait_for(
            lambda: Notification.objects.filter(pk=row.pk, status=DeliveryStatus.SENT).exists()
        )

    assert sent, read_log()
    row.refresh_from_db()
    assert row.attempts == 3
    assert read_log().count("retry: Retry in") == 2  # 1 s, then 2 s (base 1 s, doubling)
    assert "Retry in 1s" in read_log() and "Retry in 2s" in read_log()
    assert len(mails(mail_dir)) == 1
