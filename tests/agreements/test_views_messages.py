"""What the agreement page says after each action: a sentence declared on the transition table."""

import pytest
from django.conf import settings

from agreements import services
from agreements.workflow import TRANSITIONS

from .test_views_actions import sign_data
from .view_helpers import detail

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def said(login, user, agreement, data):
    return login(user).post(detail(agreement), data, follow=True).content.decode()


def test_sign_says_the_agreement_is_signed(english, login, head, agreement):
    assert "The agreement is signed." in said(login, head, agreement, sign_data())


def test_verify_says_the_agreement_is_verified(english, login, curator, head, agreement):
    services.agreement_sign(agreement=agreement, by=head)

    assert "The agreement is verified." in said(login, curator, agreement, {"action": "verify"})


def test_reject_says_it_went_back_with_the_reason(english, login, curator, head, agreement):
    services.agreement_sign(agreement=agreement, by=head)

    page = said(login, curator, agreement, {"action": "reject", "reject-note": "Salah NIP"})

    assert "The agreement was sent back to draft with the reason." in page


def test_every_agreement_action_has_a_sentence():
    for action, transition in TRANSITIONS.items():
        assert str(transition.done_message).endswith("."), action
