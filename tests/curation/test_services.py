"""Rubric, reviews, assignments, comments and bulk decisions (PRODUCT.md §5)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.enums import Role
from curation.models import Assignment, Criterion, Review
from curation.rubric import weighted_score
from curation.services import (
    assignment_create,
    comment_add,
    decision_bulk,
    review_save,
    rubric_replace,
)
from curation.signals import curators_assigned
from innovations.enums import Status
from innovations.models import TransitionLog
from innovations.services import innovation_transition
from intan_banjar.exceptions import StateConflict
from tests.factories import CycleFactory, UnitFactory, UserFactory

from .factories import (
    WEIGHTS,
    CuratorFactory,
    QueuedInnovationFactory,
    ReviewFactory,
    scores,
)

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


# Assignments -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["lead_curator", "admin"])
def test_assignment_create_bulk(role, users_by_role, cycle, django_capture_on_commit_callbacks):
    innovations = QueuedInnovationFactory.create_batch(2, cycle=cycle)
    curators = CuratorFactory.create_batch(2)
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    curators_assigned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            created = assignment_create(
                innovations=innovations, curators=curators, by=users_by_role[role]
            )
    finally:
        curators_assigned.disconnect(receiver)

    assert len(created) == 4
    assert sorted((s["innovation_id"], sorted(s["curator_ids"])) for s in sent) == sorted(
        (i.pk, sorted(c.pk for c in curators)) for i in innovations
    )
    assert {s["actor_id"] for s in sent} == {users_by_role[role].pk}


def test_assignment_create_again_keeps_and_signals_only_new(
    queued, lead_curator, django_capture_on_commit_callbacks
):
    first, second = CuratorFactory.create_batch(2)
    assignment_create(innovations=[queued], curators=[first], by=lead_curator)
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs["curator_ids"])

    curators_assigned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assignment_create(innovations=[queued], curators=[first, second], by=lead_curator)
            assignment_create(innovations=[queued], curators=[first], by=lead_curator)
    finally:
        curators_assigned.disconnect(receiver)

    assert sent == [[second.pk]]
    assert Assignment.objects.filter(innovation=queued).count() == 2


def test_assignment_create_notifies_through_notifications(
    queued, lead_curator, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    curator = CuratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(innovations=[queued], curators=[curator], by=lead_curator)

    assert Notification.objects.filter(recipient=curator).exists()


@pytest.mark.parametrize("role", ["curator", "leader", "operator", "head"])
def test_assignment_create_refused_for_role(role, users_by_role, queued):
    with pytest.raises(PermissionDenied):
        assignment_create(innovations=[queued], curators=[CuratorFactory()], by=users_by_role[role])


def test_assignment_create_refuses_non_curator_and_own_unit(queued, lead_curator, operator):
    own_unit_curator = UserFactory(role=Role.CURATOR, unit=queued.unit)

    with pytest.raises(ValidationError) as refused:
        assignment_create(
            innovations=[queued], curators=[operator, own_unit_curator], by=lead_curator
        )

    messages = " ".join(refused.value.message_dict["curators"])
    assert operator.email in messages and own_unit_curator.email in messages
    assert not Assignment.objects.exists()


def test_assignment_create_refuses_closed_innovation(queued, lead_curator):
    queued.status = Status.APPROVED
    queued.save()

    with pytest.raises(ValidationError) as refused:
        assignment_create(innovations=[queued], curators=[CuratorFactory()], by=lead_curator)

    assert queued.code in refused.value.message_dict["innovations"][0]


# Comments --------------------------------------------------------------------------------------


def test_comment_add_by_curation_staff(queued, curator, admin_user):
    comment_add(innovation=queued, by=curator, body="  Cek anggaran. ")
    comment_add(innovation=queued, by=admin_user, body="Sudah dicek.")

    assert list(queued.internal_comments.values_list("body", flat=True)) == [
        "Cek anggaran.",
        "Sudah dicek.",
    ]


def test_comment_add_empty_refused(queued, curator):
    with pytest.raises(ValidationError):
        comment_add(innovation=queued, by=curator, body="   ")


@pytest.mark.parametrize("role", ["leader", "operator", "head"])
def test_comment_add_refused_for_role(role, users_by_role, queued):
    with pytest.raises(PermissionDenied):
        comment_add(innovation=queued, by=users_by_role[role], body="Halo")


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
