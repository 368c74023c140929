"""The published index per year (Banjar's 2022 and 2023 seeded) beside the portal's estimate, on
the history page, in the API and on the dashboard trend."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iga.history import trend
from iga.models import PublishedIndex

from .factories import IgaEntryFactory, RegionIndicatorFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
REGION = {"curator", "lead_curator", "admin", "leader"}


def test_banjar_published_indices_are_seeded():
    seeded = {p.year: (p.index, p.predicate) for p in PublishedIndex.objects.all()}
    assert seeded[2022] == (Decimal("52.53"), "inovatif")
    assert seeded[2023] == (Decimal("57.64"), "inovatif")


def test_trend_puts_the_estimate_beside_the_published_index(unit):
    cycle = cycle_of(2023)
    IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {35: 3}), cycle=cycle)
    RegionIndicatorFactory(cycle=cycle, number=1, level=3)
    cycle_of(2024)  # nothing recorded: no estimate, no row
    rows = {row.year: row for row in trend()}
    assert sorted(rows) == [2022, 2023]
    assert rows[2022].estimate is None and rows[2022].difference is None
    # 2023 rules: SPD 2.7, SID 12 ÷ 10 + 3 = 4.2 → 6.9 ÷ 160.5 × 100 = 4.30.
    assert rows[2023].estimate.index == Decimal("4.30")
    assert rows[2023].difference == Decimal("4.30") - Decimal("57.64")
    assert rows[2023].as_dict()["published"]["index"] == 57.64


@pytest.mark.parametrize("role", ROLES)
def test_history_page_per_role(client, users_by_role, role):
    client.force_login(users_by_role[role])
    page = client.get("/iga/history/")
    assert page.status_code == (200 if role in REGION else 403)
    response = client.post(
        "/iga/history/", {"year": 2024, "index": "61.20", "predicate": "sangat_inovatif"}
    )
    expected = 302 if role == "admin" else 403
    assert response.status_code == expected
    assert PublishedIndex.objects.filter(year=2024).exists() is (role == "admin")
    if role in REGION:
        assert b'data-year="2023"' in page.content and b"57" in page.content


@pytest.mark.parametrize(("language", "shown"), [("id", "52,53"), ("en", "52.53")])
def test_history_and_dashboard_charts_write_the_index_as_the_tables_do(
    client, leader, language, shown
):
    cycle_of(2025)
    client.force_login(leader)
    client.cookies["django_language"] = language
    for url in ("/iga/history/", "/reports/?year=2025"):
        html = client.get(url).content.decode()
        start = html.index('class="chart" role="img" viewBox="0 0 560 220"')  # the IID trend
        chart = html[start : html.index("</svg>", start)]
        assert f'text-anchor="middle">{shown}</text>' in chart
        assert f": {shown}</title>" in chart
        other = "52.53" if language == "id" else "52,53"
        assert other not in chart


def test_history_page_corrects_and_removes_a_year(client, admin_user):
    client.force_login(admin_user)
    client.post("/iga/history/", {"year": 2023, "index": "57.65", "predicate": "inovatif"})
    assert PublishedIndex.objects.get(year=2023).index == Decimal("57.65")
    bad = client.post("/iga/history/", {"year": 2023, "index": "101", "predicate": "inovatif"})
    assert bad.status_code == 400
    client.post("/iga/history/", {"action": "delete", "year": "2023"})
    assert not PublishedIndex.objects.filter(year=2023).exists()
    missing = client.post("/iga/history/", {"action": "delete", "year": "1990"})
    assert missing.status_code == 400


def test_history_api(api_as, admin_user, leader, operator):
    years = api_as(leader).get("/api/v1/reports/iid/history/").json()["years"]
    assert [y["year"] for y in years] == [2022, 2023]
    assert years[1]["published"] == {
        "index": 57.64,
        "predicate": "inovatif",
        "predicate_label": "Inovatif",
        "source": years[1]["published"]["source"],
    }
    assert api_as(operator).get("/api/v1/reports/iid/history/").status_code == 403
    body = {"year": 2024, "index": "60.5", "predicate": "sangat_inovatif", "source": "Kemendagri"}
    assert api_as(leader).post("/api/v1/reports/iid/history/", body).status_code == 403
    client = api_as(admin_user)
    assert client.post("/api/v1/reports/iid/history/", body, format="json").status_code == 201
    put = client.put(
        "/api/v1/reports/iid/history/2024/",
        {"index": "60.75", "predicate": "sangat_inovatif"},
        format="json",
    )
    assert put.status_code == 200 and put.json()["index"] == 60.75
    assert api_as(leader).get("/api/v1/reports/iid/history/2024/").json()["year"] == 2024
    assert client.delete("/api/v1/reports/iid/history/2024/").status_code == 204
    assert client.delete("/api/v1/reports/iid/history/2024/").status_code == 404


def test_dashboard_trend_shows_both(client, leader, unit):
    cycle = cycle_of(2025)
    IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {35: 3}), cycle=cycle)
    client.force_login(leader)
    response = client.get("/reports/?year=2025")
    years = [row.year for row in response.context["iid_trend"]]
    assert years == [2022, 2023, 2025]
    assert b"data-iid-trend" in response.content
    assert b'data-iid-year="2023"' in response.content


def test_dashboard_trend_queries_do_not_grow_with_years(client, admin_user, unit):
    client.force_login(admin_user)
    cycle = cycle_of(2025)
    IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {35: 3}), cycle=cycle)
    client.get("/reports/?year=2025")
    with CaptureQueriesContext(connection) as one:
        client.get("/reports/?year=2025")
    for year in (2023, 2024):
        other = cycle_of(year)
        for _n in range(3):
            IgaEntryFactory(innovation=give_levels(approved(other, unit), {16: 2}), cycle=other)
        RegionIndicatorFactory(cycle=other, number=2)
    client.get("/reports/?year=2025")
    with CaptureQueriesContext(connection) as many:
        client.get("/reports/?year=2025")
    assert len(many.captured_queries) == len(one.captured_queries)
