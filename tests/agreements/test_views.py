import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements import services
from agreements.enums import AgreementStatus
from agreements.models import Agreement

from .factories import AgreementFactory
from .view_helpers import COMPLIANCE, LIST, detail

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
