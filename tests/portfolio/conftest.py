import pytest

from tests.innovations.factories import open_cycle

from .factories import LaunchedFactory, last_year_cycle


@pytest.fixture
def cycle(db):
    """This year's cycle, open for entries."""
    return open_cycle()


@pytest.fixture
def last_cycle(db):
    return last_year_cycle()


@pytest.fixture
def launched(unit, last_cycle):
    """Last year's launched innovation of `unit` (the operator's and head's unit)."""
    return LaunchedFactory(unit=unit, cycle=last_cycle)
