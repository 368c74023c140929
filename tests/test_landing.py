"""The front door: anonymous visitors of `/` reach a landing page leading to the catalogue and
to sign-in; signed-in people their home page; the catalogue offers staff a sign-in link."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_of_root_gets_the_landing_page(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/katalog/" id="landing-catalogue"' in html
    assert 'href="/accounts/login/"' in html


def test_signed_in_user_of_root_gets_the_home_page(client, operator):
    client.force_login(operator)
    html = client.get("/").content.decode()
    assert 'id="landing-login"' not in html
    assert 'href="/accounts/profile/"' in html


def test_catalogue_offers_staff_a_sign_in_link(client):
    html = client.get("/katalog/").content.decode()
    assert 'id="sign-in-link"' in html
    assert 'href="/accounts/login/"' in html


def test_login_page_does_not_link_to_itself_in_the_header(client):
    assert 'id="sign-in-link"' not in client.get("/accounts/login/").content.decode()
