import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ME_URL = "/api/v1/me/"


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_me_answers_every_role_with_its_own_account(api_as, users_by_role, role):
    user = users_by_role[role]

    response = api_as(user).get(ME_URL)

    assert response.status_code == 200
    assert response.json() == {
        "email": user.email,
        "full_name": user.full_name,
        "role": user.role,
        "unit": user.unit.code if user.unit else None,
        "is_lead": user.is_lead,
    }


def test_me_unit_is_the_code_for_unit_staff(api_as, operator):
    assert api_as(operator).get(ME_URL).json()["unit"] == operator.unit.code


def test_me_unit_is_null_without_a_unit(api_as, curator):
    assert api_as(curator).get(ME_URL).json()["unit"] is None


def test_me_anonymous_is_401(db):
    response = APIClient().get(ME_URL)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"


def test_me_session_authentication_works(operator):
    client = APIClient()
    client.force_login(operator)

    assert client.get(ME_URL).json()["email"] == operator.email


def test_me_is_read_only(api_as, operator):
    assert api_as(operator).patch(ME_URL, {"full_name": "X"}, format="json").status_code == 405
