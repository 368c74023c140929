"""The outbox's promise under faults: 0 lost, 0 duplicated.

Real processes: an SMTP server (tests/faults/smtp_sink.py), a private Redis as the broker, and
Celery workers. The test process plays beat, running the re-queue every half second. Workers
are killed with SIGKILL at random points, the SMTP server and the broker are stopped and started.
At the end every notification arrived exactly once (`sent`), or its worker was killed between
handing it to the mail server and recording the outcome and it is `uncertain`: never sent twice,
and waiting for an admin. Nothing is left pending once the retry schedule has run out.
"""

import random
import time
import uuid

import pytest
from django.db import transaction

from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.services import notifications_requeue_pending
from tests.celery_worker import start_worker
from tests.faults.redis_server import free_port
from tests.faults.smtp_sink import SMTPSink
from tests.notifications.celery_helpers import publishing_to
from tests.notifications.factories import notification_queue

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SETTLE_TIMEOUT = 45


SCHEDULE = (
    "NOTIFICATION_RETRY_BASE_SECONDS",
    "NOTIFICATION_MAX_ATTEMPTS",
    "NOTIFICATION_SENDING_LEASE_SECONDS",
    "NOTIFICATION_REQUEUE_AFTER_SECONDS",
)


@pytest.fixture
def outbox_settings(settings):
    """This process (beat's stand-in) reads the same schedule as the workers."""
    from tests.faults import settings as fault_settings

    for name in SCHEDULE:
        setattr(settings, name, getattr(fault_settings, name))
    settings.NOTIFICATION_QUEUE = f"intan-faults-{uuid.uuid4().hex[:12]}"
    return settings


@pytest.fixture
def smtp_sink(tmp_path):
    sink = SMTPSink(free_port(), tmp_path / "mail", delay=0.3).start()
    try:
        yield sink
    finally:
        sink.stop()


class Workers:
    """One worker at a time on the test's queue; kill() is SIGKILL, like the OOM killer."""

    def __init__(self, broker_url, queue, smtp_url, log_dir):
        self.broker_url, self.queue, self.smtp_url, self.log_dir = (
            broker_url, queue, smtp_url, log_dir,
        )  # fmt: skip
        self.process = None
        self.started = 0

    def start(self):
        self.started += 1
        self.process, self.read_log = start_worker(
            broker_url=self.broker_url,
            queue=self.queue,
            log_path=self.log_dir / f"worker{self.started}.log",
            settings_module="tests.faults.settings",
            extra_env={"EMAIL_URL": self.smtp_url},
        )

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def stop(self):
        """At the end of a test nothing is left to finish: no need for a warm shutdown."""
        if self.process is not None:
            self.kill()

    def logs(self):
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.log_dir.glob("worker*.log"))
        )


@pytest.fixture
def workers(redis_server, outbox_settings, smtp_sink, tmp_path):
    pool = Workers(redis_server.url, outbox_settings.NOTIFICATION_QUEUE, smtp_sink.url, tmp_path)
    try:
        yield pool
    finally:
        pool.stop()


def queue_notifications(prefix, count):
    rows = []
    with transaction.atomic():
        for number in range(count):
            rows.append(
                notification_queue(
                    kind=Kind.INNOVATION_SUBMITTED,
                    key=f"faults:{prefix}:{number}",
                    context={"innovation": {"title": f"Inovasi {number}", "code": "INV-2025-0001"}},
                    link="http://127.0.0.1:8000/innovations/1/",
                    email=f"warga{number}@contoh.id",
                )
            )
    return [row.pk for row in rows]


UNSETTLED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


def settle(timeout=SETTLE_TIMEOUT):
    """Run the re-queue (as beat would) until no row is pending or being sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        notifications_requeue_pending()
        if not Notification.objects.filter(status__in=UNSETTLED).exists():
            return True
        time.sleep(0.5)
    return False


def assert_none_lost_none_duplicated(ids, sink, workers, *, uncertain_allowed):
    statuses = dict(Notification.objects.filter(pk__in=ids).values_list("pk", "status"))
    received = sink.received()
    context = f"statuses={statuses}\nreceived={dict(received)}\n{workers.logs()[-4000:]}"
    assert set(statuses) == set(ids), context
    assert all(count == 1 for count in received.values()), f"duplicated: {context}"
    assert set(received) <= set(ids), context
    sent = {pk for pk, status in statuses.items() if status == DeliveryStatus.SENT}
    uncertain = {pk for pk, status in statuses.items() if status == DeliveryStatus.UNCERTAIN}
    assert sent | uncertain == set(ids), f"lost or failed: {context}"
    assert sent <= set(received), f"marked sent but never arrived: {context}"
    if not uncertain_allowed:
        assert not uncertain, context
    return sent, uncertain


def test_worker_killed_at_random_points_sends_each_once_or_leaves_it_uncertain(
    workers, smtp_sink, redis_server
):
    rng = random.Random(19)  # the kill times vary from run to run anyway; the plan does not
    workers.start()
    with publishing_to(redis_server.url):
        ids = queue_notifications("kill", 20)
        for _ in range(4):
            time.sleep(rng.uniform(0.1, 1.2))
            workers.kill()
            workers.start()
        settled = settle()
    assert settled, workers.logs()[-4000:]

    sent, uncertain = assert_none_lost_none_duplicated(
        ids, smtp_sink, workers, uncertain_allowed=True
    )
    # A kill leaves at most one row uncertain: the one the worker had handed over.
    assert len(uncertain) <= 4, f"sent={sent} uncertain={uncertain}"


def test_smtp_down_then_up_sends_each_once(workers, smtp_sink, redis_server):
    workers.start()
    smtp_sink.stop()
    with publishing_to(redis_server.url):
        ids = queue_notifications("smtp", 10)
        # Refused connections: certain failures, retried after 1 s, 2 s, 4 s...
        assert wait_until(
            lambda: Notification.objects.filter(pk__in=ids, attempts__gte=2).count() == len(ids)
        ), workers.logs()[-4000:]
        assert not smtp_sink.received()
        smtp_sink.start()
        settled = settle()
    assert settled, workers.logs()[-4000:]

    assert_none_lost_none_duplicated(ids, smtp_sink, workers, uncertain_allowed=False)


def test_broker_down_then_up_sends_each_once(workers, smtp_sink, redis_server):
    workers.start()
    with publishing_to(redis_server.url):
        before = queue_notifications("broker-before", 5)
        redis_server.stop()  # whatever was still queued is gone with it
        during = queue_notifications("broker-during", 10)  # the events commit all the same
        assert Notification.objects.filter(pk__in=during, queued_at__isnull=True).count() == 10
        time.sleep(1)
        redis_server.start()
        settled = settle()
    assert settled, workers.logs()[-4000:]

    assert_none_lost_none_duplicated(before + during, smtp_sink, workers, uncertain_allowed=False)


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
