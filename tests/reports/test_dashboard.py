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
    InnovationFactory(cycle=cycle_2025, unit=unit, status=Status.DRAFT)  # leaders never see drafts
    client.force_login(leader)
    response = client.get("/reports/?year=2025")
    assert response.context["total"] == 3
    assert dict(response.context["by_status"])[Status.SUBMITTED] == 2
    assert response.context["curation"]["waiting"] == 2


# 8 for the overview, 6 for the IID trend (published indices, cycles, their indicators and
# rules, IGA entries, region levels; iga.history), whatever the number of years.
QUERIES = 14


@pytest.mark.parametrize("per_category", [1, 10])
def test_dashboard_query_count_constant(
    client, admin_user, unit, cycle_2025, per_category, django_assert_num_queries
):
    InnovationFactory.create_batch(
        per_category, cycle=cycle_2025, unit=unit, status=Status.SUBMITTED
    )
    client.force_login(admin_user)
    client.get("/reports/?year=2025")  # warm the session and the cycle lookups
    # session, user, cycle, status aggregate, compliance (units, agreements; the per-unit counts
    # are cached by the warm-up request, as no innovation changed since), trend, cycles, and the
    # IID trend
    with django_assert_num_queries(QUERIES):
        client.get("/reports/?year=2025")
