"""The compliance page and the home page commitment block."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.enums import AgreementStatus
from innovations.enums import Status
from tests.factories import UnitFactory

from .factories import AgreementFactory, InnovationFactory
from .view_helpers import COMPLIANCE

# --- compliance ---------------------------------------------------------------------------


@pytest.fixture
def delivered(cycle, unit, other_unit):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=2, status=AgreementStatus.VERIFIED)
    for status in ("draft", "submitted", "approved", "launched", "rejected", "withdrawn"):
        InnovationFactory(cycle=cycle, unit=unit, status=status)
    AgreementFactory(unit=other_unit, cycle=cycle, committed_count=1, status=AgreementStatus.SIGNED)


def page_row(html, code):
    match = re.search(
        rf'<tr class="compliance-(\w+)" data-unit="{re.escape(code)}".*?</tr>', html, re.S
    )
    assert match, code
    cells = dict(re.findall(r'data-col="(\w+)">([^<]*)<', match.group(0)))
    return match.group(1), cells


@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin", "leader"])
def test_compliance_page_region_roles_see_every_unit(
    login, users_by_role, delivered, unit, other_unit, role
):
    html = login(users_by_role[role]).get(COMPLIANCE).content.decode()

    assert f'data-unit="{unit.code}"' in html
    assert f'data-unit="{other_unit.code}"' in html


@pytest.mark.parametrize("role", ["operator", "head", "other_operator"])
def test_compliance_page_unit_staff_see_own_row(login, users_by_role, delivered, role):
    user = users_by_role[role]

    html = login(user).get(COMPLIANCE).content.decode()

    assert re.findall(r'data-unit="([^"]+)"', html) == [user.unit.code]


def test_compliance_page_same_numbers_as_api(
    login, api_as, curator, delivered, only_test_units, unit, other_unit
):
    html = login(curator).get(COMPLIANCE).content.decode()
    api = {row["unit"]: row for row in api_as(curator).get("/api/v1/compliance/").json()["results"]}

    for code, colour in ((unit.code, "green"), (other_unit.code, "amber")):
        page_colour, cells = page_row(html, code)
        assert page_colour == colour == api[code]["colour"]
        for field in ("committed", "drafted", "submitted", "approved", "launched"):
            assert int(cells[field]) == api[code][field]
    totals = re.search(r'id="compliance-totals".*?</tr>', html, re.S).group(0)
    assert 'data-col="approved">2<' in totals
    assert 'data-col="committed">3<' in totals


def test_compliance_page_filters_and_export_links(login, curator, delivered, unit, other_unit):
    html = login(curator).get(COMPLIANCE + "?agreement_status=verified").content.decode()

    assert re.findall(r'data-unit="([^"]+)"', html) == [unit.code]
    assert (
        "/api/v1/reports/compliance/2025/export/?agreement_status=verified&amp;format=xlsx" in html
    )
    assert "format=csv" in html


def test_compliance_page_bad_filter_is_400(login, curator, cycle):
    assert login(curator).get(COMPLIANCE + "?met=maybe").status_code == 400


def test_compliance_page_query_count_constant(
    login, curator, cycle, only_test_units, django_assert_num_queries
):
    UnitFactory()
    client = login(curator)
    with CaptureQueriesContext(connection) as one:
        assert client.get(COMPLIANCE).status_code == 200
    for n in range(9):
        extra = UnitFactory()
        if n % 2:
            AgreementFactory(unit=extra, cycle=cycle, status=AgreementStatus.SIGNED)
        InnovationFactory(cycle=cycle, unit=extra, status=Status.SUBMITTED)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(COMPLIANCE)
    assert response.content.decode().count("data-unit=") == 10


# --- home page commitment block -----------------------------------------------------------


def render_commitment(rf, user):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = user
    return Template("{% load agreements %}{% unit_commitment %}").render(
        Context({"request": request})
    )


def test_unit_commitment_shows_what_is_owed(rf, head, cycle, unit):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=3, status=AgreementStatus.SIGNED)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.REJECTED)

    html = render_commitment(rf, head)

    assert f'data-commitment="{unit.code}"' in html
    assert 'data-owed="2"' in html


def test_unit_commitment_met(rf, operator, cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit, status=Status.LAUNCHED)

    assert 'data-owed="0"' in render_commitment(rf, operator)


def test_unit_commitment_empty_for_region_roles(rf, curator, cycle):
    assert "data-commitment" not in render_commitment(rf, curator)
