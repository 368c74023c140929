"""Units create and submit only in an open cycle (issue 16); curators and admins keep their rights.

Refused through the service, the page and the API alike.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

from innovations.checks import region_today
from innovations.enums import Status
from innovations.models import Cycle, Innovation
from innovations.services import innovation_create, innovation_transition
from tests.factories import CycleFactory

from .factories import DeadlineExtensionFactory, InnovationFactory
from .pages import page_client
from .test_api_innovations import LIST, body
from .test_pages_form import profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_cycle(db):
    return CycleFactory(year=2021)


@pytest.fixture
def future_cycle(db):
    today = region_today()
    return CycleFactory(
        year=today.year + 1,
        submission_opens=today + datetime.timedelta(days=30),
        submission_deadline=today + datetime.timedelta(days=200),
        curation_deadline=today + datetime.timedelta(days=250),
        agreement_deadline=today + datetime.timedelta(days=60),
    )


def test_open_for_lists_the_window_and_the_units_extension(
    cycle, closed_cycle, future_cycle, unit, other_unit
):
    assert list(Cycle.objects.open_for(unit)) == [cycle]

    late = CycleFactory(
        year=2022,
        submission_opens=region_today() - datetime.timedelta(days=100),
        submission_deadline=region_today() - datetime.timedelta(days=1),
    )
    DeadlineExtensionFactory(
        cycle=late, unit=unit, until=region_today() + datetime.timedelta(days=3)
    )

    assert set(Cycle.objects.open_for(unit)) == {cycle, late}
    assert set(Cycle.objects.open_for(other_unit)) == {cycle}


@pytest.mark.parametrize("which", ["closed_cycle", "future_cycle"])
def test_unit_cannot_create_outside_an_open_cycle(which, request, operator):
    shut = request.getfixturevalue(which)

    with pytest.raises(ValidationError) as refused:
        innovation_create(by=operator, cycle=shut, title="Antrean daring")

    assert list(refused.value.message_dict) == ["year"]
    assert not Innovation.objects.exists()


@pytest.mark.parametrize("role", ["curator", "admin"])
def test_curators_and_admins_keep_creating_in_any_cycle(role, users_by_role, closed_cycle, unit):
    created = innovation_create(
        by=users_by_role[role], cycle=closed_cycle, unit=unit, title="Arsip 2021"
    )

    assert created.year == 2021


def test_api_refuses_a_closed_cycle_with_400(api_as, operator, cycle, closed_cycle):
    response = api_as(operator).post(LIST, body(year=closed_cycle.year), format="json")

    assert response.status_code == 400
    assert "2021" in response.json()["year"][0]
    assert not Innovation.objects.exists()

    assert api_as(operator).post(LIST, body(year=cycle.year), format="json").status_code == 201


def test_api_lets_a_curator_enter_a_closed_cycle(api_as, curator, unit, closed_cycle):
    response = api_as(curator).post(
        LIST, body(year=closed_cycle.year, unit=unit.code), format="json"
    )

    assert response.status_code == 201


def test_year_picker_offers_a_unit_only_open_cycles(operator, curator, cycle, closed_cycle):
    unit_page = page_client(operator).get("/innovations/new/")
    curator_page = page_client(curator).get("/innovations/new/")

    assert [y for y, _ in unit_page.context["form"].fields["year"].choices] == [cycle.year]
    assert {y for y, _ in curator_page.context["form"].fields["year"].choices} == {
        cycle.year,
        closed_cycle.year,
    }


def test_page_refuses_a_closed_year(operator, cycle, closed_cycle):
    response = page_client(operator).post("/innovations/new/", profile(closed_cycle))

    assert response.status_code == 400
    assert "year" in response.context["form"].errors
    assert not Innovation.objects.exists()


def test_page_says_when_no_cycle_is_open(operator, closed_cycle):
    response = page_client(operator).get("/innovations/new/", follow=True)

    assert response.redirect_chain[-1][0].endswith("/innovations/")
    assert "No cycle is open for submissions now" in response.content.decode()


def test_unit_cannot_submit_before_the_window_opens(future_cycle, unit, operator):
    innovation = InnovationFactory(cycle=future_cycle, unit=unit)

    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=innovation, action="submit", by=operator)

    assert "submission_opens" in refused.value.message_dict
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_not_yet_open_refusal_writes_the_opening_date_as_the_pages_do(future_cycle, unit, operator):
    innovation = InnovationFactory(cycle=future_cycle, unit=unit)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=innovation, action="submit", by=operator)

    opens = future_cycle.submission_opens
    (message,) = refused.value.message_dict["submission_opens"]
    assert message.endswith(f"open on {opens.day} {opens:%B} {opens.year}.")


def test_api_refusal_of_a_closed_cycle_writes_its_dates_as_the_pages_do(
    api_as, operator, cycle, closed_cycle
):
    response = api_as(operator).post(LIST, body(year=closed_cycle.year), format="json")

    (message,) = response.json()["year"]  # in Indonesian, the interface's default
    for day in (closed_cycle.submission_opens, closed_cycle.submission_deadline):
        with translation.override("id"):
            assert date_format(day, "j F Y") in message
        assert day.isoformat() not in message
