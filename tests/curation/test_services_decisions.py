"""Curation services: bulk decisions."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.enums import Role
from curation.models import Criterion
from curation.services import decision_bulk, review_save
from innovations.enums import Status
from innovations.models import TransitionLog
from tests.factories import UnitFactory, UserFactory

from .factories import QueuedInnovationFactory, ReviewFactory, scores

pytestmark = pytest.mark.django_db


# Bulk decisions --------------------------------------------------------------------------------


def test_decision_bulk_reports_each_item(cycle, lead_curator):
    reviewed = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
    ReviewFactory(innovation=reviewed)
    unreviewed = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
    submitted = QueuedInnovationFactory(cycle=cycle)
    approved = QueuedInnovationFactory(cycle=cycle, status=Status.APPROVED)

    with translation.override("en"):
        results = decision_bulk(
            innovations=[reviewed, unreviewed, submitted, approved],
            action="approve",
            by=lead_curator,
        )

    by_id = {r.innovation_id: r for r in results}
    assert by_id[reviewed.pk].moved and by_id[reviewed.pk].status == "approved"
    assert not by_id[unreviewed.pk].moved and "review" in by_id[unreviewed.pk].reason
    assert not by_id[submitted.pk].moved and by_id[submitted.pk].status == "submitted"
    assert not by_id[approved.pk].moved
    assert [r.result for r in results] == ["moved", "refused", "refused", "refused"]
    assert TransitionLog.objects.filter(action="approve").count() == 1


def test_decision_bulk_permission_refused_per_item(cycle, curator):
    innovation = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)

    [result] = decision_bulk(innovations=[innovation], action="reject", by=curator, note="Tidak")

    assert not result.moved
    assert result.reason
    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW


def test_decision_bulk_reason_required(cycle, lead_curator):
    items = QueuedInnovationFactory.create_batch(2, cycle=cycle)

    results = decision_bulk(innovations=items, action="request_revision", by=lead_curator)

    assert [r.moved for r in results] == [False, False]
    with_note = decision_bulk(
        innovations=items, action="request_revision", by=lead_curator, note="Lengkapi bukti."
    )
    assert [r.moved for r in with_note] == [True, True]


def test_decision_bulk_unknown_action_refused(queued, lead_curator):
    with pytest.raises(ValidationError):
        decision_bulk(innovations=[queued], action="launch", by=lead_curator)


def test_other_unit_unrelated(cycle):
    """A curator of another unit may review: only their own unit is excluded."""
    curator = UserFactory(role=Role.CURATOR, unit=UnitFactory())
    innovation = QueuedInnovationFactory(cycle=cycle)

    review, created = review_save(
        innovation=innovation, by=curator, scores=scores(4), recommendation="approve"
    )

    assert created


def test_criterion_unique_per_cycle(cycle):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Criterion.objects.create(cycle=cycle, code="kebaruan", name="Lagi", weight=1)
