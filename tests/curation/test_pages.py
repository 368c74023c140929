"""Curation pages: queue, review form, decisions, bulk actions, dashboard (PRODUCT.md §5)."""

import pytest
from django.urls import reverse

from curation.models import Assignment, InternalComment, Review
from curation.views import DECISIONS
from innovations.enums import Status
from innovations.models import TransitionLog
from innovations.services import innovation_transition, innovation_update
from innovations.workflow import TRANSITIONS
from tests.innovations.factories import InnovationFactory

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
STAFF_ONLY = {
    "operator": 403,
    "head": 403,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 403,
}
# Pages about one innovation: units never learn that curation data exists.
PER_INNOVATION = {**STAFF_ONLY, "operator": 404, "head": 404, "other_operator": 404}


def review_url(innovation):
    return reverse("curation:review", args=[innovation.pk])


def review_post(value=4, **extra):
    data = {f"scores.{code}": v for code, v in scores(value).items()}
    return {**data, "comment": "Baik", "recommendation": "approve", **extra}


def html(response):
    return response.content.decode()


# Permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_queue_page_permissions(role, users_by_role, client, queued):
    client.force_login(users_by_role[role])

    response = client.get(reverse("curation:queue"))

    assert response.status_code == STAFF_ONLY[role]


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_page_permissions(role, users_by_role, client, queued):
    client.force_login(users_by_role[role])

    assert client.get(reverse("curation:dashboard")).status_code == STAFF_ONLY[role]


@pytest.mark.parametrize("role", ROLES)
def test_review_page_permissions(role, users_by_role, client, queued):
    ReviewFactory(innovation=queued, comment="Catatan rahasia kurator")
    InternalCommentFactory(innovation=queued, body="Komentar internal rahasia")
    client.force_login(users_by_role[role])

    response = client.get(review_url(queued))

    assert response.status_code == PER_INNOVATION[role]
    shown = response.status_code == 200
    assert ("Catatan rahasia kurator" in html(response)) == shown
    assert ("Komentar internal rahasia" in html(response)) == shown


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("curation:review", review_post()),
        ("curation:decide", {"action": "start_review"}),
        ("curation:comment", {"body": "Halo"}),
        ("curation:assign", {"curators": []}),
    ],
)
@pytest.mark.parametrize("role", ["operator", "head", "other_operator", "leader"])
def test_post_pages_refused_for_non_staff(role, name, data, users_by_role, client, queued):
    client.force_login(users_by_role[role])

    response = client.post(reverse(name, args=[queued.pk]), data)

    assert response.status_code == PER_INNOVATION[role]
    assert not Review.objects.exists()
    assert not InternalComment.objects.exists()
    queued.refresh_from_db()
    assert queued.status == Status.SUBMITTED


@pytest.mark.parametrize("role", ["operator", "head", "other_operator", "leader"])
def test_bulk_page_refused_for_non_staff(role, users_by_role, client, queued):
    client.force_login(users_by_role[role])

    response = client.post(
        reverse("curation:bulk"), {"innovations": [queued.pk], "action": "start_review"}
    )

    assert response.status_code == 403
    queued.refresh_from_db()
    assert queued.status == Status.SUBMITTED


