"""Delivery in committed steps (claim → SMTP outside any transaction → outcome), the pickup of
rows whose broker message was lost, and the `uncertain` rows an administrator resolves."""

import asyncio
import datetime
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, connections, transaction
from django.utils import timezone

from notifications.delivery import (
    LEASE_EXPIRED_HANDED_OVER,
    Outcome,
    backoff_seconds,
    notification_deliver,
)
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.services import notifications_requeue_pending
from notifications.tasks import notification_send

from .factories import NotificationFactory, notification_queue

MINUTE = datetime.timedelta(minutes=1)


def queue_one(user, key="test:delivery:1"):
    return notification_queue(
        kind=Kind.INNOVATION_SUBMITTED,
        key=key,
        context={"innovation": {"title": "Antrean Daring", "code": "INV-2025-0001"}},
        link="http://127.0.0.1:8000/innovations/1/",
        recipient=user,
    )


# What the mail server sees while it is being handed the message -------------------------------


class ObservingBackend:
    """A mail backend that looks, from another database connection, at the row being sent."""

    seen = []

    def __init__(self, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        pk = int(messages[0].extra_headers["X-Intan-Notification"])
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT status, attempts FROM notifications_notification WHERE id = %s", [pk]
                )
                committed = cursor.fetchone()
        finally:
            other.close()
        type(self).seen.append(
            {"in_transaction": connection.in_atomic_block, "committed": committed}
        )
        return len(messages)


@pytest.mark.django_db(transaction=True)
def test_claim_committed_before_the_mail_server_gets_the_message(operator, use_mail_backend):
    use_mail_backend("tests.notifications.test_delivery.ObservingBackend")
    ObservingBackend.seen = []
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)

    assert notification_send.apply(args=[row.pk]).get() == "sent"

    # A worker killed now leaves a row that says an attempt is under way, not a pending one
    # that the next delivery would send a second time.
    assert ObservingBackend.seen == [{"in_transaction": False, "committed": ("sending", 1)}]
    row.refresh_from_db()
    assert (row.status, row.attempts, row.handed_over_at is not None) == ("sent", 1, True)


@pytest.mark.django_db(transaction=True)
def test_row_being_updated_by_enqueue_is_sent_not_skipped(operator, sent):
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)
    locked, release = threading.Event(), threading.Event()

    def enqueue_stamping_queued_at():
        try:
            with transaction.atomic():
                Notification.objects.filter(pk=row.pk).update(queued_at=timezone.now())
                locked.set()
                release.wait(5)
        finally:
            connection.close()

    thread = threading.Thread(target=enqueue_stamping_queued_at)
    thread.start()
    assert locked.wait(5)
    threading.Timer(0.3, release.set).start()

    outcome = notification_send.apply(args=[row.pk]).get()
    thread.join(5)

    # Skipped, it would have waited for the hourly re-queue; the claim waits for the lock.
    assert outcome == "sent"
    assert len(sent) == 1


# Pickup within the retry schedule ---------------------------------------------------------------


@pytest.mark.django_db
def test_requeue_row_whose_message_was_lost_within_minutes(operator, sent):
    row = queue_one(operator)
    Notification.objects.filter(pk=row.pk).update(queued_at=timezone.now())  # published, lost

    assert notifications_requeue_pending(now=timezone.now() + MINUTE) == []
    assert notifications_requeue_pending(now=timezone.now() + 3 * MINUTE) == [row.pk]
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and len(sent) == 1


@pytest.mark.django_db
def test_requeue_lost_retry_countdown_after_its_due_time_only(operator, sent, settings):
    settings.NOTIFICATION_REQUEUE_AFTER_SECONDS = 120
    row = queue_one(operator)
    due = timezone.now() + datetime.timedelta(seconds=backoff_seconds(2))
    Notification.objects.filter(pk=row.pk).update(
        attempts=2, queued_at=timezone.now(), next_attempt_at=due
    )

    assert notifications_requeue_pending(now=due + MINUTE) == []  # the countdown may still run
    assert notifications_requeue_pending(now=due + 3 * MINUTE) == [row.pk]
    assert len(sent) == 1


@pytest.mark.django_db
def test_refused_attempt_schedules_next_attempt_by_backoff(operator, use_mail_backend):
    use_mail_backend("tests.notifications.backends.RefusingBackend")
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)
    before = timezone.now()

    assert notification_deliver(notification_id=row.pk) == (Outcome.RETRY, 1)

    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING
    assert row.next_attempt_at >= before + datetime.timedelta(seconds=backoff_seconds(1))
    assert "timed out" in row.last_error


# A worker that died holding a claim -------------------------------------------------------------


