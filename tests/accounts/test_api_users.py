import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from accounts.enums import Role
from accounts.models import User
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

USERS_URL = "/api/v1/users/"
NON_ADMIN_ROLES = ["operator", "head", "curator", "lead_curator", "leader", "other_operator"]
STRONG_PASSWORD = "Kelakai-Hijau-2025!"


def detail_url(user):
    return f"{USERS_URL}{user.email}/"


def new_user_payload(unit=None, **overrides):
    payload = {
        "email": "operator.baru@intan.test",
        "full_name": "Siti Rahmah",
        "password": STRONG_PASSWORD,
        "role": "operator",
        "unit": unit.code if unit else None,
        "is_lead": False,
    }
    payload.update(overrides)
    return payload


def model_message(msgid):
    """The model's message as the API answers it by default (Indonesian)."""
    with translation.override("id"):
        return gettext(msgid)


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_users_every_endpoint_refused_to_non_admins(api_as, users_by_role, unit, role):
    user = users_by_role[role]
    client = api_as(user)

    assert client.get(USERS_URL).status_code == 403
    assert client.post(USERS_URL, new_user_payload(unit), format="json").status_code == 403
    assert client.get(detail_url(user)).status_code == 403
    response = client.patch(detail_url(user), {"role": "admin"}, format="json")
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.role != Role.ADMIN
    assert not User.objects.filter(email="operator.baru@intan.test").exists()


def test_users_every_endpoint_is_401_to_anonymous(operator, unit):
    client = APIClient()

    assert client.get(USERS_URL).status_code == 401
    assert client.post(USERS_URL, new_user_payload(unit), format="json").status_code == 401
    assert client.get(detail_url(operator)).status_code == 401
    assert client.patch(detail_url(operator), {"role": "admin"}, format="json").status_code == 401


def test_users_list_by_admin_shows_every_account(api_as, users_by_role):
    response = api_as(users_by_role["admin"]).get(USERS_URL)

    assert response.status_code == 200
    emails = {user["email"] for user in response.json()["results"]}
    assert emails == {user.email for user in users_by_role.values()}
    assert all("password" not in user for user in response.json()["results"])


def test_users_list_filters_role_unit_search(api_as, users_by_role):
    client = api_as(users_by_role["admin"])
    operator = users_by_role["operator"]

    by_role = client.get(USERS_URL, {"role": "curator"}).json()["results"]
    by_unit = client.get(USERS_URL, {"unit": operator.unit.code}).json()["results"]
    by_search = client.get(USERS_URL, {"search": operator.email.split("@")[0]}).json()["results"]

    assert {u["email"] for u in by_role} == {
        users_by_role["curator"].email,
        users_by_role["lead_curator"].email,
    }
    assert {u["email"] for u in by_unit} == {operator.email, users_by_role["head"].email}
    assert [u["email"] for u in by_search] == [operator.email]


def test_users_detail_by_email(api_as, admin_user, operator):
    response = api_as(admin_user).get(detail_url(operator))

    assert response.status_code == 200
    assert response.json()["email"] == operator.email
    assert response.json()["unit"] == operator.unit.code


def test_users_detail_email_case_does_not_matter(api_as, admin_user, operator):
    response = api_as(admin_user).get(f"{USERS_URL}{operator.email.upper()}/")

    assert response.status_code == 200


def test_users_detail_unknown_is_404(api_as, admin_user):
    assert api_as(admin_user).get(f"{USERS_URL}nobody@intan.test/").status_code == 404


def test_users_create_stores_a_hashed_password_and_never_returns_it(api_as, admin_user, unit):
    payload = new_user_payload(unit, email="Operator.Baru@Intan.TEST")

    response = api_as(admin_user).post(USERS_URL, payload, format="json")

    assert response.status_code == 201
    assert "password" not in response.json()
    user = User.objects.get(email="operator.baru@intan.test")
    assert user.password != STRONG_PASSWORD
    assert user.check_password(STRONG_PASSWORD)
    assert (user.role, user.unit, user.is_lead) == (Role.OPERATOR, unit, False)


