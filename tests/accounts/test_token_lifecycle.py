"""API tokens end with a password change, with age, and with "sign out everywhere" (issue 19)."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import services
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Sandi-Baru-Banjar-2025"
TOKEN_URL = "/api/v1/auth/token/"
LOGOUT_ALL_URL = "/api/v1/auth/logout-all/"
SIGN_OUT_EVERYWHERE = "/accounts/logout/everywhere/"


def token_client(user):
    key = Token.objects.create(user=user).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_own_password_change_revokes_the_users_tokens(client, operator):
    api = token_client(operator)
    client.force_login(operator)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not Token.objects.filter(user=operator).exists()
    assert api.get("/api/v1/me/").status_code == 401


def test_admin_password_reset_in_the_django_admin_revokes_the_users_tokens(
    client, admin_user, operator
):
    api = token_client(operator)
    client.force_login(admin_user)

    response = client.post(
        f"/admin/accounts/user/{operator.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    operator.refresh_from_db()
    assert operator.check_password(NEW_PASSWORD)
    assert api.get("/api/v1/me/").status_code == 401


def test_admin_password_reset_through_the_api_revokes_the_users_tokens(
    api_as, admin_user, operator
):
    api = token_client(operator)

    response = api_as(admin_user).patch(
        f"/api/v1/users/{operator.email}/", {"password": NEW_PASSWORD}, format="json"
    )

    assert response.status_code == 200
    assert api.get("/api/v1/me/").status_code == 401


def test_password_set_by_the_service_revokes_the_users_tokens(operator, head):
    Token.objects.create(user=operator)
    Token.objects.create(user=head)

    services.user_update(user=operator, password=NEW_PASSWORD)

    assert not Token.objects.filter(user=operator).exists()
    assert Token.objects.filter(user=head).exists()


def test_set_password_and_save_revokes_the_users_tokens(operator):
    """The path of `manage.py changepassword` and of every form that calls set_password."""
    Token.objects.create(user=operator)

    operator.set_password(NEW_PASSWORD)
    operator.save()

    assert not Token.objects.filter(user=operator).exists()


def test_saving_without_a_new_password_keeps_the_tokens(operator):
    Token.objects.create(user=operator)

    services.user_update(user=operator, full_name="Nama Baru")

    assert Token.objects.filter(user=operator).exists()


def test_token_answer_says_when_it_expires(operator):
    response = APIClient().post(
        TOKEN_URL, {"email": operator.email, "password": PASSWORD}, format="json"
    )

    token = Token.objects.get(user=operator)
    expected = token.created + timedelta(days=settings.API_TOKEN_TTL_DAYS)
    assert response.json()["expires"] == timezone.localtime(expected).isoformat()


def test_token_within_its_lifetime_is_accepted(operator):
    api = token_client(operator)
    later = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS - 1)

    with time_machine.travel(later):
        assert api.get("/api/v1/me/").status_code == 200


def test_expired_token_is_401_and_deleted(operator):
    api = token_client(operator)
    later = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS, minutes=1)

    with time_machine.travel(later):
        response = api.get("/api/v1/me/")

    assert response.status_code == 401
    assert "detail" in response.json()
    assert not Token.objects.filter(user=operator).exists()


def test_token_endpoint_replaces_an_expired_token(operator):
    old = Token.objects.create(user=operator).key
    later = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS, minutes=1)

    with time_machine.travel(later):
        response = APIClient().post(
            TOKEN_URL, {"email": operator.email, "password": PASSWORD}, format="json"
        )
        fresh = response.json()["token"]
        assert fresh != old
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {fresh}")
        assert api.get("/api/v1/me/").status_code == 200


def logged_in_client(user):
    client = Client()
    client.force_login(user)
    return client


def is_signed_in(client):
    # `/` greets anonymous visitors too (the landing page); a page for signed-in people does not.
    return client.get("/accounts/password/change/").status_code == 200


def test_logout_all_api_revokes_tokens_and_every_session(operator, head):
    api = token_client(operator)
    browser = logged_in_client(operator)
    other_browser = logged_in_client(operator)
    someone_else = logged_in_client(head)
    someone_elses_api = token_client(head)

    response = api.post(LOGOUT_ALL_URL)

    assert response.status_code == 204
    assert not Token.objects.filter(user=operator).exists()
    assert api.get("/api/v1/me/").status_code == 401
    assert not is_signed_in(browser)
    assert not is_signed_in(other_browser)
    assert is_signed_in(someone_else)
    assert someone_elses_api.get("/api/v1/me/").status_code == 200


def test_logout_all_api_with_a_session_ends_that_session_too(operator):
    api = APIClient()
    api.force_login(operator)

    assert api.post(LOGOUT_ALL_URL).status_code == 204
    assert api.get("/api/v1/me/").status_code in (401, 403)


def test_logout_all_api_anonymous_is_401(db):
    assert APIClient().post(LOGOUT_ALL_URL).status_code == 401


def test_sign_out_everywhere_button_is_in_the_user_menu(client, operator):
    client.force_login(operator)

    html = client.get("/").content.decode()

    assert f'action="{SIGN_OUT_EVERYWHERE}"' in html


def test_sign_out_everywhere_page_ends_other_sessions_and_tokens(operator, head):
    api = token_client(operator)
    browser = logged_in_client(operator)
    other_browser = logged_in_client(operator)
    someone_else = logged_in_client(head)

    response = browser.post(SIGN_OUT_EVERYWHERE, follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert not is_signed_in(browser)
    assert not is_signed_in(other_browser)
    assert api.get("/api/v1/me/").status_code == 401
    assert is_signed_in(someone_else)
    operator.refresh_from_db()
    assert is_signed_in(logged_in_client(operator))  # a new sign-in works


def test_sign_out_everywhere_by_get_is_refused(client, operator):
    client.force_login(operator)

    assert client.get(SIGN_OUT_EVERYWHERE).status_code == 405
    assert is_signed_in(client)


def test_session_hash_is_djangos_until_the_first_sign_out_everywhere(operator):
    """Sessions made before the salt field existed stay valid after the migration."""
    assert operator.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(operator)
