"""The agreements API's sign, verify and reject actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.enums import Role
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tests.factories import UserFactory

from .api_helpers import LIST_URL, url
from .test_services import PDF_BYTES

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


def test_agreement_sign_date_in_the_future_is_400(api_as, head, agreement):
    response = api_as(head).post(
        url(agreement, "sign"),
        {"signed_on": "2025-06-03"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json() == {"signed_on": ["The date cannot be in the future."]}
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


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
