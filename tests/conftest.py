import gc

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.enums import Role

from .factories import PASSWORD, UnitFactory, UserFactory


def pytest_collection_finish(session):
    """Freeze what collection loaded, as a web worker does after its warm-up (`warmup.py`).

    The modules, the parsed OpenAPI schema and the parametrised cases live as long as the run,
    and each full collection walked them all: the exports' `iterate_prefetched` collects after
    every chunk, and each such collection cost about 0.2 s in a test process (1.5 ms in a
    frozen worker), several seconds for one fuzzed export endpoint.
    """
    gc.collect()
    gc.freeze()


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
