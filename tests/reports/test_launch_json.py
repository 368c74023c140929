"""The launch report body PostgreSQL writes is the one DRF renders from Python, byte for byte."""

import json

import pytest
from rest_framework.renderers import JSONRenderer

from accounts.models import Unit
from innovations.enums import LabStage, Status
from innovations.models import Innovation
from reports import launch, launch_json
from tests.factories import CycleFactory
from tests.innovations.factories import (
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
)

pytestmark = pytest.mark.django_db

AWKWARD_TITLES = [
    'Sistem "Antrian" \\ Online',
    "Baris\nbaru\ttab\rcarriage",
    "Kontrol \x01\x1f dan \x7f",
    "Pelayanan <b>&amp;</b> Cepat",
    "Ñoño é — 🚑 Ambulans Desa",
    "Pemisah \u2028 baris \u2029 paragraf",
]


@pytest.fixture
def cycle_2025():
    return CycleFactory(year=2025)


@pytest.fixture
def awkward_report(cycle_2025):
    units = list(Unit.objects.order_by("code")[:3])
    for n, title in enumerate(AWKWARD_TITLES):
        innovation = InnovationFactory(
            cycle=cycle_2025, unit=units[n % 3], title=title, status=Status.LAUNCHED
        )
        for position in range(n % 3):
            InnovatorFactory(innovation=innovation, position=position, name=f'Nama "{n}" \\ é')
    community = CommunityInnovationFactory(
        cycle=cycle_2025, status=Status.LAUNCHED, title="Tanpa unit"
    )
    # Older data: a value missing and one outside its enumeration both count as `unspecified`.
    Innovation.objects.filter(pk=community.pk).update(lab_stage="", origin="warisan_lama")
    InnovationFactory(cycle=cycle_2025, unit=units[0], status=Status.APPROVED, title="Disetujui")
    InnovationFactory(cycle=cycle_2025, unit=units[0], status=Status.REJECTED, title="Ditolak")
    return cycle_2025


@pytest.mark.parametrize("include_approved", [False, True])
def test_body_equals_the_python_body_byte_for_byte(awkward_report, admin_user, include_approved):
    written = launch_json.report_json(
        cycle=awkward_report, user=admin_user, include_approved=include_approved
    )
    rendered = JSONRenderer().render(
        launch.report_body(cycle=awkward_report, user=admin_user, include_approved=include_approved)
    )
    assert written == rendered
    body = json.loads(written)
    assert body["total"] == (9 if include_approved else 8) - 1
    titles = {row["title"] for row in body["innovations"]}
    assert set(AWKWARD_TITLES) <= titles
    assert ("Disetujui" in titles) is include_approved
    assert "Ditolak" not in titles
    assert body["by_origin"]["unspecified"] == 1
    blank_stage = [row for row in body["innovations"] if row["lab_stage"] not in LabStage.values]
    assert body["by_lab_stage"]["unspecified"] == len(blank_stage) >= 1


def test_empty_report(cycle_2025, admin_user):
    written = launch_json.report_json(cycle=cycle_2025, user=admin_user)
    assert written == JSONRenderer().render(launch.report_body(cycle=cycle_2025, user=admin_user))
    assert json.loads(written)["innovations"] == []


def test_api_answers_with_the_written_body(api_as, admin_user, awkward_report):
    response = api_as(admin_user).get("/api/v1/reports/launch/2025/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == launch_json.report_json(cycle=awkward_report, user=admin_user)


def test_browsable_api_still_renders_the_report(api_as, admin_user, awkward_report):
    response = api_as(admin_user).get("/api/v1/reports/launch/2025/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Tanpa unit" in response.content.decode()
