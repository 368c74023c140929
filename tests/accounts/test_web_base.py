"""The base layout in every language and for every role: the language switch, the Django admin
site's language and access, the Content-Security-Policy and what a phone gets."""

import re

import pytest
from django.http import HttpResponse
from django.utils import translation

from intan_banjar.middleware import PortalLocaleMiddleware

from .page_helpers import html_of

pytestmark = pytest.mark.django_db


# Language ---------------------------------------------------------------------------------------


def test_language_switch_to_english_and_back(client, operator):
    client.force_login(operator)
    html = html_of(client.get("/"))
    assert '<html lang="id">' in html
    assert "Selamat datang" in html

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    html = html_of(client.get("/"))
    assert '<html lang="en">' in html
    assert "Welcome" in html
    assert "Your unit" in html
    assert "Selamat datang" not in html

    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    html = html_of(client.get("/"))
    assert '<html lang="id">' in html
    assert "Selamat datang" in html


def test_language_switch_on_login_page_for_anonymous(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    html = html_of(client.get("/accounts/login/"))
    assert "Log in to INTAN BANJAR" in html
    assert "E-mail address" in html


def test_language_switch_marks_current_language(client):
    html = html_of(client.get("/accounts/login/"))
    assert re.search(r'value="id"[^>]*class="btn btn-lang active" aria-pressed="true"', html)
    assert re.search(r'value="en"[^>]*class="btn btn-lang" aria-pressed="false"', html)


@pytest.mark.parametrize(
    ("path", "cookie", "expected"),
    [
        ("/", None, "id"),
        ("/", "en", "en"),
        ("/api/v1/me/", None, "en"),
    ],
)
def test_locale_pages_follow_switch_api_follows_header(rf, path, cookie, expected):
    """Pages ignore the browser's language (Indonesian by default); the API honours it."""
    seen = []

    def get_response(request):
        seen.append(translation.get_language())
        return HttpResponse()

    request = rf.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    if cookie:
        request.COOKIES["django_language"] = cookie
    with translation.override(None):
        PortalLocaleMiddleware(get_response)(request)
    assert seen == [expected] == [request.LANGUAGE_CODE]


# Django admin -----------------------------------------------------------------------------------


def test_admin_site_in_indonesian_for_admin_role(client, admin_user):
    client.force_login(admin_user)
    html = html_of(client.get("/admin/"))
    assert '<html lang="id"' in html
    assert "Administrasi INTAN BANJAR" in html
    assert "Akun dan Unit" in html
    assert html_of(client.get("/admin/accounts/unit/"))


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "leader", "other_operator"]
)
def test_admin_site_refused_to_other_roles(client, users_by_role, role):
    client.force_login(users_by_role[role])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client.get("/admin/accounts/user/").status_code == 302


def test_admin_site_anonymous_redirected(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response.url


# Content-Security-Policy ------------------------------------------------------------------------


def test_base_page_has_csp_and_no_inline_script(client, operator):
    client.force_login(operator)
    response = client.get("/")
    html = html_of(response)
    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) >= 3  # bootstrap, htmx, intan.js
    for attributes, body in scripts:
        assert 'src="/static/' in attributes
        assert f'nonce="{nonce}"' in attributes
        assert body.strip() == ""
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "/static/bootstrap/js/bootstrap.bundle.min.js" in html
    assert "/static/js/intan.js" in html
    assert "/static/css/intan.css" in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "<style" not in html


def test_base_page_has_no_external_assets(client, operator):
    client.force_login(operator)
    html = html_of(client.get("/"))
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url


def test_base_page_readable_on_phone(client, operator):
    client.force_login(operator)
    html = html_of(client.get("/"))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'class="navbar-toggler"' in html
    assert "navbar-expand-lg" in html
