"""Rubric, reviews, assignments, comments and bulk decisions (PRODUCT.md §5)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.enums import Role
from curation.models import Review
from curation.rubric import weighted_score
from curation.services import review_save, rubric_replace
from innovations.enums import Status
from innovations.models import TransitionLog
from innovations.services import innovation_transition
from intan_banjar.exceptions import StateConflict
from tests.factories import CycleFactory, UserFactory

from .factories import WEIGHTS, QueuedInnovationFactory, ReviewFactory, scores

pytestmark = pytest.mark.django_db


# Rubric ----------------------------------------------------------------------------------------


def test_rubric_default_on_new_cycle():
    cycle = CycleFactory(year=2031)

    rows = list(cycle.criteria.order_by("order").values_list("code", "name", "weight"))

    assert rows == [
        ("kebaruan", "Kebaruan", 30),
        ("kemanfaatan", "Kemanfaatan", 25),
        ("kewenangan_kolaborasi", "Kewenangan daerah dan kolaborasi", 15),
        ("replikasi_aplikatif", "Replikasi dan aplikatif", 20),
        ("kualitas_penyajian", "Kualitas penyajian", 10),
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, 100.0),  # all 5s
        (dict.fromkeys(WEIGHTS, 4), 80.0),
        (dict.fromkeys(WEIGHTS, 1), 20.0),
        # (30*5 + 25*4 + 15*3 + 20*2 + 10*1) / 5 = 345 / 5
        (
            {
                "kebaruan": 5,
                "kemanfaatan": 4,
                "kewenangan_kolaborasi": 3,
                "replikasi_aplikatif": 2,
                "kualitas_penyajian": 1,
            },
            69.0,
        ),
        # (30*3 + 25*5 + 15*4 + 20*4 + 10*2) / 5 = 375 / 5
        (
            {
                "kebaruan": 3,
                "kemanfaatan": 5,
                "kewenangan_kolaborasi": 4,
                "replikasi_aplikatif": 4,
                "kualitas_penyajian": 2,
            },
            75.0,
        ),
    ],
)
def test_weighted_score_hand_computed(values, expected):
    assert weighted_score(WEIGHTS, scores(5, **values)) == expected


def test_rubric_replace_by_admin(cycle, admin_user):
    rubric_replace(
        cycle=cycle,
        criteria=[
            {"code": "kebaruan", "name": "Kebaruan", "weight": 60},
            {"code": "dampak", "name": "Dampak", "weight": 40},
        ],
        by=admin_user,
    )

    assert list(cycle.criteria.values_list("code", "weight", "order")) == [
        ("kebaruan", 60, 1),
        ("dampak", 40, 2),
    ]


@pytest.mark.parametrize(
    ("criteria", "fragment"),
    [
        (
            [{"code": "a", "name": "A", "weight": 50}, {"code": "b", "name": "B", "weight": 40}],
            "100",
        ),
        (
            [{"code": "a", "name": "A", "weight": 50}, {"code": "a", "name": "B", "weight": 50}],
            "twice",
        ),
        ([{"code": "Bad Code", "name": "A", "weight": 100}], "lower-case"),
        ([{"code": "a", "name": "", "weight": 100}], "name"),
        (
            [{"code": "a", "name": "A", "weight": 0}, {"code": "b", "name": "B", "weight": 100}],
            "above 0",
        ),
        ([], "at least one"),
    ],
)
def test_rubric_replace_invalid_refused(criteria, fragment, cycle, admin_user):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        rubric_replace(cycle=cycle, criteria=criteria, by=admin_user)

    assert fragment in " ".join(refused.value.message_dict["criteria"])
    assert cycle.criteria.count() == 5


@pytest.mark.parametrize("role", ["curator", "lead_curator", "leader", "operator"])
def test_rubric_replace_not_admin_refused(role, users_by_role, cycle):
    with pytest.raises(PermissionDenied):
        rubric_replace(
            cycle=cycle,
            criteria=[{"code": "a", "name": "A", "weight": 100}],
            by=users_by_role[role],
        )


def test_rubric_locked_once_reviewed(cycle, admin_user):
    ReviewFactory(innovation=QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW))

    with translation.override("en"), pytest.raises(StateConflict) as refused:
        rubric_replace(
            cycle=cycle, criteria=[{"code": "a", "name": "A", "weight": 100}], by=admin_user
        )

    assert refused.value.code == "rubric_locked"
    assert "already scored" in str(refused.value)
    assert cycle.criteria.count() == 5


def test_rubric_of_other_cycle_not_locked_by_reviews(cycle, admin_user):
    ReviewFactory(innovation=QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW))
    other = CycleFactory(year=cycle.year + 1)

    rubric_replace(cycle=other, criteria=[{"code": "a", "name": "A", "weight": 100}], by=admin_user)

    assert other.criteria.count() == 1


# Reviews ---------------------------------------------------------------------------------------


def test_review_save_computes_weighted_score(queued, curator):
    review, created = review_save(
        innovation=queued, by=curator, scores=scores(4), comment="Baik", recommendation="approve"
    )

    assert created
    assert review.weighted_score == 80.0
    assert review.round == 1
    assert review.scores == scores(4)


def test_review_save_moves_submitted_to_in_review(queued, curator):
    review_save(innovation=queued, by=curator, scores=scores(3), recommendation="revise")

    queued.refresh_from_db()
    assert queued.status == Status.IN_REVIEW
    log = TransitionLog.objects.get(innovation=queued)
    assert (log.action, log.actor) == ("start_review", curator)


def test_review_save_replaces_own_review_of_round(queued, curator):
    first, _ = review_save(innovation=queued, by=curator, scores=scores(2), recommendation="reject")

    second, created = review_save(
        innovation=queued, by=curator, scores=scores(5), recommendation="approve"
    )

    assert not created
    assert second.pk == first.pk
    assert Review.objects.filter(innovation=queued).count() == 1
    assert second.weighted_score == 100.0
    assert second.recommendation == "approve"


def test_review_save_two_curators_two_reviews(queued, curator, lead_curator):
    review_save(innovation=queued, by=curator, scores=scores(5), recommendation="approve")
    review_save(innovation=queued, by=lead_curator, scores=scores(3), recommendation="revise")

    assert sorted(queued.reviews.values_list("weighted_score", flat=True)) == [60.0, 100.0]


def test_review_save_missing_criterion_refused(queued, curator):
    partial = scores(4)
    del partial["kebaruan"]

    with pytest.raises(ValidationError) as refused:
        review_save(innovation=queued, by=curator, scores=partial, recommendation="approve")

    assert "Kebaruan" in " ".join(refused.value.message_dict["scores"])
    assert not Review.objects.exists()
    queued.refresh_from_db()
    assert queued.status == Status.SUBMITTED


@pytest.mark.parametrize("bad", [0, 6, "4", 3.5, True])
def test_review_save_score_out_of_range_refused(bad, queued, curator):
    with pytest.raises(ValidationError) as refused:
        review_save(
            innovation=queued,
            by=curator,
            scores=scores(4, kemanfaatan=bad),
            recommendation="approve",
        )

    assert "Kemanfaatan" in " ".join(refused.value.message_dict["scores"])


def test_review_save_unknown_criterion_and_recommendation_refused(queued, curator):
    with pytest.raises(ValidationError) as refused:
        review_save(innovation=queued, by=curator, scores=scores(4, gaya=5), recommendation="maybe")

    assert set(refused.value.message_dict) == {"scores", "recommendation"}


@pytest.mark.parametrize("role", ["admin", "leader", "operator", "head"])
def test_review_save_not_curator_refused(role, users_by_role, queued):
    with pytest.raises(PermissionDenied):
        review_save(
            innovation=queued, by=users_by_role[role], scores=scores(4), recommendation="approve"
        )


def test_review_save_own_unit_refused(queued):
    curator_of_unit = UserFactory(role=Role.CURATOR, unit=queued.unit)

    with pytest.raises(PermissionDenied):
        review_save(
            innovation=queued, by=curator_of_unit, scores=scores(4), recommendation="approve"
        )

    assert not Review.objects.exists()


@pytest.mark.parametrize("status", ["draft", "revision_requested", "approved", "rejected"])
def test_review_save_outside_curation_409(status, queued, curator):
    queued.status = status
    queued.save()

    with pytest.raises(StateConflict) as refused:
        review_save(innovation=queued, by=curator, scores=scores(4), recommendation="approve")

    assert refused.value.code == "review_not_open"
    assert refused.value.status == status


def test_review_new_round_after_revision(operator, curator, unit, cycle):
    from tests.innovations.factories import InnovationFactory

    innovation = InnovationFactory(unit=unit, cycle=cycle)
    innovation_transition(innovation=innovation, action="submit", by=operator)
    review_save(innovation=innovation, by=curator, scores=scores(2), recommendation="revise")
    innovation_transition(
        innovation=innovation, action="request_revision", by=curator, note="Lengkapi data."
    )
    innovation_transition(innovation=innovation, action="submit", by=operator)

    review, created = review_save(
        innovation=innovation, by=curator, scores=scores(5), recommendation="approve"
    )

    assert created
    assert review.round == 2
    assert sorted(innovation.reviews.values_list("round", "weighted_score")) == [
        (1, 40.0),
        (2, 100.0),
    ]


# Approve guard ---------------------------------------------------------------------------------


def test_approve_refused_without_review(queued, lead_curator):
    queued.status = Status.IN_REVIEW
    queued.save()

    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=queued, action="approve", by=lead_curator)

    assert "reviews" in refused.value.message_dict
    queued.refresh_from_db()
    assert queued.status == Status.IN_REVIEW


def test_approve_refused_with_only_earlier_round_review(queued, lead_curator):
    queued.status = Status.IN_REVIEW
    queued.review_round = 2
    queued.save()
    ReviewFactory(innovation=queued, round=1)

    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=queued, action="approve", by=lead_curator)

    assert "reviews" in refused.value.message_dict


def test_approve_allowed_with_one_review(queued, curator, lead_curator):
    review_save(innovation=queued, by=curator, scores=scores(4), recommendation="approve")

    innovation_transition(innovation=queued, action="approve", by=lead_curator)

    queued.refresh_from_db()
    assert queued.status == Status.APPROVED
