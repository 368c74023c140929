"""The curation bulk page and the dashboard page."""

import pytest
from django.urls import reverse

from curation.models import Assignment
from curation.views import DECISIONS
from innovations.enums import Status
from innovations.workflow import TRANSITIONS

from .factories import AssignmentFactory, CuratorFactory, QueuedInnovationFactory, ReviewFactory
from .page_helpers import html

pytestmark = pytest.mark.django_db


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
