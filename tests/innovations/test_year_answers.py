"""One answer for a year (docs/decisions.md, "One answer for `?year=`").

Every page and API that is told a year answers the same: absent, the current cycle; malformed
(not four digits), 400 (the API's `{"year": [...]}`, the page's message over the current cycle's
page); a well-formed year without a cycle, 404. Filters on a year refuse the same values and
narrow to nothing for an unknown year.
"""

import html

import pytest
from django.utils import translation

from innovations.cycles import YEAR_MALFORMED, parse_year
from innovations.models import Cycle

from .factories import open_cycle

MALFORMED = ["abc", "20x5", "-1", "2025.0", "25", "20255", "٢٠٢٥"]
UNKNOWN = 1999

# Pages and APIs that choose a cycle by `?year=` (absent: the current cycle).
YEAR_PAGES = [
    "/agreements/",
    "/agreements/document/",
    "/compliance/",
    "/reports/",
    "/curation/",
    "/curation/dashboard/",
    "/curation/rubric/",
]
YEAR_APIS = [
    "/api/v1/agreements/document/",
    "/api/v1/compliance/",
    "/api/v1/curation/queue/",
    "/api/v1/curation/dashboard/",
]
# The year as a path segment: `abc` matches no route; a number goes through the same resolver.
PATH_APIS = [
    "/api/v1/reports/compliance/{}/export/?format=csv",
    "/api/v1/reports/iid/{}/",
    "/api/v1/reports/iid/{}/export/?format=csv",
    "/api/v1/reports/iid/{}/entries/",
    "/api/v1/cycles/{}/iid-indicators/",
    "/api/v1/cycles/{}/criteria/",
    "/api/v1/reports/launch/{}/",
    "/api/v1/reports/launch/{}/export/?format=csv",
    "/api/v1/reports/reviews/{}/export/?format=csv",
]
PATH_PAGES = ["/iga/{}/", "/reports/launch/{}/"]
# Filters on a year: refused like the resolver refuses, an unknown year matches nothing.
FILTER_APIS = [
    "/api/v1/innovations/",
    "/api/v1/agreements/",
    "/api/v1/public/innovations/",
    "/api/v1/innovations/export/?format=csv",
]
FILTER_PAGES = ["/innovations/", "/katalog/"]


def with_year(url, year):
    return f"{url}{'&' if '?' in url else '?'}year={year}"


def malformed_message():
    with translation.override("id"):
        return str(YEAR_MALFORMED)


@pytest.fixture
def current(db):
    return open_cycle()


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("value", MALFORMED)
def test_parse_year_refuses_anything_but_four_digits(value):
    with pytest.raises(Exception) as caught:
        parse_year(value)
    assert caught.value.messages == [str(YEAR_MALFORMED)]


@pytest.mark.parametrize(("value", "year"), [(None, None), ("", None), (" ", None), ("2025", 2025)])
def test_parse_year_reads_absent_and_four_digits(value, year):
    assert parse_year(value) == year


def test_resolve_absent_is_the_current_cycle_and_404_without_any(db):
    from django.http import Http404

    with pytest.raises(Http404):
        Cycle.objects.resolve(None)
    assert Cycle.objects.resolve("", required=False) is None
    cycle = open_cycle()
    assert Cycle.objects.resolve(None) == cycle
    assert Cycle.objects.resolve(str(cycle.year)) == cycle
    assert Cycle.objects.resolve(cycle.year) == cycle


@pytest.mark.parametrize("url", YEAR_APIS)
@pytest.mark.parametrize("value", ["abc", "20x5", "-1"])
def test_api_malformed_year_is_400(api_as, admin_user, current, url, value):
    response = api_as(admin_user).get(with_year(url, value))
    assert response.status_code == 400
    assert response.json() == {"year": [malformed_message()]}


@pytest.mark.parametrize("url", YEAR_APIS)
def test_api_unknown_year_is_404(api_as, admin_user, current, url):
    assert api_as(admin_user).get(with_year(url, UNKNOWN)).status_code == 404


