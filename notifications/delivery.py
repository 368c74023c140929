"""Sending one outbox row by e-mail: never twice without an administrator's say, never lost.

No transaction is open while the mail server talks. Each step commits on its own:

1. claim: `pending` → `sending`, the attempt counted, its lease started (`last_attempt_at`);
2. hand-over: `handed_over_at` is set just before the server may get the message (SMTP DATA),
   and only while this attempt still owns the claim (a fencing check);
3. outcome: `sent`; a failure that certainly left nothing at the server goes back to `pending`
   with a backoff (`failed` after the last attempt); a failure after the hand-over, where the
   server may have accepted the message, makes the row `uncertain`.

A worker killed mid-way leaves the row `sending`. Once its lease is over, the re-queue sweep puts
it back to `pending` if it was never handed over (nothing can have been sent), or marks it
`uncertain` if it was: an uncertain row is never resent automatically, an admin resolves it.
"""

import enum
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .enums import DeliveryStatus
from .models import Notification

logger = logging.getLogger(__name__)


class Outcome(enum.StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"
    UNCERTAIN = "uncertain"


def max_attempts():
    return getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 5)


def backoff_seconds(attempts):
    """Exponential: 1, 2, 4, 8... minutes after the 1st, 2nd, 3rd... failure, capped at 1 hour."""
    base = getattr(settings, "NOTIFICATION_RETRY_BASE_SECONDS", 60)
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def sending_lease():
    """How long a claim may last before its worker is presumed dead. Longer than any real send
    (a few SMTP round trips, each bounded by the mail server timeout)."""
    return timedelta(seconds=getattr(settings, "NOTIFICATION_SENDING_LEASE_SECONDS", 300))


def requeue_after():
    """How long past its due time a pending row may wait for its broker message before the
    re-queue publishes another (the claim makes a second message harmless)."""
    return timedelta(seconds=getattr(settings, "NOTIFICATION_REQUEUE_AFTER_SECONDS", 120))


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


class NotSent(Exception):
    """The mail server certainly does not have the message: safe to try again."""


class MaybeSent(Exception):
    """The message was handed over and then something broke: the server may have it."""


class ClaimLost(Exception):
    """Another attempt owns the row now (this one outlived its lease): stop before DATA."""


def hand_over(message, *, mark_handed_over):
    """Give `message` to the default mailer, calling `mark_handed_over()` (which returns False if
    the claim was lost) right before the point after which the server may have it.

    With SMTP that point is the DATA command: a refused connection, a refused sender or
    recipient, a timeout or a disconnect before DATA, or an explicit refusal of the data, are
    certain (NotSent); a timeout or disconnect after DATA began is not (MaybeSent). Other
    backends are opaque: they are marked before the call and an exception means not sent.
    """
    backend = mailers.default
    if isinstance(backend, SMTPBackend):
        try:
            backend.open()  # a failure to connect, greet, start TLS or log in is certain
        except Exception as exc:
            raise NotSent(describe(exc)) from exc
    handed = False

    def handover():
        nonlocal handed
        if not mark_handed_over():
            raise ClaimLost
        handed = True

    smtp = getattr(backend, "connection", None)
    is_smtp = isinstance(smtp, smtplib.SMTP)
    try:
        if is_smtp:
            start_data = smtp.data

            def data(msg):
                handover()
                return start_data(msg)

            smtp.data = data  # smtplib's sendmail calls self.data(): our hook runs first
        else:
            handover()
        try:
            count = backend.send_messages([message])
        except ClaimLost:
            raise
        except smtplib.SMTPDataError as exc:  # the server answered DATA with a refusal
            raise NotSent(describe(exc)) from exc
        except Exception as exc:  # the mail server's failures are many; every one is recorded
            raise (MaybeSent if handed and is_smtp else NotSent)(describe(exc)) from exc
        if count != 1:
            raise NotSent("The mail backend reported the message as not sent.")
    finally:
        try:
            backend.close()
        except Exception:  # QUIT failing after the server accepted the message changes nothing
            logger.warning("Closing the mail connection failed", exc_info=True)


def describe(exc):
    return f"{type(exc).__name__}: {exc}"[:2000]


