"""Factories of the notifications tests."""

import factory
from factory.django import DjangoModelFactory

from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from tests.factories import UserFactory


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
