"""The portal's user pages: only admins reach them; list, search, filters, create, edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from accounts.models import User
from tests.factories import UnitFactory, UserFactory

from .page_helpers import english_client, html_of, redirects_to_login

pytestmark = pytest.mark.django_db

NON_ADMINS = ["operator", "head", "curator", "lead_curator", "leader", "other_operator"]


def user_pages(account):
    return ["/users/", "/users/new/", f"/users/{account.pk}/"]


@pytest.mark.parametrize("role", NON_ADMINS)
def test_user_pages_refuse_everyone_but_admins(users_by_role, role):
    client = english_client(users_by_role[role])
    target = users_by_role["operator"]
    for url in user_pages(target):
        assert client.get(url).status_code == 403, url
    for url in (f"/users/{target.pk}/activation/", f"/users/{target.pk}/invitation/"):
        assert client.post(url, {"active": "0"}).status_code == 403, url
    target.refresh_from_db()
    assert target.is_active


def test_user_pages_send_anonymous_visitors_to_login(operator):
    client = english_client()
    for url in user_pages(operator):
        assert redirects_to_login(client.get(url)), url
    assert redirects_to_login(client.post(f"/users/{operator.pk}/activation/", {"active": "0"}))


def test_user_list_shows_accounts_with_unit_and_status(admin_user, operator):
    operator.is_active = False
    operator.save()
    html = html_of(english_client(admin_user).get("/users/"))
    assert f'data-user="{operator.pk}"' in html
    assert operator.unit.name in html
    assert "Deactivated" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=siti", {"Siti Aminah"}),
        ("q=bappeda.test", {"Budi Santoso"}),
        ("q=perikanan", {"Siti Aminah"}),
        ("role=curator", {"Budi Santoso"}),
        ("active=0", {"Rahmat Hidayat"}),
    ],
)
def test_user_list_searches_and_filters(admin_user, query, expected):
    fisheries = UnitFactory(name="Dinas Perikanan")
    UserFactory(full_name="Siti Aminah", unit=fisheries, email="siti@intan.test")
    UserFactory(full_name="Budi Santoso", role=Role.CURATOR, email="budi@bappeda.test")
    UserFactory(full_name="Rahmat Hidayat", is_active=False)
    client = english_client(admin_user)
    html = html_of(client.get(f"/users/?{query}"))
    names = {"Siti Aminah", "Budi Santoso", "Rahmat Hidayat"}
    assert {name for name in names if name in html} == expected


def test_user_list_filters_by_unit(admin_user):
    fisheries = UnitFactory(name="Dinas Perikanan")
    UserFactory(full_name="Siti Aminah", unit=fisheries)
    UserFactory(full_name="Rahmat Hidayat")
    html = html_of(english_client(admin_user).get(f"/users/?unit={fisheries.pk}"))
    assert "Siti Aminah" in html and "Rahmat Hidayat" not in html
    assert 'value="Dinas Perikanan"' in html, "the unit box shows the chosen unit's name"


def test_user_list_ignores_a_malformed_filter(admin_user):
    response = english_client(admin_user).get("/users/?role=king&unit=abc&page=x")
    assert response.status_code == 200


def test_user_list_is_paginated(admin_user):
    UserFactory.create_batch(26, role=Role.CURATOR)
    client = english_client(admin_user)
    first = html_of(client.get("/users/"))
    assert first.count("data-user=") == 25
    assert "27 accounts" in first
    assert html_of(client.get("/users/?page=2")).count("data-user=") == 2


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        html_of(client.get("/users/"))
    return len(queries)


def test_user_list_query_count_does_not_grow_with_rows(admin_user):
    client = english_client(admin_user)
    UserFactory()
    one = _list_queries(client)
    UserFactory.create_batch(10)
    assert _list_queries(client) == one


def test_user_create_page_offers_a_unit_search_not_a_giant_select(admin_user):
    html = html_of(english_client(admin_user).get("/users/new/"))
    assert 'role="combobox"' in html
    assert "/units/search/" in html
    assert '<select name="unit"' not in html
    assert "js/unit-search.js" in html


def test_user_create_makes_an_account_without_a_password(admin_user, unit):
    client = english_client(admin_user)
    response = client.post(
        "/users/new/",
        {
            "email": "Nur.Aini@Banjarkab.go.id",
            "full_name": "Nur Aini",
            "role": "operator",
            "unit": unit.pk,
            "phone": "0511 4721 001",
        },
    )
    account = User.objects.get(email="nur.aini@banjarkab.go.id")
    assert response.status_code == 302
    assert response["Location"] == f"/users/{account.pk}/"
    assert (account.role, account.unit, account.phone) == ("operator", unit, "+625114721001")
    assert not account.has_usable_password()
    assert account.language == ""


def test_user_create_refuses_an_operator_without_a_unit(admin_user):
    response = english_client(admin_user).post(
        "/users/new/", {"email": "a@b.test", "full_name": "A", "role": "operator"}
    )
    assert response.status_code == 400
    assert "An operator or unit head must belong to a unit." in response.content.decode()
    assert not User.objects.filter(email="a@b.test").exists()


def test_user_create_refuses_an_address_in_use(admin_user, operator):
    response = english_client(admin_user).post(
        "/users/new/",
        {"email": operator.email.upper(), "full_name": "Copy", "role": "curator"},
    )
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


def test_user_edit_changes_role_and_unit(admin_user, operator, other_unit):
    client = english_client(admin_user)
    response = client.post(
        f"/users/{operator.pk}/",
        {"full_name": operator.full_name, "role": "head", "unit": other_unit.pk},
    )
    assert response.status_code == 302
    operator.refresh_from_db()
    assert (operator.role, operator.unit) == ("head", other_unit)


def test_user_edit_shows_the_saved_unit_by_name(admin_user, operator):
    html = html_of(english_client(admin_user).get(f"/users/{operator.pk}/"))
    assert f'value="{operator.unit.name}"' in html
    assert f'name="unit" value="{operator.unit.pk}"' in html


def test_user_edit_refuses_lead_flag_for_an_operator(admin_user, operator):
    response = english_client(admin_user).post(
        f"/users/{operator.pk}/",
        {"full_name": "X", "role": "operator", "unit": operator.unit.pk, "is_lead": "on"},
    )
    assert response.status_code == 400
    operator.refresh_from_db()
    assert not operator.is_lead


def test_admin_cannot_change_own_role(admin_user):
    client = english_client(admin_user)
    html = html_of(client.get(f"/users/{admin_user.pk}/"))
    assert "Another administrator changes your own role." in html
    client.post(f"/users/{admin_user.pk}/", {"full_name": "Me", "role": "operator"})
    admin_user.refresh_from_db()
    assert admin_user.role == "admin"


def test_unit_search_answers_signed_in_users_with_matching_units(operator):
    UnitFactory(name="Dinas Uji Kelautan", code="uji-kelautan")
    UnitFactory(name="Dinas Uji Pertanian")
    UnitFactory(name="Dinas Uji Kelautan Lama", active=False)
    response = english_client(operator).get("/units/search/?q=uji kelautan")
    assert [unit["name"] for unit in response.json()["results"]] == ["Dinas Uji Kelautan"]
    by_code = english_client(operator).get("/units/search/?q=uji-kelautan")
    assert [unit["name"] for unit in by_code.json()["results"]] == ["Dinas Uji Kelautan"]


def test_unit_search_gives_at_most_ten(operator):
    UnitFactory.create_batch(12, name="Puskesmas Uji")
    response = english_client(operator).get("/units/search/?q=puskesmas uji")
    assert len(response.json()["results"]) == 10


def test_unit_search_is_not_for_anonymous_visitors():
    assert redirects_to_login(english_client().get("/units/search/?q=dinas"))


def _unit_search_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/units/search/?q=uji").status_code == 200
    return len(queries)


def test_unit_search_query_count_does_not_grow_with_matches(operator):
    client = english_client(operator)
    UnitFactory(name="Dinas Uji Satu")
    one = _unit_search_queries(client)
    UnitFactory.create_batch(9, name="Dinas Uji Lagi")
    assert _unit_search_queries(client) == one


def test_unit_box_is_labelled_and_marked_invalid_with_its_error(admin_user):
    response = english_client(admin_user).post(
        "/users/new/", {"email": "a@b.test", "full_name": "A", "role": "operator"}
    )
    html = response.content.decode()
    assert '<label class="form-label" for="id_unit">Unit</label>' in html
    box = html[html.index('id="id_unit"') - 20 : html.index('id="id_unit"') + 600]
    assert 'aria-invalid="true"' in box
    assert 'aria-describedby="id_unit_helptext' in box
