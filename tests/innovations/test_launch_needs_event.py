"""`launch` adds an approved innovation to its cycle's launch event: no event, no launch."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from innovations.enums import Status
from innovations.models import TransitionLog
from innovations.services import innovation_transition
from reports.models import LaunchEvent
from tests.factories import CycleFactory

from .factories import InnovationFactory
from .pages import page_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(unit, cycle):
    return InnovationFactory(unit=unit, cycle=cycle, status=Status.APPROVED)


def add_event(cycle):
    return LaunchEvent.objects.create(
        cycle=cycle, name="Launching INTAN BANJAR", date=datetime.date(cycle.year, 12, 11)
    )


def test_launch_refused_without_launch_event(api_as, admin_user, approved):
    response = api_as(admin_user).post(
        f"/api/v1/innovations/{approved.pk}/transitions/", {"action": "launch"}, format="json"
    )

    assert response.status_code == 400
    assert "acara peluncuran" in response.json()["launch_event"][0]
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert not TransitionLog.objects.filter(action="launch").exists()


def test_launch_allowed_with_the_cycle_launch_event(api_as, admin_user, approved):
    add_event(approved.cycle)

    response = api_as(admin_user).post(
        f"/api/v1/innovations/{approved.pk}/transitions/", {"action": "launch"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "launched"


def test_another_cycle_event_does_not_count(admin_user, approved):
    add_event(CycleFactory(year=approved.cycle.year - 1))

    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=approved, action="launch", by=admin_user)
    assert "launch_event" in refused.value.message_dict


def test_launch_button_refusal_shows_the_reason(admin_user, approved):
    response = page_client(admin_user).post(f"/innovations/{approved.pk}/", {"action": "launch"})

    assert response.status_code == 400
    assert "no launch event" in response.content.decode()  # the page client reads English
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
