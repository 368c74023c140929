"""The OpenAPI schema is valid and documents the API.md paths; the docs page needs no CDN."""

import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from openapi_spec_validator import validate
from rest_framework.test import APIClient

ACCOUNTS_PATHS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/me/": {"get"},
    "/api/v1/units/": {"get", "post"},
    "/api/v1/units/{code}/": {"get", "patch"},
    "/api/v1/users/": {"get", "post"},
    "/api/v1/users/{email}/": {"get", "patch"},
}


@pytest.fixture(scope="module")
def schema():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


def test_openapi_schema_validates(schema):
    validate(schema)


@pytest.mark.parametrize(("path", "methods"), ACCOUNTS_PATHS.items())
def test_openapi_schema_has_the_accounts_paths(schema, path, methods):
    assert methods <= set(schema["paths"][path])


def test_openapi_token_endpoint_needs_no_authentication(schema):
    operation = schema["paths"]["/api/v1/auth/token/"]["post"]

    assert "security" not in schema  # no API-wide requirement to inherit
    assert operation.get("security", []) in ([], [{}])
    assert set(operation["responses"]) >= {"200", "400", "429"}


def test_openapi_unit_list_documents_its_filters(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/units/"]["get"]["parameters"]}

    assert {"kind", "active", "search", "ordering", "page", "page_size"} <= names


def test_openapi_user_password_is_write_only(schema):
    components = schema["components"]["schemas"]

    assert "password" not in components["User"]["properties"]
    assert "password" in components["UserRequest"]["properties"]


def schema_as(user, **params):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.get("/api/schema/", {"format": "json", **params})


@pytest.mark.django_db
def test_openapi_schema_is_served_whole_to_signed_in_users(operator):
    response = schema_as(operator)

    assert response.status_code == 200
    assert {"/api/v1/units/", "/api/v1/users/", "/api/v1/innovations/"} <= set(
        response.json()["paths"]
    )


# Decision (issue 19): the docs stay open, because the public catalogue links to them for its
# open API, but an anonymous visitor's schema lists only what anonymous callers may use.
PUBLIC_PATHS = {
    "/api/v1/auth/token/",
    "/api/v1/public/innovations/",
    "/api/v1/public/innovations/{code}/",
    "/api/v1/public/submissions/",
    "/api/v1/public/submissions/resend/",
    # Issue 15: a public innovation's years and its replications.
    "/api/v1/public/innovations/{code}/years/",
    "/api/v1/public/innovations/{code}/replications/",
}


@pytest.mark.django_db
def test_openapi_schema_for_anonymous_lists_only_the_public_api(db):
    response = schema_as(None)

    assert response.status_code == 200
    assert set(response.json()["paths"]) == PUBLIC_PATHS


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["1\r\nX-Injected: 1", "1\"; filename*=UTF-8''x.html"])
def test_openapi_schema_version_parameter_never_reaches_headers(operator, version):
    response = schema_as(operator, version=version)

    assert response.status_code == 200
    assert "X-Injected" not in response
    assert "x.html" not in response["Content-Disposition"]


@pytest.mark.django_db
def test_openapi_docs_page_uses_packaged_assets_only(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    external = re.findall(r'(?:src|href)="(https?:)?//', html)
    assert external == []
    # No inline script: the CSP (script-src 'self' + nonce) would block it.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


@pytest.mark.django_db
def test_openapi_docs_script_is_served_from_our_origin(client):
    response = client.get("/api/docs/", {"script": ""})

    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()
