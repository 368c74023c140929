"""The curation API (API.md: Curation): shapes, permissions per role, query counts."""

import pytest

from curation.models import Assignment
from curation.signals import curators_assigned
from innovations.enums import Status
from tests.factories import CycleFactory, UnitFactory

from .api_helpers import QUEUE_ACCESS, ROLES, _queue_rows
from .factories import (
    AssignmentFactory,
    CuratorFactory,
    QueuedInnovationFactory,
    ReviewFactory,
    scores,
)

pytestmark = pytest.mark.django_db

QUEUE = "/api/v1/curation/queue/"


def assignments_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/assignments/"


# Queue -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_queue_permissions(role, users_by_role, api_as, queued):
    response = api_as(users_by_role[role]).get(QUEUE)

    assert response.status_code == QUEUE_ACCESS[role]


def test_queue_anonymous_401(api_as, queued):
    assert api_as(None).get(QUEUE).status_code == 401


def test_queue_shape_and_only_queue_statuses(api_as, curator, cycle, queued):
    in_review = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW, waiting_days=10)
    QueuedInnovationFactory(cycle=cycle, status=Status.APPROVED)
    QueuedInnovationFactory(cycle=cycle, status=Status.DRAFT, submitted_at=None)
    QueuedInnovationFactory(cycle=CycleFactory(year=cycle.year - 1))
    ReviewFactory(innovation=in_review, scores=scores(5))
    ReviewFactory(innovation=in_review, scores=scores(4))
    AssignmentFactory(innovation=in_review, curator=curator)

    response = api_as(curator).get(QUEUE, {"year": cycle.year})

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [in_review.pk, queued.pk]  # oldest submitted first
    first = rows[0]
    assert first["days_waiting"] == 10
    assert first["reviews_done"] == 2
    assert first["reviewers_assigned"] == 1
    assert first["score"] == 90.0
    assert first["assigned_to_me"] is True
    assert first["curators"] == [curator.email]
    assert rows[1]["score"] is None
    assert rows[1]["days_waiting"] == 3


def test_queue_reviews_done_counts_current_round_only(api_as, curator, cycle):
    innovation = QueuedInnovationFactory(cycle=cycle, review_round=2)
    ReviewFactory(innovation=innovation, round=1, scores=scores(1))
    ReviewFactory(innovation=innovation, round=2, scores=scores(5))

    [row] = api_as(curator).get(QUEUE).json()["results"]

    assert row["reviews_done"] == 1
    assert row["score"] == 100.0


def test_queue_assigned_me(api_as, curator, cycle):
    mine = QueuedInnovationFactory(cycle=cycle)
    QueuedInnovationFactory(cycle=cycle)
    AssignmentFactory(innovation=mine, curator=curator)

    rows = api_as(curator).get(QUEUE, {"assigned": "me"}).json()["results"]

    assert [r["id"] for r in rows] == [mine.pk]


def test_queue_assigned_by_email(api_as, curator, lead_curator, cycle):
    theirs = QueuedInnovationFactory(cycle=cycle)
    QueuedInnovationFactory(cycle=cycle)
    AssignmentFactory(innovation=theirs, curator=curator)

    rows = api_as(lead_curator).get(QUEUE, {"assigned": curator.email}).json()["results"]

    assert [r["id"] for r in rows] == [theirs.pk]


@pytest.mark.parametrize(
    ("param", "value_of"),
    [
        ("unit", lambda i: i.unit.code),
        ("unit_kind", lambda i: "puskesmas"),
        ("origin", lambda i: "kompetisi"),
        ("form", lambda i: "tata_kelola"),
        ("maturity", lambda i: "penerapan"),
        ("lab_stage", lambda i: "design"),
        ("search", lambda i: "Posyandu"),
    ],
)
def test_queue_filters(param, value_of, api_as, curator, cycle):
    target = QueuedInnovationFactory(
        cycle=cycle,
        unit=UnitFactory(kind="puskesmas"),
        origin="kompetisi",
        form="tata_kelola",
        maturity="penerapan",
        lab_stage="design",
        title="Posyandu Digital",
    )
    QueuedInnovationFactory(cycle=cycle)

    rows = api_as(curator).get(QUEUE, {param: value_of(target)}).json()["results"]

    assert [r["id"] for r in rows] == [target.pk]


