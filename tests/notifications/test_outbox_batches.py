"""An event's outbox rows go to the broker in one message (`notifications_send`), a re-queue's
in batches; each row is still claimed and delivered on its own, never twice, never lost."""

import base64
import json
import uuid

import pytest
import redis
from django.db import transaction

from notifications import outbox
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.tasks import notifications_send
from tests.celery_worker import redis_test_url
from tests.factories import UserFactory

from .celery_helpers import publishing_to
from .factories import notification_queue

pytestmark = pytest.mark.django_db

RECOVERING = "tests.notifications.backends.RecoveringBackend"


def queue_for(users, key="test:batch"):
    with transaction.atomic():
        return [
            notification_queue(
                kind=Kind.INNOVATION_SUBMITTED,
                key=key,
                context={"innovation": {"title": "Antrean Daring", "code": "INV-2025-0001"}},
                link="http://127.0.0.1:8000/innovations/1/",
                recipient=user,
            )
            for user in users
        ]


@pytest.fixture
def broker_queue(settings):
    """A queue of this test's own on the test Redis: the messages published, as (task, args)."""
    name = f"intan-batch-{uuid.uuid4().hex[:12]}"
    settings.NOTIFICATION_QUEUE = name
    url = redis_test_url()
    client = redis.Redis.from_url(url)

    def published():
        messages = [json.loads(raw) for raw in client.lrange(name, 0, -1)]
        return sorted(
            (message["headers"]["task"], json.loads(base64.b64decode(message["body"]))[0])
            for message in messages
        )

    with publishing_to(url):
        yield published
    client.delete(name)


def test_an_events_rows_are_published_in_one_message(
    broker_queue, django_capture_on_commit_callbacks
):
    users = UserFactory.create_batch(3)
    planned = [
        outbox.Planned(
            kind=Kind.INNOVATION_SUBMITTED,
            key="test:event",
            context={"innovation": {"title": "Antrean Daring", "code": "INV-2025-0001"}},
            recipient=user,
        )
        for user in users
    ]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        rows = outbox.notifications_queue(planned=planned, new_keys=True)

    ids = sorted(row.pk for row in rows)
    assert broker_queue() == [("notifications.tasks.notifications_send", [ids])]
    assert all(row.queued_at for row in Notification.objects.filter(pk__in=ids))


def test_a_single_row_keeps_its_own_task(broker_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = queue_for([UserFactory()])

    assert broker_queue() == [("notifications.tasks.notification_send", [row.pk])]


def test_many_rows_are_published_in_batches(broker_queue):
    rows = queue_for(UserFactory.create_batch(outbox.PUBLISH_BATCH + 2))
    ids = [row.pk for row in rows]

    assert outbox.enqueue(ids) == ids

    assert broker_queue() == sorted(
        [
            ("notifications.tasks.notifications_send", [ids[: outbox.PUBLISH_BATCH]]),
            ("notifications.tasks.notifications_send", [ids[outbox.PUBLISH_BATCH :]]),
        ]
    )


def test_batch_task_sends_each_row_once(sent):
    users = UserFactory.create_batch(3)
    rows = queue_for(users)
    ids = [row.pk for row in rows]

    assert notifications_send.apply(args=[ids]).get() == ["sent"] * 3
    # Delivered again (a worker killed before its ack): nothing more is sent.
    assert notifications_send.apply(args=[ids]).get() == ["skipped"] * 3

    assert sorted(m.to[0] for m in sent) == sorted(u.email for u in users)
    assert set(Notification.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_batch_task_retries_a_refused_row_on_its_own(sent, use_mail_backend):
    """The server refuses the first two messages: the first row is retried by a task of its
    own (in-process here, so at once) and the others are not held back."""
    from tests.notifications.backends import RecoveringBackend

    RecoveringBackend._seen = 0
    use_mail_backend(RECOVERING)
    rows = queue_for(UserFactory.create_batch(2))

    assert notifications_send.apply(args=[[row.pk for row in rows]]).get() == ["retry", "sent"]

    first, second = (Notification.objects.get(pk=row.pk) for row in rows)
    assert (first.status, first.attempts) == (DeliveryStatus.SENT, 3)  # refused, its own retry
    assert (second.status, second.attempts) == (DeliveryStatus.SENT, 1)
    assert len(sent) == 2
