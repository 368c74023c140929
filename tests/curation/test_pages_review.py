"""The curation review page: scores, decisions, comments, assignment, the revision round trip."""

import pytest
from django.urls import reverse

from curation.models import Assignment, InternalComment, Review
from innovations.enums import Status
from innovations.models import TransitionLog
from innovations.services import innovation_transition, innovation_update
from tests.innovations.factories import InnovationFactory

from .factories import (
    AssignmentFactory,
    CuratorFactory,
    InternalCommentFactory,
    QueuedInnovationFactory,
    ReviewFactory,
    scores,
)
from .page_helpers import html, review_post, review_url

pytestmark = pytest.mark.django_db


# Review page -----------------------------------------------------------------------------------


def test_review_page_shows_rubric_radios_and_buttons(client, curator, queued):
    client.force_login(curator)

    page = html(client.get(review_url(queued)))

    for code in scores():
        assert f'name="scores.{code}"' in page
    assert page.count('name="scores.kebaruan"') == 5
    assert 'name="next"' in page
    assert 'name="recommendation"' in page
    assert 'name="action" value="start_review"' in page
    assert 'name="action" value="request_revision"' in page
    assert 'value="approve"' in page  # the recommendation radio
    assert 'name="action" value="approve"' not in page  # curators do not decide


def test_review_page_save(client, curator, queued):
    client.force_login(curator)

    response = client.post(review_url(queued), review_post(5))

    assert response.status_code == 302
    assert response["Location"] == review_url(queued)
    review = Review.objects.get()
    assert (review.curator, review.weighted_score) == (curator, 100.0)
    queued.refresh_from_db()
    assert queued.status == Status.IN_REVIEW


def test_review_page_save_again_replaces(client, curator, queued):
    client.force_login(curator)
    client.post(review_url(queued), review_post(2))

    client.post(review_url(queued), review_post(4))

    assert list(Review.objects.values_list("weighted_score", flat=True)) == [80.0]
    page = html(client.get(review_url(queued)))
    assert 'value="4" checked' in page


def test_review_page_missing_score_shows_error(client, curator, queued):
    client.force_login(curator)
    data = review_post()
    del data["scores.kebaruan"]

    response = client.post(review_url(queued), data)

    assert response.status_code == 200
    assert "field-errors" in html(response)
    assert not Review.objects.exists()


def test_review_post_on_a_launched_innovation_says_why_like_the_page(client, curator, queued):
    """A curator posting to a closed review gets the page's reason with 409, not the 403 page
    about roles."""
    queued.status = Status.LAUNCHED
    queued.save()
    client.cookies["django_language"] = "en"
    client.force_login(curator)

    response = client.post(review_url(queued), review_post())

    assert response.status_code == 409
    assert "Reviews are possible only while the innovation is submitted or in review." in (
        html(response)
    )
    assert not Review.objects.exists()


@pytest.mark.parametrize("role", ["admin", "own_unit_curator"])
def test_review_post_by_someone_who_never_reviews_is_403(role, client, admin_user, queued):
    user = admin_user if role == "admin" else CuratorFactory(unit=queued.unit)
    client.force_login(user)

    response = client.post(review_url(queued), review_post())

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_review_page_save_and_next_assigned_first(client, curator, cycle):
    current = QueuedInnovationFactory(cycle=cycle, waiting_days=20)
    fewest = QueuedInnovationFactory(cycle=cycle, waiting_days=30)
    assigned = QueuedInnovationFactory(cycle=cycle, waiting_days=1)
    ReviewFactory(innovation=assigned)
    AssignmentFactory(innovation=assigned, curator=curator)
    client.force_login(curator)

    first = client.post(review_url(current), review_post(next="1"))
    second = client.post(review_url(assigned), review_post(next="1"))
    last = client.post(review_url(fewest), review_post(next="1"))

    assert first["Location"] == review_url(assigned)
    assert second["Location"] == review_url(fewest)
    assert last["Location"] == reverse("curation:queue")


def test_review_page_save_and_next_fewest_reviews(client, curator, cycle):
    current = QueuedInnovationFactory(cycle=cycle)
    busy = QueuedInnovationFactory(cycle=cycle, waiting_days=50)
    ReviewFactory.create_batch(2, innovation=busy)
    quiet = QueuedInnovationFactory(cycle=cycle, waiting_days=5)
    client.force_login(curator)

    response = client.post(review_url(current), review_post(next="1"))

    assert response["Location"] == review_url(quiet)


