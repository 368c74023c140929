"""The portal's cycle pages: admins list, create and edit cycles; nobody else reaches them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.models import Cycle
from tests.factories import CycleFactory

from .pages import page_client, redirects_to_login

pytestmark = pytest.mark.django_db

NEW_CYCLE = {
    "year": "2031",
    "submission_opens": "2031-01-15",
    "submission_deadline": "2031-09-30",
    "agreement_deadline": "2031-02-28",
    "curation_deadline": "2031-11-15",
    "launch_date": "2031-12-11",
    "min_innovations_per_unit": "2",
    "reminder_send_time": "08:00",
    "review_overdue_days": "14",
    "revision_pending_days": "7",
    "iid_min_divisor": "10",
    "reminder_offsets_days": "30, 7,14 1",
    "head_approval_required": "on",
}


def edit_data(cycle, **changes):
    data = {
        **NEW_CYCLE,
        "submission_opens": cycle.submission_opens.isoformat(),
        "submission_deadline": cycle.submission_deadline.isoformat(),
        "agreement_deadline": cycle.agreement_deadline.isoformat(),
        "curation_deadline": cycle.curation_deadline.isoformat(),
        "launch_date": cycle.launch_date.isoformat(),
    }
    del data["year"]
    for index, band in enumerate(cycle.iga_bands):
        data[f"band_{index}_min"] = band["min"]
        data[f"band_{index}_max"] = band["max"]
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "leader", "other_operator"]
)
@pytest.mark.parametrize("url", ["/cycles/", "/cycles/new/", "/cycles/2025/edit/"])
def test_cycle_pages_refuse_everyone_but_admins(users_by_role, role, url):
    CycleFactory(year=2025)
    assert page_client(users_by_role[role]).get(url).status_code == 403


@pytest.mark.parametrize("url", ["/cycles/", "/cycles/new/", "/cycles/2025/edit/"])
def test_cycle_pages_send_anonymous_visitors_to_login(url):
    assert redirects_to_login(page_client().get(url))


def test_cycle_list_shows_each_cycle_with_an_edit_link(admin_user):
    CycleFactory(year=2024)
    CycleFactory(year=2025)
    client = page_client(admin_user)
    html = client.get("/cycles/").content.decode()
    assert 'data-cycle="2025"' in html and 'data-cycle="2024"' in html
    assert 'href="/cycles/2024/edit/"' in html


def test_cycle_create_saves_dates_reminders_and_switches(admin_user):
    client = page_client(admin_user)
    response = client.post("/cycles/new/", NEW_CYCLE)
    assert response.status_code == 302
    cycle = Cycle.objects.get(year=2031)
    assert cycle.submission_deadline == datetime.date(2031, 9, 30)
    assert cycle.reminder_offsets_days == [30, 14, 7, 1]
    assert cycle.head_approval_required and not cycle.publish_decisions_together
    assert cycle.iga_bands, "a new cycle gets its year's published bands"


def test_cycle_create_refuses_dates_out_of_order(admin_user):
    client = page_client(admin_user)
    response = client.post("/cycles/new/", {**NEW_CYCLE, "submission_deadline": "2030-12-31"})
    assert response.status_code == 400
    assert "The deadline must not be before the opening." in response.content.decode()
    assert not Cycle.objects.filter(year=2031).exists()


def test_cycle_create_refuses_reminders_that_are_not_days(admin_user):
    client = page_client(admin_user)
    response = client.post("/cycles/new/", {**NEW_CYCLE, "reminder_offsets_days": "30, x"})
    assert response.status_code == 400
    assert not Cycle.objects.filter(year=2031).exists()


def test_cycle_create_refuses_a_year_that_exists(admin_user):
    CycleFactory(year=2031)
    client = page_client(admin_user)
    assert client.post("/cycles/new/", NEW_CYCLE).status_code == 400


def test_cycle_edit_shows_saved_dates_and_reminders_as_days(admin_user):
    cycle = CycleFactory(year=2025, reminder_offsets_days=[14, 3])
    client = page_client(admin_user)
    html = client.get("/cycles/2025/edit/").content.decode()
    assert 'type="date"' in html
    assert f'value="{cycle.submission_deadline.isoformat()}"' in html
    assert 'value="14, 3"' in html
    assert "[14, 3]" not in html
    assert "Sangat Inovatif: from" in html
    assert "{'category'" not in html


def test_cycle_edit_changes_settings_and_bands_but_not_the_year(admin_user):
    cycle = CycleFactory(year=2025)
    client = page_client(admin_user)
    data = edit_data(cycle, band_0_min="70", publish_decisions_together="on", year="2030")
    response = client.post("/cycles/2025/edit/", data)
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.year == 2025
    assert cycle.iga_bands[0]["min"] == 70.0
    assert cycle.publish_decisions_together


def test_cycle_edit_can_return_to_the_published_bands(admin_user):
    cycle = CycleFactory(year=2025)
    published = list(cycle.iga_bands)
    client = page_client(admin_user)
    data = edit_data(cycle, band_0_min="70", reset_bands="on")
    assert client.post("/cycles/2025/edit/", data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.iga_bands == published


def test_cycle_edit_refuses_curation_ending_before_submissions(admin_user):
    cycle = CycleFactory(year=2025)
    client = page_client(admin_user)
    data = edit_data(cycle, curation_deadline="2025-01-01")
    response = client.post("/cycles/2025/edit/", data)
    assert response.status_code == 400
    assert "Curation cannot end before submissions close." in response.content.decode()


def test_cycle_edit_of_unknown_year_is_404(admin_user):
    client = page_client(admin_user)
    assert client.get("/cycles/1999/edit/").status_code == 404


def _cycle_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/cycles/").status_code == 200
    return len(queries)


def test_cycle_list_query_count_does_not_grow_with_rows(admin_user):
    client = page_client(admin_user)
    CycleFactory(year=2020)
    one = _cycle_list_queries(client)
    for year in range(2021, 2031):
        CycleFactory(year=year)
    assert _cycle_list_queries(client) == one


def test_cycle_edit_refuses_a_band_whose_from_is_above_its_to(admin_user):
    cycle = CycleFactory(year=2025)
    client = page_client(admin_user)
    data = edit_data(cycle, band_0_min="90", band_0_max="80")
    response = client.post("/cycles/2025/edit/", data)
    assert response.status_code == 400
    assert "“from” must not be above “to”" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.iga_bands[0]["min"] != 90


def test_cycle_api_refuses_a_band_whose_from_is_above_its_to(api_as, admin_user):
    CycleFactory(year=2025)
    bands = [{"category": "inovatif", "label": "Inovatif", "min": 60, "max": 35}]
    response = api_as(admin_user).patch("/api/v1/cycles/2025/", {"iga_bands": bands}, format="json")
    assert response.status_code == 400
    assert "iga_bands" in response.json()
