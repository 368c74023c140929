"""Two requests at once on PostgreSQL: one transition wins, the other is refused cleanly."""

import threading
import time

import pytest
from django.db import connection, connections

from accounts.enums import Role
from innovations.enums import Status
from innovations.models import Innovation, TransitionLog
from innovations.services import innovation_create, innovation_transition
from innovations.workflow import register_guard
from intan_banjar.exceptions import StateConflict
from tests.factories import UnitFactory, UserFactory

from .factories import InnovationFactory, open_cycle
from .guards import unregister_guard

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.usefixtures("own_rules_only"),
]


def run_together(calls):
    """Run each call in its own thread (own connection), released at the same moment."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def slow_guard(own_rules_only):
    """Hold the row lock a moment inside the transition, so the second request must wait."""

    def guard(innovation, user, note):
        time.sleep(0.3)
        return {}

    registered = []

    def register(action):
        register_guard(action, guard)
        registered.append(action)

    yield register
    for action in registered:
        unregister_guard(action, guard)


def _assert_one_winner(outcomes, innovation, expected_status, refused_status):
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"]
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, StateConflict)
    assert error.status == refused_status
    innovation.refresh_from_db()
    assert innovation.status == expected_status
    assert TransitionLog.objects.filter(innovation=innovation).count() == 1


def test_concurrent_submit_one_wins(slow_guard):
    unit = UnitFactory()
    operator = UserFactory(role=Role.OPERATOR, unit=unit)
    head = UserFactory(role=Role.HEAD, unit=unit)
    innovation = InnovationFactory(unit=unit, cycle=open_cycle())
    slow_guard("submit")

    outcomes = run_together(
        [
            lambda user=user: innovation_transition(
                innovation=Innovation.objects.get(pk=innovation.pk), action="submit", by=user
            )
            for user in (operator, head)
        ]
    )

    _assert_one_winner(outcomes, innovation, Status.SUBMITTED, Status.SUBMITTED)
    assert innovation.versions.count() == 1


def test_concurrent_approve_one_wins(slow_guard):
    leads = [UserFactory(role=Role.CURATOR, is_lead=True) for _ in range(2)]
    innovation = InnovationFactory(cycle=open_cycle(), status=Status.IN_REVIEW)
    slow_guard("approve")

    outcomes = run_together(
        [
            lambda lead=lead: innovation_transition(
                innovation=Innovation.objects.get(pk=innovation.pk), action="approve", by=lead
            )
            for lead in leads
        ]
    )

    _assert_one_winner(outcomes, innovation, Status.APPROVED, Status.APPROVED)


def test_concurrent_approve_and_reject_one_wins(slow_guard):
    lead = UserFactory(role=Role.CURATOR, is_lead=True)
    admin = UserFactory(role=Role.ADMIN)
    innovation = InnovationFactory(cycle=open_cycle(), status=Status.IN_REVIEW)
    slow_guard("approve")
    slow_guard("reject")

    outcomes = run_together(
        [
            lambda: innovation_transition(
                innovation=Innovation.objects.get(pk=innovation.pk), action="approve", by=lead
            ),
            lambda: innovation_transition(
                innovation=Innovation.objects.get(pk=innovation.pk),
                action="reject",
                by=admin,
                note="Tidak memenuhi kriteria.",
            ),
        ]
    )

    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"]
    innovation.refresh_from_db()
    assert innovation.status in (Status.APPROVED, Status.REJECTED)
    assert TransitionLog.objects.filter(innovation=innovation).count() == 1


def test_concurrent_creates_get_distinct_codes():
    cycle = open_cycle()
    operators = [UserFactory(role=Role.OPERATOR, unit=UnitFactory()) for _ in range(6)]

    outcomes = run_together(
        [
            lambda op=op: innovation_create(by=op, cycle=cycle, title=f"Inovasi {op.pk}")
            for op in operators
        ]
    )

    assert [kind for kind, _ in outcomes] == ["ok"] * 6
    codes = [value.code for _, value in outcomes]
    assert len(set(codes)) == 6
    assert sorted(int(code[-4:]) for code in codes) == list(range(1, 7))
