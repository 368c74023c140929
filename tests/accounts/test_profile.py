"""The profile page: name, phone, language (applied now and at each sign-in), password change
link, signing out the other sessions."""

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD

from .page_helpers import english_client, html_of, redirects_to_login

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_profile_page_for_every_role_shows_own_data(users_by_role, role):
    user = users_by_role[role]
    html = html_of(english_client(user).get(PROFILE))
    assert user.email in html
    assert 'name="phone"' in html and 'name="language"' in html
    assert 'href="/accounts/password/change/"' in html


def test_profile_page_needs_sign_in():
    assert redirects_to_login(english_client().get(PROFILE))


def test_navigation_links_to_the_profile(operator):
    assert f'href="{PROFILE}"' in html_of(english_client(operator).get("/"))


def test_profile_saves_name_phone_and_switches_language(operator):
    client = english_client(operator)
    response = client.post(
        PROFILE, {"full_name": "Siti Rahmah", "phone": "0812 5000 1234", "language": "id"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    operator.refresh_from_db()
    assert (operator.full_name, operator.phone, operator.language) == (
        "Siti Rahmah",
        "+6281250001234",
        "id",
    )


def test_profile_refuses_a_number_that_is_not_a_phone(operator):
    response = english_client(operator).post(
        PROFILE, {"full_name": "Siti Rahmah", "phone": "12-34", "language": "en"}
    )
    assert response.status_code == 400
    operator.refresh_from_db()
    assert operator.phone == ""


def test_profile_refuses_an_empty_name(operator):
    response = english_client(operator).post(PROFILE, {"full_name": "", "language": "en"})
    assert response.status_code == 400


def test_sign_in_applies_the_chosen_language(operator):
    operator.language = "en"
    operator.save()
    client = Client()
    response = client.post("/accounts/login/", {"username": operator.email, "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_sign_out_other_sessions_keeps_this_one(operator):
    this, other = Client(), Client()
    for client in (this, other):
        client.post("/accounts/login/", {"username": operator.email, "password": PASSWORD})
    Token.objects.create(user=operator)
    response = this.post("/accounts/profile/sign-out-others/")
    assert response.status_code == 302
    assert this.get(PROFILE).status_code == 200
    assert redirects_to_login(other.get(PROFILE))
    assert not Token.objects.filter(user=operator).exists()


def test_sign_out_other_sessions_only_by_post(operator):
    assert english_client(operator).get("/accounts/profile/sign-out-others/").status_code == 405
