import pytest

from innovations.enums import Status

from .factories import InnovationFactory, open_cycle
from .guards import isolated_guards


@pytest.fixture
def cycle(db):
    return open_cycle()


@pytest.fixture
def innovation(unit, cycle):
    """A complete draft of `unit` (the operator's and head's unit), ready to submit."""
    return InnovationFactory(unit=unit, cycle=cycle)


@pytest.fixture
def own_rules_only():
    """The table's own rules without the guards later apps register (curation's review guard):
    those apps test their guards themselves."""
    with isolated_guards():
        yield


@pytest.fixture
def submitted(innovation):
    innovation.status = Status.SUBMITTED
    innovation.submitted_at = innovation.created_at
    innovation.save()
    return innovation
