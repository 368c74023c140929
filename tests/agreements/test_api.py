import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from agreements import services
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tests.factories import CycleFactory, UnitFactory, UserFactory

from .factories import AgreementFactory
from .test_services import PDF_BYTES

LIST_URL = "/api/v1/agreements/"
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


def url(agreement, action=""):
    return f"{LIST_URL}{agreement.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def agreement(cycle, unit):
    return AgreementFactory(unit=unit, cycle=cycle, committed_count=2)


@pytest.fixture
def signed(agreement, head):
    return services.agreement_sign(agreement=agreement, by=head)


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


# --- sign ---------------------------------------------------------------------------------


def test_agreement_sign_by_head_multipart_with_scan(api_as, head, agreement):
    response = api_as(head).post(
        url(agreement, "sign"),
        {
            "signatory_name": "Dr. Hj. Siti Aminah",
            "signatory_nip": "198001012005012002",
            "signatory_title": "Kepala Dinas",
            "signed_on": "2025-02-06",
            "scan": SimpleUploadedFile("ttd.pdf", PDF_BYTES, "application/pdf"),
        },
        format="multipart",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "signed"
    assert body["signed_on"] == "2025-02-06"
    assert body["signed_by"] == head.email
    assert body["signed_on_behalf"] is False
    assert body["has_scan"] is True
    assert body["signatory_nip"] == "198001012005012002"


def test_agreement_sign_by_admin_records_paper_signature(api_as, admin_user, agreement):
    response = api_as(admin_user).post(url(agreement, "sign"), {}, format="json")

    assert response.status_code == 200
    assert response.json()["signed_on_behalf"] is True
    assert response.json()["signed_by"] == admin_user.email


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("operator", 403),
        ("curator", 403),
        ("lead_curator", 403),
        ("leader", 403),
        ("other_operator", 404),
    ],
)
def test_agreement_sign_refused(api_as, users_by_role, agreement, role, code):
    response = api_as(users_by_role[role]).post(url(agreement, "sign"), {}, format="json")

    assert response.status_code == code
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_agreement_sign_by_head_of_another_unit_is_404(api_as, agreement, other_unit):
    other_head = UserFactory(role=Role.HEAD, unit=other_unit)

    assert api_as(other_head).post(url(agreement, "sign"), {}, format="json").status_code == 404


def test_agreement_sign_anonymous_is_401(api_as, agreement):
    assert api_as(None).post(url(agreement, "sign"), {}, format="json").status_code == 401


def test_agreement_sign_scan_not_pdf_is_400(api_as, head, agreement):
    response = api_as(head).post(
        url(agreement, "sign"),
        {"scan": SimpleUploadedFile("ttd.pdf", b"GIF89a" + b"\0" * 64, "application/pdf")},
        format="multipart",
    )

    assert response.status_code == 400
    assert "scan" in response.json()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_agreement_sign_nip_with_letters_is_400(api_as, head, agreement):
    response = api_as(head).post(
        url(agreement, "sign"), {"signatory_nip": "1970O1011990031001"}, format="json"
    )

    assert response.status_code == 400
    assert "signatory_nip" in response.json()


def test_agreement_sign_twice_is_409(api_as, head, signed):
    response = api_as(head).post(url(signed, "sign"), {}, format="json")

    assert response.status_code == 409
    assert response.json()["status"] == "signed"


# API.md's precedence: 403 for an action the role may never take, whatever the state; 409 for
# one the role could take in another state.


def test_agreement_sign_of_a_draft_by_a_curator_is_403(api_as, curator, agreement):
    response = api_as(curator).post(url(agreement, "sign"), {}, format="json")

    assert response.status_code == 403
    assert set(response.json()) == {"detail"}
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


@pytest.mark.parametrize("state", ["agreement", "signed"])
def test_agreement_verify_by_the_head_is_403_in_any_state(api_as, head, request, state):
    agreement = request.getfixturevalue(state)

    response = api_as(head).post(url(agreement, "verify"))

    assert response.status_code == 403
    assert set(response.json()) == {"detail"}


