"""Reminder sweeps run a fixed number of queries per kind, however many units or innovations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from curation.models import Assignment
from innovations.models import Cycle
from notifications.enums import Kind
from notifications.models import Notification
from notifications.reminders import REGISTRY
from tests.factories import UnitFactory, UserFactory

from .reminder_helpers import D, revision_requested, rows, waiting, wita

pytestmark = pytest.mark.django_db


# Fixed number of queries per kind ------------------------------------------------------------


def setup_submission_due(cycle, unit):
    UserFactory(role=Role.OPERATOR, unit=unit)
    UserFactory(role=Role.HEAD, unit=unit)


def setup_agreement_unsigned(cycle, unit):
    setup_submission_due(cycle, unit)


def setup_revision_pending(cycle, unit):
    setup_submission_due(cycle, unit)
    revision_requested(cycle, unit, wita(2025, 6, 1, 10, 0))


KIND_CASES = [
    (Kind.SUBMISSION_DUE, D(2025, 9, 29), setup_submission_due, 2),
    (Kind.AGREEMENT_UNSIGNED, D(2025, 2, 27), setup_agreement_unsigned, 2),
    (Kind.REVISION_PENDING, D(2025, 6, 9), setup_revision_pending, 2),
]


def sweep_queries(kind, today):
    cycle = Cycle.objects.get(year=2025)
    with CaptureQueriesContext(connection) as captured:
        plan = REGISTRY[kind].plan(cycle, today)
        from notifications.outbox import notifications_queue

        notifications_queue(planned=plan.planned)
    return len(captured), rows(kind).count()


@pytest.mark.parametrize(("kind", "today", "setup", "per_unit"), KIND_CASES)
def test_reminder_kind_fixed_queries_1_vs_10_units(kind, today, setup, per_unit, cycle):
    UserFactory(role=Role.CURATOR, is_lead=True)
    UserFactory(role=Role.CURATOR, is_lead=True)
    first = UnitFactory()
    setup(cycle, first)
    one = sweep_queries(kind, today)
    Notification.objects.all().delete()

    for _ in range(9):
        setup(cycle, UnitFactory())
    ten = sweep_queries(kind, today)

    assert one[1] == per_unit
    assert ten[1] == 10 * per_unit
    assert one[0] == ten[0]


def test_review_overdue_fixed_queries_1_vs_10_innovations(cycle, curator):
    UserFactory(role=Role.CURATOR, is_lead=True)
    UserFactory(role=Role.CURATOR, is_lead=True)
    today = D(2025, 6, 16)
    Assignment.objects.create(
        innovation=waiting(cycle, UnitFactory(), wita(2025, 6, 1, 10, 0)), curator=curator
    )
    one = sweep_queries(Kind.REVIEW_OVERDUE, today)
    Notification.objects.all().delete()

    for _ in range(9):
        Assignment.objects.create(
            innovation=waiting(cycle, UnitFactory(), wita(2025, 6, 1, 10, 0)), curator=curator
        )
    ten = sweep_queries(Kind.REVIEW_OVERDUE, today)

    assert one[1] == 1  # the assigned curator's reminder...
    assert ten[1] == 10
    assert rows(Kind.REVIEW_OVERDUE_DIGEST).count() == 2  # ...and one digest per lead curator
    assert one[0] == ten[0]
