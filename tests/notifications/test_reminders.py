"""Each reminder kind: whom it selects, on which days, once; in a fixed number of queries."""

import datetime

import pytest
import time_machine

from accounts.enums import Role
from curation.models import Assignment
from innovations.enums import Status
from innovations.models import Cycle
from notifications.enums import Kind
from notifications.reminders import REGISTRY
from notifications.services import reminders_sweep
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import (
    CommunityInnovationFactory,
    DeadlineExtensionFactory,
    InnovationFactory,
)

from .factories import TransitionLogFactory
from .reminder_helpers import D, recipients, revision_requested, rows, waiting, wita

pytestmark = pytest.mark.django_db


# submission_due ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 8, 30), False),  # 31 days before
        (D(2025, 8, 31), True),  # 30
        (D(2025, 9, 16), True),  # 14
        (D(2025, 9, 23), True),  # 7
        (D(2025, 9, 29), True),  # 1
        (D(2025, 9, 1), False),
        (D(2025, 9, 30), False),  # the deadline itself: no offset 0 by default
        (D(2025, 10, 1), False),  # the day after
    ],
)
def test_submission_due_on_each_offset_only(today, expected, cycle, operator, head):
    reminders_sweep(today=today)

    assert recipients(Kind.SUBMISSION_DUE) == ({operator.email, head.email} if expected else set())


def test_submission_due_only_units_behind_their_commitment(cycle, unit, other_unit, operator):
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    InnovationFactory(cycle=cycle, unit=other_unit, status=Status.DRAFT)
    InnovationFactory(cycle=cycle, unit=other_unit, status=Status.REJECTED)
    behind = UserFactory(role=Role.OPERATOR, unit=other_unit)

    reminders_sweep(today=D(2025, 9, 29))

    assert recipients(Kind.SUBMISSION_DUE) == {behind.email}
    row = rows(Kind.SUBMISSION_DUE).get()
    assert row.target_type == "unit" and row.target_id == other_unit.pk
    assert row.cycle_year == 2025


def test_submission_due_counts_the_cycle_minimum(cycle, unit, operator):
    cycle.min_innovations_per_unit = 2
    cycle.save()
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)

    reminders_sweep(today=D(2025, 9, 29))

    assert recipients(Kind.SUBMISSION_DUE) == {operator.email}
    assert "1" in rows(Kind.SUBMISSION_DUE).get().body_text


def test_submission_due_ignores_other_cycles_innovations(cycle, unit, operator):
    last_year = Cycle.objects.create(year=2024, **Cycle.defaults_for_year(2024))
    InnovationFactory(cycle=last_year, unit=unit, status=Status.LAUNCHED)

    reminders_sweep(today=D(2025, 9, 29))

    assert recipients(Kind.SUBMISSION_DUE) == {operator.email}


def test_submission_due_skips_inactive_users_units_and_other_roles(cycle, unit, operator):
    UserFactory(role=Role.OPERATOR, unit=unit, is_active=False)
    UserFactory(role=Role.CURATOR)
    UnitFactory(active=False)

    reminders_sweep(today=D(2025, 9, 29))

    assert recipients(Kind.SUBMISSION_DUE) == {operator.email}


def test_submission_due_follows_a_deadline_extension(cycle, unit, operator):
    DeadlineExtensionFactory(cycle=cycle, unit=unit, until=D(2025, 10, 14))

    reminders_sweep(today=D(2025, 9, 29))
    assert recipients(Kind.SUBMISSION_DUE) == set()

    reminders_sweep(today=D(2025, 10, 13))
    assert recipients(Kind.SUBMISSION_DUE) == {operator.email}
    assert rows(Kind.SUBMISSION_DUE).get().idempotency_key.endswith(f":d1:u{operator.pk}")


def test_submission_due_unit_without_users_reported_to_admins(cycle, unit, admin_user):
    staffed = UnitFactory()
    UserFactory(role=Role.OPERATOR, unit=staffed)

    result = reminders_sweep(today=D(2025, 9, 29))

    assert rows(Kind.SUBMISSION_DUE).count() == 1
    assert unit.name in result.orphan_units[2025]
    assert staffed.name not in result.orphan_units[2025]
    report = rows(Kind.UNITS_WITHOUT_RECIPIENTS).get()
    assert report.recipient == admin_user
    assert unit.name in report.body_text
    assert report.link.endswith("/users/")  # the portal's user management, not Django's admin


def test_submission_due_deadline_at_midnight_wita(cycle, operator):
    # 16:30 UTC on 28 Sep is already 29 Sep in Martapura: one day before the deadline.
    with time_machine.travel(datetime.datetime(2025, 9, 28, 16, 30, tzinfo=datetime.UTC)):
        reminders_sweep()

    assert recipients(Kind.SUBMISSION_DUE) == {operator.email}
    assert ":d1:" in rows(Kind.SUBMISSION_DUE).get().idempotency_key


def test_sweep_twice_same_day_queues_once(cycle, operator, head, sent):
    first = reminders_sweep(today=D(2025, 9, 29))
    second = reminders_sweep(today=D(2025, 9, 29))

    assert len(first.by_kind[Kind.SUBMISSION_DUE]) == 2
    assert second.total == 0
    assert rows(Kind.SUBMISSION_DUE).count() == 2


def test_cycle_without_deadlines_plans_nothing(operator):
    cycle = Cycle(year=2030, submission_deadline=None, agreement_deadline=None)

    for kind in (Kind.SUBMISSION_DUE, Kind.AGREEMENT_UNSIGNED):
        assert REGISTRY[kind].plan(cycle, D(2030, 9, 29)).planned == []


