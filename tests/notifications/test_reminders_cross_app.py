"""Reminders that read the agreements and curation apps: commitments, signatures, assignments."""

import pytest

from accounts.enums import Role
from curation.models import Assignment
from innovations.enums import Status
from innovations.models import Cycle
from notifications.enums import Kind
from notifications.models import Notification
from notifications.services import reminders_sweep
from tests.factories import UserFactory
from tests.innovations.factories import InnovationFactory

from .reminder_helpers import D, recipients, waiting, wita

pytestmark = pytest.mark.django_db


# With the agreements and curation apps -------------------------------------------------------


def test_submission_due_counts_the_agreed_commitment(cycle, unit, operator):
    from agreements.models import Agreement

    Agreement.objects.create(unit=unit, cycle=cycle, committed_count=2)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)

    reminders_sweep(today=D(2025, 9, 29))
    assert recipients(Kind.SUBMISSION_DUE) == {operator.email}

    InnovationFactory(cycle=cycle, unit=unit, status=Status.IN_REVIEW)
    Notification.objects.all().delete()
    reminders_sweep(today=D(2025, 9, 29))
    assert recipients(Kind.SUBMISSION_DUE) == set()


@pytest.mark.parametrize(
    ("status", "reminded"), [("draft", True), ("signed", False), ("verified", False)]
)
def test_agreement_unsigned_skips_signed_units(status, reminded, cycle, unit, operator):
    from agreements.models import Agreement

    Agreement.objects.create(unit=unit, cycle=cycle, status=status)

    reminders_sweep(today=D(2025, 2, 27))

    assert recipients(Kind.AGREEMENT_UNSIGNED) == ({operator.email} if reminded else set())


def test_agreement_of_another_cycle_does_not_count(cycle, unit, operator):
    from agreements.models import Agreement

    last_year = Cycle.objects.create(year=2024, **Cycle.defaults_for_year(2024))
    Agreement.objects.create(unit=unit, cycle=last_year, status="verified")

    reminders_sweep(today=D(2025, 2, 27))

    assert recipients(Kind.AGREEMENT_UNSIGNED) == {operator.email}


def test_review_overdue_to_assigned_curators(cycle, unit, curator, lead_curator):
    innovation = waiting(cycle, unit, wita(2025, 6, 1, 10, 0))
    Assignment.objects.create(innovation=innovation, curator=curator)
    UserFactory(role=Role.CURATOR)  # not assigned: hears nothing

    reminders_sweep(today=D(2025, 6, 16))

    assert recipients(Kind.REVIEW_OVERDUE) == {curator.email}
    assert recipients(Kind.REVIEW_OVERDUE_DIGEST) == {lead_curator.email}
