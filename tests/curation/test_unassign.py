"""A lead curator or an admin takes a curator off an innovation (API and review page)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from curation.models import Assignment
from curation.services import assignment_remove
from innovations.enums import Status

from .factories import AssignmentFactory, CuratorFactory, QueuedInnovationFactory, ReviewFactory


def assignment_url(innovation, email):
    return f"/api/v1/innovations/{innovation.pk}/assignments/{email}/"


@pytest.fixture
def assigned(queued):
    curator = CuratorFactory()
    AssignmentFactory(innovation=queued, curator=curator)
    return curator


def test_remove_keeps_the_curators_review(queued, assigned, lead_curator):
    ReviewFactory(innovation=queued, curator=assigned)

    assert assignment_remove(innovation=queued, curator=assigned, by=lead_curator) is True

    assert not Assignment.objects.filter(innovation=queued, curator=assigned).exists()
    assert queued.reviews.filter(curator=assigned).exists()


def test_remove_of_an_unassigned_curator_answers_false(queued, lead_curator):
    assert assignment_remove(innovation=queued, curator=CuratorFactory(), by=lead_curator) is False


def test_a_plain_curator_cannot_remove(queued, assigned, curator):
    with pytest.raises(PermissionDenied):
        assignment_remove(innovation=queued, curator=assigned, by=curator)
    assert Assignment.objects.filter(curator=assigned).exists()


def test_a_decided_innovation_keeps_its_assignments(cycle, lead_curator):
    approved = QueuedInnovationFactory(cycle=cycle, status=Status.APPROVED)
    curator = CuratorFactory()
    AssignmentFactory(innovation=approved, curator=curator)

    with pytest.raises(ValidationError):
        assignment_remove(innovation=approved, curator=curator, by=lead_curator)
    assert Assignment.objects.filter(innovation=approved, curator=curator).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("lead_curator", 204),
        ("admin", 204),
        ("curator", 403),
        ("leader", 403),
        ("operator", 404),
        ("other_operator", 404),
    ],
)
def test_api_delete_permissions(api_as, users_by_role, queued, assigned, role, expected):
    response = api_as(users_by_role[role]).delete(assignment_url(queued, assigned.email))

    assert response.status_code == expected
    assert Assignment.objects.filter(curator=assigned).exists() == (expected != 204)


def test_api_delete_of_an_unassigned_curator_404(api_as, lead_curator, queued):
    response = api_as(lead_curator).delete(assignment_url(queued, CuratorFactory().email))

    assert response.status_code == 404


def test_api_delete_matches_the_email_case_insensitively(api_as, lead_curator, queued, assigned):
    response = api_as(lead_curator).delete(assignment_url(queued, assigned.email.upper()))

    assert response.status_code == 204


def test_review_page_offers_remove_to_a_lead_curator_only(
    client, queued, assigned, curator, lead_curator
):
    page = reverse("curation:review", args=[queued.pk])
    client.force_login(lead_curator)
    assert f'data-unassign="{assigned.email}"' in client.get(page).content.decode()
    client.force_login(curator)
    assert "data-unassign" not in client.get(page).content.decode()


def test_review_page_remove_takes_the_curator_off(client, queued, assigned, lead_curator):
    client.force_login(lead_curator)

    response = client.post(
        reverse("curation:unassign", args=[queued.pk]), {"curator": assigned.email}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("curation:review", args=[queued.pk])
    assert not Assignment.objects.filter(curator=assigned).exists()
    assert assigned.full_name in response.content.decode()


def test_review_page_remove_by_a_plain_curator_403(client, queued, assigned, curator):
    client.force_login(curator)

    response = client.post(
        reverse("curation:unassign", args=[queued.pk]), {"curator": assigned.email}
    )

    assert response.status_code == 403
    assert Assignment.objects.filter(curator=assigned).exists()
