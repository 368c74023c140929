"""Helpers of the innovation page tests (test_pages_*.py)."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


def page_client(user=None):
    """A browser signed in as `user` (None: anonymous), reading the pages in English.

    The pages speak Indonesian by default; the tests read the English msgids so they keep
    passing whatever the translators write.
    """
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def redirects_to_login(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))
