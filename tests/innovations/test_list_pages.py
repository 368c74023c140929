"""The innovation list's unfiltered pages from prepared SQL (innovations/list_pages.py) against
the ORM's, for every role, and the ORM's path for anything filtered."""

import pytest
from django.test import RequestFactory

from accounts.enums import Role
from accounts.models import User
from innovations.enums import Status
from innovations.filters import search_innovations
from innovations.list_pages import _API_ROWS, _COUNT, _PAGE_ROWS, api_rows, page_rows
from innovations.list_rows import prepared_rows
from innovations.list_values import prepared_list_values
from innovations.models import Innovation
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedList
from tests.factories import UnitFactory, UserFactory

from .factories import CommunityInnovationFactory, InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(cycle, unit, other_unit, curator):
    """Innovations of two units in several statuses, a community draft a curator entered."""
    for status in (Status.DRAFT, Status.SUBMITTED, Status.APPROVED):
        InnovationFactory(cycle=cycle, unit=unit, status=status)
        InnovationFactory(cycle=cycle, unit=other_unit, status=status)
    CommunityInnovationFactory(cycle=cycle, created_by=curator, status=Status.DRAFT)
    return cycle


@pytest.fixture
def every_role(operator, head, curator, lead_curator, admin_user, leader, other_operator):
    return [
        operator,
        head,
        other_operator,
        curator,
        lead_curator,
        admin_user,
        leader,
        UserFactory(role=Role.CURATOR, unit=UnitFactory()),
    ]


def _params(query=""):
    return RequestFactory().get(f"/x/?{query}").GET


WINDOWS = (slice(0, 25), slice(0, 2), slice(2, 5), slice(5, 9), slice(9, 12))


@pytest.mark.parametrize("ordering", ["-created_at", "code", "-title", "unit", "status"])
def test_page_rows_equal_the_orm(ordering, listed, every_role):
    tie_break = "-id" if ordering.startswith("-") else "id"
    _COUNT._plans.clear()  # this test's plans only
    _PAGE_ROWS._plans.clear()
    for user in every_role:
        orm = prepared_rows().visible_to(user).order_by(ordering, tie_break)
        ours = page_rows(
            user, _params(f"ordering={ordering}"), ordering, tie_break, lambda orm=orm: orm
        )
        assert isinstance(ours, PreparedList)
        assert ours.count() == orm.count() > 0, user.role
        for window in WINDOWS:
            assert ours[window] == list(orm[window]), (user.role, window)
    plans = [*_COUNT._plans.values(), *_PAGE_ROWS._plans.values()]
    assert plans and NOT_PREPARED not in plans


def test_api_rows_equal_the_orm(listed, every_role):
    _API_ROWS._plans.clear()
    for user in every_role:
        orm = prepared_list_values().visible_to(user).order_by("-created_at", "-id")
        ours = api_rows(user, _params("page=1&page_size=3"), lambda orm=orm: orm)
        assert isinstance(ours, PreparedList)
        assert ours.count() == orm.count()
        for window in WINDOWS:
            assert ours[window] == list(orm[window]), (user.role, window)
        assert list(ours) == list(orm)
    assert NOT_PREPARED not in _API_ROWS._plans.values()


@pytest.mark.parametrize("query", ["year=2025", "status=draft", "search=a", "ordering=title"])
def test_a_filtered_list_is_the_orms(query, listed, curator):
    assert api_rows(curator, _params(query), list) is None
    if not query.startswith("ordering"):
        assert page_rows(curator, _params(query), "code", "id", list) is None


def test_users_outside_the_plain_cases_take_the_orms_path(listed, unit):
    # Not a user the database admits (a unit role needs a unit), as `visible_to` guards it.
    unitless = User(pk=987654, role=Role.OPERATOR, unit=None, is_active=True)
    inactive = UserFactory(role=Role.CURATOR, is_active=False)
    for user in (unitless, inactive):
        assert page_rows(user, _params(), "code", "id", list) is None
        assert api_rows(user, _params(), list) is None


def test_pages_through_the_views(client, api_client, listed, operator, admin_user):
    """The page and the API answer the same rows by either path (search forces the ORM's)."""
    everything = Innovation.objects.visible_to(admin_user).count()
    api_client.force_authenticate(admin_user)
    body = api_client.get("/api/v1/innovations/?page_size=4&page=2").json()
    assert body["count"] == everything == 7 and len(body["results"]) == 3
    client.force_login(operator)
    prepared = client.get("/innovations/?ordering=code").content.decode()
    orm = search_innovations(prepared_rows().visible_to(operator), "")
    for code in orm.values_list("code", flat=True):
        assert code in prepared
