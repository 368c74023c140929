"""Base layout, navigation and home page per role; language switch; admin site; CSP.

The apps behind the navigation land one by one, so the role tests run against this module's
own URLconf, which routes every name the navigation knows to a stub page.
"""

import datetime
import re

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, set_urlconf
from django.utils import translation
from django.views.i18n import set_language

from accounts.context_processors import nav_items_for
from intan_banjar.middleware import PortalLocaleMiddleware
from tests.factories import CycleFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def stub_page(request):
    return HttpResponse("stub")


def stub_app(namespace, *names):
    patterns = [path(f"{name}/", stub_page, name=name) for name in names]
    return path(f"{namespace}/", include((patterns, namespace)))


urlpatterns = [
    path("", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    stub_app("innovations", "list"),
    stub_app("curation", "queue"),
    stub_app("agreements", "list", "compliance"),
    stub_app("reports", "dashboard"),
    stub_app("notifications", "list", "unread"),
    stub_app("iga", "index"),
]

all_routes = pytest.mark.urls(__name__)

NAV_BY_ROLE = {
    "operator": ["home", "innovations:list", "agreements:list", "notifications:list"],
    "head": [
        "home",
        "innovations:list",
        "agreements:list",
        "agreements:compliance",
        "notifications:list",
    ],
    "curator": [
        "home",
        "innovations:list",
        "curation:queue",
        "agreements:list",
        "agreements:compliance",
        "reports:dashboard",
        "iga:index",
        "notifications:list",
    ],
    "admin": [
        "home",
        "innovations:list",
        "curation:queue",
        "agreements:list",
        "agreements:compliance",
        "reports:dashboard",
        "iga:index",
        "notifications:list",
        "admin:index",
    ],
    "leader": [
        "home",
        "innovations:list",
        "agreements:compliance",
        "reports:dashboard",
        "iga:index",
        "notifications:list",
    ],
}
NAV_BY_ROLE["lead_curator"] = NAV_BY_ROLE["curator"]
NAV_BY_ROLE["other_operator"] = NAV_BY_ROLE["operator"]


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def nav_names(html):
    return re.findall(r'data-nav="([^"]+)"', html)


def home_links(html):
    return re.findall(r'data-link="([^"]+)"', html)


# Navigation per role ---------------------------------------------------------------------------


@all_routes
@pytest.mark.parametrize("role", sorted(NAV_BY_ROLE))
def test_navigation_entries_per_role(client, users_by_role, role):
    client.force_login(users_by_role[role])
    assert nav_names(html_of(client.get("/"))) == NAV_BY_ROLE[role]


@all_routes
def test_navigation_marks_current_page(client, operator):
    client.force_login(operator)
    html = html_of(client.get("/"))
    assert re.search(r'class="nav-link active" href="/" data-nav="home" aria-current="page"', html)
    assert 'data-nav="innovations:list" aria-current' not in html


@all_routes
@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("operator", "Operator"),
        ("head", "Kepala Unit"),
        ("curator", "Kurator"),
        ("lead_curator", "Kurator Utama"),
        ("admin", "Administrator"),
        ("leader", "Pimpinan"),
    ],
)
def test_navigation_shows_name_role_and_unit(client, users_by_role, role, label):
    user = users_by_role[role]
    client.force_login(user)
    html = html_of(client.get("/"))
    meta = re.search(r'<span class="user-meta">([^<]*)</span>', html).group(1)
    assert f'<span class="user-name">{user.full_name}</span>' in html
    expected = f"{label} · {user.unit.name}" if user.unit else label
    assert meta.strip() == expected
    assert 'action="/accounts/logout/"' in html
    assert 'href="/accounts/password/change/"' in html
    assert 'action="/i18n/setlang/"' in html


class OnlyHomeAndCuration:
    """A URLconf where most apps have not landed yet."""

    urlpatterns = [
        path("", include("accounts.urls")),
        stub_app("curation", "queue"),
    ]


def test_navigation_skips_routes_not_there_yet(curator):
    set_urlconf(OnlyHomeAndCuration)
    try:
        names = [item["name"] for item in nav_items_for(curator, "/")]
    finally:
        set_urlconf(None)
    assert names == ["home", "curation:queue"]


def test_navigation_empty_for_anonymous(client):
    html = html_of(client.get("/accounts/login/"))
    assert nav_names(html) == []
    assert 'action="/accounts/logout/"' not in html


# Home page per role ----------------------------------------------------------------------------


@all_routes
def test_home_operator_sees_unit_and_work(client, operator):
    CycleFactory(year=2025)
    client.force_login(operator)
    html = html_of(client.get("/"))
    assert "home/unit.html" in html
    assert "Unit kerja Anda" in html
    assert operator.unit.name in html
    assert "1 operator" in html
    assert "minimal 1 inovasi pada tahun 2025" in html
    assert "menandatangani Perjanjian Inovasi Daerah" not in html
    assert home_links(html) == ["innovations:list", "agreements:list", "notifications:list"]


