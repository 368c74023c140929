import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from agreements import services
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from innovations.enums import Status
from tests.factories import UnitFactory, UserFactory

from .factories import AgreementFactory, InnovationFactory
from .test_services import PDF_BYTES

LIST = "/agreements/"
COMPLIANCE = "/compliance/"
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def agreement(cycle, unit):
    return AgreementFactory(unit=unit, cycle=cycle, committed_count=2)


def detail(agreement):
    return f"{LIST}{agreement.pk}/"


# --- anonymous ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [LIST, COMPLIANCE, "/agreements/document/?year=2025"])
def test_pages_anonymous_redirect_to_login(client, cycle, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_detail_pages_anonymous_redirect_to_login(client, agreement):
    for path in (detail(agreement), detail(agreement) + "document/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    response = client.post(detail(agreement), {"action": "verify"})
    assert response.status_code == 302
    assert Agreement.objects.get().status == AgreementStatus.DRAFT


# --- list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_own", "sees_other"),
    [
        ("operator", True, False),
        ("head", True, False),
        ("curator", True, True),
        ("lead_curator", True, True),
        ("admin", True, True),
        ("leader", True, True),
        ("other_operator", False, False),
    ],
)
def test_list_page_per_role(login, users_by_role, agreement, role, sees_own, sees_other):
    other = AgreementFactory(cycle=agreement.cycle)

    response = login(users_by_role[role]).get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert (f'data-agreement="{agreement.pk}"' in html) is sees_own
    assert (f'data-agreement="{other.pk}"' in html) is sees_other


def test_list_page_shows_status_badge_classes(login, curator, agreement, head):
    services.agreement_sign(agreement=agreement, by=head)

    html = login(curator).get(LIST).content.decode()

    assert "status-badge status-signed" in html
    assert 'name="action" value="verify"' in html


def test_list_page_create_form_for_unit_without_agreement(login, operator, cycle):
    html = login(operator).get(LIST).content.decode()

    assert 'action="/agreements/new/?year=2025"' in html
    assert 'name="committed_count"' in html
    assert 'name="unit"' not in html


def test_list_page_no_create_form_for_curator(login, curator, cycle):
    assert 'action="/agreements/new/' not in login(curator).get(LIST).content.decode()


def test_list_page_query_count_constant(login, curator, cycle, django_assert_num_queries):
    client = login(curator)
    AgreementFactory(cycle=cycle)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    for n in range(9):
        AgreementFactory(cycle=cycle, status=AgreementStatus.SIGNED if n % 2 else "draft")

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(LIST)
    assert response.content.decode().count("data-agreement=") == 10


# --- create -------------------------------------------------------------------------------


def test_create_page_by_operator(login, operator, unit, cycle):
    response = login(operator).post(
        "/agreements/new/?year=2025",
        {"committed_count": 2, "planned_titles": "Satu\nDua\n", "action": "create"},
    )

    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(agreement)
    assert agreement.unit == unit
    assert agreement.planned_titles == ["Satu", "Dua"]


def test_create_page_by_admin_picks_unit(login, admin_user, other_unit, cycle):
    response = login(admin_user).post(
        "/agreements/new/", {"unit": other_unit.code, "committed_count": 1}
    )

    assert response.status_code == 302
    assert Agreement.objects.get().unit == other_unit


def test_create_page_below_minimum_shows_error(login, operator, cycle):
    cycle.min_innovations_per_unit = 2
    cycle.save()

    response = login(operator).post("/agreements/new/", {"committed_count": 1})

    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_create_page_second_agreement_refused(login, operator, agreement):
    response = login(operator).post("/agreements/new/", {"committed_count": 2})

    assert response.status_code == 400
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize("role", ["curator", "leader"])
def test_create_page_by_others_is_403(login, users_by_role, cycle, role):
    response = login(users_by_role[role]).post("/agreements/new/", {"committed_count": 1})

    assert response.status_code == 403


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


# --- compliance ---------------------------------------------------------------------------


@pytest.fixture
def delivered(cycle, unit, other_unit):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=2, status=AgreementStatus.VERIFIED)
    for status in ("draft", "submitted", "approved", "launched", "rejected", "withdrawn"):
        InnovationFactory(cycle=cycle, unit=unit, status=status)
    AgreementFactory(unit=other_unit, cycle=cycle, committed_count=1, status=AgreementStatus.SIGNED)


