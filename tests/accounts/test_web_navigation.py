"""Base layout, navigation and home page per role.

The role tests run against this module's own URLconf, which routes every name the navigation
knows to a stub page, so they read only the layout and the home page.
"""

import datetime
import re

import pytest
import rules
import time_machine
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path
from django.views.i18n import set_language

from accounts import context_processors
from accounts.context_processors import nav_items_for
from intan_banjar.home import home
from tests.factories import CycleFactory, UnitFactory, UserFactory

from .page_helpers import html_of

pytestmark = pytest.mark.django_db


def stub_page(request):
    return HttpResponse("stub")


def stub_app(namespace, *names):
    patterns = [path(f"{name}/", stub_page, name=name) for name in names]
    return path(f"{namespace}/", include((patterns, namespace)))


urlpatterns = [
    path("", home, name="home"),
    path("", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    stub_app("innovations", "list", "cycles"),
    stub_app("curation", "queue"),
    stub_app("agreements", "list", "compliance"),
    stub_app("reports", "dashboard"),
    stub_app("notifications", "list", "unread"),
    stub_app("iga", "index"),
    stub_app("portfolio", "monitoring", "imports"),
    stub_app("help", "index"),  # the footer links the guides on every page
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
        "portfolio:monitoring",
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
        "portfolio:monitoring",
        "notifications:list",
        "admin:index",
    ],
    "leader": [
        "home",
        "innovations:list",
        "agreements:compliance",
        "reports:dashboard",
        "iga:index",
        "portfolio:monitoring",
        "notifications:list",
    ],
}
NAV_BY_ROLE["lead_curator"] = NAV_BY_ROLE["curator"]
NAV_BY_ROLE["other_operator"] = NAV_BY_ROLE["operator"]


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


def test_navigation_with_a_misspelt_url_name_fails(client, curator, monkeypatch):
    """No entry is skipped quietly: a name that is not routed breaks the first page shown."""
    misspelt = [
        *context_processors.NAV_ITEMS,
        ("curation:queu", "Curation", rules.is_authenticated),
    ]
    monkeypatch.setattr(context_processors, "NAV_ITEMS", misspelt)
    client.force_login(curator)
    with pytest.raises(NoReverseMatch):
        nav_items_for(curator, "/")
    with pytest.raises(NoReverseMatch):
        client.get("/")


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
    assert home_links(html) == [
        "innovations:list",
        "agreements:list",
        "notifications:list",
        "portfolio:monitoring",
    ]


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
        "portfolio:monitoring",
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
    # Users and cycles are managed on the portal's own pages; units still in the admin site.
    assert links[:4] == [
        "users",
        "innovations:cycles",
        "admin:accounts_unit_changelist",
        "admin:index",
    ]
    assert 'href="/admin/accounts/unit/"' in html
    assert 'href="/users/"' in html
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
    assert home_links(html) == [
        "reports:dashboard",
        "agreements:compliance",
        "innovations:list",
        "portfolio:monitoring",
    ]
    assert "Portal accounts" not in html and "Akun portal" not in html


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


def test_navigation_paths_follow_the_script_prefix():
    """Paths are kept per prefix: a portal served under /intan/ links under /intan/."""
    from django.urls import get_script_prefix, reverse, set_script_prefix

    from accounts.context_processors import reversed_url

    before = get_script_prefix()
    assert reversed_url("innovations:list") == reverse("innovations:list")
    try:
        set_script_prefix("/intan/")
        assert reversed_url("innovations:list") == "/intan/innovations/"
    finally:
        set_script_prefix(before)
    assert reversed_url("innovations:list") == reverse("innovations:list")
