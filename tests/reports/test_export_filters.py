"""Export filters are validated like the list API's, and file names come from validated values.

Issue 19 (black-box attack): `year` was copied raw into Content-Disposition, so a quote rewrote
the file name, a CRLF gave a 500, and `year=abc` silently dropped the filter (every row exported).
"""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from innovations.enums import Status
from reports.models import ExportJob
from tests.factories import CycleFactory
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/innovations/export/"
HOSTILE_YEARS = [
    "2025\r\nX-Injected: 1",
    "2025\nSet-Cookie: a=b",
    "2025\"; filename*=UTF-8''report.html",
    "abc",
    "2025.5",
    "",  # an empty value is "no filter", like the list API: covered in its own test below
]


def rows_of(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))[1:]


@pytest.fixture
def two_years(unit):
    old, new = CycleFactory(year=2024), CycleFactory(year=2025)
    InnovationFactory.create_batch(2, unit=unit, cycle=old, status=Status.SUBMITTED)
    InnovationFactory.create_batch(3, unit=unit, cycle=new, status=Status.SUBMITTED)
    return old, new


@pytest.mark.parametrize("year", [y for y in HOSTILE_YEARS if y])
def test_innovation_export_invalid_year_400(api_as, admin_user, two_years, year):
    response = api_as(admin_user).get(EXPORT, {"format": "csv", "year": year})

    assert response.status_code == 400
    assert "year" in response.json()
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("year", [y for y in HOSTILE_YEARS if y])
def test_innovation_list_api_answers_the_same_400(api_as, admin_user, two_years, year):
    response = api_as(admin_user).get("/api/v1/innovations/", {"year": year})

    assert response.status_code == 400
    assert "year" in response.json()


@pytest.mark.parametrize("param", ["status", "source_category", "maturity", "lab_stage"])
def test_innovation_export_invalid_choice_400(api_as, admin_user, two_years, param):
    response = api_as(admin_user).get(EXPORT, {"format": "csv", param: "nope\r\n"})

    assert response.status_code == 400
    assert param in response.json()


def test_innovation_export_valid_year_filters_rows_and_names_file(api_as, admin_user, two_years):
    response = api_as(admin_user).get(EXPORT, {"format": "csv", "year": "2024"})

    assert response.status_code == 200
    assert len(rows_of(response)) == 2
    assert response["Content-Disposition"] == 'attachment; filename="innovations-2024.csv"'


def test_innovation_export_without_year_exports_every_year(api_as, admin_user, two_years):
    response = api_as(admin_user).get(EXPORT, {"format": "csv", "year": ""})

    assert response.status_code == 200
    assert len(rows_of(response)) == 5
    assert response["Content-Disposition"] == 'attachment; filename="innovations-all.csv"'


def test_innovation_export_search_matches_the_list_api(api_as, admin_user, unit, two_years):
    """Search words are matched one by one, as the list's SearchFilter does."""
    old, _new = two_years
    InnovationFactory(unit=unit, cycle=old, status=Status.SUBMITTED, title="Posyandu Digital Desa")
    client = api_as(admin_user)

    listed = client.get("/api/v1/innovations/", {"search": "digital posyandu"}).json()["count"]
    exported = rows_of(client.get(EXPORT, {"format": "csv", "search": "digital posyandu"}))

    assert listed == len(exported) == 1


@override_settings(EXPORT_SYNC_MAX_ROWS=0)
def test_export_job_filters_and_names_file_from_validated_values(
    api_as, admin_user, unit, two_years, django_capture_on_commit_callbacks
):
    old, _new = two_years
    InnovationFactory(unit=unit, cycle=old, status=Status.SUBMITTED, title="Posyandu Digital")
    client = api_as(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            EXPORT, {"format": "csv", "year": "2024", "search": "posyandu digital"}
        )

    assert response.status_code == 202
    job = ExportJob.objects.get(token=response.json()["token"])
    assert (job.status, job.rows_total, job.filename) == (
        ExportJob.Status.DONE,
        1,
        "innovations-2024.csv",
    )


@override_settings(EXPORT_SYNC_MAX_ROWS=1)
def test_export_job_refuses_invalid_year_before_queueing(api_as, admin_user, two_years):
    response = api_as(admin_user).get(EXPORT, {"format": "xlsx", "year": "2024\r\nX: 1"})

    assert response.status_code == 400
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("include", ["yes", "approved\r\nX: 1"])
def test_launch_report_export_unknown_include_400(api_as, admin_user, include):
    CycleFactory(year=2025)

    response = api_as(admin_user).get(
        "/api/v1/reports/launch/2025/export/", {"format": "csv", "include": include}
    )

    assert response.status_code == 400
    assert "include" in response.json()


def test_launch_report_page_unknown_include_400(client, admin_user):
    CycleFactory(year=2025)
    client.force_login(admin_user)

    response = client.get("/reports/launch/2025/", {"include": "yes"})

    assert response.status_code == 400


@pytest.mark.parametrize("url_name", ["katalog:data_csv", "katalog:data_json"])
@pytest.mark.parametrize("year", ["abc", "2025\r\nX: 1"])
def test_open_data_invalid_filter_400(client, url_name, year):
    response = client.get(reverse(url_name), {"year": year})

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/v1/reports/launch/2025/export/?format=csv", "peluncuran-2025.csv"),
        ("/api/v1/reports/launch/2025/export/?format=xlsx", "peluncuran-2025.xlsx"),
        ("/api/v1/reports/launch/2025/export/?format=pdf", "peluncuran-2025.pdf"),
        ("/api/v1/reports/compliance/2025/export/?format=csv", "kepatuhan-2025.csv"),
        ("/api/v1/reports/iid/2025/export/?format=csv", "iid-2025.csv"),
    ],
)
def test_year_exports_name_their_file_from_the_cycle(api_as, admin_user, url, expected):
    CycleFactory(year=2025)

    response = api_as(admin_user).get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
