import csv
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from agreements.enums import AgreementStatus
from innovations.enums import Status
from reports.models import ExportJob
from tests.factories import UnitFactory

from .factories import AgreementFactory, InnovationFactory

API_URL = "/api/v1/compliance/"
EXPORT_URL = "/api/v1/reports/compliance/2025/export/"
REGION_ROLES = ["curator", "lead_curator", "admin", "leader"]


@pytest.fixture
def delivered(cycle, unit, other_unit):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=2, status=AgreementStatus.SIGNED)
    for status in ("draft", "submitted", "approved", "launched", "rejected", "withdrawn"):
        InnovationFactory(cycle=cycle, unit=unit, status=status)
    InnovationFactory(cycle=cycle, unit=other_unit, status=Status.SUBMITTED)


def rows_by_unit(response):
    return {row["unit"]: row for row in response.json()["results"]}


@pytest.mark.parametrize("role", REGION_ROLES)
def test_compliance_api_region_roles_see_all_units(
    api_as, users_by_role, delivered, unit, other_unit, role
):
    response = api_as(users_by_role[role]).get(API_URL + "?year=2025&page_size=200")

    assert response.status_code == 200
    rows = rows_by_unit(response)
    assert {unit.code, other_unit.code} <= set(rows)
    assert {k: rows[unit.code][k] for k in ("agreement_status", "committed", "drafted")} == {
        "agreement_status": "signed",
        "committed": 2,
        "drafted": 4,
    }
    assert (rows[unit.code]["submitted"], rows[unit.code]["approved"]) == (3, 2)
    assert rows[unit.code]["launched"] == 1
    assert rows[unit.code]["met"] is True
    assert rows[unit.code]["colour"] == "green"
    assert rows[other_unit.code]["agreement_status"] is None
    assert rows[other_unit.code]["colour"] == "red"


@pytest.mark.parametrize("role", ["operator", "head"])
def test_compliance_api_unit_staff_see_only_own_row(api_as, users_by_role, delivered, unit, role):
    response = api_as(users_by_role[role]).get(API_URL + "?year=2025")

    assert response.status_code == 200
    assert [row["unit"] for row in response.json()["results"]] == [unit.code]
    assert response.json()["totals"]["units"] == 1


def test_compliance_api_other_operator_sees_only_their_unit(
    api_as, other_operator, delivered, other_unit
):
    response = api_as(other_operator).get(API_URL + "?year=2025")

    assert [row["unit"] for row in response.json()["results"]] == [other_unit.code]


def test_compliance_api_anonymous_is_401(api_as, cycle):
    assert api_as(None).get(API_URL).status_code == 401


def test_compliance_api_defaults_to_current_cycle(api_as, curator, cycle):
    assert api_as(curator).get(API_URL).json()["year"] == 2025


def test_compliance_api_filters_and_totals(api_as, curator, delivered, only_test_units, unit):
    client = api_as(curator)

    met = client.get(API_URL + "?year=2025&met=true").json()
    not_signed = client.get(API_URL + "?year=2025&agreement_status=none").json()

    assert [row["unit"] for row in met["results"]] == [unit.code]
    assert met["totals"]["approved"] == 2
    assert met["totals"]["met"] == 1
    assert not_signed["count"] == 1
    assert not_signed["totals"]["submitted"] == 1


def test_compliance_api_bad_filter_is_400(api_as, curator, cycle):
    assert api_as(curator).get(API_URL + "?met=perhaps").status_code == 400
    assert api_as(curator).get(API_URL + "?unit_kind=planet").status_code == 400


def _ten_more_units(cycle):
    for n in range(9):
        extra = UnitFactory()
        if n % 2:
            AgreementFactory(unit=extra, cycle=cycle, status=AgreementStatus.SIGNED)
        InnovationFactory(cycle=cycle, unit=extra, status=Status.APPROVED)


def test_compliance_api_query_count_constant(
    api_as, curator, cycle, only_test_units, django_assert_num_queries
):
    UnitFactory()
    client = api_as(curator)
    with CaptureQueriesContext(connection) as one:
        assert client.get(API_URL).json()["count"] == 1
    _ten_more_units(cycle)

    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(API_URL).json()["count"] == 10


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_compliance_export_query_count_constant(
    api_as, curator, cycle, only_test_units, django_assert_num_queries, file_format
):
    UnitFactory()
    client = api_as(curator)
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"{EXPORT_URL}?format={file_format}").status_code == 200
    _ten_more_units(cycle)

    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(f"{EXPORT_URL}?format={file_format}").status_code == 200