def test_users_create_lead_curator(api_as, admin_user):
    payload = new_user_payload(email="kurator@intan.test", role="curator", is_lead=True)

    response = api_as(admin_user).post(USERS_URL, payload, format="json")

    assert response.status_code == 201
    assert User.objects.get(email="kurator@intan.test").is_lead is True


@pytest.mark.parametrize("role", ["operator", "head"])
def test_users_create_unit_role_without_unit_is_400(api_as, admin_user, role):
    response = api_as(admin_user).post(USERS_URL, new_user_payload(role=role), format="json")

    assert response.status_code == 400
    assert response.json() == {
        "unit": [model_message("An operator or unit head must belong to a unit.")]
    }
    assert not User.objects.filter(email="operator.baru@intan.test").exists()


@pytest.mark.parametrize("role", ["operator", "head", "admin", "leader"])
def test_users_create_is_lead_for_non_curator_is_400(api_as, admin_user, unit, role):
    payload = new_user_payload(unit, role=role, is_lead=True)

    response = api_as(admin_user).post(USERS_URL, payload, format="json")

    assert response.status_code == 400
    assert response.json() == {"is_lead": [model_message("Only curators can be lead curators.")]}


@pytest.mark.parametrize("password", ["123", "password", "12345678901", "operator.baru"])
def test_users_create_weak_password_is_400(api_as, admin_user, unit, password):
    response = api_as(admin_user).post(
        USERS_URL, new_user_payload(unit, password=password), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["password"]


def test_users_create_duplicate_email_is_400(api_as, admin_user, operator):
    payload = new_user_payload(operator.unit, email=operator.email)

    response = api_as(admin_user).post(USERS_URL, payload, format="json")

    assert response.status_code == 400
    assert "email" in response.json()


def test_users_create_unknown_unit_is_400(api_as, admin_user):
    payload = new_user_payload(unit=None)
    payload["unit"] = "NO-SUCH-UNIT"

    response = api_as(admin_user).post(USERS_URL, payload, format="json")

    assert response.status_code == 400
    assert "unit" in response.json()


def test_users_patch_makes_a_lead_curator(api_as, admin_user, operator):
    response = api_as(admin_user).patch(
        detail_url(operator), {"role": "curator", "unit": None, "is_lead": True}, format="json"
    )

    assert response.status_code == 200
    operator.refresh_from_db()
    assert (operator.role, operator.unit, operator.is_lead) == (Role.CURATOR, None, True)


def test_users_patch_removing_an_operators_unit_is_400(api_as, admin_user, operator):
    response = api_as(admin_user).patch(detail_url(operator), {"unit": None}, format="json")

    assert response.status_code == 400
    assert "unit" in response.json()
    operator.refresh_from_db()
    assert operator.unit is not None


def test_users_patch_sets_a_new_password(api_as, admin_user, operator):
    response = api_as(admin_user).patch(
        detail_url(operator), {"password": STRONG_PASSWORD}, format="json"
    )

    assert response.status_code == 200
    operator.refresh_from_db()
    assert operator.check_password(STRONG_PASSWORD)


def test_users_patch_weak_password_is_400(api_as, admin_user, operator):
    response = api_as(admin_user).patch(detail_url(operator), {"password": "1234"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def test_users_patch_deactivates(api_as, admin_user, operator):
    api_as(admin_user).patch(detail_url(operator), {"is_active": False}, format="json")

    operator.refresh_from_db()
    assert operator.is_active is False


def test_users_patch_cannot_change_the_email(api_as, admin_user, operator):
    email = operator.email

    api_as(admin_user).patch(detail_url(operator), {"email": "new@intan.test"}, format="json")

    operator.refresh_from_db()
    assert operator.email == email


def count_queries(client, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(USERS_URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()["count"]


def test_users_list_query_count_is_constant(api_as, admin_user, django_assert_num_queries):
    client = api_as(admin_user)
    UserFactory(role=Role.OPERATOR, unit=UnitFactory())
    one, count_one = count_queries(client, {"role": "operator"})
    for _ in range(9):
        UserFactory(role=Role.OPERATOR, unit=UnitFactory())

    with django_assert_num_queries(one):
        response = client.get(USERS_URL, {"role": "operator"})

    assert (count_one, response.json()["count"]) == (1, 10)
