"""The curation API (API.md: Curation): shapes, permissions per role, query counts."""

import pytest

from accounts.enums import Role
from curation.models import Assignment, InternalComment, Review
from curation.rubric import DEFAULT_RUBRIC
from curation.signals import curators_assigned
from innovations.enums import Status
from tests.factories import CycleFactory, UnitFactory, UserFactory

from .factories import (
    AssignmentFactory,
    CuratorFactory,
    InternalCommentFactory,
    QueuedInnovationFactory,
    ReviewFactory,
    scores,
)

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
QUEUE = "/api/v1/curation/queue/"
DECISIONS = "/api/v1/curation/decisions/"
DASHBOARD = "/api/v1/curation/dashboard/"


def reviews_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/reviews/"


def comments_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/comments/"


def assignments_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/assignments/"


def criteria_url(cycle):
    return f"/api/v1/cycles/{cycle.year}/criteria/"


def review_body(value=4, **overrides):
    return {"scores": scores(value, **overrides), "comment": "Baik", "recommendation": "approve"}


# Queue -----------------------------------------------------------------------------------------


QUEUE_ACCESS = {
    "operator": 403,
    "head": 403,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 403,
}


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


def _queue_rows(count, cycle, curators):
    for _ in range(count):
        innovation = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
        for curator in curators:
            AssignmentFactory(innovation=innovation, curator=curator)
            ReviewFactory(innovation=innovation, curator=curator)


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


# Reviews ---------------------------------------------------------------------------------------


REVIEW_GET = {
    "operator": 404,
    "head": 404,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 404,
}
REVIEW_POST = {**REVIEW_GET, "curator": 201, "lead_curator": 201, "admin": 403}


@pytest.mark.parametrize("role", ROLES)
def test_reviews_get_permissions(role, users_by_role, api_as, queued):
    ReviewFactory(innovation=queued)

    response = api_as(users_by_role[role]).get(reviews_url(queued))

    assert response.status_code == REVIEW_GET[role]
    if response.status_code == 200:
        assert len(response.json()) == 1
    else:
        assert "weighted_score" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_reviews_post_permissions(role, users_by_role, api_as, queued):
    response = api_as(users_by_role[role]).post(reviews_url(queued), review_body(), format="json")

    assert response.status_code == REVIEW_POST[role]
    assert Review.objects.exists() == (response.status_code == 201)


def test_reviews_anonymous_401(api_as, queued):
    assert api_as(None).get(reviews_url(queued)).status_code == 401
    assert api_as(None).post(reviews_url(queued), review_body(), format="json").status_code == 401


def test_reviews_draft_invisible_to_curator_404(api_as, curator, unit, cycle):
    draft = QueuedInnovationFactory(unit=unit, cycle=cycle, status=Status.DRAFT, submitted_at=None)

    assert api_as(curator).get(reviews_url(draft)).status_code == 404


def test_review_post_creates_then_replaces(api_as, curator, queued):
    client = api_as(curator)

    created = client.post(reviews_url(queued), review_body(4), format="json")
    replaced = client.post(reviews_url(queued), review_body(5), format="json")

    assert created.status_code == 201
    assert created.json()["weighted_score"] == 80.0
    assert created.json()["round"] == 1
    assert replaced.status_code == 200
    assert replaced.json()["weighted_score"] == 100.0
    assert replaced.json()["id"] == created.json()["id"]
    assert Review.objects.count() == 1


def test_review_post_missing_criterion_400(api_as, curator, queued):
    body = review_body()
    del body["scores"]["kualitas_penyajian"]

    response = api_as(curator).post(reviews_url(queued), body, format="json")

    assert response.status_code == 400
    assert "Kualitas penyajian" in response.json()["scores"][0]


def test_review_post_score_out_of_range_400(api_as, curator, queued):
    response = api_as(curator).post(reviews_url(queued), review_body(kebaruan=6), format="json")

    assert response.status_code == 400
    assert "scores" in response.json()


def test_review_post_own_unit_403(api_as, queued):
    curator_of_unit = UserFactory(role=Role.CURATOR, unit=queued.unit)

    response = api_as(curator_of_unit).post(reviews_url(queued), review_body(), format="json")

    assert response.status_code == 403


def test_review_post_outside_curation_409(api_as, curator, queued):
    queued.status = Status.APPROVED
    queued.save()

    response = api_as(curator).post(reviews_url(queued), review_body(), format="json")

    assert response.status_code == 409
    assert response.json()["status"] == "approved"


def test_reviews_get_lists_earlier_rounds(api_as, curator, queued):
    queued.review_round = 2
    queued.save()
    ReviewFactory(innovation=queued, round=1, scores=scores(2))
    ReviewFactory(innovation=queued, round=2, scores=scores(5))

    rows = api_as(curator).get(reviews_url(queued)).json()

    assert [(r["round"], r["weighted_score"]) for r in rows] == [(2, 100.0), (1, 40.0)]


