"""The agreement detail page, its sign/verify/reject/edit actions and the document pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.enums import Role
from agreements import services
from agreements.enums import AgreementStatus
from tests.factories import UnitFactory, UserFactory
from tests.form_banner import field_value

from .test_services import PDF_BYTES
from .view_helpers import detail

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


# --- detail and actions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_detail_page_per_role(login, users_by_role, agreement, role, code):
    assert login(users_by_role[role]).get(detail(agreement)).status_code == code


def test_detail_page_head_sees_sign_form(login, head, agreement):
    html = login(head).get(detail(agreement)).content.decode()

    assert 'name="action" value="sign"' in html
    assert 'name="action" value="edit"' in html
    assert 'name="sign-signatory_nip"' in html


def test_detail_page_operator_has_no_sign_form(login, operator, agreement):
    html = login(operator).get(detail(agreement)).content.decode()

    assert 'value="sign"' not in html
    assert 'name="action" value="edit"' in html


def sign_data(**extra):
    return {
        "action": "sign",
        "sign-signatory_name": "Drs. H. Ahmad Fauzi, M.Si",
        "sign-signatory_nip": "197001011990031001",
        "sign-signatory_title": "Kepala Dinas",
        "sign-signed_on": "2025-02-06",
        **extra,
    }


def test_sign_page_by_head_with_scan(login, head, agreement):
    scan = SimpleUploadedFile("ttd.pdf", PDF_BYTES, "application/pdf")

    response = login(head).post(detail(agreement), sign_data(**{"sign-scan": scan}))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_by == head
    assert agreement.signed_on_behalf is False
    assert agreement.scan


def test_sign_page_by_admin_on_behalf(login, admin_user, agreement):
    response = login(admin_user).post(detail(agreement), sign_data())

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.signed_on_behalf is True


@pytest.mark.parametrize(
    ("role", "code"),
    [("operator", 403), ("curator", 403), ("leader", 403), ("other_operator", 404)],
)
def test_sign_page_refused(login, users_by_role, agreement, role, code):
    response = login(users_by_role[role]).post(detail(agreement), sign_data())

    assert response.status_code == code
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_sign_page_by_head_of_other_unit_is_404(login, agreement, other_unit):
    other_head = UserFactory(role=Role.HEAD, unit=other_unit)

    assert login(other_head).post(detail(agreement), sign_data()).status_code == 404


def test_sign_page_scan_not_pdf_shows_error(login, head, agreement):
    scan = SimpleUploadedFile("ttd.pdf", b"PK\x03\x04" + b"\0" * 60, "application/pdf")

    response = login(head).post(detail(agreement), sign_data(**{"sign-scan": scan}))

    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_sign_page_date_in_the_future_shows_error_and_keeps_the_form(login, head, agreement):
    client = login(head)
    client.cookies["django_language"] = "en"

    response = client.post(detail(agreement), sign_data(**{"sign-signed_on": "2025-06-03"}))

    assert response.status_code == 400
    html = response.content.decode()
    assert "The date cannot be in the future." in html
    assert field_value(html, "id_sign-signed_on") == "2025-06-03"
    assert field_value(html, "id_sign-signatory_title") == "Kepala Dinas"
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_sign_page_nip_with_letters_shows_error(login, head, agreement):
    response = login(head).post(detail(agreement), sign_data(**{"sign-signatory_nip": "ABC"}))

    assert response.status_code == 400
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("curator", 302),
        ("admin", 302),
        ("operator", 403),
        ("head", 403),
        ("leader", 403),
        ("other_operator", 404),
    ],
)
def test_verify_page_per_role(login, users_by_role, agreement, head, role, code):
    services.agreement_sign(agreement=agreement, by=head)

    response = login(users_by_role[role]).post(detail(agreement), {"action": "verify"})

    assert response.status_code == code
    agreement.refresh_from_db()
    assert (agreement.status == AgreementStatus.VERIFIED) is (code == 302)


def test_verify_page_draft_is_409(login, curator, agreement):
    assert login(curator).post(detail(agreement), {"action": "verify"}).status_code == 409


def test_reject_page_needs_note(login, curator, agreement, head):
    services.agreement_sign(agreement=agreement, by=head)
    client = login(curator)

    assert (
        client.post(detail(agreement), {"action": "reject", "reject-note": ""}).status_code == 400
    )
    response = client.post(detail(agreement), {"action": "reject", "reject-note": "Salah NIP"})

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.rejection_note == "Salah NIP"


def test_edit_page_by_operator(login, operator, agreement):
    response = login(operator).post(
        detail(agreement),
        {
            "action": "edit",
            "edit-committed_count": 3,
            "edit-planned_titles": "A\nB",
            "edit-signatory_name": "X",
            "edit-signatory_nip": "197001011990031001",
            "edit-signatory_title": "Kepala",
        },
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.committed_count == 3
    assert agreement.planned_titles == ["A", "B"]


def test_unknown_action_is_400(login, admin_user, agreement):
    assert login(admin_user).post(detail(agreement), {"action": "launch"}).status_code == 400


# --- documents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_document_page_per_role(login, users_by_role, agreement, role, code):
    response = login(users_by_role[role]).get(detail(agreement) + "document/")

    assert response.status_code == code
    if code == 200:
        assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("curator", 200),
        ("admin", 200),
        ("operator", 403),
        ("head", 403),
        ("leader", 403),
        ("other_operator", 403),
    ],
)
def test_cycle_document_page_per_role(login, users_by_role, cycle, only_test_units, role, code):
    UnitFactory()

    response = login(users_by_role[role]).get("/agreements/document/?year=2025")

    assert response.status_code == code


# --- the signed scan ----------------------------------------------------------------------


def scan_url(agreement):
    return detail(agreement) + "scan/"


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_scan_page_per_role(login, users_by_role, scanned, role, code):
    response = login(users_by_role[role]).get(scan_url(scanned))

    assert response.status_code == code


def test_scan_page_is_the_stored_pdf_inline(login, admin_user, scanned):
    response = login(admin_user).get(scan_url(scanned))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="pindaian-perjanjian-inovasi-2025-{scanned.unit.code}.pdf"'
    )


def test_scan_page_anonymous_is_sent_to_login(client, scanned):
    response = client.get(scan_url(scanned))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("state", ["agreement", "signed"])
def test_scan_page_without_scan_is_404(login, admin_user, request, state):
    agreement = request.getfixturevalue(state)

    assert login(admin_user).get(scan_url(agreement)).status_code == 404


def test_scan_page_of_a_scan_gone_from_storage_is_404(login, admin_user, scanned):
    scanned.scan.storage.delete(scanned.scan.name)

    assert login(admin_user).get(scan_url(scanned)).status_code == 404


def test_detail_page_links_the_scan_where_it_says_scan_on_file(login, admin_user, scanned):
    html = login(admin_user).get(detail(scanned)).content.decode()

    assert f'<a href="{scan_url(scanned)}" data-link="scan">' in html


def test_detail_page_without_scan_has_no_scan_link(login, admin_user, signed):
    html = login(admin_user).get(detail(signed)).content.decode()

    assert 'data-link="scan"' not in html
