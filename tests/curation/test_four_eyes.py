"""Four eyes: nobody approves an entry they created, or one that only they reviewed.

A second curator's review, or an administrator's approval, is needed (issue 19: a lead curator
entered a masyarakat innovation, submitted, reviewed and approved it alone).
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from curation.services import decision_bulk, review_save
from innovations.enums import Status
from innovations.services import innovation_transition
from innovations.workflow import allowed_actions
from tests.factories import UserFactory
from tests.innovations.factories import CommunityInnovationFactory

from .factories import QueuedInnovationFactory, scores

pytestmark = pytest.mark.django_db


def transitions_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/transitions/"


def review(innovation, curator, value=4):
    review_save(innovation=innovation, by=curator, scores=scores(value), recommendation="approve")
    innovation.refresh_from_db()


@pytest.fixture
def own_entry(lead_curator, cycle):
    """The attack: a lead curator enters a masyarakat innovation, submits and reviews it."""
    entry = CommunityInnovationFactory(created_by=lead_curator, cycle=cycle)
    innovation_transition(innovation=entry, action="submit", by=lead_curator)
    review(entry, lead_curator)
    assert entry.status == Status.IN_REVIEW
    return entry


def test_creator_cannot_approve_own_entry(api_as, lead_curator, own_entry):
    response = api_as(lead_curator).post(
        transitions_url(own_entry), {"action": "approve"}, format="json"
    )

    assert response.status_code == 403
    own_entry.refresh_from_db()
    assert own_entry.status == Status.IN_REVIEW


def test_creator_cannot_approve_own_entry_even_after_another_review(
    lead_curator, curator, own_entry
):
    review(own_entry, curator)

    assert "approve" not in allowed_actions(own_entry, lead_curator)
    with pytest.raises(PermissionDenied):
        innovation_transition(innovation=own_entry, action="approve", by=lead_curator)


def test_creator_may_still_reject_and_request_revision(lead_curator, own_entry):
    assert {"reject", "request_revision"} <= set(allowed_actions(own_entry, lead_curator))


def test_another_lead_curator_approves_the_entry(api_as, lead_curator, curator, own_entry):
    other_lead = UserFactory(role="curator", is_lead=True)
    review(own_entry, curator)

    response = api_as(other_lead).post(
        transitions_url(own_entry), {"action": "approve"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "approved"


def test_admin_approves_the_entry(api_as, admin_user, own_entry):
    response = api_as(admin_user).post(
        transitions_url(own_entry), {"action": "approve"}, format="json"
    )

    assert response.status_code == 200


@pytest.fixture
def reviewed_by_lead_alone(lead_curator, queued):
    review(queued, lead_curator)
    return queued


def test_sole_reviewer_cannot_approve(api_as, lead_curator, reviewed_by_lead_alone):
    response = api_as(lead_curator).post(
        transitions_url(reviewed_by_lead_alone), {"action": "approve"}, format="json"
    )

    assert response.status_code == 400
    assert "kurator lain" in response.json()["reviews"][0]
    reviewed_by_lead_alone.refresh_from_db()
    assert reviewed_by_lead_alone.status == Status.IN_REVIEW


def test_sole_reviewer_approves_after_a_second_review(
    lead_curator, curator, reviewed_by_lead_alone
):
    review(reviewed_by_lead_alone, curator)

    moved = innovation_transition(
        innovation=reviewed_by_lead_alone, action="approve", by=lead_curator
    )

    assert moved.status == Status.APPROVED


def test_sole_reviewer_of_the_current_round_cannot_approve(lead_curator, curator, operator, queued):
    # The other curator's review belongs to round 1; in round 2 the lead reviewed alone.
    review(queued, curator)
    innovation_transition(innovation=queued, action="request_revision", by=curator, note="Data")
    innovation_transition(innovation=queued, action="submit", by=operator)
    queued.refresh_from_db()
    review(queued, lead_curator)

    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=queued, action="approve", by=lead_curator)
    assert "reviews" in refused.value.message_dict


def test_admin_approves_what_the_lead_reviewed_alone(admin_user, reviewed_by_lead_alone):
    moved = innovation_transition(
        innovation=reviewed_by_lead_alone, action="approve", by=admin_user
    )

    assert moved.status == Status.APPROVED


def test_other_lead_approves_what_one_lead_reviewed(lead_curator, reviewed_by_lead_alone):
    other_lead = UserFactory(role="curator", is_lead=True)

    moved = innovation_transition(
        innovation=reviewed_by_lead_alone, action="approve", by=other_lead
    )

    assert moved.status == Status.APPROVED


def test_bulk_approve_reports_the_four_eyes_refusal(lead_curator, reviewed_by_lead_alone):
    [result] = decision_bulk(
        innovations=[reviewed_by_lead_alone], action="approve", by=lead_curator
    )

    assert not result.moved
    assert "kurator lain" in result.reason


def test_decide_page_has_no_approve_button_for_the_creator(lead_curator, own_entry):
    client = Client()
    client.force_login(lead_curator)

    html = client.get(reverse("curation:review", args=[own_entry.pk])).content.decode()

    assert 'name="action" value="reject"' in html
    assert 'name="action" value="approve"' not in html


def test_unrelated_queued_innovation_not_affected(lead_curator, curator, cycle):
    innovation = QueuedInnovationFactory(cycle=cycle)
    review(innovation, curator)

    assert "approve" in allowed_actions(innovation, lead_curator)
    assert innovation_transition(innovation=innovation, action="approve", by=lead_curator)
