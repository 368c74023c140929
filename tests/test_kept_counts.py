"""The counts of the innovation list and the curation queue kept under the innovations' version
(`innovations.written.kept_count`): reused while no innovation changes, never after a write."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from innovations.models import Innovation
from tests.curation.factories import AssignmentFactory, QueuedInnovationFactory
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def _get(client, url):
    """(count of the body, whether a COUNT ran)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    counted = any(q["sql"].startswith("SELECT COUNT(*)") for q in queries.captured_queries)
    return response.json()["count"], counted


@pytest.fixture
def cycles(db):
    return CycleFactory(year=2025), CycleFactory(year=2026)


def test_the_lists_count_is_kept_until_an_innovation_is_written(client, admin_user, cycles):
    this, other = cycles
    first = QueuedInnovationFactory(cycle=this)
    client.force_login(admin_user)
    assert _get(client, "/api/v1/innovations/") == (1, True)
    assert _get(client, "/api/v1/innovations/") == (1, False)
    assert _get(client, "/api/v1/innovations/?page=1") == (1, False)

    QueuedInnovationFactory(cycle=other)  # any cycle: the list shows every year
    assert _get(client, "/api/v1/innovations/") == (2, True)
    first.delete()
    assert _get(client, "/api/v1/innovations/") == (1, True)
    # A filtered list is counted each time, as before.
    assert _get(client, "/api/v1/innovations/?status=submitted") == (1, True)
    assert _get(client, "/api/v1/innovations/?status=submitted") == (1, True)


def test_each_user_has_their_own_count(client, curator, lead_curator, cycles):
    this, _other = cycles
    QueuedInnovationFactory(cycle=this)
    QueuedInnovationFactory(cycle=this, unit=None, created_by=curator, status="draft")
    client.force_login(curator)
    assert _get(client, "/api/v1/innovations/")[0] == 2  # their community draft too
    client.force_login(lead_curator)
    assert _get(client, "/api/v1/innovations/") == (1, True)


def test_the_page_shows_the_same_count(client, admin_user, cycles):
    QueuedInnovationFactory(cycle=cycles[0])
    client.force_login(admin_user)
    assert 'data-count="1"' in client.get("/innovations/").content.decode()
    QueuedInnovationFactory(cycle=cycles[0])
    assert 'data-count="2"' in client.get("/innovations/").content.decode()


def test_without_a_cache_every_request_counts(client, admin_user, cycles):
    QueuedInnovationFactory(cycle=cycles[0])
    client.force_login(admin_user)
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        assert _get(client, "/api/v1/innovations/") == (1, True)
        assert _get(client, "/api/v1/innovations/") == (1, True)


def test_the_queues_count_follows_its_cycle_only(client, curator, cycles):
    this, other = cycles
    QueuedInnovationFactory(cycle=this)
    client.force_login(curator)
    url = f"/api/v1/curation/queue/?year={this.year}"
    assert _get(client, url) == (1, True)
    assert _get(client, url) == (1, False)

    QueuedInnovationFactory(cycle=other)  # another year's submission: this queue is unchanged
    assert _get(client, url) == (1, False)
    QueuedInnovationFactory(cycle=this)
    assert _get(client, url) == (2, True)
    Innovation.objects.filter(cycle=this).first().delete()
    assert _get(client, url) == (1, True)


def test_assigned_to_me_and_filters_are_counted_each_time(client, curator, cycles):
    this, _other = cycles
    innovation = QueuedInnovationFactory(cycle=this)
    client.force_login(curator)
    mine = f"/api/v1/curation/queue/?year={this.year}&assigned=me"
    assert _get(client, mine) == (0, True)
    AssignmentFactory(innovation=innovation, curator=curator)  # not an innovation write
    assert _get(client, mine) == (1, True)
    filtered = f"/api/v1/curation/queue/?year={this.year}&unit={innovation.unit.code}"
    assert _get(client, filtered) == (1, True)
    assert _get(client, filtered) == (1, True)


def test_a_corrected_cycle_year_moves_the_versions_of_its_innovations(cycles):
    """The innovations' copy of the year is written with `update()`, which sends no signal."""
    from innovations import written

    this, other = cycles
    QueuedInnovationFactory(cycle=this)
    before = written.current_version(), written.current_version(this.pk)
    untouched = written.current_version(other.pk)
    this.year = 2024
    this.save()
    assert Innovation.objects.get().year == 2024
    assert written.current_version() != before[0]
    assert written.current_version(this.pk) != before[1]
    assert written.current_version(other.pk) == untouched
    # Saving the cycle again moves no innovation, and so no version.
    moved = written.current_version(this.pk)
    this.save()
    assert written.current_version(this.pk) == moved
