"""Error pages speak the portal's language and keep its layout (500 stays static)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from intan_banjar import errors

pytestmark = pytest.mark.django_db


def test_error_page_404_in_indonesian(client, operator):
    client.force_login(operator)
    response = client.get("/innovations/999999/")
    assert response.status_code == 404
    assert b"Halaman tidak ditemukan" in response.content


def test_error_page_403_in_indonesian(client, operator):
    client.force_login(operator)
    response = client.get("/reports/")
    assert response.status_code == 403
    assert b"INTAN BANJAR" in response.content and b"403 Forbidden" not in response.content


def test_error_page_500_is_static_html():
    response = errors.server_error(RequestFactory().get("/innovations/"))
    assert response.status_code == 500
    assert b"Terjadi kesalahan" in response.content


def test_error_api_404_is_json(api_client):
    response = api_client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_error_permission_denied_page_uses_template(rf, operator):
    from django.views.defaults import permission_denied

    request = rf.get("/reports/")
    request.user = operator
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
