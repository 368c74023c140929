"""A transition hands its receivers what it holds (the locked row, the history entry it wrote,
whether a publication applies it): the outbox rows written from those are the rows the signal's
ids alone give (read again, keys looked up), field for field."""

import pytest

from innovations.enums import Status
from innovations.services import innovation_transition
from notifications.models import Notification
from notifications.services import innovation_event_notify
from tests.innovations.factories import CommunityInnovationFactory, InnovationFactory, open_cycle

pytestmark = pytest.mark.django_db

COMPARED = (
    "recipient_id",
    "email",
    "kind",
    "subject",
    "body_text",
    "body_html",
    "link",
    "target_type",
    "target_id",
    "cycle_year",
    "status",
    "attempts",
    "idempotency_key",
)


def _rows():
    return [
        {name: getattr(row, name) for name in COMPARED}
        for row in Notification.objects.order_by("id")
    ]


def _same_rows_from_ids_alone(innovation, action, to_status, note=""):
    """The rows the transition wrote, then those the ids-only path writes in their place."""
    from_transition = _rows()
    Notification.objects.all().delete()
    innovation_event_notify(
        innovation_id=innovation.pk, to_status=to_status, note=note, action=action
    )
    return from_transition, _rows()


@pytest.mark.parametrize("head_approval", [False, True])
def test_submission_rows_equal_those_of_the_ids_alone(unit, operator, head, head_approval):
    innovation = InnovationFactory(
        unit=unit, cycle=open_cycle(head_approval_required=head_approval)
    )
    innovation_transition(innovation=innovation, action="submit", by=operator)
    fast, slow = _same_rows_from_ids_alone(innovation, "submit", innovation.status)
    assert fast and fast == slow


def test_rejection_rows_equal_those_of_the_ids_alone(unit, operator, head, lead_curator):
    innovation = InnovationFactory(unit=unit, cycle=open_cycle(), status=Status.SUBMITTED)
    note = 'Belum lengkap: "indikator" & <anggaran>.'
    innovation_transition(innovation=innovation, action="reject", by=lead_curator, note=note)
    fast, slow = _same_rows_from_ids_alone(innovation, "reject", "rejected", note)
    assert fast and fast == slow


def test_community_entry_rows_equal_those_of_the_ids_alone(curator):
    innovation = CommunityInnovationFactory(cycle=open_cycle(), created_by=curator)
    innovation_transition(innovation=innovation, action="submit", by=curator)
    fast, slow = _same_rows_from_ids_alone(innovation, "submit", "submitted")
    assert fast and fast == slow
    assert fast[0]["recipient_id"] is None
