import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.enums import Role

from .factories import PASSWORD, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits (login form, token endpoint) count in the cache, which outlives a test."""
    cache.clear()


@pytest.fixture
def unit(db):
    return UnitFactory()


@pytest.fixture
def other_unit(db):
    return UnitFactory()


@pytest.fixture
def operator(unit):
    return UserFactory(role=Role.OPERATOR, unit=unit)


@pytest.fixture
def head(unit):
    return UserFactory(role=Role.HEAD, unit=unit)


@pytest.fixture
def other_operator(other_unit):
    return UserFactory(role=Role.OPERATOR, unit=other_unit)


@pytest.fixture
def curator(db):
    return UserFactory(role=Role.CURATOR)


@pytest.fixture
def lead_curator(db):
    return UserFactory(role=Role.CURATOR, is_lead=True)


@pytest.fixture
def admin_user(db):
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def leader(db):
    return UserFactory(role=Role.LEADER)


@pytest.fixture
def users_by_role(operator, head, curator, lead_curator, admin_user, leader, other_operator):
    """One user per role plus another unit's operator: the cast of every permission test."""
    return {
        "operator": operator,
        "head": head,
        "curator": curator,
        "lead_curator": lead_curator,
        "admin": admin_user,
        "leader": leader,
        "other_operator": other_operator,
    }


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as(api_client):
    """api_as(user) -> an APIClient authenticated as that user (None: anonymous)."""

    def _as(user):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _as


@pytest.fixture
def password():
    return PASSWORD