@pytest.mark.parametrize("url", YEAR_APIS)
def test_api_absent_year_is_the_current_cycle(api_as, admin_user, current, url):
    response = api_as(admin_user).get(url)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json") and "year" in response.json():
        assert response.json()["year"] == current.year


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/agreements/document/", 404),
        ("/api/v1/compliance/", 404),
        ("/api/v1/curation/dashboard/", 404),
        ("/api/v1/curation/queue/", 200),  # an empty queue: the queue's documented default
    ],
)
def test_api_without_any_cycle(api_as, admin_user, url, status):
    assert api_as(admin_user).get(url).status_code == status


@pytest.mark.parametrize("url", YEAR_PAGES)
@pytest.mark.parametrize("value", ["abc", "20x5", "-1"])
def test_page_malformed_year_is_400_with_a_message(staff, current, url, value):
    response = staff.get(with_year(url, value))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert html.escape(malformed_message()) in response.content.decode()


@pytest.mark.parametrize("url", YEAR_PAGES)
def test_page_unknown_year_is_404(staff, current, url):
    assert staff.get(with_year(url, UNKNOWN)).status_code == 404


@pytest.mark.parametrize("url", YEAR_PAGES)
def test_page_absent_year_is_the_current_cycle(staff, current, url):
    response = staff.get(url)
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert str(current.year) in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/agreements/", 404),
        ("/compliance/", 404),
        ("/reports/", 404),
        ("/curation/", 200),  # the curation pages say "no cycle yet" themselves
        ("/curation/dashboard/", 200),
        ("/curation/rubric/", 200),
    ],
)
def test_page_without_any_cycle(staff, url, status):
    assert staff.get(url).status_code == status


def test_posting_with_a_malformed_year_changes_nothing(staff, current, unit):
    from agreements.models import Agreement

    response = staff.post(
        "/agreements/new/?year=abc", {"unit": unit.code, "committed_count": 2, "planned_titles": ""}
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists()

    criteria = list(current.criteria.values_list("code", "weight"))
    response = staff.post(
        "/curation/rubric/?year=abc",
        {
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-code": "kebaruan",
            "criteria-0-name": "Kebaruan",
            "criteria-0-weight": "100",
        },
    )
    assert response.status_code == 400
    assert list(current.criteria.values_list("code", "weight")) == criteria


@pytest.mark.parametrize("url", PATH_APIS)
def test_api_path_year(api_as, admin_user, current, url):
    client = api_as(admin_user)
    assert client.get(url.format(UNKNOWN)).status_code == 404
    assert client.get(url.format("abc")).status_code == 404  # no route
    response = client.get(url.format("20255"))
    assert response.status_code == 400
    assert response.json() == {"year": [malformed_message()]}
    assert client.get(url.format(current.year)).status_code == 200


@pytest.mark.parametrize("url", PATH_PAGES)
def test_page_path_year(staff, current, url):
    assert staff.get(url.format(UNKNOWN)).status_code == 404
    assert staff.get(url.format("abc")).status_code == 404  # no route
    assert staff.get(url.format(current.year)).status_code == 200


def test_iga_index_goes_to_the_current_year_or_404(staff, db):
    assert staff.get("/iga/").status_code == 404
    cycle = open_cycle()
    assert staff.get("/iga/")["Location"] == f"/iga/{cycle.year}/"


@pytest.mark.parametrize("url", FILTER_APIS)
@pytest.mark.parametrize("value", ["abc", "-1", "2025.0"])
def test_api_year_filter_refuses_a_malformed_year(api_as, admin_user, current, url, value):
    response = api_as(admin_user).get(with_year(url, value))
    assert response.status_code == 400
    assert response.json() == {"year": [malformed_message()]}


@pytest.mark.parametrize("url", FILTER_APIS)
def test_api_year_filter_of_an_unknown_year_matches_nothing(api_as, admin_user, current, url):
    response = api_as(admin_user).get(with_year(url, UNKNOWN))
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        assert response.json()["count"] == 0


@pytest.mark.parametrize("url", FILTER_PAGES)
def test_page_year_filter_refuses_a_malformed_year_with_a_message(staff, current, url):
    response = staff.get(with_year(url, "abc"))
    assert response.status_code == 400
    assert html.escape(malformed_message()) in response.content.decode()
    assert staff.get(with_year(url, UNKNOWN)).status_code == 200
    assert staff.get(with_year(url, current.year)).status_code == 200