def read_csv(response):
    assert response.streaming  # written row by row (intan_banjar.tabular)
    content = response.getvalue()
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_compliance_export_csv_matches_api(api_as, curator, delivered, only_test_units, unit):
    client = api_as(curator)
    api_rows = rows_by_unit(client.get(API_URL))

    response = client.get(EXPORT_URL + "?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = read_csv(response)
    assert len(table) == 1 + 2 + 1  # header, two units, totals
    line = next(row for row in table if row[0] == unit.code)
    expected = api_rows[unit.code]
    numbers = [int(value) for value in line[4:9]]
    assert numbers == [
        expected[k] for k in ("committed", "drafted", "submitted", "approved", "launched")
    ]
    totals = table[-1]
    assert [int(value) for value in totals[4:9]] == [3, 5, 4, 2, 1]


def test_compliance_export_csv_escapes_formulas(api_as, curator, cycle, only_test_units):
    for name in ('=HYPERLINK("http://evil")', "+1+2", "-3", "@SUM(A1)", "\tTab", "Dinas Aman"):
        UnitFactory(name=name)

    table = read_csv(api_as(curator).get(EXPORT_URL + "?format=csv"))

    names = sorted(row[1] for row in table[1:-1])
    assert names == sorted(
        ['\'=HYPERLINK("http://evil")', "'+1+2", "'-3", "'@SUM(A1)", "'\tTab", "Dinas Aman"]
    )


def test_compliance_export_xlsx_sheet(api_as, curator, delivered, only_test_units, unit):
    UnitFactory(name="=1+1")

    response = api_as(curator).get(EXPORT_URL + "?format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    strings = sheet  # constant-memory mode writes text inline, as typed string cells
    # Row 1 is the title line, row 2 the header: the panes freeze both and two columns.
    assert '<pane xSplit="2" ySplit="2"' in sheet and 'state="frozen"' in sheet
    assert "<cols>" in sheet
    assert "<f>" not in sheet  # nothing is written as a formula, whatever its text
    assert "=1+1" in strings
    assert unit.name in strings
    # Counts are numeric cells (no t="s"): the totals row (row 6) carries committed 2 + 1 + 1.
    assert re.search(r'<c r="E6"[^>]*><v>4</v></c>', sheet)


def test_compliance_export_unknown_format_is_400(api_as, curator, cycle):
    assert api_as(curator).get(EXPORT_URL + "?format=docx").status_code == 400


@pytest.mark.parametrize("role", ["operator", "head", "other_operator"])
def test_compliance_export_unit_staff_get_own_row(api_as, users_by_role, delivered, role):
    user = users_by_role[role]

    table = read_csv(api_as(user).get(EXPORT_URL + "?format=csv"))

    assert [row[0] for row in table[1:-1]] == [user.unit.code]


@pytest.mark.parametrize("role", REGION_ROLES)
def test_compliance_export_region_roles(api_as, users_by_role, delivered, role):
    assert api_as(users_by_role[role]).get(EXPORT_URL + "?format=xlsx").status_code == 200


def test_compliance_export_anonymous_is_401(api_as, cycle):
    assert api_as(None).get(EXPORT_URL + "?format=csv").status_code == 401


def test_compliance_export_unknown_year_is_404(api_as, curator, cycle):
    assert (
        api_as(curator).get("/api/v1/reports/compliance/1999/export/?format=csv").status_code == 404
    )


def _job_table(job):
    with job.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@override_settings(EXPORT_SYNC_MAX_ROWS=1)
def test_large_compliance_export_runs_as_job(
    api_as, curator, delivered, only_test_units, unit, django_capture_on_commit_callbacks
):
    """Over the threshold the file is written by the background job, like the other exports."""
    client = api_as(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(EXPORT_URL + "?format=csv")

    assert response.status_code == 202
    job = ExportJob.objects.get(token=response.json()["token"])
    assert (job.kind, job.status, job.rows_total) == ("compliance", ExportJob.Status.DONE, 2)
    assert job.filename == "kepatuhan-2025.csv"
    table = _job_table(job)
    assert len(table) == 1 + 2 + 1  # header, two units, totals
    assert [int(value) for value in table[-1][4:9]] == [3, 5, 4, 2, 1]
    assert client.get(f"/api/v1/reports/exports/{job.token}/").json()["download_url"]


@override_settings(EXPORT_SYNC_MAX_ROWS=0)
def test_compliance_export_job_keeps_the_filters(
    api_as, curator, delivered, only_test_units, unit, django_capture_on_commit_callbacks
):
    client = api_as(curator)
    assert client.get(EXPORT_URL + "?format=xlsx&met=maybe").status_code == 400  # no job
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(EXPORT_URL + "?format=csv&agreement_status=signed&met=true")

    job = ExportJob.objects.get(token=response.json()["token"])
    assert [row[0] for row in _job_table(job)[1:-1]] == [unit.code]
    assert ExportJob.objects.count() == 1
