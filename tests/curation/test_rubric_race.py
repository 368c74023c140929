"""The first review of a cycle and a change of its rubric serialise on the cycle row.

Two real connections on PostgreSQL: one holds the cycle row inside its transaction, the test
watches the other wait for it (pg_stat_activity), then lets the first commit.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from curation.models import Criterion, Review
from curation.services import review_save, rubric_replace
from intan_banjar.exceptions import StateConflict

from .factories import QueuedInnovationFactory, scores

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

NEW_RUBRIC = [
    {"code": "kebaruan", "name": "Kebaruan", "weight": 50},
    {"code": "dampak", "name": "Dampak", "weight": 50},
]


def _waiting_on_locks():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def _wait_until_blocked(outcome):
    """Until the other connection waits on a lock; failing if it finished without waiting."""
    deadline = time.monotonic() + 10
    while _waiting_on_locks() < 1:
        assert not outcome, f"did not wait for the lock: {outcome}"
        assert time.monotonic() < deadline, "the other connection never waited"
        time.sleep(0.02)


def _in_thread(call):
    outcome = {}

    def run():
        try:
            outcome["result"] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcome["error"] = exc
        finally:
            connection.close()

    return threading.Thread(target=run), outcome


def test_first_review_waits_for_a_rubric_change_and_meets_the_new_rubric(
    curator, admin_user, cycle
):
    innovation = QueuedInnovationFactory(cycle=cycle)
    thread, outcome = _in_thread(
        lambda: review_save(
            innovation=innovation, by=curator, scores=scores(4), recommendation="approve"
        )
    )

    with transaction.atomic():
        rubric_replace(cycle=cycle, criteria=NEW_RUBRIC, by=admin_user)
        thread.start()
        _wait_until_blocked(outcome)
    thread.join(timeout=20)

    # Scored on the rubric that was replaced meanwhile: refused, nothing stored.
    assert isinstance(outcome.get("error"), ValidationError), outcome
    assert "dampak" in str(outcome["error"]) or "Dampak" in str(outcome["error"])
    assert not Review.objects.exists()
    assert set(Criterion.objects.filter(cycle=cycle).values_list("code", flat=True)) == {
        "kebaruan",
        "dampak",
    }


def test_rubric_change_waits_for_the_first_review_and_is_refused(curator, admin_user, cycle):
    innovation = QueuedInnovationFactory(cycle=cycle)
    thread, outcome = _in_thread(
        lambda: rubric_replace(cycle=cycle, criteria=NEW_RUBRIC, by=admin_user)
    )

    with transaction.atomic():
        review_save(innovation=innovation, by=curator, scores=scores(4), recommendation="approve")
        thread.start()
        _wait_until_blocked(outcome)
    thread.join(timeout=20)

    assert isinstance(outcome.get("error"), StateConflict), outcome
    assert outcome["error"].code == "rubric_locked"
    review = Review.objects.get()
    assert set(review.scores) == set(
        Criterion.objects.filter(cycle=cycle).values_list("code", flat=True)
    )
