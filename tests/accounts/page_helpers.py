"""Helpers shared by the accounts page tests."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def english_client(user=None):
    """A browser signed in as `user` (None: anonymous) reading the pages in English, so tests
    read the msgids whatever the translators write."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def redirects_to_login(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def invitation_mails(address):
    return [message for message in mail.outbox if address in message.to]


def link_in(message):
    """The site-relative path of the first portal link in an e-mail's text."""
    url = re.search(r"https?://\S+/accounts/\S+/\S+/\S+/", message.body).group(0)
    return urlsplit(url).path
