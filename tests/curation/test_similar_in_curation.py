"""Similar innovations in curation (issue 16): listed on the review page, flagged in the queue
without a query per row."""

import pytest
from django.urls import reverse

from innovations.enums import Status
from innovations.written import innovations_changed
from tests.factories import UnitFactory
from tests.innovations.factories import InnovationFactory, open_cycle

from .factories import QueuedInnovationFactory

pytestmark = pytest.mark.django_db


def test_review_page_lists_the_similar_innovation(client, curator, cycle, unit):
    queued = QueuedInnovationFactory(
        cycle=cycle, unit=unit, title="Posyandu Digital Desa Sehat", summary="Data balita daring."
    )
    earlier = InnovationFactory(
        cycle=open_cycle(year=cycle.year - 1),
        unit=UnitFactory(),
        status=Status.LAUNCHED,
        title="Posyandu Digital Desa Sehat Bersama",
        summary="Data balita daring.",
    )
    client.force_login(curator)

    page = client.get(reverse("curation:review", args=[queued.pk])).content.decode()

    section = page[page.index('id="similar"') :]
    assert f'data-similar-id="{earlier.pk}"' in section[: section.index("</section>")]


@pytest.mark.parametrize("count", [1, 10])
def test_queue_flags_similar_rows_in_constant_queries(
    count, client, curator, cycle, django_assert_num_queries
):
    unit = UnitFactory()
    for number in range(count):
        QueuedInnovationFactory(cycle=cycle, unit=unit, title=f"Bank Sampah Kelurahan {number}")
    lonely = QueuedInnovationFactory(cycle=cycle, title="Zonasi Irigasi Rawa Pasang Surut")
    client.force_login(curator)
    client.get(reverse("curation:queue"))
    innovations_changed(cycle.pk)  # the count is kept until a write: count it here

    # the same 8 as without the flag (test_pages.test_queue_page_query_count_constant)
    with django_assert_num_queries(8):
        page = client.get(reverse("curation:queue")).content.decode()

    lonely_row = page[page.index(f'id="queue-{lonely.pk}"') :]
    assert "data-has-similar" not in lonely_row[: lonely_row.index("</tr>")]
    assert page.count("data-has-similar") == (count if count > 1 else 0)


def test_queue_api_has_the_flag(api_as, curator, cycle):
    first = QueuedInnovationFactory(cycle=cycle, title="Layanan Adminduk Keliling Desa")
    QueuedInnovationFactory(cycle=cycle, title="Layanan Adminduk Keliling Desa Terpencil")
    alone = QueuedInnovationFactory(cycle=cycle, title="Bibit Ikan Patin Unggul")

    rows = api_as(curator).get("/api/v1/curation/queue/").json()["results"]

    flags = {row["id"]: row["has_similar"] for row in rows}
    assert flags[first.pk] is True
    assert flags[alone.pk] is False
