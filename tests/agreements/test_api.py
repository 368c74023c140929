import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tests.factories import CycleFactory

from .api_helpers import LIST_URL, ROLES, url
from .factories import AgreementFactory

# --- list and detail -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", {"own"}),
        ("head", {"own"}),
        ("curator", {"own", "other"}),
        ("lead_curator", {"own", "other"}),
        ("admin", {"own", "other"}),
        ("leader", {"own", "other"}),
        ("other_operator", set()),
    ],
)
def test_agreements_list_visibility_per_role(api_as, users_by_role, agreement, role, expected):
    other = AgreementFactory(cycle=agreement.cycle)
    names = {agreement.pk: "own", other.pk: "other"}

    response = api_as(users_by_role[role]).get(LIST_URL)

    assert response.status_code == 200
    assert {names[item["id"]] for item in response.json()["results"]} == expected


def test_agreements_list_anonymous_is_401(api_as, agreement):
    assert api_as(None).get(LIST_URL).status_code == 401


def test_agreements_list_filters(api_as, admin_user, agreement):
    older = AgreementFactory(unit=agreement.unit, cycle=CycleFactory(year=2024))
    signed_elsewhere = AgreementFactory(cycle=agreement.cycle, status=AgreementStatus.SIGNED)
    client = api_as(admin_user)

    def ids(query):
        return {item["id"] for item in client.get(LIST_URL + query).json()["results"]}

    assert ids("?year=2024") == {older.pk}
    assert ids(f"?unit={agreement.unit.code}") == {agreement.pk, older.pk}
    assert ids("?status=signed") == {signed_elsewhere.pk}
    assert ids("?year=2025&status=draft") == {agreement.pk}


def test_agreements_list_query_count_constant(api_as, admin_user, cycle, django_assert_num_queries):
    client = api_as(admin_user)
    AgreementFactory(cycle=cycle)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(LIST_URL).json()["results"]) == 1
    for _ in range(9):
        AgreementFactory(cycle=cycle, status=AgreementStatus.SIGNED)

    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(LIST_URL).json()["results"]) == 10


def test_agreement_detail_shape(api_as, head, agreement):
    response = api_as(head).get(url(agreement))

    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == agreement.unit.code
    assert body["year"] == 2025
    assert body["status"] == "draft"
    assert body["committed_count"] == 2
    assert body["allowed_actions"] == ["edit", "sign"]
    assert body["fulfilment"] is None
    assert body["document_url"] == url(agreement, "document")


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_agreement_detail_per_role(api_as, users_by_role, agreement, role, code):
    assert api_as(users_by_role[role]).get(url(agreement)).status_code == code


def test_agreement_detail_anonymous_is_401(api_as, agreement):
    assert api_as(None).get(url(agreement)).status_code == 401


# --- create -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["operator", "head"])
def test_agreement_create_by_unit_staff_forces_own_unit(
    api_as, users_by_role, cycle, other_unit, role
):
    user = users_by_role[role]

    response = api_as(user).post(
        LIST_URL,
        {"year": 2025, "unit": other_unit.code, "committed_count": 2, "planned_titles": ["A"]},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["unit"] == user.unit.code
    assert body["status"] == "draft"
    assert body["planned_titles"] == ["A"]
    assert body["signatory_nip"] == user.unit.head_nip
    assert not Agreement.objects.filter(unit=other_unit).exists()


def test_agreement_create_by_admin_for_any_unit(api_as, admin_user, cycle, other_unit):
    response = api_as(admin_user).post(
        LIST_URL, {"year": 2025, "unit": other_unit.code}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["unit"] == other_unit.code
    assert response.json()["committed_count"] == cycle.min_innovations_per_unit


def test_agreement_create_by_admin_without_unit_is_400(api_as, admin_user, cycle):
    response = api_as(admin_user).post(LIST_URL, {"year": 2025}, format="json")

    assert response.status_code == 400
    assert "unit" in response.json()


@pytest.mark.parametrize("role", ["curator", "lead_curator", "leader"])
def test_agreement_create_by_others_is_403(api_as, users_by_role, cycle, unit, role):
    response = api_as(users_by_role[role]).post(
        LIST_URL, {"year": 2025, "unit": unit.code}, format="json"
    )

    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_agreement_create_anonymous_is_401(api_as, cycle, unit):
    response = api_as(None).post(LIST_URL, {"year": 2025, "unit": unit.code}, format="json")

    assert response.status_code == 401


def test_agreement_create_second_is_400(api_as, operator, head, cycle):
    assert api_as(operator).post(LIST_URL, {"year": 2025}, format="json").status_code == 201

    response = api_as(head).post(LIST_URL, {"year": 2025}, format="json")

    assert response.status_code == 400
    assert "unit" in response.json()
    assert Agreement.objects.count() == 1


def test_agreement_create_below_minimum_is_400(api_as, operator, cycle):
    cycle.min_innovations_per_unit = 3
    cycle.save()

    response = api_as(operator).post(LIST_URL, {"year": 2025, "committed_count": 2}, format="json")

    assert response.status_code == 400
    assert "committed_count" in response.json()


def test_agreement_create_unknown_year_is_400(api_as, operator, cycle):
    response = api_as(operator).post(LIST_URL, {"year": 1999}, format="json")

    assert response.status_code == 400
    assert "year" in response.json()


# --- update -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("operator", 200),
        ("head", 200),
        ("admin", 200),
        ("curator", 403),
        ("lead_curator", 403),
        ("leader", 403),
        ("other_operator", 404),
    ],
)
def test_agreement_patch_per_role(api_as, users_by_role, agreement, role, code):
    response = api_as(users_by_role[role]).patch(
        url(agreement), {"committed_count": 4, "planned_titles": ["X", "Y"]}, format="json"
    )

    assert response.status_code == code
    agreement.refresh_from_db()
    assert (agreement.committed_count == 4) is (code == 200)


def test_agreement_patch_anonymous_is_401(api_as, agreement):
    assert (
        api_as(None).patch(url(agreement), {"committed_count": 4}, format="json").status_code == 401
    )


def test_agreement_patch_nip_with_letters_is_400(api_as, operator, agreement):
    response = api_as(operator).patch(
        url(agreement), {"signatory_nip": "19700101199003100X"}, format="json"
    )

    assert response.status_code == 400
    assert "signatory_nip" in response.json()


def test_agreement_patch_below_minimum_is_400(api_as, operator, agreement):
    agreement.cycle.min_innovations_per_unit = 2
    agreement.cycle.save()

    response = api_as(operator).patch(url(agreement), {"committed_count": 1}, format="json")

    assert response.status_code == 400
    assert "committed_count" in response.json()


def test_agreement_patch_signed_is_409(api_as, operator, signed):
    response = api_as(operator).patch(url(signed), {"committed_count": 5}, format="json")

    assert response.status_code == 409
    assert response.json()["status"] == "signed"
    assert response.json()["allowed_actions"] == []