@pytest.mark.parametrize(
    "path",
    ["/curation/", "/curation/dashboard/", "/curation/{pk}/review/"],
)
def test_pages_anonymous_redirect_to_login(path, client, queued):
    response = client.get(path.format(pk=queued.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_review_page_draft_404_for_curator(client, curator, unit, cycle):
    draft = InnovationFactory(unit=unit, cycle=cycle)
    client.force_login(curator)

    assert client.get(review_url(draft)).status_code == 404


def test_assign_page_plain_curator_403(client, curator, queued):
    client.force_login(curator)

    response = client.post(
        reverse("curation:assign", args=[queued.pk]), {"curators": [CuratorFactory().email]}
    )

    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_review_post_by_admin_403(client, admin_user, queued):
    client.force_login(admin_user)

    response = client.post(review_url(queued), review_post())

    assert response.status_code == 403
    assert not Review.objects.exists()


# Queue page ------------------------------------------------------------------------------------


def test_queue_page_rows_and_progress(client, curator, cycle):
    mine = QueuedInnovationFactory(cycle=cycle, waiting_days=12, title="Antrean Cerdas")
    other = QueuedInnovationFactory(cycle=cycle, waiting_days=1, title="Sampah Jadi Emas")
    AssignmentFactory(innovation=mine, curator=curator)
    AssignmentFactory(innovation=other, curator=curator)
    ReviewFactory(innovation=mine, curator=curator, scores=scores(4))
    client.force_login(curator)

    page = html(client.get(reverse("curation:queue")))

    assert page.index("Antrean Cerdas") < page.index("Sampah Jadi Emas")
    row = page[page.index(f'id="queue-{mine.pk}"') :]
    assert "data-days>12<" in row
    assert "data-reviews>1 / 1<" in row
    assert ">80,0<" in row or ">80.0<" in row
    assert "Reviewed by me: 1 of 2" in page or "1 dari 2" in page


def test_queue_page_assigned_to_me(client, curator, cycle):
    mine = QueuedInnovationFactory(cycle=cycle, title="Punya Saya")
    QueuedInnovationFactory(cycle=cycle, title="Punya Orang")
    AssignmentFactory(innovation=mine, curator=curator)
    client.force_login(curator)

    page = html(client.get(reverse("curation:queue"), {"assigned": "me"}))

    assert "Punya Saya" in page
    assert "Punya Orang" not in page


def test_queue_page_filters_and_ordering(client, curator, cycle):
    QueuedInnovationFactory(cycle=cycle, title="Posyandu Digital", maturity="penerapan")
    QueuedInnovationFactory(cycle=cycle, title="Lain Lagi", maturity="inisiatif")
    client.force_login(curator)

    page = html(
        client.get(reverse("curation:queue"), {"maturity": "penerapan", "ordering": "score"})
    )

    assert "Posyandu Digital" in page
    assert "Lain Lagi" not in page


@pytest.mark.parametrize("count", [1, 10])
def test_queue_page_query_count_constant(count, client, curator, cycle, django_assert_num_queries):
    for _ in range(count):
        innovation = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW)
        for reviewer in [curator, *CuratorFactory.create_batch(2)]:
            AssignmentFactory(innovation=innovation, curator=reviewer)
            ReviewFactory(innovation=innovation, curator=reviewer)
    client.force_login(curator)
    client.get(reverse("curation:queue"))  # warm the session

    # session, user, cycle, cycles, count, page, assignments, progress, (nav, messages)
    with django_assert_num_queries(8):
        response = client.get(reverse("curation:queue"))

    assert html(response).count("data-select-item") == count


def test_queue_page_shows_bulk_assign_only_to_deciders(client, curator, lead_curator, queued):
    client.force_login(curator)
    assert 'value="assign"' not in html(client.get(reverse("curation:queue")))
    client.force_login(lead_curator)
    assert 'value="assign"' in html(client.get(reverse("curation:queue")))


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


# Bulk ------------------------------------------------------------------------------------------


def test_bulk_decision_page_per_item_results(client, lead_curator, cycle):
    reviewed = QueuedInnovationFactory(cycle=cycle, status=Status.IN_REVIEW, title="Sudah Dinilai")
    ReviewFactory(innovation=reviewed)
    unreviewed = QueuedInnovationFactory(
        cycle=cycle, status=Status.IN_REVIEW, title="Belum Dinilai"
    )
    client.force_login(lead_curator)

    response = client.post(
        reverse("curation:bulk"),
        {"innovations": [reviewed.pk, unreviewed.pk], "action": "approve"},
    )

    page = html(response)
    assert response.status_code == 200
    assert f'data-result="moved" id="result-{reviewed.pk}"' in page
    assert f'data-result="refused" id="result-{unreviewed.pk}"' in page
    reviewed.refresh_from_db()
    unreviewed.refresh_from_db()
    assert (reviewed.status, unreviewed.status) == (Status.APPROVED, Status.IN_REVIEW)


def test_bulk_assign_page(client, lead_curator, cycle):
    items = QueuedInnovationFactory.create_batch(3, cycle=cycle)
    curators = CuratorFactory.create_batch(2)
    client.force_login(lead_curator)

    response = client.post(
        reverse("curation:bulk"),
        {
            "innovations": [i.pk for i in items],
            "curators": [c.email for c in curators],
            "action": "assign",
        },
    )

    assert response.status_code == 302
    assert Assignment.objects.count() == 6


def test_bulk_assign_page_plain_curator_403(client, curator, queued):
    client.force_login(curator)

    response = client.post(
        reverse("curation:bulk"),
        {"innovations": [queued.pk], "curators": [CuratorFactory().email], "action": "assign"},
    )

    assert response.status_code == 403
    assert not Assignment.objects.exists()


# Dashboard page --------------------------------------------------------------------------------


def test_dashboard_page_numbers(client, admin_user, curator, cycle):
    old = QueuedInnovationFactory(cycle=cycle, waiting_days=40, title="Lama Menunggu")
    AssignmentFactory(innovation=old, curator=curator)
    client.force_login(admin_user)

    page = html(client.get(reverse("curation:dashboard"), {"year": cycle.year}))

    assert 'data-status-count="submitted">1<' in page
    assert f'data-overdue="{old.pk}"' in page
    assert f'data-curator="{curator.email}"' in page


@pytest.mark.parametrize("count", [1, 10])
def test_dashboard_page_query_count_constant(
    count, client, admin_user, curator, cycle, django_assert_num_queries
):
    for innovation in QueuedInnovationFactory.create_batch(count, cycle=cycle, waiting_days=40):
        AssignmentFactory(innovation=innovation, curator=curator)
        ReviewFactory(innovation=innovation, curator=CuratorFactory())
    client.force_login(admin_user)
    client.get(reverse("curation:dashboard"))

    with django_assert_num_queries(8):
        response = client.get(reverse("curation:dashboard"), {"year": cycle.year})

    assert html(response).count("data-overdue=") == count


def test_bulk_page_back_link_stays_on_site(client, lead_curator, queued):
    client.force_login(lead_curator)

    response = client.post(
        reverse("curation:bulk"),
        {"innovations": [queued.pk], "action": "assign", "back": "//evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("curation:queue")


def test_decisions_that_need_a_note_come_from_the_workflow_table():
    assert [str(action) for action, needs_note in DECISIONS if needs_note] == [
        "request_revision",
        "reject",
    ]
    assert all(needs_note is TRANSITIONS[action].needs_note for action, needs_note in DECISIONS)
