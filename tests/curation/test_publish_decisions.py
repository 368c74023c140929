"""Publishing a cycle's decisions together (issue 16): decisions are recorded, the units see
"in review" and hear nothing until a lead curator or admin publishes; then each unit is told its
results exactly once."""

import pytest
from django.urls import reverse

from curation.services import decision_bulk
from innovations.enums import Status
from innovations.models import DecisionPublication, HeldDecision
from innovations.publishing import decisions_publish
from innovations.services import innovation_transition
from notifications.enums import Kind
from notifications.models import Notification
from tests.factories import UnitFactory, UserFactory

from .factories import QueuedInnovationFactory, ReviewFactory

pytestmark = pytest.mark.django_db

RESULT_KINDS = [Kind.INNOVATION_APPROVED, Kind.INNOVATION_REJECTED, Kind.DECISIONS_PUBLISHED]


@pytest.fixture
def held_cycle(cycle):
    cycle.publish_decisions_together = True
    cycle.save()
    return cycle


def reviewed(cycle, unit, **kwargs):
    innovation = QueuedInnovationFactory(cycle=cycle, unit=unit, status=Status.IN_REVIEW, **kwargs)
    ReviewFactory(innovation=innovation)
    return innovation


def results():
    return Notification.objects.filter(kind__in=RESULT_KINDS)


def test_without_the_setting_a_decision_reaches_the_unit_at_once(
    cycle, unit, lead_curator, operator
):
    innovation = reviewed(cycle, unit)

    innovation_transition(innovation=innovation, action="approve", by=lead_curator)

    innovation.refresh_from_db()
    assert innovation.status == Status.APPROVED
    assert results().filter(kind=Kind.INNOVATION_APPROVED).exists()
    assert not HeldDecision.objects.exists()


def test_a_held_decision_leaves_the_unit_in_curation(
    held_cycle, unit, lead_curator, operator, api_as
):
    innovation = reviewed(held_cycle, unit)

    innovation_transition(innovation=innovation, action="reject", by=lead_curator, note="Duplikat")

    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW
    assert innovation.decided_at is None
    held = HeldDecision.objects.get()
    assert (held.action, held.note, held.decided_by) == ("reject", "Duplikat", lead_curator)
    assert not results().exists()
    data = api_as(operator).get(f"/api/v1/innovations/{innovation.pk}/").json()
    assert data["status"] == "in_review"


def test_a_held_rejection_of_a_submitted_innovation_starts_the_review(
    held_cycle, unit, lead_curator
):
    innovation = QueuedInnovationFactory(cycle=held_cycle, unit=unit)

    innovation_transition(innovation=innovation, action="reject", by=lead_curator, note="Tidak")

    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW
    assert HeldDecision.objects.get().action == "reject"


def test_deciding_again_replaces_and_a_revision_request_drops_the_held_decision(
    held_cycle, unit, lead_curator
):
    innovation = reviewed(held_cycle, unit)
    innovation_transition(innovation=innovation, action="reject", by=lead_curator, note="x")
    innovation_transition(innovation=innovation, action="approve", by=lead_curator)
    assert HeldDecision.objects.get().action == "approve"

    innovation_transition(
        innovation=innovation, action="request_revision", by=lead_curator, note="Lengkapi"
    )

    assert not HeldDecision.objects.exists()


