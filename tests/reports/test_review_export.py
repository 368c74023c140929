"""Reviews and scores export: curators and admins only; never reaches a unit."""

import csv
import io

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext

from curation.services import review_save
from innovations.enums import Status
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db

ALL_FOURS = {
    "kebaruan": 4,
    "kemanfaatan": 4,
    "kewenangan_kolaborasi": 4,
    "replikasi_aplikatif": 4,
    "kualitas_penyajian": 4,
}


@pytest.fixture
def reviewed(unit, curator):
    innovation = InnovationFactory(unit=unit, status=Status.SUBMITTED)
    review_save(
        innovation=innovation,
        by=curator,
        scores=ALL_FOURS,
        comment="=cmd|' /C calc'!A0",
        recommendation="approve",
    )
    return innovation


def test_review_export_csv_for_curators(api_as, curator, reviewed):
    response = api_as(curator).get(
        f"/api/v1/reports/reviews/{reviewed.year}/export/?format=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert len(rows) == 1
    assert rows[0]["Code"] == reviewed.code
    assert float(rows[0]["Weighted score"]) == 80.0
    assert rows[0]["Comment"].startswith("'=")  # neutralised formula


def test_review_export_xlsx_for_admins(api_as, admin_user, reviewed):
    response = api_as(admin_user).get(
        f"/api/v1/reports/reviews/{reviewed.year}/export/?format=xlsx"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    with translation.override("id"):
        heading = gettext("Reviews and scores")
    assert sheet["A1"].value.startswith(f"{heading} — Tahun: ")  # the title line
    header = [cell.value for cell in sheet[2]]
    values = dict(zip(header, [cell.value for cell in sheet[3]], strict=True))
    assert values[header[0]] == reviewed.code
    assert 80.0 in values.values()


@pytest.mark.parametrize("role", ["operator", "head", "other_operator", "leader"])
def test_review_export_refused_to_others(api_as, users_by_role, reviewed, role):
    response = api_as(users_by_role[role]).get(
        f"/api/v1/reports/reviews/{reviewed.year}/export/?format=csv"
    )
    assert response.status_code == 403


def test_review_export_anonymous_is_401(api_as, reviewed):
    assert api_as(None).get(f"/api/v1/reports/reviews/{reviewed.year}/export/").status_code == 401


@pytest.mark.parametrize("count", [1, 10])
def test_review_export_query_count_constant(
    api_as, curator, unit, count, django_assert_num_queries
):
    for innovation in InnovationFactory.create_batch(count, unit=unit, status=Status.SUBMITTED):
        review_save(
            innovation=innovation, by=curator, scores=ALL_FOURS, comment="", recommendation="revise"
        )
    client = api_as(curator)
    year = innovation.year
    # cycle, criteria, reviews (with innovation, unit, curator)
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/reports/reviews/{year}/export/?format=csv")
        body = b"".join(response.streaming_content)
    assert len(body.decode("utf-8-sig").strip().splitlines()) == count + 1
