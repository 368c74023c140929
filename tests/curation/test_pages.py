"""Curation pages: queue, review form, decisions, bulk actions, dashboard (PRODUCT.md §5)."""

import pytest
from django.urls import reverse

from curation.models import Assignment, InternalComment, Review
from innovations.enums import Status
from innovations.written import innovations_changed
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
    innovations_changed(cycle.pk)  # the count is kept until a write: count it here

    # session, user, cycle, cycles, count, page, assignments, progress, (nav, messages)
    with django_assert_num_queries(8):
        response = client.get(reverse("curation:queue"))

    assert html(response).count("data-select-item") == count


def test_queue_page_shows_bulk_assign_only_to_deciders(client, curator, lead_curator, queued):
    client.force_login(curator)
    assert 'value="assign"' not in html(client.get(reverse("curation:queue")))
    client.force_login(lead_curator)
    assert 'value="assign"' in html(client.get(reverse("curation:queue")))
