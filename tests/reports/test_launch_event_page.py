"""The launch event form on the launch report page: its date shows, its errors are named, its
fields are styled; the page fits a phone."""

import re

import pytest

from reports.models import LaunchEvent
from tests.factories import CycleFactory
from tests.form_banner import banner_links, field_value
from tests.layout import content, overflows

pytestmark = pytest.mark.django_db

PAGE = "/reports/launch/2025/"
EVENT = "/reports/launch/2025/event/"


@pytest.fixture
def cycle_2025():
    return CycleFactory(year=2025)


def test_launch_event_form_shows_the_cycles_launch_date_in_indonesian(
    client, admin_user, cycle_2025
):
    client.force_login(admin_user)
    client.cookies["django_language"] = "id"

    html = client.get(PAGE).content.decode()

    assert field_value(html, "id_date") == cycle_2025.launch_date.isoformat()


def test_launch_event_form_errors_banner_links_fields_and_keeps_input(
    client, admin_user, cycle_2025
):
    client.force_login(admin_user)

    response = client.post(EVENT, {"name": "", "date": "11-13-2025", "venue": "Gambut"})

    assert response.status_code == 400
    html = response.content.decode()
    assert banner_links(html) == ["id_name", "id_date"]
    assert field_value(html, "id_venue") == "Gambut"
    assert not LaunchEvent.objects.exists()


def test_launch_event_form_valid_post_saves_the_date(client, admin_user, cycle_2025):
    client.force_login(admin_user)

    response = client.post(EVENT, {"name": "Launching", "date": "2025-12-11", "venue": ""})

    assert response.status_code == 302
    assert str(LaunchEvent.objects.get().date) == "2025-12-11"


def test_launch_event_can_be_corrected_on_the_page(client, admin_user, cycle_2025):
    """The venue is often known only later: saving again corrects the event (one per cycle)."""
    client.force_login(admin_user)
    client.post(EVENT, {"name": "Launching", "date": "2025-12-11", "venue": ""})

    response = client.post(
        EVENT, {"name": "Launching INTAN BANJAR", "date": "2025-12-12", "venue": "Pendopo"}
    )

    assert response.status_code == 302
    event = LaunchEvent.objects.get()
    assert (event.name, str(event.date), event.venue) == (
        "Launching INTAN BANJAR",
        "2025-12-12",
        "Pendopo",
    )
    assert event.created_by == admin_user
    html = client.get(PAGE).content.decode()
    assert "data-event-form" in html
    assert field_value(html, "id_venue") == "Pendopo"


def test_launch_event_correction_errors_keep_the_saved_event(client, admin_user, cycle_2025):
    client.force_login(admin_user)
    client.post(EVENT, {"name": "Launching", "date": "2025-12-11", "venue": "Pendopo"})

    response = client.post(EVENT, {"name": "", "date": "2025-12-11", "venue": "Gambut"})

    assert response.status_code == 400
    assert LaunchEvent.objects.get().venue == "Pendopo"
    assert field_value(response.content.decode(), "id_venue") == "Gambut"


@pytest.mark.parametrize("role", ["operator", "head", "curator", "lead_curator", "leader"])
def test_launch_event_correction_refused_to_non_admins(
    role, client, users_by_role, admin_user, cycle_2025
):
    client.force_login(admin_user)
    client.post(EVENT, {"name": "Launching", "date": "2025-12-11", "venue": "Pendopo"})
    client.force_login(users_by_role[role])

    response = client.post(EVENT, {"name": "X", "date": "2025-12-11", "venue": "Gambut"})

    assert response.status_code == 403
    assert LaunchEvent.objects.get().venue == "Pendopo"


def test_launch_selected_with_nothing_ticked_says_so(client, admin_user, cycle_2025):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    client.post(EVENT, {"name": "Launching", "date": "2025-12-11", "venue": ""})

    response = client.post("/reports/launch/2025/launch/", {}, follow=True)

    assert "No innovation was selected: tick the innovations to launch." in (
        response.content.decode()
    )


def test_launch_event_form_fields_are_styled_like_the_portals_other_forms(
    client, admin_user, cycle_2025
):
    client.force_login(admin_user)

    html = client.get(PAGE).content.decode()

    for name in ("name", "date", "venue"):
        tag = re.search(rf'<input[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert 'class="form-control"' in tag


def test_launch_report_fits_a_phone_also_in_the_preview(client, admin_user, cycle_2025):
    """The preview's long badge wraps and the breakdown tables scroll in their own box."""
    client.force_login(admin_user)

    html = content(client.get(PAGE, {"include": "approved"}))

    assert "data-event-form" in html
    assert overflows(html) == []
