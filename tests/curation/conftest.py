import pytest

from .factories import QueuedInnovationFactory, open_cycle


@pytest.fixture
def cycle(db):
    return open_cycle()


@pytest.fixture
def queued(unit, cycle):
    """A submitted innovation of `unit` (the operator's and head's unit), waiting 3 days."""
    return QueuedInnovationFactory(unit=unit, cycle=cycle)


@pytest.fixture
def filter_sets_built(monkeypatch):
    """A list that grows by one each time the queue's pages build their `QueueFilter`."""
    from curation import queue_pages

    built = []

    class Recorded(queue_pages.QueueFilter):
        def __init__(self, *args, **kwargs):
            built.append(True)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(queue_pages, "QueueFilter", Recorded)
    return built
