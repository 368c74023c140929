"""Replications: by another unit of Banjar or another region, counted where the IID asks."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from iga.readiness import readiness_of
from innovations.enums import Status
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict
from portfolio.enums import AdopterKind
from portfolio.models import Replication
from portfolio.replications import replication_create, replication_delete, replication_update
from tests.factories import UnitFactory
from tests.innovations.factories import PDF_BYTES

from .factories import LaunchedFactory, ReplicationFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 2, 10)


def by_region(name="Kabupaten Tapin", code="63.05", **changes):
    return {
        "adopter_kind": AdopterKind.REGION,
        "region_name": name,
        "region_code": code,
        "replicated_on": ON,
        **changes,
    }


def test_replication_by_another_region_with_evidence(operator, launched):
    pdf = SimpleUploadedFile("pks.pdf", PDF_BYTES, content_type="application/pdf")
    replication = replication_create(innovation=launched, by=operator, files=[pdf], **by_region())

    assert replication.adopter_name == "Kabupaten Tapin"
    (evidence,) = replication.evidence.all()
    assert (evidence.innovation, evidence.indicator) == (launched, 31)


def test_replication_by_another_unit(operator, launched, other_unit):
    replication = replication_create(
        innovation=launched,
        by=operator,
        adopter_kind=AdopterKind.UNIT,
        adopter_unit=other_unit,
        replicated_on=ON,
        region_name="ignored",
    )
    assert replication.adopter_name == other_unit.name and replication.region_name == ""


@pytest.mark.parametrize(
    "fields",
    [
        by_region(code=""),
        by_region(name=""),
        by_region(code="63.03"),  # Banjar itself: a unit, not a region
        by_region(code="63.03.05"),
        by_region(code="6305"),
        {"adopter_kind": AdopterKind.UNIT, "replicated_on": ON},
    ],
)
def test_replication_needs_a_proper_adopter(operator, launched, fields):
    with pytest.raises(InvalidInput):
        replication_create(innovation=launched, by=operator, **fields)
    assert not Replication.objects.exists()


def test_not_replicated_by_its_own_unit(operator, launched):
    with pytest.raises(InvalidInput):
        replication_create(
            innovation=launched,
            by=operator,
            adopter_kind=AdopterKind.UNIT,
            adopter_unit=launched.unit,
            replicated_on=ON,
        )


def test_a_replication_is_recorded_once(operator, launched):
    replication_create(innovation=launched, by=operator, **by_region())
    with pytest.raises(InvalidInput):
        replication_create(innovation=launched, by=operator, **by_region(name="Tapin"))


def test_replication_rules(users_by_role, unit):
    draft = LaunchedFactory(unit=unit, status=Status.DRAFT)
    with pytest.raises(StateConflict):
        replication_create(innovation=draft, by=users_by_role["operator"], **by_region())
    launched = LaunchedFactory(unit=unit)
    for role in ("other_operator", "curator", "leader"):
        with pytest.raises(Refused):
            replication_create(innovation=launched, by=users_by_role[role], **by_region())
    # Bappedalitbang records what it learns from other regions.
    assert replication_create(innovation=launched, by=users_by_role["admin"], **by_region())


def test_update_and_delete(operator, launched):
    replication = replication_create(innovation=launched, by=operator, **by_region())
    replication = replication_update(
        replication=replication, by=operator, description="Layanan adminduk keliling."
    )
    assert replication.description == "Layanan adminduk keliling."
    replication_delete(replication=replication, by=operator)
    assert not Replication.objects.exists()


# 7 December 2026, 10:00 in Martapura (WITA, UTC+8).
MORNING = datetime.datetime(2026, 12, 7, 2, tzinfo=datetime.UTC)
FUTURE = datetime.date(2026, 12, 20)


def test_replication_in_the_future_is_refused(operator, launched):
    with (
        translation.override("en"),
        time_machine.travel(MORNING),
        pytest.raises(InvalidInput) as excinfo,
    ):
        replication_create(innovation=launched, by=operator, **by_region(replicated_on=FUTURE))
    assert excinfo.value.message_dict == {"replicated_on": ["The date cannot be in the future."]}
    assert not Replication.objects.exists()


def test_replication_moved_into_the_future_is_refused(operator, launched):
    replication = replication_create(innovation=launched, by=operator, **by_region())
    with time_machine.travel(MORNING), pytest.raises(InvalidInput):
        replication_update(replication=replication, by=operator, replicated_on=FUTURE)
    replication.refresh_from_db()
    assert replication.replicated_on == ON


def test_replication_dated_today_in_martapura_is_accepted(operator, launched):
    # 17:00 UTC on the 7th is already 01:00 on the 8th in Martapura.
    with time_machine.travel(datetime.datetime(2026, 12, 7, 17, tzinfo=datetime.UTC)):
        replication = replication_create(
            innovation=launched, by=operator, **by_region(replicated_on=datetime.date(2026, 12, 8))
        )
    assert replication.pk


def test_replication_in_the_future_refused_on_the_page(client, operator, launched):
    client.force_login(operator)
    client.cookies["django_language"] = "en"
    with time_machine.travel(MORNING):
        response = client.post(
            reverse("portfolio:replication-add", args=[launched.pk]),
            {
                "adopter_kind": "region",
                "region_name": "Kota Banjarbaru",
                "region_code": "63.72",
                "replicated_on": "2026-12-20",
            },
        )
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert not Replication.objects.exists()


def test_replication_in_the_future_refused_by_the_api(api_as, operator, launched):
    url = f"/api/v1/innovations/{launched.pk}/replications/"
    with time_machine.travel(MORNING):
        response = api_as(operator).post(
            url, by_region(replicated_on="2026-12-20"), format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 400
    assert response.json() == {"replicated_on": ["The date cannot be in the future."]}
    assert not Replication.objects.exists()


@pytest.mark.parametrize(("regions", "level"), [(0, None), (1, 1), (2, 2), (4, 3)])
def test_replications_counted_for_iid_indicator_31(launched, regions, level):
    for number in range(regions):
        ReplicationFactory(innovation=launched, region_code=f"63.{10 + number}")
    ReplicationFactory(
        innovation=launched,
        adopter_kind=AdopterKind.UNIT,
        adopter_unit=UnitFactory(),
        region_name="",
        region_code="",
    )

    row = next(r for r in readiness_of(launched).rows if r.number == 31)

    assert row.suggested_level == level  # units of Banjar are not other regions
    assert "Dinas Uji" in row.facts[0].text


def test_replication_on_the_innovation_page(client, operator, launched):
    ReplicationFactory(innovation=launched, region_name="Kota Banjarbaru", region_code="63.72")
    client.force_login(operator)
    page = client.get(reverse("portfolio:innovation", args=[launched.pk])).content.decode()
    assert "Kota Banjarbaru" in page and "63.72" in page
    summary = client.get(reverse("innovations:detail", args=[launched.pk])).content.decode()
    assert "1 replikasi" in summary or "1 replication" in summary


def test_replication_recorded_on_the_page(client, operator, launched, other_unit):
    client.force_login(operator)
    response = client.post(
        reverse("portfolio:replication-add", args=[launched.pk]),
        {"adopter_kind": "unit", "adopter_unit": other_unit.code, "replicated_on": "2026-02-10"},
    )
    assert response.status_code == 302
    assert Replication.objects.get().adopter_unit == other_unit
    response = client.post(
        reverse("portfolio:replication-add", args=[launched.pk]),
        {"adopter_kind": "unit", "adopter_unit": "TIDAK-ADA", "replicated_on": "2026-02-10"},
    )
    assert response.status_code == 400


def test_replication_api(api_as, operator, curator, launched):
    url = f"/api/v1/innovations/{launched.pk}/replications/"
    created = api_as(operator).post(url, {**by_region(replicated_on="2026-02-10")}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["adopter"] == "Kabupaten Tapin"
    assert api_as(curator).post(url, {}, format="json").status_code == 403
    region = api_as(curator).get("/api/v1/replications/", {"adopter_kind": "region"}).json()
    assert [r["id"] for r in region["results"]] == [created.json()["id"]]
    bad = api_as(operator).post(url, by_region(code="x", replicated_on="2026-02-10"), format="json")
    assert bad.status_code == 400
