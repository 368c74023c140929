"""The cached per-unit counts: reused while nothing changed, never served after a change."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.compliance import compliance_rows
from innovations.enums import Action, Status
from innovations.models import Innovation
from innovations.services import innovation_transition
from innovations.written import VERSION_KEY, version_key
from tests.factories import CycleFactory
from tests.innovations.factories import InnovationFactory as CompleteInnovationFactory

from .factories import InnovationFactory


def counted(cycle, unit):
    """(row of `unit`, whether the innovation table was counted for it)."""
    with CaptureQueriesContext(connection) as queries:
        rows = compliance_rows(cycle)
    grouped = any("GROUP BY" in q["sql"] for q in queries.captured_queries)
    return next(row for row in rows if row.unit == unit.code), grouped


def test_counts_are_reused_while_no_innovation_changes(cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    first, grouped_first = counted(cycle, unit)
    again, grouped_again = counted(cycle, unit)

    assert grouped_first and not grouped_again
    assert first.submitted == again.submitted == 1


def test_a_new_innovation_shows_on_the_next_read(cycle, unit):
    counted(cycle, unit)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)

    row, grouped = counted(cycle, unit)

    assert grouped
    assert row.approved == 1


def test_a_transition_shows_on_the_next_read(cycle, unit, operator):
    innovation = CompleteInnovationFactory(cycle=cycle, unit=unit, created_by=operator)
    assert counted(cycle, unit)[0].submitted == 0

    innovation_transition(innovation=innovation, action=Action.SUBMIT, by=operator)

    assert counted(cycle, unit)[0].submitted == 1


def test_a_deleted_innovation_disappears_on_the_next_read(cycle, unit):
    innovation = InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    assert counted(cycle, unit)[0].drafted == 1

    innovation.delete()

    assert counted(cycle, unit)[0].drafted == 0


def test_an_evicted_version_never_brings_old_counts_back(cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    assert counted(cycle, unit)[0].submitted == 1
    # A write the signals do not see, then the cache loses its version key.
    Innovation.objects.filter(cycle=cycle, unit=unit).update(status=Status.APPROVED)
    cache.delete(version_key(cycle.pk))

    row, grouped = counted(cycle, unit)

    assert grouped
    assert row.approved == 1


def test_the_counts_expire_again_when_the_write_commits(
    cycle, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    counted(cycle, unit)  # counts cached after the save, before the commit
    before = cache.get_many([VERSION_KEY, version_key(cycle.pk)])

    for callback in callbacks:
        callback()

    after = cache.get_many([VERSION_KEY, version_key(cycle.pk)])
    assert len(before) == len(after) == 2
    assert all(after[key] != before[key] for key in before)
    assert counted(cycle, unit)[1]


def test_a_write_in_another_cycle_leaves_the_counts_of_this_one(cycle, unit):
    """Each cycle's counts have their own version: this year's drafts do not make last year's
    table count again."""
    other = CycleFactory(year=cycle.year + 1)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    assert counted(cycle, unit)[1]

    elsewhere = InnovationFactory(cycle=other, unit=unit, status=Status.APPROVED)
    row, grouped = counted(cycle, unit)
    assert not grouped
    assert (row.submitted, row.approved) == (1, 0)
    assert counted(other, unit)[0].approved == 1

    elsewhere.delete()
    assert not counted(cycle, unit)[1]
    assert counted(other, unit)[0].approved == 0

    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
    row, grouped = counted(cycle, unit)
    assert grouped
    assert (row.submitted, row.approved) == (2, 1)


def test_a_failing_cache_cannot_undo_an_innovation_write(cycle, unit, caplog):
    """The receivers run inside the write's transaction: a cache error there must not roll it
    back (here a bare RedisCache on a port where nothing listens)."""
    from django.db import transaction
    from django.test import override_settings

    from tests.faults.redis_server import free_port

    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    with override_settings(CACHES=broken), transaction.atomic():
        innovation = InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
        innovation.delete()

    assert not Innovation.objects.filter(pk=innovation.pk).exists()
    assert "figures cached over the innovations" in caplog.text