@all_routes
def test_home_head_sees_agreement_duty(client, head, operator):
    CycleFactory(year=2025)
    client.force_login(head)
    html = html_of(client.get("/"))
    assert "home/unit.html" in html
    assert head.unit.name in html
    assert "1 operator, 1 kepala" in html
    assert "menandatangani Perjanjian Inovasi Daerah paling lambat 28 Februari 2025" in html
    assert home_links(html) == [
        "innovations:list",
        "agreements:list",
        "agreements:compliance",
        "notifications:list",
    ]


@all_routes
def test_home_curator_sees_curation_queue(client, curator):
    client.force_login(curator)
    html = html_of(client.get("/"))
    assert "home/curator.html" in html
    assert home_links(html)[0] == "curation:queue"
    assert 'href="/curation/queue/"' in html
    assert "data-lead" not in html


@all_routes
def test_home_lead_curator_sees_decisions(client, lead_curator):
    client.force_login(lead_curator)
    html = html_of(client.get("/"))
    assert "home/curator.html" in html
    assert home_links(html)[0] == "curation:queue"
    assert "data-lead" in html
    assert "Kurator Utama" in html


@all_routes
def test_home_admin_sees_administration(client, admin_user):
    client.force_login(admin_user)
    html = html_of(client.get("/"))
    assert "home/admin.html" in html
    links = home_links(html)
    assert links[:3] == [
        "admin:index",
        "admin:accounts_user_changelist",
        "admin:accounts_unit_changelist",
    ]
    assert 'href="/admin/accounts/unit/"' in html
    assert "reports:dashboard" in links
    # The 72 reference units of Kabupaten Banjar, counted by kind, and accounts by role.
    assert re.search(r'<div class="stat">27</div><div class="[^"]*">Perangkat Daerah</div>', html)
    assert re.search(r'<div class="stat">20</div><div class="[^"]*">Kecamatan</div>', html)
    assert re.search(r'<div class="stat">25</div><div class="[^"]*">Puskesmas</div>', html)
    assert re.search(r'<div class="stat">1</div><div class="[^"]*">Administrator</div>', html)


@all_routes
def test_home_leader_sees_reports(client, leader):
    client.force_login(leader)
    html = html_of(client.get("/"))
    assert "home/leader.html" in html
    assert home_links(html) == ["reports:dashboard", "agreements:compliance", "innovations:list"]
    assert "Portal accounts" not in html and "Akun portal" not in html


def test_home_without_routed_apps_still_useful(client, operator):
    """With the real URLconf of today, links to apps not routed yet are simply left out."""
    client.force_login(operator)
    html = html_of(client.get("/"))
    for name in home_links(html):
        assert name in {
            "innovations:list",
            "agreements:list",
            "notifications:list",
            "portfolio:monitoring",
        }
    assert operator.unit.name in html


def test_home_shows_current_cycle_deadlines(client, operator):
    CycleFactory(year=2025)
    client.force_login(operator)
    with time_machine.travel(datetime.datetime(2025, 9, 20, 2, 0, tzinfo=datetime.UTC)):
        html = html_of(client.get("/"))
    assert "Tanggal penting 2025" in html
    deadline = re.search(r'data-deadline="submission_deadline">(.*?)</li>', html, re.S).group(1)
    assert "30 September 2025" in deadline
    assert "10 hari lagi" in deadline
    assert 'deadline-soon" data-deadline="submission_deadline"' in html
    assert 'deadline-passed" data-deadline="agreement_deadline"' in html
    launch = re.search(r'data-deadline="launch_date">(.*?)</li>', html, re.S).group(1)
    assert "11 Desember 2025" in launch


def test_home_picks_the_cycle_of_today(client, operator):
    CycleFactory(year=2025)
    CycleFactory(year=2026)
    client.force_login(operator)
    with time_machine.travel(datetime.datetime(2026, 2, 1, 2, 0, tzinfo=datetime.UTC)):
        html = html_of(client.get("/"))
    assert "Tanggal penting 2026" in html
    assert "28 Februari 2026" in html


def test_home_without_cycle(client, operator):
    client.force_login(operator)
    html = html_of(client.get("/"))
    assert "Belum ada tahun program yang disiapkan." in html


def test_home_queries_do_not_grow_with_units_and_users(
    client, admin_user, django_assert_num_queries
):
    CycleFactory(year=2025)
    client.force_login(admin_user)
    client.get("/")  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as baseline:
        client.get("/")
    for _ in range(10):
        UserFactory(unit=UnitFactory())
    with django_assert_num_queries(len(baseline)):
        client.get("/")


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
