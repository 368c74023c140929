"""Sending one outbox row by e-mail, at most once.

The row is locked while it is sent, so two deliveries of the same task (a retry racing a
re-queue, a message redelivered after a worker died) cannot both send: the second finds the
row locked or already `sent` and stops.
"""

import enum
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .enums import DeliveryStatus
from .models import Notification


class Outcome(enum.StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def max_attempts():
    return getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 5)


def backoff_seconds(attempts):
    """Exponential: 1, 2, 4, 8... minutes after the 1st, 2nd, 3rd... failure, capped at 1 hour."""
    base = getattr(settings, "NOTIFICATION_RETRY_BASE_SECONDS", 60)
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def build_email(notification):
    reply_to = getattr(settings, "EMAIL_REPLY_TO", "")
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.email],
        reply_to=[reply_to] if reply_to else [],
        headers={"X-Intan-Notification": str(notification.pk)},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    return message


def notification_deliver(*, notification_id) -> tuple[Outcome, int]:
    """Send the row if it is still pending; returns the outcome and the attempts made so far."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if notification is None:
            return Outcome.SKIPPED, 0
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        try:
            if mailers.default.send_messages([build_email(notification)]) != 1:
                raise RuntimeError("The mail backend reported the message as not sent.")
        except Exception as exc:  # the mail server's failures are many; every one is recorded
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            outcome = Outcome.RETRY
            if notification.attempts >= max_attempts():
                notification.status = DeliveryStatus.FAILED
                outcome = Outcome.FAILED
            notification.save(update_fields=["attempts", "last_attempt_at", "last_error", "status"])
            return outcome, notification.attempts
        notification.status = DeliveryStatus.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.save(
            update_fields=["attempts", "last_attempt_at", "last_error", "status", "sent_at"]
        )
        return Outcome.SENT, notification.attempts


def requeue_candidates(*, now=None, grace=timedelta(minutes=5), stale=timedelta(hours=1)):
    """Pending rows the broker never got (or whose retry chain was lost), oldest first."""
    now = now or timezone.now()
    return (
        Notification.objects.filter(status=DeliveryStatus.PENDING, created_at__lt=now - grace)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - stale))
        .filter(Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=now - stale))
        .order_by("created_at", "id")
    )
