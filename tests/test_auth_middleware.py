"""`request.user` becomes the user itself once read (PortalAuthenticationMiddleware), and DRF's
session authentication hands out that object rather than the lazy proxy."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from accounts.models import User
from intan_banjar.middleware import PortalAuthenticationMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def authenticated_request(client, user):
    client.force_login(user)
    request = RequestFactory().get("/")
    request.COOKIES.update({key: morsel.value for key, morsel in client.cookies.items()})
    SessionMiddleware(lambda r: None).process_request(request)
    PortalAuthenticationMiddleware(lambda r: None).process_request(request)
    return request


def test_the_user_is_loaded_only_when_read_then_replaces_the_proxy(client):
    user = UserFactory()
    request = authenticated_request(client, user)

    assert isinstance(request.user, SimpleLazyObject)
    assert not request.session.accessed  # nothing read yet: no query, no Vary: Cookie
    assert request.user.is_authenticated
    assert type(request.user) is User
    assert request.user.pk == user.pk
    assert request.session.accessed


def test_a_user_set_meanwhile_is_not_overwritten_by_a_stale_proxy(client):
    """`login()`/`logout()` put their own user on the request; reading an older reference to
    the proxy afterwards answers as Django's would and leaves the request's user alone."""
    request = authenticated_request(client, UserFactory())
    proxy = request.user
    request.user = replacement = AnonymousUser()

    assert proxy.is_authenticated
    assert request.user is replacement


def test_an_anonymous_request_gets_the_anonymous_user(client):
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    PortalAuthenticationMiddleware(lambda r: None).process_request(request)

    assert not request.user.is_authenticated
    assert isinstance(request.user, AnonymousUser)


def test_pages_and_the_api_see_the_user_itself(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get("/innovations/")
    api = client.get("/api/v1/innovations/")

    assert type(page.wsgi_request.user) is User
    assert type(api.renderer_context["request"].user) is User
    assert api.renderer_context["request"].user.pk == user.pk


def test_the_schema_still_names_the_session_cookie():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)

    assert "cookieAuth" in schema["components"]["securitySchemes"]
    innovation_list = schema["paths"]["/api/v1/innovations/"]["get"]
    assert {"cookieAuth": []} in innovation_list["security"]
