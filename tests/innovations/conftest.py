import pytest

from .factories import InnovationFactory, open_cycle


@pytest.fixture
def cycle(db):
    return open_cycle()


@pytest.fixture
def innovation(unit, cycle):
    """A complete draft of `unit` (the operator's and head's unit), ready to submit."""
    return InnovationFactory(unit=unit, cycle=cycle)
