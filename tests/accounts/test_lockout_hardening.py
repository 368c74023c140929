"""Lock-outs per account whatever the address, a per-address limit on the login form, and
request bodies nested too deeply for the JSON parser (issue 19)."""

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URL = "/accounts/login/"
# Production: one proxy in front, axes reading the address through the same rule as DRF.
BEHIND_ONE_PROXY = {
    "REST_FRAMEWORK": {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1},
    "AXES_CLIENT_IP_CALLABLE": "intan_banjar.client_ip.client_ip",
}


def forged(n):
    """A client reaching gunicorn directly, claiming a new address each time."""
    return {"HTTP_X_FORWARDED_FOR": f"198.51.100.{n % 250 + 1}"}


def post_token(email, password, **extra):
    return APIClient().post(
        TOKEN_URL, {"email": email, "password": password}, format="json", **extra
    )


@override_settings(**BEHIND_ONE_PROXY)
def test_token_account_locked_after_failures_from_many_addresses(operator):
    limit = settings.AXES_ACCOUNT_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    statuses = [
        post_token(operator.email, f"wrong-{n}", **forged(n)).status_code for n in range(limit)
    ]

    assert statuses[:-1] == [400] * (limit - 1)
    assert statuses[-1] == 429
    # The lock is the account's: the right password from yet another address is refused too.
    assert post_token(operator.email, PASSWORD, **forged(limit + 1)).status_code == 429


@override_settings(**BEHIND_ONE_PROXY)
def test_form_account_locked_after_failures_from_many_addresses(operator):
    limit = settings.AXES_ACCOUNT_FAILURE_LIMIT
    for n in range(limit):
        Client(**forged(n)).post(LOGIN_URL, {"username": operator.email, "password": f"x{n}"})
    client = Client(**forged(limit + 1))

    response = client.post(LOGIN_URL, {"username": operator.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(**BEHIND_ONE_PROXY)
def test_account_lock_leaves_other_accounts_alone(operator, head):
    for n in range(settings.AXES_ACCOUNT_FAILURE_LIMIT):
        post_token(operator.email, f"wrong-{n}", **forged(n))

    assert post_token(head.email, PASSWORD, **forged(7)).status_code == 200


@override_settings(**BEHIND_ONE_PROXY)
def test_failures_below_the_account_limit_spread_over_addresses_do_not_lock(operator):
    for n in range(settings.AXES_ACCOUNT_FAILURE_LIMIT - 1):
        post_token(operator.email, f"wrong-{n}", **forged(n))

    assert post_token(operator.email, PASSWORD, **forged(0)).status_code == 200


def test_login_form_posts_are_rate_limited_per_address(monkeypatch, operator, head):
    monkeypatch.setitem(settings.LOGIN_THROTTLE, "rate", "3/min")
    client = Client(REMOTE_ADDR="203.0.113.9")
    # Different accounts, so the lock-out (per account) is not what stops them.
    statuses = [
        client.post(LOGIN_URL, {"username": f"u{n}@intan.test", "password": "x"}).status_code
        for n in range(3)
    ]

    throttled = client.post(LOGIN_URL, {"username": operator.email, "password": PASSWORD})

    assert statuses == [200, 200, 200]
    assert throttled.status_code == 429
    assert throttled.context["throttled"]
    assert 'id="login-throttled"' in throttled.content.decode()
    assert "_auth_user_id" not in client.session
    other_address = Client(REMOTE_ADDR="203.0.113.10")
    response = other_address.post(LOGIN_URL, {"username": head.email, "password": PASSWORD})
    assert response.status_code == 302


def test_login_page_views_are_not_rate_limited(monkeypatch, db):
    monkeypatch.setitem(settings.LOGIN_THROTTLE, "rate", "2/min")
    client = Client(REMOTE_ADDR="203.0.113.9")

    assert [client.get(LOGIN_URL).status_code for _ in range(4)] == [200] * 4


def nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_deeply_nested_json_on_the_token_endpoint_is_400(db, depth):
    client = APIClient(raise_request_exception=False)

    response = client.post(TOKEN_URL, nested(depth), content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_deeply_nested_json_object_value_is_400(db):
    body = '{"email": ' + nested(50_000) + ', "password": "x"}'
    client = APIClient(raise_request_exception=False)

    response = client.post(TOKEN_URL, body, content_type="application/json")

    assert response.status_code == 400


def test_deeply_nested_json_on_a_view_with_its_own_parser_list_is_400(api_as, operator):
    """innovations.api lists its parsers itself (for uploads); JSON is still depth-checked."""
    client = api_as(operator)
    client.raise_request_exception = False

    response = client.post("/api/v1/innovations/", nested(100_000), content_type="application/json")

    assert response.status_code == 400


def test_ordinary_nesting_is_still_parsed(db):
    body = json.dumps({"email": "a@intan.test", "password": "x", "extra": [[[{"a": [1]}]]]})

    response = APIClient().post(TOKEN_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"]  # wrong credentials, not a parse error
