"""API.md "Conventions": negotiated language and error shapes, checked on the accounts API."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_api_language_is_indonesian_by_default(db):
    response = APIClient().get("/api/v1/me/")

    assert response.status_code == 401
    assert response.headers["Content-Language"] == "id"


def test_api_language_is_english_with_accept_language_en(db):
    response = APIClient().get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.headers["Content-Language"] == "en"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_api_messages_follow_the_negotiated_language(db):
    indonesian = APIClient().get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="id").json()["detail"]
    english = APIClient().get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]

    assert indonesian != english


def test_api_403_has_a_detail(api_as, operator):
    response = api_as(operator).get("/api/v1/users/")

    assert response.status_code == 403
    assert list(response.json()) == ["detail"]


def test_api_404_has_a_detail(api_as, operator):
    response = api_as(operator).get("/api/v1/units/NO-SUCH-UNIT/")

    assert response.status_code == 404
    assert list(response.json()) == ["detail"]


def test_a_download_from_the_pages_speaks_the_pages_language(client, operator, settings):
    """An export link on an Indonesian page: the browser announces English, the file is not."""
    client.force_login(operator)
    browser = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}

    default = client.get("/api/v1/me/", **browser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    switched = client.get("/api/v1/me/", **browser)

    assert default.headers["Content-Language"] == "id"
    assert switched.headers["Content-Language"] == "en"


def test_an_api_client_with_its_token_keeps_accept_language(db, operator, settings):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=operator)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a stale cookie of the same browser"

    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.headers["Content-Language"] == "en"