@pytest.mark.django_db
def test_expired_claim_handed_over_becomes_uncertain_and_is_never_resent(operator, sent):
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Notification.objects.filter(pk=row.pk).update(
        status=DeliveryStatus.SENDING, attempts=1, last_attempt_at=long_ago, handed_over_at=long_ago
    )

    assert notifications_requeue_pending() == []
    row.refresh_from_db()
    assert row.status == DeliveryStatus.UNCERTAIN
    assert row.last_error == LEASE_EXPIRED_HANDED_OVER

    # A redelivered message and later sweeps leave it alone.
    assert notification_send.apply(args=[row.pk]).get() == "skipped"
    assert notifications_requeue_pending(now=timezone.now() + datetime.timedelta(days=1)) == []
    assert sent == []
    row.refresh_from_db()
    assert row.status == DeliveryStatus.UNCERTAIN


@pytest.mark.django_db
def test_expired_claim_not_handed_over_is_sent_once(operator, sent):
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Notification.objects.filter(pk=row.pk).update(
        status=DeliveryStatus.SENDING, attempts=1, last_attempt_at=long_ago, queued_at=long_ago
    )

    notifications_requeue_pending(now=timezone.now() + 3 * MINUTE)

    row.refresh_from_db()
    assert (row.status, row.attempts, len(sent)) == (DeliveryStatus.SENT, 2, 1)


@pytest.mark.django_db
def test_claim_within_its_lease_is_left_alone(operator, sent):
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)
    Notification.objects.filter(pk=row.pk).update(
        status=DeliveryStatus.SENDING, attempts=1, last_attempt_at=timezone.now()
    )

    assert notifications_requeue_pending(now=timezone.now() + MINUTE) == []
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENDING and sent == []


# Which SMTP failures are certain: a real SMTP conversation (aiosmtpd in a thread) ---------------


class Handler:
    def __init__(self, mode):
        self.mode = mode
        self.received = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse_rcpt":
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.mode == "refuse_data":
            return "451 Try again later"
        if self.mode == "slow_reply":
            await asyncio.sleep(3)  # the client gives up after its 1 s timeout
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """smtp(mode) -> the handler of a running SMTP server the default mailer now talks to."""
    controllers = []

    def _start(mode):
        handler = Handler(mode)
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        settings.MAILERS = {"default": smtp_mailer(port)}
        return handler

    yield _start
    for controller in controllers:
        controller.stop()


def smtp_mailer(port):
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 1},
    }


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["refuse_rcpt", "refuse_data"])
def test_smtp_refusal_is_certain_and_retried(mode, smtp, operator):
    smtp(mode)
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)

    assert notification_deliver(notification_id=row.pk) == (Outcome.RETRY, 1)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING
    assert row.last_error.startswith(("SMTPRecipientsRefused", "SMTPDataError"))


@pytest.mark.django_db
def test_smtp_connection_refused_is_certain_and_retried(settings, operator):
    settings.MAILERS = {"default": smtp_mailer(free_port())}  # nothing listens there
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)

    assert notification_deliver(notification_id=row.pk) == (Outcome.RETRY, 1)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING and row.handed_over_at is None
    assert row.last_error.startswith("ConnectionRefusedError")


@pytest.mark.django_db
def test_smtp_timeout_after_data_is_uncertain_not_retried(smtp, operator, sent):
    handler = smtp("slow_reply")
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)

    assert notification_deliver(notification_id=row.pk) == (Outcome.UNCERTAIN, 1)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.UNCERTAIN
    assert row.handed_over_at is not None
    assert handler.received == 1  # the server did get it: retrying blindly would send it twice
    assert notification_send.apply(args=[row.pk]).get() == "skipped"


@pytest.mark.django_db
def test_smtp_accepted_is_sent(smtp, operator):
    handler = smtp("accept")
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)

    assert notification_deliver(notification_id=row.pk) == (Outcome.SENT, 1)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and handler.received == 1


@pytest.mark.django_db
def test_late_send_of_a_superseded_claim_stops_before_data(smtp, operator, monkeypatch):
    """A worker that outlived its lease while its row was claimed again must not send too."""
    handler = smtp("accept")
    row = NotificationFactory(recipient=operator, status=DeliveryStatus.PENDING)
    from notifications import delivery

    real_claim = delivery.claim

    def claim_then_superseded(notification_id, *, now):
        claimed = real_claim(notification_id, now=now)
        # Meanwhile the sweep released the claim and another worker claimed the row anew.
        Notification.objects.filter(pk=notification_id).update(
            last_attempt_at=now + datetime.timedelta(seconds=1)
        )
        return claimed

    monkeypatch.setattr(delivery, "claim", claim_then_superseded)

    assert notification_deliver(notification_id=row.pk) == (Outcome.SKIPPED, 1)
    assert handler.received == 0
