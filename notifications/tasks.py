"""Celery tasks: thin, take ids, idempotent (acks late; the claim committed before sending makes
a redelivered or re-queued message harmless)."""

from celery import shared_task

from .delivery import Outcome, backoff_seconds, notification_deliver


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
