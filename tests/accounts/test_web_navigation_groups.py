"""The overview pages (compliance, reports, IGA readiness, monitoring) as one menu group.

With two or more of them a user finds them under one <details> disclosure, so that the longest
menu stays on one line on a laptop; with one, it stays a plain entry. The order is unchanged.
"""

import re

import pytest

from accounts.context_processors import nav_items_for

from .page_helpers import html_of

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.test_web_navigation")]

GROUP = re.compile(r'<details class="nav-group" data-nav-group="overview">(.*?)</details>', re.S)


def grouped_names(html):
    match = GROUP.search(html)
    return re.findall(r'data-nav="([^"]+)"', match.group(1)) if match else []


@pytest.mark.parametrize(
    ("role", "grouped"),
    [
        ("operator", []),
        ("head", []),
        (
            "curator",
            ["agreements:compliance", "reports:dashboard", "iga:index", "portfolio:monitoring"],
        ),
        (
            "admin",
            ["agreements:compliance", "reports:dashboard", "iga:index", "portfolio:monitoring"],
        ),
        (
            "leader",
            ["agreements:compliance", "reports:dashboard", "iga:index", "portfolio:monitoring"],
        ),
    ],
)
def test_navigation_groups_overview_pages_per_role(client, users_by_role, role, grouped):
    client.force_login(users_by_role[role])
    assert grouped_names(html_of(client.get("/"))) == grouped


def test_navigation_single_overview_page_stays_plain_entry(client, head):
    client.force_login(head)
    html = html_of(client.get("/"))
    assert "nav-group" not in html
    assert re.search(r'<a class="nav-link" href="/agreements/compliance/" data-nav', html)


def test_navigation_group_takes_place_of_first_overview_page(admin_user):
    names = [item["name"] for item in nav_items_for(admin_user, "/")]
    assert names == [
        "home",
        "innovations:list",
        "curation:queue",
        "agreements:list",
        "overview",
        "notifications:list",
        "admin:index",
    ]


def test_navigation_group_active_on_its_pages(client, curator):
    """On a grouped page both the group and the page's entry are marked (the browser journey
    tests/e2e/test_accessibility_layout.py sees the marks on the real reports page)."""
    group = nav_items_for(curator, "/reports/dashboard/")[4]
    assert group["active"] is True
    assert [page["active"] for page in group["pages"]] == [False, True, False, False]
    assert nav_items_for(curator, "/")[4]["active"] is False
    client.force_login(curator)
    assert '<summary class="nav-link">' in html_of(client.get("/"))


def test_navigation_notifications_named_for_screen_readers(client, operator):
    client.force_login(operator)
    html = html_of(client.get("/"))
    entry = re.search(r'<a class="nav-link"[^>]*data-nav="notifications:list".*?</a>', html, re.S)
    assert 'aria-hidden="true"' in entry.group(0)  # the bell
    assert '<span class="nav-icon-label">Notifikasi</span>' in entry.group(0)
