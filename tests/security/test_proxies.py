"""Behind the TLS proxy, a forged X-Forwarded-For must not change who the throttles and axes see."""

import importlib
import sys

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings
from rest_framework.throttling import BaseThrottle

FORGED = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7", "REMOTE_ADDR": "10.0.0.2"}


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test-only-not-a-secret-" + "x" * 40)
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    sys.modules.pop("intan_banjar.settings.production", None)
    sys.modules.pop("intan_banjar.settings.base", None)
    module = importlib.import_module("intan_banjar.settings.production")
    yield module
    sys.modules.pop("intan_banjar.settings.production", None)
    sys.modules.pop("intan_banjar.settings.base", None)


def test_production_trusts_one_proxy(production):
    assert production.REST_FRAMEWORK["NUM_PROXIES"] == 1
    assert production.AXES_CLIENT_IP_CALLABLE == "intan_banjar.client_ip.client_ip"


def test_forged_forwarded_for_does_not_change_the_client_ip(production):
    request = RequestFactory().post("/accounts/login/", **FORGED)
    with override_settings(
        REST_FRAMEWORK=production.REST_FRAMEWORK,
        AXES_CLIENT_IP_CALLABLE=production.AXES_CLIENT_IP_CALLABLE,
    ):
        assert get_client_ip_address(request) == "203.0.113.7"
        assert BaseThrottle().get_ident(request) == "203.0.113.7"
        other_forgery = RequestFactory().post(
            "/accounts/login/",
            HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7",
            REMOTE_ADDR="10.0.0.2",
        )
        assert get_client_ip_address(other_forgery) == "203.0.113.7"


def test_without_a_proxy_header_the_socket_address_counts(production):
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="198.51.100.4")
    with override_settings(
        REST_FRAMEWORK=production.REST_FRAMEWORK,
        AXES_CLIENT_IP_CALLABLE=production.AXES_CLIENT_IP_CALLABLE,
    ):
        assert get_client_ip_address(request) == "198.51.100.4"
