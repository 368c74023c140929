"""Exports of the portfolio's lists: the same rows as the page, in CSV and XLSX, in a constant
number of queries."""

import csv
import datetime
import io

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CycleFactory

from .factories import DecreeFactory, LaunchedFactory, ReplicationFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response, delimiter=","):
    text = body_of(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def make(kind, unit, count):
    cycle = CycleFactory(year=2025)
    for _ in range(count):
        innovation = LaunchedFactory(unit=unit, cycle=cycle)
        if kind == "decrees":
            DecreeFactory(innovation=innovation)
        elif kind == "replications":
            ReplicationFactory(innovation=innovation)


PAGES = {
    "decrees": ("portfolio:decrees-export", "/api/v1/decrees/export/"),
    "replications": ("portfolio:replications-export", "/api/v1/replications/export/"),
    "monitoring": ("portfolio:monitoring-export", "/api/v1/monitoring/export/"),
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_export_csv_has_a_row_per_record(client, curator, unit, kind):
    make(kind, unit, 3)
    client.force_login(curator)
    page, api = PAGES[kind]
    with time_machine.travel(MOMENT):
        # The page offers Excel's CSV (";", Indonesian settings), the API RFC 4180's (",").
        from_page = csv_rows(client.get(reverse(page), {"format": "csv"}), delimiter=";")
        from_api = csv_rows(client.get(api, {"format": "csv"}))
    expected = 3 * (2 if kind == "monitoring" else 1)  # each owes reports 1 (overdue) and 2 (due)
    assert len(from_page) == 1 + expected
    assert from_api == from_page


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_export_xlsx(client, curator, unit, kind):
    make(kind, unit, 2)
    client.force_login(curator)
    with time_machine.travel(MOMENT):
        response = client.get(reverse(PAGES[kind][0]), {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body_of(response))).worksheets[0]
    assert "20 November 2026" in sheet["A1"].value  # the title line, with the print date
    assert sheet.max_row == 2 + 2 * (2 if kind == "monitoring" else 1)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_export_query_count_constant(client, curator, unit, kind):
    client.force_login(curator)
    url = reverse(PAGES[kind][0])

    def queries(count):
        make(kind, unit, count)
        with time_machine.travel(MOMENT), CaptureQueriesContext(connection) as captured:
            body_of(client.get(url, {"format": "csv"}))
        return len(captured.captured_queries)

    assert queries(1) == queries(9)


def test_export_is_scoped_to_the_user(client, operator, other_operator, unit):
    make("decrees", unit, 2)
    client.force_login(other_operator)
    assert len(csv_rows(client.get(reverse("portfolio:decrees-export"), {"format": "csv"}))) == 1


def test_export_refuses_an_unknown_format(client, curator):
    client.force_login(curator)
    assert client.get(reverse("portfolio:decrees-export"), {"format": "pdf"}).status_code == 400
    assert client.get("/api/v1/decrees/export/", {"format": "pdf"}).status_code == 400


@pytest.mark.parametrize("kind", ["decrees", "replications"])
@pytest.mark.parametrize("count", [1, 10])
def test_list_page_and_api_query_count_constant(
    client, curator, unit, kind, count, django_assert_num_queries
):
    make(kind, unit, count)
    client.force_login(curator)
    page = reverse(f"portfolio:{kind}")
    api = f"/api/v1/{kind}/"
    client.get(page)
    with django_assert_num_queries(4):  # session, user, count, page
        assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(api).json()["count"] == count
    assert len(captured.captured_queries) <= 6
