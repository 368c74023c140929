"""Demo curation: reviews that explain each decision, scored on the cycle's rubric, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.enums import Role
from accounts.models import User
from curation.demo import BENCH_CURATOR_EMAIL, ensure_bench_curators, seed_demo_reviews
from curation.models import Assignment, Recommendation, Review
from curation.rubric import weighted_score
from innovations.enums import Status
from innovations.models import Cycle, Innovation

pytestmark = pytest.mark.django_db


def seed(*args):
    call_command(*args, stdout=io.StringIO())


@pytest.fixture
def demo_cycle():
    seed("seed_demo", "--innovations", "80", "--year", "2025")
    return Cycle.objects.get(year=2025)


def test_decided_innovations_have_reviews_that_explain_the_decision(demo_cycle):
    assigned, reviewed = seed_demo_reviews(demo_cycle)

    assert assigned == Assignment.objects.count() > 0
    assert reviewed == Review.objects.count() > 0
    expected = {
        Status.APPROVED: Recommendation.APPROVE,
        Status.LAUNCHED: Recommendation.APPROVE,
        Status.REJECTED: Recommendation.REJECT,
        Status.REVISION_REQUESTED: Recommendation.REVISE,
    }
    for status, recommendation in expected.items():
        innovations = Innovation.objects.filter(cycle=demo_cycle, status=status)
        assert innovations.exists(), status
        for innovation in innovations:
            reviews = list(innovation.reviews.all())
            curators = {a.curator_id for a in innovation.assignments.all()}
            assert reviews, innovation.code
            assert {r.curator_id for r in reviews} == curators
            assert {r.recommendation for r in reviews} == {recommendation}
    untouched = Innovation.objects.filter(
        cycle=demo_cycle, status__in=[Status.DRAFT, Status.WITHDRAWN]
    )
    assert not Assignment.objects.filter(innovation__in=untouched).exists()


def test_reviews_are_scored_on_the_cycles_rubric(demo_cycle):
    seed_demo_reviews(demo_cycle)

    weights = dict(demo_cycle.criteria.values_list("code", "weight"))
    assert sum(weights.values()) == 100
    for review in Review.objects.all():
        assert set(review.scores) == set(weights)
        assert all(1 <= value <= 5 for value in review.scores.values())
        assert review.weighted_score == weighted_score(weights, review.scores)
        assert review.round == review.innovation.review_round
        assert review.curator.role == Role.CURATOR
        review.full_clean()


def test_seeding_twice_adds_nothing(demo_cycle):
    seed("seed_demo_reviews", "--year", "2025")
    counts = Assignment.objects.count(), Review.objects.count()

    assert seed_demo_reviews(demo_cycle) == (0, 0)
    assert (Assignment.objects.count(), Review.objects.count()) == counts


def test_the_queue_shows_the_seeded_scores(demo_cycle, client):
    seed_demo_reviews(demo_cycle)
    lead = User.objects.get(email="kurator@intan.test")
    client.force_login(lead)

    html = client.get(reverse("curation:queue") + "?year=2025").content.decode()

    assert "ditugaskan kepada saya" in html  # Indonesian by default: "assigned to me"
    scored = (
        Innovation.objects.filter(cycle=demo_cycle, status=Status.IN_REVIEW, reviews__isnull=False)
        .distinct()
        .first()
    )
    assert scored is not None
    mean = sum(r.weighted_score for r in scored.reviews.all()) / scored.reviews.count()
    row = html[html.index(f'id="queue-{scored.pk}"') :]
    shown = f"{mean:.1f}".replace(".", ",")  # Indonesian decimal comma
    assert f"data-score>{shown}<" in row[: row.index("</tr>")]


def test_bench_curators_are_added_once_and_cannot_log_in():
    assert ensure_bench_curators(3) == 3
    assert ensure_bench_curators(5) == 2
    curators = User.objects.filter(email__startswith=BENCH_CURATOR_EMAIL.format(0)[:12])
    assert curators.count() == 5
    assert all(c.role == Role.CURATOR and not c.has_usable_password() for c in curators)