def test_queue_ordering_by_score_and_unit(api_as, curator, cycle):
    low = QueuedInnovationFactory(cycle=cycle, unit=UnitFactory(name="Dinas A"))
    high = QueuedInnovationFactory(cycle=cycle, unit=UnitFactory(name="Dinas C"))
    none = QueuedInnovationFactory(cycle=cycle, unit=UnitFactory(name="Dinas B"))
    ReviewFactory(innovation=low, scores=scores(2))
    ReviewFactory(innovation=high, scores=scores(5))
    client = api_as(curator)

    by_score = [r["id"] for r in client.get(QUEUE, {"ordering": "score"}).json()["results"]]
    by_unit = [r["id"] for r in client.get(QUEUE, {"ordering": "unit"}).json()["results"]]

    assert by_score == [high.pk, low.pk, none.pk]
    assert by_unit == [low.pk, none.pk, high.pk]


def test_queue_unknown_year_404(api_as, curator):
    # A year without a cycle is a 404, as on every page and API (was a 400 here alone).
    assert api_as(curator).get(QUEUE, {"year": 1999}).status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_queue_query_count_constant(count, api_as, curator, cycle, django_assert_num_queries):
    _queue_rows(count, cycle, [curator, *CuratorFactory.create_batch(2)])
    client = api_as(curator)

    # cycle, count, page, assignments prefetch
    with django_assert_num_queries(4):
        response = client.get(QUEUE, {"year": cycle.year})

    assert len(response.json()["results"]) == count


# Assignments -----------------------------------------------------------------------------------


ASSIGN_ACCESS = {
    "operator": 404,
    "head": 404,
    "curator": 403,
    "lead_curator": 201,
    "admin": 201,
    "leader": 403,
    "other_operator": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_assignment_post_permissions(role, users_by_role, api_as, queued):
    target = CuratorFactory()

    response = api_as(users_by_role[role]).post(
        assignments_url(queued), {"curators": [target.email]}, format="json"
    )

    assert response.status_code == ASSIGN_ACCESS[role]
    assert Assignment.objects.filter(curator=target).exists() == (response.status_code == 201)


def test_assignment_post_anonymous_401(api_as, queued):
    response = api_as(None).post(assignments_url(queued), {"curators": []}, format="json")

    assert response.status_code == 401


def test_assignment_post_sends_signal(
    api_as, lead_curator, queued, django_capture_on_commit_callbacks
):
    first, second = CuratorFactory.create_batch(2)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    curators_assigned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_as(lead_curator).post(
                assignments_url(queued), {"curators": [first.email, second.email]}, format="json"
            )
    finally:
        curators_assigned.disconnect(receiver)

    assert response.status_code == 201
    assert {row["curator"] for row in response.json()} == {first.email, second.email}
    assert len(received) == 1
    assert received[0]["innovation_id"] == queued.pk
    assert sorted(received[0]["curator_ids"]) == sorted([first.pk, second.pk])
    assert received[0]["actor_id"] == lead_curator.pk


def test_assignment_post_unknown_email_400(api_as, lead_curator, queued):
    response = api_as(lead_curator).post(
        assignments_url(queued), {"curators": ["nobody@intan.test"]}, format="json"
    )

    assert response.status_code == 400
    assert "nobody@intan.test" in response.json()["curators"][0]


def test_assignment_post_not_a_curator_400(api_as, lead_curator, operator, queued):
    response = api_as(lead_curator).post(
        assignments_url(queued), {"curators": [operator.email]}, format="json"
    )

    assert response.status_code == 400
    assert "curators" in response.json()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("operator", 404), ("leader", 403), ("curator", 200), ("admin", 200), ("other_operator", 404)],
)
def test_assignment_get_permissions(role, expected, users_by_role, api_as, queued):
    AssignmentFactory(innovation=queued)

    assert api_as(users_by_role[role]).get(assignments_url(queued)).status_code == expected
