"""The agreements API's PDF documents: one agreement's and the cycle's."""

import pytest

from tests.factories import UnitFactory

from .api_helpers import LIST_URL, ROLES, url
from .factories import AgreementFactory
from .test_services import PDF_BYTES

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


# --- the signed scan ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_agreement_scan_per_role(api_as, users_by_role, scanned, role, code):
    response = api_as(users_by_role[role]).get(url(scanned, "scan"))

    assert response.status_code == code


def test_agreement_scan_is_the_stored_pdf_inline(api_as, curator, scanned):
    response = api_as(curator).get(url(scanned, "scan"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="pindaian-perjanjian-inovasi-2025-{scanned.unit.code}.pdf"'
    )


def test_agreement_scan_asked_for_as_pdf(api_as, curator, scanned):
    response = api_as(curator).get(url(scanned, "scan"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_agreement_document_asked_for_as_pdf(api_as, curator, agreement):
    """The schema declares application/pdf; a client that asks for it is not refused (406)."""
    response = api_as(curator).get(url(agreement, "document"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_agreement_scan_anonymous_is_401(api_as, scanned):
    assert api_as(None).get(url(scanned, "scan")).status_code == 401


@pytest.mark.parametrize("state", ["agreement", "signed"])
def test_agreement_scan_without_scan_is_404(api_as, curator, request, state):
    agreement = request.getfixturevalue(state)

    assert api_as(curator).get(url(agreement, "scan")).status_code == 404


def test_agreement_scan_url_given_only_with_a_scan(api_as, curator, scanned, other_unit, cycle):
    without = AgreementFactory(unit=other_unit, cycle=cycle)

    assert api_as(curator).get(url(scanned)).json()["scan_url"] == url(scanned, "scan")
    assert api_as(curator).get(url(without)).json()["scan_url"] is None


def test_agreement_scan_in_the_schema(api_as, admin_user):
    schema = api_as(admin_user).get("/api/schema/", {"format": "json"}).json()

    operation = schema["paths"]["/api/v1/agreements/{id}/scan/"]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
