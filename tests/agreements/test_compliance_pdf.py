"""The compliance table printed: the same rows and totals as the API, A4 landscape, the header on
every page, under the regency's letterhead and signed for Bappedalitbang."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from accounts.models import Unit
from agreements.compliance import compliance_rows
from agreements.enums import AgreementStatus
from reports.exporters import exporter
from reports.models import ExportJob
from tests.factories import UnitFactory

from .factories import AgreementFactory, InnovationFactory

EXPORT_URL = "/api/v1/reports/compliance/2025/export/"
LANDSCAPE = (841.9, 595.3)
HEADER = ("No.", "Unit", "Perjanjian", "Dijanjikan", "Diluncurkan", "Warna")


def pages_of(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def delivered(cycle, unit, other_unit):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=2, status=AgreementStatus.SIGNED)
    for status in ("draft", "submitted", "approved", "launched"):
        InnovationFactory(cycle=cycle, unit=unit, status=status)
    InnovationFactory(cycle=cycle, unit=other_unit, status="submitted")


@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin", "leader"])
def test_compliance_pdf_for_region_roles_lists_every_unit(
    api_as, users_by_role, delivered, only_test_units, unit, other_unit, role
):
    response = api_as(users_by_role[role]).get(EXPORT_URL + "?format=pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="kepatuhan-2025.pdf"' in response["Content-Disposition"]
    _reader, pages = pages_of(response.content)
    text = " ".join(pages)
    assert unit.name in text and other_unit.name in text
    assert "Jumlah: 2 unit" in text


@pytest.mark.parametrize("role", ["operator", "head", "other_operator"])
def test_compliance_pdf_for_unit_staff_lists_only_their_unit(
    api_as, users_by_role, delivered, unit, other_unit, role
):
    response = api_as(users_by_role[role]).get(EXPORT_URL + "?format=pdf")

    assert response.status_code == 200
    text = " ".join(pages_of(response.content)[1])
    own = other_unit if role == "other_operator" else unit
    stranger = unit if role == "other_operator" else other_unit
    assert own.name in text
    assert stranger.name not in text


def test_compliance_pdf_anonymous_is_401(api_as, cycle):
    assert api_as(None).get(EXPORT_URL + "?format=pdf").status_code == 401


def test_compliance_pdf_row_carries_the_api_numbers(api_as, curator, delivered, only_test_units):
    response = api_as(curator).get(EXPORT_URL + "?format=pdf&met=true")

    text = " ".join(pages_of(response.content)[1])
    # committed 2; drafted 4, submitted 3, approved 2, launched 1 (counted as in the API)
    assert "Ditandatangani 2 4 3 2 1 Ya" in text
    assert "Komitmen terpenuhi" in text
    assert "Jumlah: 1 unit" in text


@override_settings(EXPORT_SYNC_MAX_ROWS=1)
def test_large_compliance_pdf_is_written_by_the_background_job(
    api_as, curator, delivered, only_test_units, unit, django_capture_on_commit_callbacks
):
    client = api_as(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(EXPORT_URL + "?format=pdf&unit_kind=perangkat_daerah")

    assert response.status_code == 202
    job = ExportJob.objects.get(token=response.json()["token"])
    assert (job.status, job.filename) == (ExportJob.Status.DONE, "kepatuhan-2025.pdf")
    with job.file.open("rb") as stored:
        text = " ".join(pages_of(stored.read())[1])
    assert unit.name in text
    assert "Jumlah: 2 unit" in text


def test_compliance_pdf_is_landscape_with_header_on_every_page(cycle, only_test_units):
    units = [UnitFactory(name=f"Puskesmas Uji Kecamatan Martapura Timur {n}") for n in range(60)]
    for unit in units[::3]:
        AgreementFactory(unit=unit, cycle=cycle, status=AgreementStatus.SIGNED)
    Unit.objects.filter(code="BAPPEDALITBANG").update(
        head_name="Dr. Ir. Rahmat Hidayat, M.T.", head_nip="197501012000031002"
    )
    printed = datetime.datetime(2026, 12, 6, 8, 30, tzinfo=datetime.UTC)

    content = exporter("compliance", "pdf").bytes(
        rows=compliance_rows(cycle), year=2025, now=printed
    )

    reader, pages = pages_of(content)
    assert len(pages) > 1
    for number, text in enumerate(pages):
        page = reader.pages[number]
        size = round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)
        assert size == LANDSCAPE
        assert "Dicetak 6 Desember 2026 16.30 WITA" in text
        for heading in HEADER:
            assert heading in text, (number, heading)
    for unit in units:  # each row whole on one page
        assert sum(text.count(unit.name + " ") for text in pages) == 1
    assert pages[0].startswith("PEMERINTAH KABUPATEN BANJAR")
    assert "Kepatuhan 2025" in pages[0]
    last = pages[-1]
    assert "Jumlah: 60 unit" in last
    assert "Martapura, 6 Desember 2026" in last
    assert "Dr. Ir. Rahmat Hidayat, M.T." in last and "NIP. 197501012000031002" in last


def test_compliance_page_offers_the_pdf(client, curator, delivered):
    client.force_login(curator)

    html = client.get("/compliance/?year=2025").content.decode()

    assert 'href="/api/v1/reports/compliance/2025/export/?format=pdf" data-export="pdf"' in html


def test_compliance_pdf_query_count_constant(
    api_as, curator, cycle, only_test_units, django_assert_num_queries
):
    UnitFactory()
    client = api_as(curator)
    with CaptureQueriesContext(connection) as one:
        assert client.get(EXPORT_URL + "?format=pdf").status_code == 200
    for n in range(9):
        extra = UnitFactory()
        if n % 2:
            AgreementFactory(unit=extra, cycle=cycle, status=AgreementStatus.SIGNED)
        InnovationFactory(cycle=cycle, unit=extra, status="approved")

    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(EXPORT_URL + "?format=pdf").status_code == 200
