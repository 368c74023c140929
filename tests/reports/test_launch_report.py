"""The 2025 launch reproduced: 32 perangkat daerah, 4 kecamatan, 7 puskesmas, 10 masyarakat = 53."""

import csv
import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from accounts.models import Unit
from innovations.enums import Status
from tests.factories import CycleFactory
from tests.innovations.factories import CommunityInnovationFactory, InnovationFactory

pytestmark = pytest.mark.django_db

EXPECTED = {"perangkat_daerah": 32, "kecamatan": 4, "puskesmas": 7, "masyarakat": 10}


@pytest.fixture
def cycle_2025():
    return CycleFactory(year=2025)


@pytest.fixture
def launch_2025(cycle_2025):
    """The launched innovations of 2025, plus approved and rejected ones that must not count."""
    for kind in ("perangkat_daerah", "kecamatan", "puskesmas"):
        units = list(Unit.objects.filter(kind=kind).order_by("code"))
        for n in range(EXPECTED[kind]):
            InnovationFactory(cycle=cycle_2025, unit=units[n % len(units)], status=Status.LAUNCHED)
    CommunityInnovationFactory.create_batch(10, cycle=cycle_2025, status=Status.LAUNCHED)
    dinkes = Unit.objects.get(code="DINKES")
    InnovationFactory.create_batch(3, cycle=cycle_2025, unit=dinkes, status=Status.APPROVED)
    InnovationFactory.create_batch(2, cycle=cycle_2025, unit=dinkes, status=Status.REJECTED)
    InnovationFactory(cycle=cycle_2025, unit=dinkes, status=Status.IN_REVIEW)
    return cycle_2025


def test_launch_report_json_counts_only_launched(api_as, admin_user, launch_2025):
    response = api_as(admin_user).get("/api/v1/reports/launch/2025/")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 53
    for category, count in EXPECTED.items():
        assert data["by_source_category"][category] == count
    for key in ("by_origin", "by_form", "by_maturity", "by_lab_stage"):
        assert sum(data[key].values()) == 53
    assert len(data["innovations"]) == 53
    assert data["units_total"] == 72


def test_launch_report_preview_includes_approved(api_as, admin_user, launch_2025):
    data = api_as(admin_user).get("/api/v1/reports/launch/2025/?include=approved").json()
    assert data["total"] == 56
    assert data["by_source_category"]["perangkat_daerah"] == 35


def test_launch_report_page_shows_totals(client, admin_user, launch_2025):
    client.force_login(admin_user)
    response = client.get("/reports/launch/2025/")
    assert response.status_code == 200
    sections = {s["key"]: dict(s["items"]) for s in response.context["sections"]}
    assert response.context["report"].total == 53
    assert sum(sections["by_source_category"].values()) == 53
    assert b"<svg" in response.content


def test_launch_report_csv_has_same_numbers(api_as, admin_user, launch_2025):
    response = api_as(admin_user).get(
        "/api/v1/reports/launch/2025/export/?format=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    listed = [row for row in rows[1:] if row and row[0].startswith("INV-")]
    assert len(listed) == 53
    total_row = next(row for row in rows if row[:2] == ["Total", "Innovations"])
    assert int(total_row[2]) == 53


def test_launch_report_xlsx_has_same_numbers(api_as, admin_user, launch_2025):
    response = api_as(admin_user).get("/api/v1/reports/launch/2025/export/?format=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary, listing = book.worksheets
    rows = list(summary.iter_rows(values_only=True))
    # the title row, then the header
    assert rows[0][0].startswith("Laporan peluncuran — Tahun: 2025")
    assert rows[2][2] == 53
    category_counts = [row[2] for row in rows if isinstance(row[2], int)][1:7]
    # perangkat_daerah, kecamatan, puskesmas, kelurahan, desa, masyarakat
    assert category_counts == [32, 4, 7, 0, 0, 10]
    listed = list(listing.iter_rows(min_row=3, values_only=True))
    assert len(listed) == 53
    assert listing.freeze_panes == "B3"


def test_launch_report_pdf_has_same_numbers(api_as, admin_user, launch_2025):
    response = api_as(admin_user).get("/api/v1/reports/launch/2025/export/?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "PEMERINTAH KABUPATEN BANJAR" in text
    assert "53" in text
    codes = set(re.findall(r"INV-\d{4}-\d+", text))
    assert len(codes) == 53


def test_launch_report_export_unknown_format_is_400(api_as, admin_user, launch_2025):
    response = api_as(admin_user).get("/api/v1/reports/launch/2025/export/?format=doc")
    assert response.status_code == 400
    assert "format" in response.json()


def test_export_launch_report_command_writes_file(launch_2025, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "launch.csv"
    call_command("export_launch_report", year=2025, format="csv", output=str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len([r for r in rows if r and r[0].startswith("INV-")]) == 53


@pytest.mark.parametrize("role", ["operator", "head", "other_operator"])
def test_launch_report_refused_to_unit_staff(api_as, users_by_role, launch_2025, role):
    response = api_as(users_by_role[role]).get("/api/v1/reports/launch/2025/")
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["curator", "lead_curator", "leader", "admin"])
def test_launch_report_open_to_region_roles(api_as, users_by_role, launch_2025, role):
    assert api_as(users_by_role[role]).get("/api/v1/reports/launch/2025/").status_code == 200


def test_launch_report_anonymous_is_401(api_as, launch_2025):
    assert api_as(None).get("/api/v1/reports/launch/2025/").status_code == 401


def test_launch_report_page_anonymous_redirects_to_login(client, launch_2025):
    response = client.get("/reports/launch/2025/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("per_category", [1, 10])
def test_launch_report_query_count_constant(
    api_as, admin_user, cycle_2025, per_category, django_assert_num_queries
):
    for kind in ("perangkat_daerah", "kecamatan", "puskesmas"):
        unit = Unit.objects.filter(kind=kind).first()
        InnovationFactory.create_batch(
            per_category, cycle=cycle_2025, unit=unit, status=Status.LAUNCHED
        )
    client = api_as(admin_user)
    # cycle, the planner setting for the ordered read, the rows (each innovation's JSON as
    # PostgreSQL keeps it; the totals counted from the same rows), active units
    with django_assert_num_queries(4):
        response = client.get("/api/v1/reports/launch/2025/")
    assert response.json()["total"] == 3 * per_category