def page_row(html, code):
    match = re.search(
        rf'<tr class="compliance-(\w+)" data-unit="{re.escape(code)}".*?</tr>', html, re.S
    )
    assert match, code
    cells = dict(re.findall(r'data-col="(\w+)">([^<]*)<', match.group(0)))
    return match.group(1), cells


@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin", "leader"])
def test_compliance_page_region_roles_see_every_unit(
    login, users_by_role, delivered, unit, other_unit, role
):
    html = login(users_by_role[role]).get(COMPLIANCE).content.decode()

    assert f'data-unit="{unit.code}"' in html
    assert f'data-unit="{other_unit.code}"' in html


@pytest.mark.parametrize("role", ["operator", "head", "other_operator"])
def test_compliance_page_unit_staff_see_own_row(login, users_by_role, delivered, role):
    user = users_by_role[role]

    html = login(user).get(COMPLIANCE).content.decode()

    assert re.findall(r'data-unit="([^"]+)"', html) == [user.unit.code]


def test_compliance_page_same_numbers_as_api(
    login, api_as, curator, delivered, only_test_units, unit, other_unit
):
    html = login(curator).get(COMPLIANCE).content.decode()
    api = {row["unit"]: row for row in api_as(curator).get("/api/v1/compliance/").json()["results"]}

    for code, colour in ((unit.code, "green"), (other_unit.code, "amber")):
        page_colour, cells = page_row(html, code)
        assert page_colour == colour == api[code]["colour"]
        for field in ("committed", "drafted", "submitted", "approved", "launched"):
            assert int(cells[field]) == api[code][field]
    totals = re.search(r'id="compliance-totals".*?</tr>', html, re.S).group(0)
    assert 'data-col="approved">2<' in totals
    assert 'data-col="committed">3<' in totals


def test_compliance_page_filters_and_export_links(login, curator, delivered, unit, other_unit):
    html = login(curator).get(COMPLIANCE + "?agreement_status=verified").content.decode()

    assert re.findall(r'data-unit="([^"]+)"', html) == [unit.code]
    assert (
        "/api/v1/reports/compliance/2025/export/?agreement_status=verified&amp;format=xlsx" in html
    )
    assert "format=csv" in html


def test_compliance_page_bad_filter_is_400(login, curator, cycle):
    assert login(curator).get(COMPLIANCE + "?met=maybe").status_code == 400


def test_compliance_page_query_count_constant(
    login, curator, cycle, only_test_units, django_assert_num_queries
):
    UnitFactory()
    client = login(curator)
    with CaptureQueriesContext(connection) as one:
        assert client.get(COMPLIANCE).status_code == 200
    for n in range(9):
        extra = UnitFactory()
        if n % 2:
            AgreementFactory(unit=extra, cycle=cycle, status=AgreementStatus.SIGNED)
        InnovationFactory(cycle=cycle, unit=extra, status=Status.SUBMITTED)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(COMPLIANCE)
    assert response.content.decode().count("data-unit=") == 10


# --- home page commitment block -----------------------------------------------------------


def render_commitment(rf, user):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = user
    return Template("{% load agreements %}{% unit_commitment %}").render(
        Context({"request": request})
    )


def test_unit_commitment_shows_what_is_owed(rf, head, cycle, unit):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=3, status=AgreementStatus.SIGNED)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.REJECTED)

    html = render_commitment(rf, head)

    assert f'data-commitment="{unit.code}"' in html
    assert 'data-owed="2"' in html


def test_unit_commitment_met(rf, operator, cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit, status=Status.LAUNCHED)

    assert 'data-owed="0"' in render_commitment(rf, operator)


def test_unit_commitment_empty_for_region_roles(rf, curator, cycle):
    assert "data-commitment" not in render_commitment(rf, curator)
