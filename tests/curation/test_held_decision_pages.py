"""A decision held for the cycle's publication is visible where curation works on the innovation
(the review page, the innovation page), to the curators and admins only, and deciding again is a
recorded change of it, not a silent overwrite."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.enums import Role
from innovations.enums import Status
from innovations.held import HeldDecisionChange
from innovations.models import HeldDecision
from innovations.publishing import decisions_publish
from innovations.services import innovation_transition
from tests.factories import UserFactory

from .factories import ReviewFactory
from .page_helpers import html, review_url

pytestmark = pytest.mark.django_db

NOTE = "Duplikat dengan inovasi tahun lalu."


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def rejected(queued, lead_curator):
    """`queued` in a cycle that publishes together, rejected by `lead_curator` (held)."""
    queued.cycle.publish_decisions_together = True
    queued.cycle.save()
    queued.status = Status.IN_REVIEW
    queued.save()
    ReviewFactory(innovation=queued)
    innovation_transition(innovation=queued, action="reject", by=lead_curator, note=NOTE)
    return queued


@pytest.fixture
def second_lead(db):
    return UserFactory(role=Role.CURATOR, is_lead=True, full_name="Rahmat Hidayat")


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return html(response)


def detail_url(innovation):
    return reverse("innovations:detail", args=[innovation.pk])


def test_review_page_shows_the_held_decision_and_offers_to_change_it(
    english, rejected, lead_curator, second_lead
):
    shown = page(english, second_lead, review_url(rejected))

    assert 'data-held-decision="reject"' in shown
    assert "Decision held for publication" in shown
    assert f"decided by {lead_curator.full_name}" in shown
    assert NOTE in shown
    assert "Change the held decision to “Approve”" in shown
    assert "Change the held decision to “Reject”" in shown
    assert ">Approve</button>" not in shown


def test_review_page_without_a_held_decision_offers_plain_decisions(english, queued, lead_curator):
    queued.cycle.publish_decisions_together = True
    queued.cycle.save()
    queued.status = Status.IN_REVIEW
    queued.save()
    ReviewFactory(innovation=queued)

    shown = page(english, lead_curator, review_url(queued))

    assert "data-held-decision" not in shown
    assert ">Approve</button>" in shown


@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin"])
def test_innovation_page_shows_the_held_decision_to_curation_staff(
    role, english, users_by_role, rejected
):
    shown = page(english, users_by_role[role], detail_url(rejected))

    assert 'data-held-decision="reject"' in shown
    assert NOTE in shown


@pytest.mark.parametrize("role", ["operator", "head", "leader"])
def test_innovation_page_never_shows_the_held_decision_to_others(
    role, client, users_by_role, rejected
):
    shown = page(client, users_by_role[role], detail_url(rejected))

    assert "data-held-decision" not in shown
    assert NOTE not in shown


def test_deciding_again_records_the_change(rejected, lead_curator, second_lead):
    innovation_transition(innovation=rejected, action="approve", by=second_lead, note="Layak.")

    held = HeldDecision.objects.get(innovation=rejected)
    assert (held.action, held.decided_by, held.note) == ("approve", second_lead, "Layak.")
    change = HeldDecisionChange.objects.get(innovation=rejected)
    assert (change.action, change.note, change.decided_by, change.changed_by) == (
        "reject",
        NOTE,
        lead_curator,
        second_lead,
    )


def test_a_revision_request_keeps_the_held_decision_it_replaces(
    rejected, lead_curator, second_lead
):
    innovation_transition(
        innovation=rejected, action="request_revision", by=second_lead, note="Lengkapi data."
    )

    assert not HeldDecision.objects.filter(innovation=rejected).exists()
    change = HeldDecisionChange.objects.get(innovation=rejected)
    assert (change.action, change.decided_by, change.changed_by) == (
        "reject",
        lead_curator,
        second_lead,
    )


def test_deciding_again_on_the_review_page_says_the_held_decision_changed(
    english, rejected, lead_curator, second_lead
):
    english.force_login(second_lead)
    response = english.post(
        reverse("curation:decide", args=[rejected.pk]), {"action": "approve"}, follow=True
    )

    shown = html(response)
    assert f"{rejected.code}: The held decision is changed to “Approve”" in shown
    assert 'data-held-decision="approve"' in shown
    assert "Changed once" in shown
    assert f"changed by {second_lead.full_name}" in shown
    rejected.refresh_from_db()
    assert rejected.status == Status.IN_REVIEW


def test_publishing_applies_the_changed_decision(rejected, second_lead, admin_user):
    innovation_transition(innovation=rejected, action="approve", by=second_lead)

    decisions_publish(cycle=rejected.cycle, by=admin_user)

    rejected.refresh_from_db()
    assert rejected.status == Status.APPROVED
    assert rejected.history.filter(action="approve").get().actor == second_lead
