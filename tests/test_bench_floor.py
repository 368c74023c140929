"""The request floor (bench/floor.py): its views go through the real stack, and the room it
prints beside each page follows from the figures."""

import pytest
from django.test import override_settings

from bench.floor import FLOOR_URLS, floor_of, own_python_ms, report_lines, room_ms
from bench.report import PAGINATED, render
from tests.test_bench_report import EXPORTS, SWEEP, page


def floor(median, sql, queries=2):
    row = page(median, sql or 1, queries=queries)
    row["sql_ms"] = sql
    return row


FLOORS = {
    "/floor/page/": floor(1.1, 0.5),
    "/floor/api/": floor(1.4, 0.5),
    "/floor/public/page/": floor(0.2, 0.0, queries=0),
    "/floor/public/api/": floor(0.3, 0.0, queries=0),
}


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.floor_urls", LOGIN_URL="/login/")
def test_the_signed_in_floor_reads_session_and_user_and_the_anonymous_one_nothing(
    client, admin_user, django_assert_num_queries
):
    client.force_login(admin_user)
    for url in ("/floor/page/", "/floor/api/"):
        with django_assert_num_queries(2):  # the session and the user
            assert client.get(url).status_code == 200
    client.logout()
    for url in ("/floor/public/page/", "/floor/public/api/"):
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
    # Without a session the signed-in floor is refused like any page: it is not exempt.
    assert client.get("/floor/page/").url.startswith("/login/?next=")
    assert client.get("/floor/api/").status_code in (401, 403)


def test_each_page_is_measured_against_the_floor_of_its_kind():
    assert floor_of(True, "/innovations/") == "/floor/page/"
    assert floor_of(True, "/api/v1/compliance/") == "/floor/api/"
    assert floor_of(False, "/katalog/") == "/floor/public/page/"
    assert floor_of(False, "/api/v1/public/innovations/") == "/floor/public/api/"
    assert set(FLOOR_URLS.values()) == set(FLOORS)


def test_the_room_is_the_page_sql_less_the_floor_python():
    row = page(4.0, 1.0)
    assert room_ms(row, FLOORS["/floor/page/"]) == pytest.approx(0.4)  # 1.0 - (1.1 - 0.5)
    assert own_python_ms(row, FLOORS["/floor/page/"]) == pytest.approx(2.4)  # 4.0 - 1.0 - 0.6
    # A page within 2x its SQL always has its own Python within the room, and the converse.
    for median in (1.5, 2.0, 2.5):
        within = own_python_ms(page(median, 1.0), FLOORS["/floor/page/"]) <= room_ms(
            page(median, 1.0), FLOORS["/floor/page/"]
        )
        assert within == (median / 1.0 <= 2)


def test_results_show_the_floors_and_each_paginated_page_against_its_room():
    over, within = "compliance table (HTML)", "curation queue (API)"
    assert {over, within} <= PAGINATED
    pages = {
        over: {**page(4.0, 1.0), "floor": "/floor/page/"},
        within: {**page(6.0, 4.0), "floor": "/floor/api/"},
    }
    last = {"size": 100_000, "seed_seconds": 1.0, "pages": pages, "similarity": None}
    last["floors"] = FLOORS
    text = render([{**last, "size": 1000}, last], EXPORTS, SWEEP)
    assert "## The request floor" in text
    assert "- signed in, page: 1.10 ms, of which SQL 0.50 ms (2 queries; 2.2× its SQL)" in text
    assert "- anonymous, page: 0.20 ms, of which SQL 0.00 ms (0 queries; no SQL)" in text
    assert f"- {over}: SQL 1.00 ms, own Python 2.40 ms, room 0.40 ms (2.0 ms over)" in text
    assert f"- {within}: SQL 4.00 ms, own Python 1.10 ms, room 3.10 ms (within)" in text


def test_results_without_floor_figures_leave_the_section_out():
    assert report_lines({"size": 10, "pages": {}}, PAGINATED, 2) == []