def test_review_page_decision_buttons_for_lead(client, lead_curator, queued):
    queued.status = Status.IN_REVIEW
    queued.save()
    client.force_login(lead_curator)

    page = html(client.get(review_url(queued)))

    assert 'name="action" value="approve"' in page
    assert 'name="action" value="reject"' in page


def test_decide_page_approve_without_review_refused(client, lead_curator, queued):
    queued.status = Status.IN_REVIEW
    queued.save()
    client.force_login(lead_curator)

    response = client.post(
        reverse("curation:decide", args=[queued.pk]), {"action": "approve"}, follow=True
    )

    assert response.status_code == 200
    assert "alert-danger" in html(response) or "alert-error" in html(response)
    queued.refresh_from_db()
    assert queued.status == Status.IN_REVIEW


def test_decide_page_approve_with_review(client, lead_curator, queued):
    queued.status = Status.IN_REVIEW
    queued.save()
    ReviewFactory(innovation=queued)
    client.force_login(lead_curator)

    client.post(reverse("curation:decide", args=[queued.pk]), {"action": "approve"})

    queued.refresh_from_db()
    assert queued.status == Status.APPROVED


def test_decide_page_request_revision_with_reason(client, curator, queued):
    client.force_login(curator)

    client.post(
        reverse("curation:decide", args=[queued.pk]),
        {"action": "request_revision", "note": "Tambahkan data hasil."},
    )

    log = TransitionLog.objects.get(innovation=queued)
    assert (log.action, log.note) == ("request_revision", "Tambahkan data hasil.")


def test_decide_page_plain_curator_cannot_reject(client, curator, queued):
    client.force_login(curator)

    response = client.post(
        reverse("curation:decide", args=[queued.pk]), {"action": "reject", "note": "Tidak"}
    )

    assert response.status_code == 403
    queued.refresh_from_db()
    assert queued.status == Status.SUBMITTED


def test_comment_page_adds_comment(client, curator, queued):
    client.force_login(curator)

    client.post(reverse("curation:comment", args=[queued.pk]), {"body": "Cek anggaran"})

    assert InternalComment.objects.get().body == "Cek anggaran"
    assert "Cek anggaran" in html(client.get(review_url(queued)))


def test_assign_page_by_lead(client, lead_curator, queued):
    target = CuratorFactory()
    client.force_login(lead_curator)

    client.post(reverse("curation:assign", args=[queued.pk]), {"curators": [target.email]})

    assert Assignment.objects.filter(innovation=queued, curator=target).exists()


@pytest.mark.parametrize("count", [1, 10])
def test_review_page_query_count_constant(
    count, client, curator, queued, django_assert_num_queries
):
    for _ in range(count):
        reviewer = CuratorFactory()
        ReviewFactory(innovation=queued, curator=reviewer)
        AssignmentFactory(innovation=queued, curator=reviewer)
        InternalCommentFactory(innovation=queued, author=reviewer)
    client.force_login(curator)
    client.get(review_url(queued))

    # 11, one for the decision note templates offered with the decisions and one for the
    # similar innovations (issue 16)
    with django_assert_num_queries(13):
        response = client.get(review_url(queued))

    assert html(response).count("data-review=") == count


# Revision round trip ---------------------------------------------------------------------------


def test_revision_round_trip_shows_changes_and_earlier_review(
    client, operator, curator, unit, cycle
):
    innovation = InnovationFactory(unit=unit, cycle=cycle, title="Judul Lama")
    innovation_transition(innovation=innovation, action="submit", by=operator)
    client.force_login(curator)
    client.post(review_url(innovation), review_post(2, comment="Perlu data hasil"))
    client.post(
        reverse("curation:decide", args=[innovation.pk]),
        {"action": "request_revision", "note": "Tambahkan hasil."},
    )
    innovation_update(
        innovation=innovation, by=operator, title="Judul Baru", results="Waktu layanan 1 hari."
    )
    innovation_transition(innovation=innovation, action="submit", by=operator)

    page = html(client.get(review_url(innovation)))

    assert "data-changes" in page
    assert 'data-field="title"' in page and 'data-field="results"' in page
    assert "Judul Lama" in page and "Judul Baru" in page
    assert "data-earlier-reviews" in page
    assert "Perlu data hasil" in page
    innovation.refresh_from_db()
    assert innovation.review_round == 2
    client.post(review_url(innovation), review_post(5))
    assert sorted(Review.objects.values_list("round", "weighted_score")) == [(1, 40.0), (2, 100.0)]
