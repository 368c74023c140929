import pytest

from innovations.enums import Status
from tests.factories import CycleFactory
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle_2025():
    return CycleFactory(year=2025)


@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin", "leader"])
def test_dashboard_open_to_region_roles(client, users_by_role, cycle_2025, role):
    client.force_login(users_by_role[role])
    response = client.get("/reports/?year=2025")
    assert response.status_code == 200
    assert b"<svg" in response.content


@pytest.mark.parametrize("role", ["operator", "head", "other_operator"])
def test_dashboard_refused_to_unit_staff(client, users_by_role, cycle_2025, role):
    client.force_login(users_by_role[role])
    assert client.get("/reports/?year=2025").status_code == 403


def test_dashboard_anonymous_redirects(client, cycle_2025):
    assert client.get("/reports/").status_code == 302


def test_dashboard_counts_by_status(client, leader, unit, cycle_2025):
    InnovationFactory.create_batch(2, cycle=cycle_2025, unit=unit, status=Status.SUBMITTED)
    InnovationFactory(cycle=cycle_2025, unit=unit, status=Status.LAUNCHED)
    InnovationFactory(cycle=cycle_2025, unit=unit, status=Status.DRAFT)  # counted, not shown
    client.force_login(leader)
    response = client.get("/reports/?year=2025")
    assert response.context["total"] == 4
    assert dict(response.context["by_status"])[Status.DRAFT] == 1
    assert dict(response.context["by_status"])[Status.SUBMITTED] == 2
    assert response.context["curation"]["waiting"] == 2


# 7 for the overview, 6 for the IID trend (published indices, cycles, their indicators and
# rules, IGA entries, region levels; iga.history), whatever the number of years.
QUERIES = 13


@pytest.mark.parametrize("per_category", [1, 10])
def test_dashboard_query_count_constant(
    client, admin_user, unit, cycle_2025, per_category, django_assert_num_queries
):
    InnovationFactory.create_batch(
        per_category, cycle=cycle_2025, unit=unit, status=Status.SUBMITTED
    )
    client.force_login(admin_user)
    client.get("/reports/?year=2025")  # warm the session and the cycle lookups
    # session, user, cycle, status aggregate, compliance (the units and agreements' token: the
    # rows are kept by the warm-up request, as no unit, agreement or innovation changed since),
    # trend, cycles, and the IID trend
    with django_assert_num_queries(QUERIES):
        client.get("/reports/?year=2025")


REGION_ROLES = ["curator", "lead_curator", "admin", "leader"]


def _overview(client, user):
    client.force_login(user)
    context = client.get("/reports/?year=2025").context
    return (
        context["total"],
        context["by_status"],
        context["by_category"],
        context["trend"],
        context["compliance_totals"],
        context["curation"],
    )


def test_dashboard_totals_are_the_same_for_every_region_role(
    client, users_by_role, unit, other_unit, cycle_2025
):
    for status in Status:
        InnovationFactory(cycle=cycle_2025, unit=unit, status=status)
    InnovationFactory.create_batch(13, cycle=cycle_2025, unit=other_unit, status=Status.DRAFT)

    seen = {role: _overview(client, users_by_role[role]) for role in REGION_ROLES}

    assert seen["admin"][0] == len(Status) + 13
    assert dict(seen["admin"][1])[Status.DRAFT] == 14
    for role in REGION_ROLES:
        assert seen[role] == seen["admin"], role


def test_dashboard_says_drafts_are_counted(client, leader, cycle_2025):
    client.force_login(leader)
    page = client.get("/reports/?year=2025", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "data-counts-note" in page
