"""The outbox: rows written with the event, sent after commit, never twice, never lost."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from notifications.delivery import backoff_seconds
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.services import notifications_requeue_pending
from notifications.tasks import notification_send
from tests.factories import UserFactory

from .celery_helpers import publishing_to
from .factories import notification_queue

pytestmark = pytest.mark.django_db

REFUSING = "tests.notifications.backends.RefusingBackend"
RECOVERING = "tests.notifications.backends.RecoveringBackend"


def queue_one(user, key="test:event:1"):
    return notification_queue(
        kind=Kind.INNOVATION_SUBMITTED,
        key=key,
        context={"innovation": {"title": "Antrean Daring", "code": "INV-2025-0001"}},
        link="http://127.0.0.1:8000/innovations/1/",
        recipient=user,
    )


def test_queue_row_rolled_back_with_the_event(operator, sent, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_one(operator)
        assert Notification.objects.count() == 1
        raise RuntimeError("the event failed")

    assert Notification.objects.count() == 0
    assert sent == []


def test_queue_row_pending_until_commit_then_sent(
    operator, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = queue_one(operator)
    assert Notification.objects.get().status == DeliveryStatus.PENDING
    assert sent == []

    for callback in callbacks:
        callback()

    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
    assert row.queued_at is not None
    assert [m.to for m in sent] == [[operator.email]]


def test_queue_same_key_twice_gives_one_row(operator, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_one(operator)
        second = queue_one(operator)

    assert first is not None
    assert second is None
    assert Notification.objects.count() == 1
    assert len(sent) == 1


def test_queue_same_key_other_recipient_gives_own_row(operator, head):
    queue_one(operator)
    queue_one(head)

    assert set(Notification.objects.values_list("recipient", flat=True)) == {operator.pk, head.pk}


def test_send_task_rerun_sends_once(operator, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = queue_one(operator)

    # A redelivered message (worker killed after sending, acks late) runs the task again.
    assert notification_send.apply(args=[row.pk]).get() == "skipped"
    assert notification_send.apply(args=[row.pk]).get() == "skipped"

    assert len(sent) == 1


def test_send_unknown_row_skipped(db):
    assert notification_send.apply(args=[987654]).get() == "skipped"


def test_send_refused_retried_then_failed(
    operator, settings, use_mail_backend, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    use_mail_backend(REFUSING)

    with django_capture_on_commit_callbacks(execute=True):
        row = queue_one(operator)

    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED
    assert row.attempts == 3
    assert "timed out" in row.last_error
    assert row.sent_at is None


def test_send_recovering_server_ends_sent_once(
    operator, sent, use_mail_backend, django_capture_on_commit_callbacks
):
    from tests.notifications.backends import RecoveringBackend

    RecoveringBackend._seen = 0
    use_mail_backend(RECOVERING)

    with django_capture_on_commit_callbacks(execute=True):
        row = queue_one(operator)

    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert row.attempts == 3  # two refusals, then delivered
    assert row.last_error == ""
    assert len(sent) == 1


def test_send_failed_row_not_sent_by_a_late_task(operator, sent):
    row = queue_one(operator)
    Notification.objects.filter(pk=row.pk).update(status=DeliveryStatus.FAILED)

    assert notification_send.apply(args=[row.pk]).get() == "skipped"
    assert sent == []


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 60), (2, 120), (3, 240), (4, 480), (7, 3600), (20, 3600)]
)
def test_backoff_doubles_and_is_capped(attempts, seconds):
    assert backoff_seconds(attempts) == seconds


def test_requeue_sends_rows_the_broker_never_got(operator, sent):
    # Written without a commit callback ever running: as if the broker was down at the event.
    row = queue_one(operator)
    assert row.queued_at is None
    later = timezone.now() + datetime.timedelta(minutes=6)

    requeued = notifications_requeue_pending(now=later)

    assert requeued == [row.pk]
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert len(sent) == 1
    assert notifications_requeue_pending(now=later) == []
    assert len(sent) == 1


def test_requeue_leaves_young_and_queued_rows(operator, sent):
    young = queue_one(operator, key="test:young")
    queued = queue_one(operator, key="test:queued")
    now = timezone.now()
    Notification.objects.filter(pk=queued.pk).update(
        queued_at=now, created_at=now - datetime.timedelta(minutes=30)
    )

    assert notifications_requeue_pending(now=now) == []
    assert set(Notification.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    assert young.pk and sent == []


def test_requeue_picks_rows_whose_retry_chain_was_lost(operator, sent):
    row = queue_one(operator)
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    Notification.objects.filter(pk=row.pk).update(
        created_at=long_ago,
        queued_at=long_ago,
        last_attempt_at=long_ago,
        next_attempt_at=long_ago,  # the retry was due long ago; its countdown message is lost
        attempts=2,
    )

    assert notifications_requeue_pending() == [row.pk]
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert row.attempts == 3


def test_queue_without_address_writes_nothing(db):
    user = UserFactory(email="")
    assert queue_one(user) is None
    assert Notification.objects.count() == 0


def test_broker_down_event_commits_and_requeue_sends_later(
    operator, sent, django_capture_on_commit_callbacks
):
    with (
        publishing_to("redis://127.0.0.1:1/0"),  # nothing listens there
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        row = queue_one(operator)

    assert len(callbacks) == 1  # the hand-over to the broker ran, failed, and was logged

    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING
    assert row.queued_at is None
    assert sent == []

    requeued = notifications_requeue_pending(now=timezone.now() + datetime.timedelta(minutes=6))

    assert requeued == [row.pk]
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert len(sent) == 1
