"""An innovation across years in the catalogue, the IID candidates and the trend."""

import datetime

import pytest
from django.urls import reverse

from iga.candidates import candidates
from innovations.enums import Status
from tests.factories import CycleFactory

from .factories import LaunchedFactory, ReplicationFactory

pytestmark = pytest.mark.django_db


def test_catalogue_page_shows_every_launched_year(client, unit):
    y2023 = LaunchedFactory(unit=unit, cycle=CycleFactory(year=2023))
    y2024 = LaunchedFactory(unit=unit, cycle=CycleFactory(year=2024), predecessor=y2023)
    y2025 = LaunchedFactory(unit=unit, cycle=CycleFactory(year=2025), predecessor=y2024)
    draft = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2026), predecessor=y2025, status=Status.DRAFT
    )

    page = client.get(reverse("katalog:detail", args=[y2024.code])).content.decode()

    assert "data-years" in page
    for entry in (y2023, y2025):
        assert reverse("katalog:detail", args=[entry.code]) in page
    assert draft.code not in page  # a draft is never public


def test_catalogue_years_skip_an_entry_that_was_not_launched(client, unit):
    y2023 = LaunchedFactory(unit=unit, cycle=CycleFactory(year=2023))
    y2024 = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2024), predecessor=y2023, status=Status.APPROVED
    )
    y2025 = LaunchedFactory(unit=unit, cycle=CycleFactory(year=2025), predecessor=y2024)

    page = client.get(reverse("katalog:detail", args=[y2025.code])).content.decode()
    years = client.get(f"/api/v1/public/innovations/{y2025.code}/years/").json()

    assert y2023.code in page and y2024.code not in page
    assert [y["year"] for y in years] == [2023, 2025]


def test_catalogue_page_shows_replications(client, unit):
    innovation = LaunchedFactory(unit=unit)
    ReplicationFactory(innovation=innovation, region_name="Kabupaten Tapin", region_code="63.05")

    page = client.get(reverse("katalog:detail", args=[innovation.code])).content.decode()
    public = client.get(f"/api/v1/public/innovations/{innovation.code}/replications/").json()

    assert "data-replications" in page and "Kabupaten Tapin" in page
    assert public == [
        {
            "adopter_kind": "region",
            "adopter": "Kabupaten Tapin",
            "region_code": "63.05",
            "replicated_on": "2026-02-10",
            "description": "",
        }
    ]


def test_public_years_of_an_unlaunched_innovation_are_404(client, unit):
    draft = LaunchedFactory(unit=unit, status=Status.DRAFT)
    assert client.get(f"/api/v1/public/innovations/{draft.code}/years/").status_code == 404


# --- IID candidates ----------------------------------------------------------------------------

TODAY = datetime.date(2026, 12, 6)


def codes(cycle, user):
    return set(candidates(cycle, user, today=TODAY).values_list("code", flat=True))


def test_candidates_are_implemented_in_the_last_two_years(admin_user, unit):
    iga_2026 = CycleFactory(year=2026)
    recent = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2024), implementation_date=datetime.date(2025, 1, 2)
    )
    edge = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2024), implementation_date=datetime.date(2024, 12, 6)
    )
    old = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2025), implementation_date=datetime.date(2024, 12, 5)
    )
    undated_recent = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2024), implementation_date=None
    )
    undated_old = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2023), implementation_date=None
    )
    not_approved = LaunchedFactory(
        unit=unit,
        cycle=CycleFactory(year=2025),
        status=Status.IN_REVIEW,
        implementation_date=datetime.date(2025, 6, 1),
    )

    found = codes(iga_2026, admin_user)

    assert {recent.code, edge.code, undated_recent.code} <= found
    assert not found & {old.code, undated_old.code, not_approved.code}


def test_a_continued_innovation_is_one_candidate_its_latest_year(admin_user, unit):
    iga_2026 = CycleFactory(year=2026)
    implemented = datetime.date(2025, 3, 1)
    y2025 = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2025), implementation_date=implemented
    )
    y2026 = LaunchedFactory(
        unit=unit,
        cycle=iga_2026,
        predecessor=y2025,
        status=Status.APPROVED,
        implementation_date=implemented,
    )

    assert y2026.code in codes(iga_2026, admin_user)
    assert y2025.code not in codes(iga_2026, admin_user)
    # For the IGA of 2025 the 2026 entry does not exist yet: 2025 is the candidate.
    assert y2025.code in set(
        candidates(CycleFactory(year=2025), admin_user).values_list("code", flat=True)
    )


def test_a_draft_continuation_does_not_hide_the_launched_year(admin_user, unit):
    iga_2026 = CycleFactory(year=2026)
    y2025 = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2025), implementation_date=datetime.date(2025, 3, 1)
    )
    LaunchedFactory(unit=unit, cycle=iga_2026, predecessor=y2025, status=Status.DRAFT)

    assert y2025.code in codes(iga_2026, admin_user)


def test_candidates_are_scoped_to_the_user(operator, other_operator, unit):
    iga_2026 = CycleFactory(year=2026)
    mine = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=2025), implementation_date=datetime.date(2025, 3, 1)
    )
    assert mine.code in codes(iga_2026, operator)
    assert mine.code not in codes(iga_2026, other_operator)
