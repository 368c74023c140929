"""Forgotten password: same answer for any address, throttled, one-time expiring link, e-mail
in the account's language."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PASSWORD, UserFactory

from .page_helpers import english_client, html_of, link_in

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
NEW_PASSWORD = "Pasar-Terapung-Lokbaintan-7"


def main_of(response):
    """The page's main content (the layout around it carries a per-response CSP nonce)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_login_page_links_to_forgotten_password(client):
    assert 'href="/accounts/password/reset/"' in html_of(client.get("/accounts/login/"))


def test_reset_form_is_open_to_anonymous_visitors():
    assert "Forgot password" in html_of(english_client().get(RESET))


def test_reset_answers_the_same_whether_or_not_the_address_exists(operator):
    known = english_client().post(RESET, {"email": operator.email}, follow=True)
    unknown = english_client().post(RESET, {"email": "nobody@intan.test"}, follow=True)
    assert (
        known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    )
    assert main_of(known) == main_of(unknown)
    assert [message.to for message in mail.outbox] == [[operator.email]]


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_reset_answers_as_always_when_the_mail_server_is_down(operator, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    response = english_client().post(RESET, {"email": operator.email})
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/sent/")
    assert mail.outbox == []  # nothing reached a mail server


def test_reset_mail_in_indonesian_by_default(operator):
    english_client().post(RESET, {"email": operator.email.upper()})
    (message,) = mail.outbox
    with translation.override("id"):
        assert message.subject == gettext("INTAN BANJAR: choose a new password")
    assert "/accounts/password/reset/" in message.body


def test_reset_mail_not_sent_to_a_deactivated_account():
    user = UserFactory(is_active=False)
    response = english_client().post(RESET, {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox == []


def test_reset_link_sets_password_once(operator):
    english_client().post(RESET, {"email": operator.email})
    path = link_in(mail.outbox[0])
    client = english_client()
    form_url = client.get(path)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/login/"
    operator.refresh_from_db()
    assert operator.check_password(NEW_PASSWORD) and not operator.check_password(PASSWORD)
    assert "This link no longer works" in html_of(english_client().get(path, follow=True))


def test_reset_link_with_a_forged_token_does_not_work(operator):
    english_client().post(RESET, {"email": operator.email})
    path = link_in(mail.outbox[0])
    forged = path.rstrip("/").rsplit("-", 1)[0] + "-0000000000/"
    assert "This link no longer works" in html_of(english_client().get(forged))


def test_reset_is_throttled_per_address_with_the_same_answer(settings, operator):
    settings.PASSWORD_RESET_THROTTLE = {"rate": "2/hour"}
    client = english_client()
    for _ in range(2):
        assert client.post(RESET, {"email": "nobody@intan.test"}).status_code == 302
    throttled = client.post(RESET, {"email": operator.email})
    assert throttled.status_code == 429
    assert "Retry-After" in throttled.headers
    assert "Too many requests from your address" in throttled.content.decode()
    assert mail.outbox == []


def test_setting_a_new_password_releases_a_lock_out(operator):
    guesser = english_client()
    for _ in range(5):
        guesser.post("/accounts/login/", {"username": operator.email, "password": "wrong"})
    locked = english_client().post(
        "/accounts/login/", {"username": operator.email, "password": PASSWORD}
    )
    assert locked.status_code != 302
    english_client().post(RESET, {"email": operator.email})
    client = english_client()
    form_url = client.get(link_in(mail.outbox[0]))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    signed_in = client.post(
        "/accounts/login/", {"username": operator.email, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
