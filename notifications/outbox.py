"""Writing rows into the outbox and handing them to the broker after commit."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from .enums import DeliveryStatus
from .models import Notification
from .rendering import language_for, render_message

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Planned:
    """A notification decided on but not yet written.

    `key` identifies the occurrence (kind + target + cycle + date or offset); the recipient is
    appended, so each person gets at most one row per occurrence.
    """

    kind: str
    key: str
    context: dict = field(hash=False, compare=False)
    link: str = ""
    recipient: object = None
    email: str = ""
    target_type: str = ""
    target_id: int | None = None
    cycle_year: int | None = None

    @property
    def address(self):
        return self.email or getattr(self.recipient, "email", "")

    @property
    def full_key(self):
        who = f"u{self.recipient.pk}" if self.recipient is not None else f"e{self.email.lower()}"
        return f"{self.key}:{who}"[:300]

    def build(self):
        rendered = render_message(
            self.kind,
            {**self.context, "recipient": self.recipient, "link": self.link},
            language=language_for(self.recipient),
        )
        return Notification(
            recipient=self.recipient,
            email=self.address,
            kind=self.kind,
            subject=rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
            link=self.link,
            target_type=self.target_type,
            target_id=self.target_id,
            cycle_year=self.cycle_year,
            idempotency_key=self.full_key,
        )


def new_planned(planned: Iterable[Planned]) -> list[Planned]:
    """The planned notifications whose key has no row yet (one query), without duplicates."""
    unique = {}
    for item in planned:
        if item.address:
            unique.setdefault(item.full_key, item)
    if not unique:
        return []
    existing = set(
        Notification.objects.filter(idempotency_key__in=list(unique)).values_list(
            "idempotency_key", flat=True
        )
    )
    return [item for key, item in unique.items() if key not in existing]


def notifications_queue(*, planned: Iterable[Planned], new_keys=False) -> list[Notification]:
    """Write the outbox rows in the caller's transaction and send them once it commits.

    Keys already present are skipped; a concurrent writer of the same key loses quietly
    (ON CONFLICT DO NOTHING), so a notification can never exist twice. `new_keys` says that no
    row can have these keys yet (they name a history row written in the caller's transaction):
    neither the lookup of existing keys nor the read of the rows back is needed, and a
    conflict, impossible, would be an error rather than a silent skip.
    """
    if not new_keys:
        return _queue_unless_present(planned)
    unique = {}
    for item in planned:
        if item.address:
            unique.setdefault(item.full_key, item)
    rows = [item.build() for item in unique.values()]
    if not rows:
        return []
    # One INSERT (bulk_create makes several atomic itself), its ids returned by PostgreSQL.
    created = Notification.objects.bulk_create(rows, batch_size=500)
    enqueue_on_commit([row.pk for row in created])
    return created


@transaction.atomic
def _queue_unless_present(planned):
    fresh = new_planned(planned)
    if not fresh:
        return []
    rows = [item.build() for item in fresh]
    Notification.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    created = list(
        Notification.objects.filter(
            idempotency_key__in=[row.idempotency_key for row in rows],
            status=DeliveryStatus.PENDING,
            attempts=0,
            queued_at__isnull=True,
        ).order_by("id")
    )
    enqueue_on_commit([row.pk for row in created])
    return created


def enqueue_on_commit(ids):
    if ids:
        transaction.on_commit(partial(enqueue, ids), robust=True)


def publish_options():
    """Optional routing of notifications to a queue of their own (NOTIFICATION_QUEUE)."""
    queue = getattr(settings, "NOTIFICATION_QUEUE", "")
    return {"queue": queue} if queue else {}


PUBLISH_BATCH = 25  # rows per message: an event's few rows in one, a re-queue's many in several


def enqueue(ids):
    """Publish the rows' send tasks: one `notification_send` for a single row, else one
    `notifications_send` per batch of rows. A broker outage is logged, not raised: the event has
    committed with its rows, and the periodic re-queue task sends them once the broker is back."""
    from .tasks import notification_send, notifications_send

    options = publish_options()
    ids = list(ids)
    published = []
    for start in range(0, len(ids), PUBLISH_BATCH):
        batch = ids[start : start + PUBLISH_BATCH]
        task, args = (
            (notification_send, [batch[0]]) if len(batch) == 1 else (notifications_send, [batch])
        )
        try:
            task.apply_async(
                args=args,
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
                **options,
            )
        except OperationalError:
            logger.warning(
                "Broker unreachable; notifications %s stay pending for re-queue",
                ", ".join(map(str, ids[start:])),
            )
            break
        published.extend(batch)
    if published:
        Notification.objects.filter(pk__in=published).update(queued_at=timezone.now())
    return published