def claim(notification_id, *, now):
    """pending → sending, committed before anything is sent; None if not pending.

    A plain conditional UPDATE: a row another transaction is writing (enqueue stamping
    `queued_at`) is waited for, never skipped."""
    with transaction.atomic():
        claimed = Notification.objects.filter(
            pk=notification_id, status=DeliveryStatus.PENDING
        ).update(
            status=DeliveryStatus.SENDING,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            handed_over_at=None,
        )
    return Notification.objects.get(pk=notification_id) if claimed else None


def notification_deliver(*, notification_id) -> tuple[Outcome, int]:
    """Send the row if it is still pending; returns the outcome and the attempts made so far."""
    notification = claim(notification_id, now=timezone.now())
    if notification is None:
        return Outcome.SKIPPED, 0
    attempt = notification.attempts
    # This attempt's rows: an admin's resend restarts `attempts`, the claim time tells apart.
    mine = Notification.objects.filter(
        pk=notification.pk, attempts=attempt, last_attempt_at=notification.last_attempt_at
    )

    def mark_handed_over():
        return (
            mine.filter(status=DeliveryStatus.SENDING, handed_over_at__isnull=True).update(
                handed_over_at=timezone.now()
            )
            == 1
        )

    try:
        hand_over(build_email(notification), mark_handed_over=mark_handed_over)
    except ClaimLost:
        return Outcome.SKIPPED, attempt
    except MaybeSent as exc:
        mine.filter(status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.UNCERTAIN, last_error=str(exc)
        )
        logger.error("Notification %s may have been sent: %s", notification.pk, exc)
        return Outcome.UNCERTAIN, attempt
    except Exception as exc:  # NotSent, or the message could not even be built
        failed = attempt >= max_attempts()
        mine.filter(status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.FAILED if failed else DeliveryStatus.PENDING,
            last_error=str(exc) if isinstance(exc, NotSent) else describe(exc),
            next_attempt_at=timezone.now() + timedelta(seconds=backoff_seconds(attempt)),
            handed_over_at=None,
        )
        return (Outcome.FAILED if failed else Outcome.RETRY), attempt
    # The sweep may have judged a slow send uncertain meanwhile: the send itself knows better.
    mine.filter(status__in=[DeliveryStatus.SENDING, DeliveryStatus.UNCERTAIN]).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return Outcome.SENT, attempt


LEASE_EXPIRED_HANDED_OVER = (
    "The worker stopped after handing the message to the mail server; it may have been sent."
)
LEASE_EXPIRED_NOT_HANDED_OVER = "The worker stopped before handing the message over."


def expire_claims(*, now=None):
    """Rows left `sending` past their lease (their worker died): back to pending if nothing was
    handed over, uncertain otherwise. Returns (ids back to pending, count made uncertain)."""
    now = now or timezone.now()
    expired = Notification.objects.filter(
        status=DeliveryStatus.SENDING, last_attempt_at__lt=now - sending_lease()
    )
    uncertain = expired.filter(handed_over_at__isnull=False).update(
        status=DeliveryStatus.UNCERTAIN, last_error=LEASE_EXPIRED_HANDED_OVER
    )
    never_handed = expired.filter(handed_over_at__isnull=True)
    never_handed.filter(attempts__gte=max_attempts()).update(
        status=DeliveryStatus.FAILED, last_error=LEASE_EXPIRED_NOT_HANDED_OVER
    )
    ids = list(never_handed.values_list("pk", flat=True))
    # The conditions again in the UPDATE: a row handed over meanwhile stays as it is.
    released = never_handed.filter(pk__in=ids).update(
        status=DeliveryStatus.PENDING, last_error=LEASE_EXPIRED_NOT_HANDED_OVER, next_attempt_at=now
    )
    if released != len(ids):
        ids = list(
            Notification.objects.filter(
                pk__in=ids, status=DeliveryStatus.PENDING, next_attempt_at=now
            ).values_list("pk", flat=True)
        )
    return ids, uncertain


def requeue_candidates(*, now=None):
    """Pending rows due for a while whose broker message is lost or never was (the broker was
    down, a worker died holding it, a retry countdown vanished), most overdue first."""
    now = now or timezone.now()
    overdue = now - requeue_after()
    return (
        Notification.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lt=overdue)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=overdue))
        .order_by("next_attempt_at", "id")
    )
