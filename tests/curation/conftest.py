import pytest

from .factories import QueuedInnovationFactory, open_cycle


@pytest.fixture
def cycle(db):
    return open_cycle()


@pytest.fixture
def queued(unit, cycle):
    """A submitted innovation of `unit` (the operator's and head's unit), waiting 3 days."""
    return QueuedInnovationFactory(unit=unit, cycle=cycle)
