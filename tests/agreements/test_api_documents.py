"""The agreements API's PDF documents: one agreement's and the cycle's."""

import pytest

from tests.factories import UnitFactory

from .api_helpers import LIST_URL, ROLES, url

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
