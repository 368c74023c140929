"""The curation API's bulk decisions and dashboard."""

import pytest

from innovations.enums import Status

from .api_helpers import QUEUE_ACCESS, ROLES, _queue_rows
from .factories import AssignmentFactory, CuratorFactory, QueuedInnovationFactory, ReviewFactory

pytestmark = pytest.mark.django_db

DECISIONS = "/api/v1/curation/decisions/"
DASHBOARD = "/api/v1/curation/dashboard/"


# Decisions -------------------------------------------------------------------------------------


DECISION_ACCESS = {
    "operator": 403,
    "head": 403,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_decisions_permissions(role, users_by_role, api_as, queued):
    response = api_as(users_by_role[role]).post(
        DECISIONS, {"innovations": [queued.pk], "action": "start_review"}, format="json"
    )

    assert response.status_code == DECISION_ACCESS[role]
    queued.refresh_from_db()
    assert (queued.status == Status.IN_REVIEW) == (response.status_code == 200)


def test_decisions_anonymous_401(api_as, queued):
    response = api_as(None).post(
        DECISIONS, {"innovations": [queued.pk], "action": "start_review"}, format="json"
    )

    assert response.status_code == 401


def test_decisions_per_item_results(api_as, lead_curator, cycle):
    reviewed = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
    ReviewFactory(innovation=reviewed)
    unreviewed = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
    rejected = QueuedInnovationFactory(cycle=cycle, status=Status.REJECTED)
    draft = QueuedInnovationFactory(cycle=cycle, status=Status.DRAFT, submitted_at=None)

    response = api_as(lead_curator).post(
        DECISIONS,
        {
            "innovations": [reviewed.pk, unreviewed.pk, rejected.pk, draft.pk, 999999],
            "action": "approve",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["moved"], body["refused"]) == (1, 4)
    results = {row["id"]: row for row in body["results"]}
    assert results[reviewed.pk]["result"] == "moved"
    assert results[reviewed.pk]["status"] == "approved"
    assert results[unreviewed.pk]["result"] == "refused"
    assert "review" in results[unreviewed.pk]["reason"]
    assert results[rejected.pk]["status"] == "rejected"
    # A draft is invisible to curators: reported like an id that does not exist.
    assert results[draft.pk] == {**results[999999], "id": draft.pk}
    assert [row["id"] for row in body["results"]] == [
        reviewed.pk,
        unreviewed.pk,
        rejected.pk,
        draft.pk,
        999999,
    ]


def test_decisions_reject_without_note_refused_per_item(api_as, lead_curator, queued):
    response = api_as(lead_curator).post(
        DECISIONS, {"innovations": [queued.pk], "action": "reject"}, format="json"
    )

    assert response.json()["results"][0]["result"] == "refused"
    queued.refresh_from_db()
    assert queued.status == Status.SUBMITTED


def test_decisions_unknown_action_400(api_as, lead_curator, queued):
    response = api_as(lead_curator).post(
        DECISIONS, {"innovations": [queued.pk], "action": "launch"}, format="json"
    )

    assert response.status_code == 400


def test_transition_approve_without_review_400_per_field(api_as, lead_curator, queued):
    queued.status = Status.IN_REVIEW
    queued.save()

    response = api_as(lead_curator).post(
        f"/api/v1/innovations/{queued.pk}/transitions/", {"action": "approve"}, format="json"
    )

    assert response.status_code == 400
    assert "reviews" in response.json()


# Dashboard -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_permissions(role, users_by_role, api_as, cycle):
    response = api_as(users_by_role[role]).get(DASHBOARD, {"year": cycle.year})

    assert response.status_code == QUEUE_ACCESS[role]


def test_dashboard_anonymous_401(api_as, cycle):
    assert api_as(None).get(DASHBOARD).status_code == 401


def test_dashboard_numbers(api_as, admin_user, curator, lead_curator, cycle):
    from innovations.services import innovation_transition

    old = QueuedInnovationFactory(cycle=cycle, waiting_days=30)
    recent = QueuedInnovationFactory(cycle=cycle, waiting_days=2)
    AssignmentFactory(innovation=old, curator=curator)
    AssignmentFactory(innovation=recent, curator=curator)
    ReviewFactory(innovation=recent, curator=curator)
    recent.status = Status.IN_REVIEW
    recent.save()
    innovation_transition(innovation=recent, action="approve", by=lead_curator)

    body = api_as(admin_user).get(DASHBOARD, {"year": cycle.year}).json()

    assert body["status_counts"]["submitted"] == 1
    assert body["status_counts"]["approved"] == 1
    [row] = [w for w in body["workload"] if w["curator"] == curator.email]
    assert (row["assigned"], row["done"], row["waiting"]) == (2, 1, 1)
    assert body["overdue_days"] == 14
    assert [item["id"] for item in body["overdue"]] == [old.pk]
    assert body["overdue"][0]["days_waiting"] == 30
    assert sum(week["approve"] for week in body["decisions_per_week"]) == 1


@pytest.mark.parametrize("count", [1, 10])
def test_dashboard_query_count_constant(
    count, api_as, admin_user, curator, cycle, django_assert_num_queries
):
    _queue_rows(count, cycle, [curator, *CuratorFactory.create_batch(2)])
    for innovation in QueuedInnovationFactory.create_batch(count, cycle=cycle, waiting_days=40):
        AssignmentFactory(innovation=innovation, curator=curator)
    client = api_as(admin_user)

    # cycle, status counts, workload, overdue, decisions per week
    with django_assert_num_queries(5):
        response = client.get(DASHBOARD, {"year": cycle.year})

    assert len(response.json()["overdue"]) == count
