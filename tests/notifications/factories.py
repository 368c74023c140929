"""Factories of the notifications tests."""

import factory
from factory.django import DjangoModelFactory

from innovations.models import TransitionLog
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.outbox import Planned, notifications_queue
from tests.factories import UserFactory
from tests.innovations.factories import InnovationFactory


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.recipient.email if o.recipient else "warga@contoh.id")
    kind = Kind.INNOVATION_SUBMITTED
    subject = factory.Sequence(lambda n: f"Inovasi INV-2025-{n:04d} telah diajukan")
    body_text = "Yth. Bapak/Ibu,\n\nInovasi telah diajukan.\n"
    body_html = "<p>Inovasi telah diajukan.</p>"
    link = "http://127.0.0.1:8000/innovations/1/"
    status = DeliveryStatus.SENT
    idempotency_key = factory.Sequence(lambda n: f"test:key:{n}")


class TransitionLogFactory(DjangoModelFactory):
    """A history row as the workflow writes it (for reminders that read when a status began)."""

    class Meta:
        model = TransitionLog

    innovation = factory.SubFactory(InnovationFactory)
    action = "request_revision"
    from_status = "in_review"
    to_status = "revision_requested"
    note = "Lengkapi data anggaran."
    review_round = factory.LazyAttribute(lambda o: o.innovation.review_round)


def notification_queue(**fields):
    """Queue one notification through the outbox, as the services queue theirs (fields of
    `Planned`); returns the row, or None if its key was already queued."""
    created = notifications_queue(planned=[Planned(**fields)])
    return created[0] if created else None
