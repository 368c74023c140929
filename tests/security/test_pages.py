"""CSRF on every form, the CSP header on every page, public routes open: walked from the URLconf."""

import pytest
from django.test import Client

from .test_permission_matrix import EXPECTED, MATRIX_ROUTES, OK, ROUTES, send
from .urlwalk import STAFF_ROLES, build_world

PAGES = [route for route in ROUTES if not route.is_api]
PUBLIC = [route for route in ROUTES if route.is_public]


def test_expected_names_only_routes_that_exist():
    names = {route.name for route in MATRIX_ROUTES}
    assert set(EXPECTED) - names == set()


def allowed_role(route, method):
    """A role that gets past the permission check, or anonymous on a public page."""
    if route.is_public:
        return "anonymous"
    rules = EXPECTED.get(route.name, {}).get(method, {})
    return next((role for role in STAFF_ROLES if rules.get(role) == OK), None)


@pytest.mark.parametrize("route", PUBLIC, ids=lambda route: route.name)
def test_public_route_open_to_anonymous(route, db):
    world = build_world()
    response = world.client("anonymous").get(world.url(route))
    assert response.status_code < 500
    assert response.status_code not in (401, 403)
    assert not response.headers.get("Location", "").startswith("/accounts/login/")


@pytest.mark.parametrize("route", PAGES, ids=lambda route: route.name)
def test_page_sends_content_security_policy(route, db):
    world = build_world()
    role = allowed_role(route, "GET") or "operator"
    response = send(world.client(role), "GET", world.url(route), route, world)
    assert response.status_code < 500
    policy = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy, (response.status_code, policy)
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


FORMS = [route for route in PAGES if allowed_role(route, "POST")]


@pytest.mark.parametrize("route", FORMS, ids=lambda route: route.name)
def test_form_refuses_post_without_csrf_token(route, db):
    world = build_world()
    client = world.client(allowed_role(route, "POST"), enforce_csrf_checks=True)
    client.defaults.pop("HTTP_AUTHORIZATION", None)
    response = client.post(world.url(route), {"action": "approve"})
    assert response.status_code == 403


def test_every_page_accepting_post_is_in_the_csrf_walk():
    """The walk above must not silently shrink: the pages with forms are most of them."""
    names = {route.name for route in FORMS}
    assert {"login", "katalog:submit", "innovations:create", "agreements:create"} <= names
    assert len(FORMS) >= 30


def test_api_with_session_refuses_post_without_csrf_token(db):
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["operator"])
    response = client.post(
        "/api/v1/innovations/",
        {"year": world.cycle.year, "title": "Tanpa token"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