# agreement_unsigned --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 1, 29), True),  # 30 days before 28 Feb
        (D(2025, 2, 14), True),
        (D(2025, 2, 21), True),
        (D(2025, 2, 27), True),
        (D(2025, 2, 26), False),
        (D(2025, 2, 28), False),
        (D(2025, 3, 1), False),
    ],
)
def test_agreement_unsigned_on_each_offset_only(today, expected, cycle, operator, head):
    reminders_sweep(today=today)

    expected_recipients = {operator.email, head.email} if expected else set()
    assert recipients(Kind.AGREEMENT_UNSIGNED) == expected_recipients


# revision_pending ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested_at", "today", "expected"),
    [
        (wita(2025, 6, 1, 23, 30), D(2025, 6, 8), False),  # 7 days: not more than 7
        (wita(2025, 6, 1, 23, 30), D(2025, 6, 9), True),
        (wita(2025, 6, 2, 0, 0), D(2025, 6, 9), False),  # midnight WITA is already 2 June
        (wita(2025, 6, 2, 0, 0), D(2025, 6, 10), True),
    ],
)
def test_revision_pending_after_the_threshold(requested_at, today, expected, cycle, unit, operator):
    revision_requested(cycle, unit, requested_at)

    reminders_sweep(today=today)

    assert recipients(Kind.REVISION_PENDING) == ({operator.email} if expected else set())


def test_revision_pending_once_per_round(cycle, unit, operator):
    innovation = revision_requested(cycle, unit, wita(2025, 6, 1, 10, 0))

    reminders_sweep(today=D(2025, 6, 9))
    reminders_sweep(today=D(2025, 6, 10))
    assert rows(Kind.REVISION_PENDING).count() == 1

    innovation.review_round = 2
    innovation.save()
    TransitionLogFactory(innovation=innovation, at=wita(2025, 6, 20, 10, 0))
    reminders_sweep(today=D(2025, 6, 28))

    assert rows(Kind.REVISION_PENDING).count() == 2


def test_revision_pending_uses_the_latest_request(cycle, unit, operator):
    innovation = revision_requested(cycle, unit, wita(2025, 5, 1, 10, 0))
    TransitionLogFactory(innovation=innovation, at=wita(2025, 6, 5, 10, 0))

    reminders_sweep(today=D(2025, 6, 9))

    assert rows(Kind.REVISION_PENDING).count() == 0


def test_revision_pending_community_entry_to_submitter(cycle):
    innovation = CommunityInnovationFactory(cycle=cycle, status=Status.REVISION_REQUESTED)
    TransitionLogFactory(innovation=innovation, at=wita(2025, 6, 1, 10, 0))

    reminders_sweep(today=D(2025, 6, 9))

    row = rows(Kind.REVISION_PENDING).get()
    assert row.recipient is None
    assert row.email == innovation.community_submitter.email


# review_overdue ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [(D(2025, 6, 15), False), (D(2025, 6, 16), True), (D(2025, 11, 16), True)],
)
def test_review_overdue_after_the_threshold(
    today, expected, cycle, unit, operator, curator, lead_curator
):
    waiting(cycle, unit, wita(2025, 6, 1, 10, 0), status=Status.IN_REVIEW)

    reminders_sweep(today=today)

    # Lead curators hear of it in their weekly digest; never the unit.
    assert recipients(Kind.REVIEW_OVERDUE_DIGEST) == ({lead_curator.email} if expected else set())
    assert recipients(Kind.REVIEW_OVERDUE) == set()  # nobody assigned


def test_review_overdue_past_curation_deadline(cycle, unit, lead_curator):
    waiting(cycle, unit, wita(2025, 11, 14, 10, 0))

    reminders_sweep(today=D(2025, 11, 15))
    assert rows(Kind.REVIEW_OVERDUE_DIGEST).count() == 0

    reminders_sweep(today=D(2025, 11, 16))
    assert recipients(Kind.REVIEW_OVERDUE_DIGEST) == {lead_curator.email}


def test_review_overdue_weekly(cycle, unit, curator, lead_curator):
    innovation = waiting(cycle, unit, wita(2025, 6, 1, 10, 0))
    Assignment.objects.create(innovation=innovation, curator=curator)

    reminders_sweep(today=D(2025, 6, 16))  # Monday
    reminders_sweep(today=D(2025, 6, 22))  # Sunday, same ISO week
    assert rows(Kind.REVIEW_OVERDUE).count() == 1
    assert rows(Kind.REVIEW_OVERDUE_DIGEST).count() == 1

    reminders_sweep(today=D(2025, 6, 23))
    assert rows(Kind.REVIEW_OVERDUE).count() == 2
    assert rows(Kind.REVIEW_OVERDUE_DIGEST).count() == 2


def test_review_overdue_digest_lists_the_waiting(cycle, unit, other_unit, lead_curator):
    first = waiting(cycle, unit, wita(2025, 6, 1, 10, 0))
    second = waiting(cycle, other_unit, wita(2025, 6, 1, 23, 59))
    waiting(cycle, unit, wita(2025, 6, 10, 10, 0))  # not yet overdue on 16 June

    reminders_sweep(today=D(2025, 6, 16))

    digest = rows(Kind.REVIEW_OVERDUE_DIGEST).get()
    assert digest.recipient == lead_curator
    assert first.code in digest.body_text and second.code in digest.body_text
    assert digest.body_text.count("INV-") == 2
    assert digest.link.endswith("/curation/")


def test_review_overdue_ignores_decided_innovations(cycle, unit, lead_curator):
    waiting(cycle, unit, wita(2025, 6, 1, 10, 0), status=Status.APPROVED)
    waiting(cycle, unit, wita(2025, 6, 1, 10, 0), status=Status.REVISION_REQUESTED)

    reminders_sweep(today=D(2025, 6, 30))

    assert rows(Kind.REVIEW_OVERDUE).count() == 0
