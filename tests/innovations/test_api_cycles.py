"""/api/v1/cycles/: everyone signed in reads; admins create and change."""

import pytest

from innovations.models import Cycle
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/cycles/"
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]

NEW = {
    "year": 2031,
    "submission_opens": "2031-01-15",
    "submission_deadline": "2031-09-30",
    "curation_deadline": "2031-11-15",
    "agreement_deadline": "2031-02-28",
    "launch_date": "2031-12-11",
}


@pytest.mark.parametrize("role", ROLES)
def test_cycle_list_and_detail_for_every_role(role, users_by_role, api_as):
    CycleFactory(year=2025)
    client = api_as(users_by_role[role])

    listing = client.get(LIST)
    detail = client.get(f"{LIST}2025/")

    assert listing.status_code == 200
    assert [c["year"] for c in listing.json()["results"]] == [2025]
    assert detail.status_code == 200
    assert detail.json()["min_innovations_per_unit"] == 1
    assert detail.json()["reminder_offsets_days"] == [30, 14, 7, 1]
    assert detail.json()["iga_bands"][0]["category"] == "sangat_inovatif"


def test_cycle_anonymous_401(api_as):
    CycleFactory(year=2025)

    assert api_as(None).get(LIST).status_code == 401
    assert api_as(None).get(f"{LIST}2025/").status_code == 401


def test_cycle_unknown_year_404(api_as, operator):
    assert api_as(operator).get(f"{LIST}1990/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_cycle_create_admin_only(role, users_by_role, api_as):
    response = api_as(users_by_role[role]).post(LIST, NEW, format="json")

    if role == "admin":
        assert response.status_code == 201
        assert response.json()["reminder_offsets_days"] == [30, 14, 7, 1]
        assert Cycle.objects.filter(year=2031).exists()
    else:
        assert response.status_code == 403
        assert not Cycle.objects.filter(year=2031).exists()


@pytest.mark.parametrize("role", ROLES)
def test_cycle_patch_admin_only(role, users_by_role, api_as):
    CycleFactory(year=2025)

    response = api_as(users_by_role[role]).patch(
        f"{LIST}2025/", {"min_innovations_per_unit": 2}, format="json"
    )

    assert response.status_code == (200 if role == "admin" else 403)
    assert Cycle.objects.get(year=2025).min_innovations_per_unit == (2 if role == "admin" else 1)


def test_cycle_dates_out_of_order_400(api_as, admin_user):
    response = api_as(admin_user).post(
        LIST, {**NEW, "submission_deadline": "2031-01-01"}, format="json"
    )

    assert response.status_code == 400
    assert "submission_deadline" in response.json()


def test_cycle_patch_checks_against_stored_dates(api_as, admin_user):
    CycleFactory(year=2025)

    response = api_as(admin_user).patch(
        f"{LIST}2025/", {"curation_deadline": "2025-09-01"}, format="json"
    )

    assert response.status_code == 400
    assert "curation_deadline" in response.json()


def test_cycle_bad_reminder_offsets_400(api_as, admin_user):
    response = api_as(admin_user).post(
        LIST, {**NEW, "reminder_offsets_days": [7, "x"]}, format="json"
    )

    assert response.status_code == 400
    assert "reminder_offsets_days" in response.json()


def test_cycle_year_cannot_change(api_as, admin_user):
    CycleFactory(year=2025)

    api_as(admin_user).patch(f"{LIST}2025/", {"year": 2040}, format="json")

    assert Cycle.objects.filter(year=2025).exists()


def test_cycle_duplicate_year_400(api_as, admin_user):
    CycleFactory(year=2031)

    response = api_as(admin_user).post(LIST, NEW, format="json")

    assert response.status_code == 400
    assert "year" in response.json()


def test_cycle_list_query_count_constant(api_as, operator, django_assert_num_queries):
    client = api_as(operator)
    CycleFactory(year=2020)
    with django_assert_num_queries(2) as one:
        client.get(LIST)
    for year in range(2021, 2030):
        CycleFactory(year=year)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(LIST).json()["count"] == 10


@pytest.mark.parametrize("year", [0, 1999, 2101])
def test_cycle_year_outside_the_calendar_400(api_as, admin_user, year):
    response = api_as(admin_user).post(LIST, {**NEW, "year": year}, format="json")

    assert response.status_code == 400
    assert "year" in response.json()
    assert not Cycle.objects.filter(year=year).exists()
