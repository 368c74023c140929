"""Bantuan: a guide per role, open to anyone, the own role first, linked from every page."""

import re

import pytest

from intan_banjar.help import GUIDES

pytestmark = pytest.mark.django_db

INDEX = "/bantuan/"
OWN_GUIDE = {
    "operator": "operator",
    "head": "kepala-unit",
    "curator": "kurator",
    "lead_curator": "kurator-utama",
    "admin": "admin",
    "leader": "pimpinan",
    "other_operator": "operator",
}


def _listed(html):
    listing = re.search(r"data-guide-list>(.*?)</ul>", html, flags=re.S).group(1)
    return re.findall(r'href="/bantuan/([^/"]+)/"', listing)


@pytest.mark.parametrize("role", sorted(OWN_GUIDE))
def test_help_index_shows_the_roles_own_guide_first(client, users_by_role, role):
    client.force_login(users_by_role[role])

    response = client.get(INDEX)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-own-guide="{OWN_GUIDE[role]}"' in html
    assert _listed(html)[0] == OWN_GUIDE[role]
    assert sorted(_listed(html)) == sorted(guide.slug for guide in GUIDES)


def test_help_index_anonymous_gets_public_help_and_every_guide(client):
    response = client.get(INDEX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-public-help" in html
    assert 'href="/katalog/submit/"' in html
    assert "data-own-guide" not in html
    assert _listed(html) == [guide.slug for guide in GUIDES]


@pytest.mark.parametrize("slug", [guide.slug for guide in GUIDES])
def test_help_guide_page_open_to_anonymous_without_portal_links(client, slug):
    response = client.get(f"{INDEX}{slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-guide="{slug}"' in html
    assert slug not in _listed(html)
    assert "Go to:" not in html and "Buka:" not in html


def test_help_guide_page_links_the_portal_for_people_signed_in(client, head):
    client.force_login(head)
    client.cookies["django_language"] = "en"

    html = client.get(f"{INDEX}kepala-unit/").content.decode()

    assert 'href="/agreements/"' in html
    assert "Sign the agreement" in html


def test_help_guide_unknown_is_404(client):
    assert client.get(f"{INDEX}tidak-ada/").status_code == 404


@pytest.mark.parametrize("path", ["/", "/innovations/", "/agreements/"])
def test_help_linked_from_every_signed_in_page(client, operator, path):
    client.force_login(operator)

    html = client.get(path, follow=True).content.decode()

    assert 'href="/bantuan/" data-help-link' in html


@pytest.mark.parametrize("path", ["/katalog/", "/katalog/submit/", "/accounts/login/"])
def test_help_linked_from_public_pages(client, path):
    html = client.get(path).content.decode()

    assert 'href="/bantuan/" data-help-link' in html