def test_agreement_reject_of_a_draft_by_a_curator_is_409(api_as, curator, agreement):
    response = api_as(curator).post(url(agreement, "reject"), {"note": "Salah"}, format="json")

    assert response.status_code == 409
    body = response.json()
    assert set(body) == {"detail", "status", "allowed_actions"}
    assert (body["status"], body["allowed_actions"]) == ("draft", [])


# --- verify and reject ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("curator", 200),
        ("lead_curator", 200),
        ("admin", 200),
        ("operator", 403),
        ("head", 403),
        ("leader", 403),
        ("other_operator", 404),
    ],
)
def test_agreement_verify_per_role(api_as, users_by_role, signed, role, code):
    response = api_as(users_by_role[role]).post(url(signed, "verify"))

    assert response.status_code == code
    signed.refresh_from_db()
    assert (signed.status == AgreementStatus.VERIFIED) is (code == 200)


def test_agreement_verify_anonymous_is_401(api_as, signed):
    assert api_as(None).post(url(signed, "verify")).status_code == 401


def test_agreement_verify_draft_is_409(api_as, curator, agreement):
    response = api_as(curator).post(url(agreement, "verify"))

    assert response.status_code == 409
    assert response.json()["status"] == "draft"
    assert response.json()["allowed_actions"] == []


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("curator", 200),
        ("admin", 200),
        ("operator", 403),
        ("head", 403),
        ("leader", 403),
        ("other_operator", 404),
    ],
)
def test_agreement_reject_per_role(api_as, users_by_role, signed, role, code):
    response = api_as(users_by_role[role]).post(
        url(signed, "reject"), {"note": "Scan tidak terbaca"}, format="json"
    )

    assert response.status_code == code
    signed.refresh_from_db()
    assert (signed.status == AgreementStatus.DRAFT) is (code == 200)


def test_agreement_reject_without_note_is_400(api_as, curator, signed):
    response = api_as(curator).post(url(signed, "reject"), {}, format="json")

    assert response.status_code == 400
    assert "note" in response.json()


def test_agreement_reject_anonymous_is_401(api_as, signed):
    assert api_as(None).post(url(signed, "reject"), {"note": "x"}, format="json").status_code == 401


def test_agreement_lifecycle_through_the_api(api_as, operator, head, curator, cycle):
    created = api_as(operator).post(LIST_URL, {"year": 2025}, format="json").json()
    agreement = Agreement.objects.get(pk=created["id"])
    assert api_as(operator).post(url(agreement, "sign"), {}, format="json").status_code == 403
    assert api_as(head).post(url(agreement, "sign"), {}, format="json").status_code == 200
    rejected = api_as(curator).post(url(agreement, "reject"), {"note": "NIP salah"}, format="json")
    assert rejected.json()["status"] == "draft"
    assert rejected.json()["rejection_note"] == "NIP salah"
    assert api_as(head).post(url(agreement, "sign"), {}, format="json").status_code == 200
    verified = api_as(curator).post(url(agreement, "verify"))
    assert verified.json()["status"] == "verified"
    assert verified.json()["verified_by"] == curator.email
    actions = list(agreement.events.values_list("action", flat=True))
    assert actions == ["create", "sign", "reject", "sign", "verify"]


# --- documents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_agreement_document_per_role(api_as, users_by_role, agreement, role, code):
    response = api_as(users_by_role[role]).get(url(agreement, "document"))

    assert response.status_code == code
    if code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_agreement_document_anonymous_is_401(api_as, agreement):
    assert api_as(None).get(url(agreement, "document")).status_code == 401


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("curator", 200),
        ("lead_curator", 200),
        ("admin", 200),
        ("operator", 403),
        ("head", 403),
        ("leader", 403),
        ("other_operator", 403),
    ],
)
def test_cycle_document_per_role(api_as, users_by_role, cycle, only_test_units, role, code):
    UnitFactory()
    response = api_as(users_by_role[role]).get(f"{LIST_URL}document/?year=2025")

    assert response.status_code == code
    if code == 200:
        assert response.content.startswith(b"%PDF")


def test_cycle_document_anonymous_is_401(api_as, cycle):
    assert api_as(None).get(f"{LIST_URL}document/?year=2025").status_code == 401


def test_cycle_document_unknown_year_is_404(api_as, curator, cycle):
    assert api_as(curator).get(f"{LIST_URL}document/?year=1999").status_code == 404