def test_publishing_tells_each_unit_once(held_cycle, unit, lead_curator, admin_user):
    """Two units, three decisions: one message per person of each unit, listing its results."""
    operator = UserFactory(role="operator", unit=unit)
    other = UnitFactory()
    other_operator = UserFactory(role="operator", unit=other)
    first, second = reviewed(held_cycle, unit), reviewed(held_cycle, unit)
    third = reviewed(held_cycle, other)
    pending = reviewed(held_cycle, other)  # not decided: untouched by the publication
    innovation_transition(innovation=first, action="approve", by=lead_curator)
    innovation_transition(innovation=second, action="reject", by=lead_curator, note="Duplikat")
    innovation_transition(innovation=third, action="approve", by=lead_curator)

    result = decisions_publish(cycle=held_cycle, by=admin_user)

    assert {i.pk for i in result.published} == {first.pk, second.pk, third.pk}
    assert result.refused == []
    statuses = {i.pk: i.status for i in type(first).objects.filter(cycle=held_cycle)}
    assert statuses == {
        first.pk: Status.APPROVED,
        second.pk: Status.REJECTED,
        third.pk: Status.APPROVED,
        pending.pk: Status.IN_REVIEW,
    }
    # The history keeps who decided (the lead curator), with the note.
    log = second.history.get(action="reject")
    assert (log.actor, log.note) == (lead_curator, "Duplikat")
    rows = results()
    assert set(rows.values_list("kind", flat=True)) == {Kind.DECISIONS_PUBLISHED}
    by_person = {}
    for email, target in rows.values_list("email", "target_id"):
        by_person.setdefault(email, []).append(target)
    assert by_person == {operator.email: [unit.pk], other_operator.email: [other.pk]}
    assert not HeldDecision.objects.exists()
    assert set(DecisionPublication.objects.get().innovation_ids) == {
        first.pk,
        second.pk,
        third.pk,
    }

    # Publishing again announces nothing new.
    again = decisions_publish(cycle=held_cycle, by=admin_user)
    assert again.published == [] and again.publication is None
    assert results().count() == 2


def test_a_decision_that_no_longer_applies_stays_held(held_cycle, unit, lead_curator, admin_user):
    innovation = reviewed(held_cycle, unit)
    innovation_transition(innovation=innovation, action="approve", by=lead_curator)
    lead_curator.is_lead = False  # the decider lost the right to approve meanwhile
    lead_curator.save()

    result = decisions_publish(cycle=held_cycle, by=admin_user)

    assert [i.pk for i, _reason in result.refused] == [innovation.pk]
    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW
    assert HeldDecision.objects.get(publication__isnull=True)
    assert not results().exists()


@pytest.mark.parametrize("role", ["curator", "operator", "leader"])
def test_only_deciders_publish(role, users_by_role, held_cycle):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        decisions_publish(cycle=held_cycle, by=users_by_role[role])


def test_bulk_decisions_are_held_too(held_cycle, unit, lead_curator):
    innovations = [reviewed(held_cycle, unit) for _ in range(2)]

    decision_bulk(innovations=innovations, action="approve", by=lead_curator)

    assert HeldDecision.objects.count() == 2
    assert not results().exists()


def test_queue_shows_held_decisions_and_publishes(client, held_cycle, unit, lead_curator, operator):
    innovation = reviewed(held_cycle, unit)
    innovation_transition(innovation=innovation, action="approve", by=lead_curator)
    client.force_login(lead_curator)

    page = client.get(reverse("curation:queue"), {"year": held_cycle.year}).content.decode()
    assert 'data-held="approve"' in page
    assert 'data-held-count="1"' in page

    response = client.post(f"{reverse('curation:publish')}?year={held_cycle.year}")

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == Status.APPROVED
    assert (
        Notification.objects.filter(kind=Kind.DECISIONS_PUBLISHED, email=operator.email).count()
        == 1
    )


def test_api_publish(api_as, held_cycle, unit, lead_curator, curator):
    innovation = reviewed(held_cycle, unit)
    innovation_transition(innovation=innovation, action="approve", by=lead_curator)
    url = f"/api/v1/cycles/{held_cycle.year}/decisions/publish/"
    queue = api_as(curator).get("/api/v1/curation/queue/", {"year": held_cycle.year}).json()
    assert queue["results"][0]["held_decision"] == "approve"

    assert api_as(curator).post(url).status_code == 403
    response = api_as(lead_curator).post(url)

    assert response.status_code == 200
    assert response.json()["published"] == [
        {"id": innovation.pk, "code": innovation.code, "status": "approved"}
    ]
    assert response.json()["refused"] == []
