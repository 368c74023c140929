import pytest

from innovations.enums import Status
from innovations.models import TransitionLog
from tests.factories import CycleFactory
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle_2025():
    return CycleFactory(year=2025)


def create_event(client):
    return client.post(
        "/api/v1/launches/",
        {
            "year": 2025,
            "name": "Launching INTAN BANJAR 2025",
            "date": "2025-12-11",
            "venue": "Sky Convention Center, Gambut",
        },
        format="json",
    )


def test_launch_event_created_by_admin(api_as, admin_user, cycle_2025):
    response = create_event(api_as(admin_user))
    assert response.status_code == 201
    assert response.json()["venue"] == "Sky Convention Center, Gambut"
    assert create_event(api_as(admin_user)).status_code == 400  # one per cycle


@pytest.mark.parametrize("role", ["operator", "head", "curator", "lead_curator", "leader"])
def test_launch_event_create_refused_to_non_admins(api_as, users_by_role, cycle_2025, role):
    assert create_event(api_as(users_by_role[role])).status_code == 403


def test_launch_adds_approved_and_reports_the_others(api_as, admin_user, cycle_2025, unit):
    client = api_as(admin_user)
    event_id = create_event(client).json()["id"]
    approved = InnovationFactory.create_batch(
        2, cycle=cycle_2025, unit=unit, status=Status.APPROVED
    )
    in_review = InnovationFactory(cycle=cycle_2025, unit=unit, status=Status.IN_REVIEW)
    other_year = InnovationFactory(cycle=CycleFactory(year=2024), unit=unit, status=Status.APPROVED)
    ids = [i.pk for i in approved] + [in_review.pk, other_year.pk, 999999]
    response = client.post(
        f"/api/v1/launches/{event_id}/innovations/", {"innovations": ids}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert sorted(item["id"] for item in body["launched"]) == sorted(i.pk for i in approved)
    assert sorted(item["id"] for item in body["refused"]) == sorted(
        [in_review.pk, other_year.pk, 999999]
    )
    for innovation in approved:
        innovation.refresh_from_db()
        assert innovation.status == Status.LAUNCHED
        assert TransitionLog.objects.filter(innovation=innovation, action="launch").exists()
    in_review.refresh_from_db()
    assert in_review.status == Status.IN_REVIEW


def test_launch_page_launches_selected(client, admin_user, cycle_2025, unit):
    client.force_login(admin_user)
    client.post("/reports/launch/2025/event/", {"name": "Launching", "date": "2025-12-11"})
    innovation = InnovationFactory(cycle=cycle_2025, unit=unit, status=Status.APPROVED)
    response = client.post("/reports/launch/2025/launch/", {"innovations": [innovation.pk]})
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == Status.LAUNCHED


@pytest.mark.parametrize("role", ["operator", "curator", "leader"])
def test_launch_page_action_refused_to_non_admins(client, users_by_role, cycle_2025, role):
    client.force_login(users_by_role[role])
    response = client.post("/reports/launch/2025/event/", {"name": "X", "date": "2025-12-11"})
    assert response.status_code == 403