@pytest.mark.parametrize("count", [1, 10])
def test_reviews_get_query_count_constant(
    count, api_as, curator, queued, django_assert_num_queries
):
    for _ in range(count):
        ReviewFactory(innovation=queued)
    client = api_as(curator)

    # innovation, reviews with curators
    with django_assert_num_queries(2):
        response = client.get(reviews_url(queued))

    assert len(response.json()) == count


# Score in the innovations API -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("operator", False),
        ("head", False),
        ("curator", True),
        ("lead_curator", True),
        ("admin", True),
        ("leader", True),
    ],
)
def test_innovation_score_per_role(role, visible, users_by_role, api_as, queued):
    ReviewFactory(innovation=queued, scores=scores(5))
    ReviewFactory(innovation=queued, scores=scores(4))
    client = api_as(users_by_role[role])

    detail = client.get(f"/api/v1/innovations/{queued.pk}/").json()
    [row] = client.get("/api/v1/innovations/").json()["results"]

    expected = 90.0 if visible else None
    assert detail["score"] == expected
    assert row["score"] == expected


# Comments --------------------------------------------------------------------------------------


COMMENT_ACCESS = {
    "operator": 404,
    "head": 404,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_comments_get_permissions(role, users_by_role, api_as, queued):
    InternalCommentFactory(innovation=queued, body="Rahasia kurator")

    response = api_as(users_by_role[role]).get(comments_url(queued))

    assert response.status_code == COMMENT_ACCESS[role]
    assert ("Rahasia kurator" in response.content.decode()) == (response.status_code == 200)


@pytest.mark.parametrize("role", ROLES)
def test_comments_post_permissions(role, users_by_role, api_as, queued):
    response = api_as(users_by_role[role]).post(
        comments_url(queued), {"body": "Cek anggaran"}, format="json"
    )

    expected = 201 if COMMENT_ACCESS[role] == 200 else COMMENT_ACCESS[role]
    assert response.status_code == expected
    assert InternalComment.objects.exists() == (expected == 201)


def test_comments_anonymous_401(api_as, queued):
    assert api_as(None).get(comments_url(queued)).status_code == 401


def test_comment_post_shape(api_as, curator, queued):
    response = api_as(curator).post(comments_url(queued), {"body": "Cek anggaran"}, format="json")

    assert response.json()["author"] == curator.email
    assert response.json()["body"] == "Cek anggaran"


# Criteria --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_criteria_get_every_signed_in_role(role, users_by_role, api_as, cycle):
    response = api_as(users_by_role[role]).get(criteria_url(cycle))

    assert response.status_code == 200
    first = response.json()[0]
    assert {k: first[k] for k in ("code", "name", "weight")} == {
        "code": "kebaruan",
        "name": "Kebaruan",
        "weight": 30,
    }
    # What scores 1, 3 and 5 mean comes with each criterion (issue 16).
    assert first["description_5"] == DEFAULT_RUBRIC[0]["description_5"]
    assert sum(row["weight"] for row in response.json()) == 100


def test_criteria_anonymous_401(api_as, cycle):
    assert api_as(None).get(criteria_url(cycle)).status_code == 401


def test_criteria_unknown_cycle_404(api_as, admin_user):
    assert api_as(admin_user).get("/api/v1/cycles/1999/criteria/").status_code == 404


NEW_RUBRIC = [
    {"code": "kebaruan", "name": "Kebaruan", "weight": 50},
    {"code": "dampak", "name": "Dampak", "weight": 50},
]


@pytest.mark.parametrize("role", ROLES)
def test_criteria_put_permissions(role, users_by_role, api_as, cycle):
    response = api_as(users_by_role[role]).put(criteria_url(cycle), NEW_RUBRIC, format="json")

    assert response.status_code == (200 if role == "admin" else 403)
    assert cycle.criteria.count() == (2 if role == "admin" else 5)


def test_criteria_put_weights_must_sum_to_100(api_as, admin_user, cycle):
    body = [{**NEW_RUBRIC[0], "weight": 40}, NEW_RUBRIC[1]]

    response = api_as(admin_user).put(criteria_url(cycle), body, format="json")

    assert response.status_code == 400
    assert "100" in response.json()["criteria"][0]


def test_criteria_put_locked_409(api_as, admin_user, cycle, queued):
    ReviewFactory(innovation=queued)

    response = api_as(admin_user).put(
        criteria_url(cycle), NEW_RUBRIC, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 409
    assert "already scored" in response.json()["detail"]


def test_criteria_put_accepts_wrapped_list(api_as, admin_user, cycle):
    response = api_as(admin_user).put(criteria_url(cycle), {"criteria": NEW_RUBRIC}, format="json")

    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == ["kebaruan", "dampak"]


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
