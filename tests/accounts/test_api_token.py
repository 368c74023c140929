from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URL = "/accounts/login/"


@pytest.fixture(autouse=True)
def _empty_throttle_cache():
    """The scoped rate limit counts in the cache, which outlives a test's transaction."""
    cache.clear()
    yield
    cache.clear()


def post_token(email, password, client=None):
    return (client or APIClient()).post(
        TOKEN_URL, {"email": email, "password": password}, format="json"
    )


def test_token_good_credentials_returns_the_users_token(operator):
    response = post_token(operator.email, PASSWORD)

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=operator).key
    assert set(response.json()) == {"token", "expires"}


def test_token_email_in_other_case_is_accepted(operator):
    response = post_token(operator.email.upper(), PASSWORD)

    assert response.status_code == 200


def test_token_second_request_returns_the_same_token(operator):
    first = post_token(operator.email, PASSWORD).json()["token"]

    assert post_token(operator.email, PASSWORD).json()["token"] == first


def test_token_records_last_login(operator):
    post_token(operator.email, PASSWORD)

    operator.refresh_from_db()
    assert operator.last_login is not None


def test_token_wrong_password_is_400_with_detail(operator):
    response = post_token(operator.email, "not-the-password")

    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["detail"] and isinstance(body["detail"], str)
    assert not Token.objects.filter(user=operator).exists()


def test_token_unknown_email_is_400(db):
    response = post_token("nobody@intan.test", PASSWORD)

    assert response.status_code == 400
    assert "detail" in response.json()


def test_token_inactive_user_is_400(operator):
    operator.is_active = False
    operator.save()

    assert post_token(operator.email, PASSWORD).status_code == 400


def test_token_missing_fields_are_400_per_field(db):
    response = APIClient().post(TOKEN_URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"email", "password"}


def test_token_repeated_failures_are_throttled_with_429(operator):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [post_token(operator.email, f"wrong-{n}").status_code for n in range(limit)]

    assert statuses == [400] * (limit - 1) + [429]
    locked = post_token(operator.email, PASSWORD)
    assert locked.status_code == 429
    assert "detail" in locked.json()
    assert "Retry-After" in locked.headers


def test_token_lockout_is_released_after_the_cool_off(operator):
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_token(operator.email, f"wrong-{n}")
    assert post_token(operator.email, PASSWORD).status_code == 429

    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later):
        assert post_token(operator.email, PASSWORD).status_code == 200


def test_token_lockout_of_one_account_leaves_others_alone(operator, head):
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_token(operator.email, f"wrong-{n}")

    assert post_token(head.email, PASSWORD).status_code == 200


def test_token_success_resets_the_failure_count(operator):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        post_token(operator.email, f"wrong-{n}")
    assert post_token(operator.email, PASSWORD).status_code == 200

    statuses = [post_token(operator.email, f"again-{n}").status_code for n in range(limit - 1)]
    assert statuses == [400] * (limit - 1)


def test_token_failures_on_the_login_form_lock_the_api(client, operator):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": operator.email, "password": f"wrong-{n}"})

    assert post_token(operator.email, PASSWORD).status_code == 429


def test_token_failures_on_the_api_lock_the_login_form(client, operator):
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_token(operator.email, f"wrong-{n}")

    response = client.post(LOGIN_URL, {"username": operator.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_token_rate_limit_applies_to_every_request(monkeypatch, operator):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "token", "3/min")

    statuses = [post_token(operator.email, PASSWORD).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_token_rate_is_configured_for_the_token_scope():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]


def test_token_endpoint_needs_no_csrf_token_with_a_session(operator):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(operator)

    assert post_token(operator.email, PASSWORD, client=client).status_code == 200


def test_token_then_me_answers_for_the_tokens_user(operator):
    key = post_token(operator.email, PASSWORD).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["email"] == operator.email


def test_token_invalid_key_is_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")

    assert client.get("/api/v1/me/").status_code == 401
