"""Demo assignments and reviews, so the queue, the scores and the dashboard have something to show.

The demo innovations (`seed_demo`) arrive with their workflow history but no curation: a queue
where nobody was ever assigned and nothing was ever scored shows neither the curators' workload
nor the scores, and it would make the benchmark measure an emptier queue than a real one. Each
innovation that reached curation gets one or two of the demo curators, and those whose round was
decided get the reviews that explain the decision. Rows are derived from the innovation's code
(same data on every run) and written with `bulk_create`, so 100,000 innovations take seconds.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef

from accounts.enums import Role
from innovations.demo_dates import past_moment
from innovations.enums import Status
from innovations.models import Cycle, Innovation

from .models import Assignment, Recommendation, Review
from .rubric import SCORE_MAX, SCORE_MIN, weighted_score

# Per status: the share of innovations with curators assigned, and what their reviews say
# (None: assigned, not reviewed yet; a partly reviewed round is drawn for in_review).
REACHED_CURATION = {
    Status.SUBMITTED: 0.5,
    Status.IN_REVIEW: 1.0,
    Status.REVISION_REQUESTED: 1.0,
    Status.APPROVED: 1.0,
    Status.REJECTED: 1.0,
    Status.LAUNCHED: 1.0,
}
DECIDED = {
    Status.REVISION_REQUESTED: (Recommendation.REVISE, (2, 4)),
    Status.APPROVED: (Recommendation.APPROVE, (3, 5)),
    Status.LAUNCHED: (Recommendation.APPROVE, (3, 5)),
    Status.REJECTED: (Recommendation.REJECT, (SCORE_MIN, 3)),
}
COMMENTS = {
    Recommendation.APPROVE: "[DEMO] Layak: manfaat jelas dan data dukung lengkap.",
    Recommendation.REVISE: "[DEMO] Perlu perbaikan: lengkapi indikator hasil dan data dukung.",
    Recommendation.REJECT: "[DEMO] Belum memenuhi kriteria kebaruan.",
}
BATCH = 2000


BENCH_CURATOR_EMAIL = "kurator.sim{:04d}@intan.test"


def ensure_bench_curators(count):
    """Synthetic curators up to `count` (idempotent); returns how many are new.

    A programme of 5,000 units has a jury of hundreds, not the demo's two curators; with two,
    each would hold half of 100,000 innovations and the benchmark would measure a workload no
    curator has. They have no usable password.
    """
    users = get_user_model()
    emails = [BENCH_CURATOR_EMAIL.format(number) for number in range(1, count + 1)]
    existing = set(users.objects.filter(email__in=emails).values_list("email", flat=True))
    new = [
        users(email=email, full_name=f"Kurator Simulasi {number:04d}", role=Role.CURATOR)
        for number, email in enumerate(emails, start=1)
        if email not in existing
    ]
    for user in new:
        user.set_unusable_password()
    users.objects.bulk_create(new)
    return len(new)


def _curators():
    users = get_user_model().objects.filter(role=Role.CURATOR, is_active=True)
    return list(users.order_by("-is_lead", "pk"))


def _plan(innovation, curators, weights):
    """(assignments, reviews) of one innovation, unsaved."""
    rng = random.Random(innovation.code)  # noqa: S311 - demo data, not a secret
    if rng.random() >= REACHED_CURATION[innovation.status]:
        return [], []
    chosen = rng.sample(curators, k=min(len(curators), rng.randint(1, 2)))
    start = innovation.submitted_at or innovation.created_at
    assigned_at = past_moment(start + datetime.timedelta(days=rng.randint(1, 3)))
    assignments = [
        Assignment(
            innovation=innovation, curator=curator, assigned_by=curators[0], assigned_at=assigned_at
        )
        for curator in chosen
    ]
    if innovation.status in DECIDED:
        recommendation, (low, high) = DECIDED[innovation.status]
        reviewers = chosen
    elif innovation.status == Status.IN_REVIEW:
        recommendation, (low, high) = rng.choice(list(DECIDED.values()))
        reviewers = chosen[: rng.randint(0, len(chosen))]
    else:
        return assignments, []
    reviews = []
    for curator in reviewers:
        scores = {code: rng.randint(low, min(high, SCORE_MAX)) for code in weights}
        reviews.append(
            Review(
                innovation=innovation,
                curator=curator,
                round=innovation.review_round,
                scores=scores,
                comment=COMMENTS[recommendation],
                recommendation=recommendation,
                weighted_score=weighted_score(weights, scores),
                created_at=past_moment(assigned_at + datetime.timedelta(days=rng.randint(2, 10))),
            )
        )
    return assignments, reviews


def seed_demo_reviews(cycle: Cycle):
    """Curate the demo innovations of `cycle` without a curator; returns (assigned, reviewed).

    Idempotent: an innovation with any assignment is left as it is.
    """
    curators = _curators()
    weights = dict(cycle.criteria.values_list("code", "weight"))
    if not curators or not weights:
        return 0, 0
    pending = (
        Innovation.objects.filter(cycle=cycle, is_demo=True, status__in=list(REACHED_CURATION))
        .filter(~Exists(Assignment.objects.filter(innovation=OuterRef("pk"))))
        .only("id", "code", "status", "review_round", "submitted_at", "created_at")
        .order_by("id")
    )
    assigned = reviewed = 0
    ids = list(pending.values_list("id", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = pending.filter(id__in=ids[start : start + BATCH])
        assignments, reviews = [], []
        for innovation in batch:
            planned_assignments, planned_reviews = _plan(innovation, curators, weights)
            assignments += planned_assignments
            reviews += planned_reviews
        with transaction.atomic():
            Assignment.objects.bulk_create(assignments)
            Review.objects.bulk_create(reviews)
        assigned += len(assignments)
        reviewed += len(reviews)
    return assigned, reviewed
