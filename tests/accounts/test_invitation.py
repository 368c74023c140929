"""The invitation: a new account's set-password e-mail through the outbox, once per request,
with a one-time, expiring link."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from accounts import services
from accounts.enums import Role
from accounts.invitations import invitation_link
from accounts.signals import invitation_requested
from notifications.enums import Kind
from notifications.models import Notification
from tests.factories import PASSWORD

from .page_helpers import english_client, html_of, invitation_mails, link_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sungai-Martapura-2026"


@pytest.fixture
def invite(admin_user, unit, django_capture_on_commit_callbacks):
    def _invite(email="nur.aini@banjarkab.go.id", **fields):
        fields = {"full_name": "Nur Aini", "role": Role.OPERATOR, "unit": unit, **fields}
        with django_capture_on_commit_callbacks(execute=True):
            return services.user_invite(by=admin_user, email=email, **fields)

    return _invite


def set_password(client, path, password=NEW_PASSWORD):
    """Open the link (Django moves the token into the session) and post the new password."""
    response = client.get(path)
    assert response.status_code == 302
    form_url = response["Location"]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_invitation_mail_is_indonesian_with_a_set_password_link(invite):
    user = invite()
    (message,) = invitation_mails(user.email)
    with translation.override("id"):
        assert message.subject == gettext("Your INTAN BANJAR account: set your password")
    assert "/accounts/invitation/" in message.body
    assert PASSWORD not in message.body
    row = Notification.objects.get(recipient=user)
    assert row.kind == Kind.INVITATION


def test_invitation_is_queued_once_per_request(invite, django_capture_on_commit_callbacks):
    user = invite()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_requested.send(
            sender=type(user), user_id=user.pk, link=invitation_link(user), occurrence="created"
        )
    assert Notification.objects.filter(recipient=user, kind=Kind.INVITATION).count() == 1
    assert len(invitation_mails(user.email)) == 1


def test_invited_person_sets_password_and_signs_in(invite):
    user = invite()
    client = english_client()
    response = set_password(client, link_in(invitation_mails(user.email)[0]))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    signed_in = client.post("/accounts/login/", {"username": user.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_invitation_link_works_once(invite):
    user = invite()
    path = link_in(invitation_mails(user.email)[0])
    set_password(english_client(), path)
    again = english_client().get(path, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_invitation_link_expires(invite, settings):
    user = invite()
    path = link_in(invitation_mails(user.email)[0])
    # A day beyond the lifetime: Django's token clock is naive local time (WITA, UTC+8).
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT, days=1
    )
    with time_machine.travel(later):
        html = html_of(english_client().get(path, follow=True))
    assert "This link no longer works" in html


def test_resend_sends_a_new_mail_but_not_twice_in_a_minute(
    invite, admin_user, django_capture_on_commit_callbacks
):
    user = invite()
    client = english_client(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/users/{user.pk}/invitation/")
        client.post(f"/users/{user.pk}/invitation/")
    assert len(invitation_mails(user.email)) == 2


def test_resend_refused_once_the_password_is_set(admin_user, operator):
    client = english_client(admin_user)
    response = client.post(f"/users/{operator.pk}/invitation/", follow=True)
    assert "has already set a password" in response.content.decode()
    assert mail.outbox == []


def test_edit_page_offers_resend_only_while_invited(invite, admin_user, operator):
    user = invite()
    client = english_client(admin_user)
    assert "Send the invitation again" in html_of(client.get(f"/users/{user.pk}/"))
    assert "Send the invitation again" not in html_of(client.get(f"/users/{operator.pk}/"))


def test_resent_invitation_in_the_accounts_language(invite, admin_user):
    user = invite(email="english@intan.test")
    user.language = "en"
    user.save()
    services.user_invitation_resend(by=admin_user, user=user)
    row = Notification.objects.filter(recipient=user).order_by("-id").first()
    assert row.subject == "Your INTAN BANJAR account: set your password"
