"""Two deciders at the same moment on PostgreSQL: one decision wins, the other gets a 409."""

import threading
import time

import pytest
from django.db import connection, transaction
from rest_framework.test import APIClient

from innovations.enums import Status
from innovations.models import Innovation, TransitionLog

from .factories import QueuedInnovationFactory, ReviewFactory


def _waiting_on_locks():
    with connection.cursor() as cursor:
        # Inside a transaction the activity view is a snapshot unless it is cleared.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_deciders_at_once_one_wins(lead_curator, admin_user, cycle):
    innovation = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
    ReviewFactory(innovation=innovation)
    url = f"/api/v1/innovations/{innovation.pk}/transitions/"
    responses = {}

    def decide(user, action):
        try:
            client = APIClient()
            client.force_authenticate(user)
            responses[action] = client.post(
                url, {"action": action, "note": "Putusan"}, format="json"
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(lead_curator, "approve")),
        threading.Thread(target=decide, args=(admin_user, "reject")),
    ]
    # Hold the row so both requests are inside their transaction, waiting, before either runs.
    with transaction.atomic():
        Innovation.objects.select_for_update().get(pk=innovation.pk)
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while _waiting_on_locks() < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _waiting_on_locks() == 2
    for thread in threads:
        thread.join(timeout=20)

    codes = sorted(r.status_code for r in responses.values())
    assert codes == [200, 409]
    loser = next(r for r in responses.values() if r.status_code == 409)
    innovation.refresh_from_db()
    assert loser.json()["status"] == innovation.status
    assert innovation.status in (Status.APPROVED, Status.REJECTED)
    decisions = TransitionLog.objects.filter(
        innovation=innovation, action__in=["approve", "reject"]
    )
    assert decisions.count() == 1
    assert decisions.get().to_status == innovation.status
