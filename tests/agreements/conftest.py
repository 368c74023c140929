import datetime

import pytest
import time_machine

from accounts.models import Unit
from agreements import services
from tests.factories import CycleFactory

from .factories import AgreementFactory
from .test_services import pdf_upload

# Inside the 2025 cycle: after the agreement deadline, before the launch (11 December).
DURING_CYCLE = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)
AFTER_CYCLE = datetime.datetime(2025, 12, 20, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def during_cycle():
    with time_machine.travel(DURING_CYCLE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def only_test_units(db):
    """The regency's real units ship with the migrations; these tests count their own units."""
    Unit.objects.update(active=False)


@pytest.fixture
def cycle(db):
    return CycleFactory(year=2025, min_innovations_per_unit=1)


@pytest.fixture
def agreement(cycle, unit):
    return AgreementFactory(unit=unit, cycle=cycle, committed_count=2)


@pytest.fixture
def signed(agreement, head):
    return services.agreement_sign(agreement=agreement, by=head)


@pytest.fixture
def scanned(agreement, head):
    """Signed by the head with the scan of the paper attached."""
    return services.agreement_sign(agreement=agreement, by=head, scan=pdf_upload())


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
