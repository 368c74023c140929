"""The curation API's reviews, score, internal comments and rubric criteria."""

import pytest

from accounts.enums import Role
from curation.models import InternalComment, Review
from curation.rubric import DEFAULT_RUBRIC
from innovations.enums import Status
from tests.factories import UserFactory

from .api_helpers import ROLES, review_body
from .factories import InternalCommentFactory, QueuedInnovationFactory, ReviewFactory, scores

pytestmark = pytest.mark.django_db


def reviews_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/reviews/"


def comments_url(innovation):
    return f"/api/v1/innovations/{innovation.pk}/comments/"


def criteria_url(cycle):
    return f"/api/v1/cycles/{cycle.year}/criteria/"


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


def test_review_post_statements(api_as, curator, queued, django_assert_num_queries):
    """A review's write: no savepoints beyond the transition's own (the innovation's row lock
    orders the writers; `update_or_create` added four statements)."""
    client = api_as(curator)
    # innovation; the service's savepoint (a transaction in production); rubric locked?; cycle
    # lock; innovation lock; criteria; the start of the review (savepoint, lock, update,
    # history, release); the curator's review; insert; release
    with django_assert_num_queries(14):
        first = client.post(reviews_url(queued), review_body(), format="json")
    assert first.status_code == 201
    # innovation; savepoint; rubric locked?; innovation lock; criteria; the review; update; release
    with django_assert_num_queries(8):
        again = client.post(
            reviews_url(queued), {**review_body(), "recommendation": "revise"}, format="json"
        )
    assert again.status_code == 200
    review = Review.objects.get(innovation=queued, curator=curator)
    assert (review.recommendation, review.id) == ("revise", first.json()["id"])
    assert review.updated_at > review.created_at
