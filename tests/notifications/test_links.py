"""In-portal links are paths on the reader's own site; e-mails keep the absolute link."""

import pytest
from django.test import Client
from django.utils import timezone

from notifications.rendering import site_path

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://intan.banjarkab.go.id/innovations/7/", "/innovations/7/"),
        ("https://intan.banjarkab.go.id/agreements/?year=2026#top", "/agreements/?year=2026#top"),
        ("https://intan.banjarkab.go.id", "/"),
        ("https://example.org/innovations/7/", "https://example.org/innovations/7/"),
        (
            "http://intan.banjarkab.go.id/innovations/7/",
            "http://intan.banjarkab.go.id/innovations/7/",
        ),
        ("", ""),
    ],
)
def test_site_path_of_portal_links_only(settings, link, expected):
    settings.SITE_URL = "https://intan.banjarkab.go.id"

    assert site_path(link) == expected


def test_notification_list_links_by_path(settings, operator):
    settings.SITE_URL = "https://intan.banjarkab.go.id"
    NotificationFactory(
        recipient=operator,
        link="https://intan.banjarkab.go.id/innovations/5/",
        read_at=timezone.now(),
    )
    client = Client()
    client.force_login(operator)

    page = client.get("/notifications/").content.decode()

    assert 'href="/innovations/5/" data-link' in page
    assert 'https://intan.banjarkab.go.id/innovations/5/"' not in page


def test_opening_an_unread_notification_reads_it_and_goes_on(settings, operator):
    """ "Open" on an unread one marks it read (the badge goes down) and shows what it is about."""
    settings.SITE_URL = "https://intan.banjarkab.go.id"
    row = NotificationFactory(
        recipient=operator, link="https://intan.banjarkab.go.id/innovations/5/"
    )
    client = Client()
    client.force_login(operator)

    page = client.get("/notifications/").content.decode()
    response = client.post(f"/notifications/{row.pk}/read/", {"next": "/innovations/5/"})

    assert 'name="next" value="/innovations/5/"' in page
    assert response.status_code == 302 and response["Location"] == "/innovations/5/"
    row.refresh_from_db()
    assert row.is_read
