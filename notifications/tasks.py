"""Celery tasks: thin, take ids, idempotent (acks late; the claim committed before sending makes
a redelivered or re-queued message harmless)."""

import logging

from celery import shared_task
from kombu.exceptions import OperationalError

from .delivery import Outcome, backoff_seconds, notification_deliver
from .outbox import publish_options

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def notification_send(self, notification_id):
    while True:
        outcome, attempts = notification_deliver(notification_id=notification_id)
        if outcome != Outcome.RETRY:
            return str(outcome)
        if not self.request.is_eager:
            # Should this message be lost, the re-queue publishes another once the row's
            # `next_attempt_at` is overdue.
            raise self.retry(countdown=backoff_seconds(attempts))
        # In-process (the embedded default): no worker will come back later, so the
        # attempts follow each other at once, up to the same limit.


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notifications_send(notification_ids):
    """The rows of one event (or of a re-queue) in one message: publishing costs the web worker
    about 0.4 ms a message, and most events write two or three rows. Each row is claimed and
    delivered on its own as `notification_send` does, so a message delivered again sends nothing
    twice; a row that must be retried gets a delayed message of its own, so its backoff holds
    back no other row. Should that publish fail, the row stays pending and the re-queue sweep
    hands it over again once it is overdue (the outbox, not the broker, is the record)."""
    outcomes = []
    for notification_id in notification_ids:
        outcome, attempts = notification_deliver(notification_id=notification_id)
        if outcome == Outcome.RETRY:
            try:
                notification_send.apply_async(
                    args=[notification_id], countdown=backoff_seconds(attempts), **publish_options()
                )
            except OperationalError:
                logger.warning(
                    "Broker unreachable; notification %s stays pending for re-queue",
                    notification_id,
                )
        outcomes.append(str(outcome))
    return outcomes


@shared_task(acks_late=True)
def notifications_requeue_pending():
    from .schedule import beat_schedule_sync
    from .services import notifications_requeue_pending as requeue

    # The sweep's time follows the current cycle's setting; keep beat's copy of it fresh.
    beat_schedule_sync()
    return len(requeue())


@shared_task(acks_late=True)
def reminders_sweep_task():
    from .services import reminders_sweep

    return reminders_sweep().total
