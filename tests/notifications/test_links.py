"""In-portal links are paths on the reader's own site; e-mails keep the absolute link."""

import pytest
from django.test import Client

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
    NotificationFactory(recipient=operator, link="https://intan.banjarkab.go.id/innovations/5/")
    client = Client()
    client.force_login(operator)

    page = client.get("/notifications/").content.decode()

    assert 'href="/innovations/5/" data-link' in page
    assert 'https://intan.banjarkab.go.id/innovations/5/"' not in page
