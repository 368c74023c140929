"""The queue's fast paths (issue 20) give exactly what the paths they replaced gave.

Rows from `.values()` drawn by `{% queue_rows %}` against the old tag over model instances, the
API's `queue_items` against QueueItemSerializer, the filter bar and the curator pick list
against their template forms, the cheap count against the rows: on rows with nulls (no unit, no
score, no submission time), long texts, HTML special characters, a second round, held
decisions and similar titles, in both languages.
"""

import datetime

import pytest
from django.http import QueryDict
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.renderers import JSONRenderer

from curation.queue import (
    QueueFilter,
    days_since,
    days_waiting,
    filtered_rows,
    queue_queryset,
    with_curators,
)
from curation.serializers import QueueItemSerializer, queue_items
from curation.templatetags.curation_queue import (
    curator_options,
    queue_filter_selects,
    queue_rows,
)
from curation.views import curator_choices
from innovations.enums import Status
from innovations.models import HeldDecision, Innovation
from innovations.written import innovations_changed
from intan_banjar.links import row_url
from intan_banjar.template_library import options
from tests.factories import UnitFactory

from .factories import (
    AssignmentFactory,
    CuratorFactory,
    QueuedInnovationFactory,
    ReviewFactory,
    scores,
)
from .queue_reference import FILTER_BAR, old_queue_rows

pytestmark = pytest.mark.django_db

SPECIAL = "<b>&amp;</b> \"kutip\" 'tunggal' & < >"
ORDERINGS = ["waiting", "-waiting", "score", "-score", "unit"]


@pytest.fixture
def varied(cycle, curator, lead_curator):
    """Six queue rows (and a draft) that between them take every branch of a row."""
    unit = UnitFactory(name=f"Dinas {SPECIAL}")
    named = CuratorFactory(full_name=f"Ir. Budi {SPECIAL}")
    long_title = (f"Inovasi Pelayanan Terpadu {SPECIAL} " * 8)[:255]
    special = QueuedInnovationFactory(cycle=cycle, unit=unit, title=long_title, waiting_days=40)
    community = QueuedInnovationFactory(
        cycle=cycle, unit=None, created_by=curator, title="Usulan Masyarakat", waiting_days=2
    )
    second = QueuedInnovationFactory(
        cycle=cycle, status=Status.IN_REVIEW, review_round=2, title="Putaran Kedua"
    )
    QueuedInnovationFactory(cycle=cycle, title="Posyandu Digital Desa Sehat", waiting_days=9)
    QueuedInnovationFactory(cycle=cycle, title="Posyandu Digital Desa Sehat Bersama")
    undated = QueuedInnovationFactory(cycle=cycle, title="Tanpa Waktu Kirim")
    Innovation.objects.filter(pk=undated.pk).update(submitted_at=None)
    QueuedInnovationFactory(cycle=cycle, status=Status.DRAFT, title="Draf Tidak Tampil")

    AssignmentFactory(innovation=special, curator=named)
    AssignmentFactory(innovation=special, curator=curator)
    AssignmentFactory(innovation=second, curator=curator)
    ReviewFactory(innovation=special, curator=curator, scores=scores(4))
    ReviewFactory(innovation=special, curator=named, scores=scores(3))
    ReviewFactory(innovation=special, scores=scores(2))
    ReviewFactory(innovation=second, curator=named, round=1, scores=scores(5))
    ReviewFactory(innovation=second, curator=curator, round=2, scores=scores(3))
    HeldDecision.objects.create(innovation=community, action="approve", decided_by=lead_curator)
    HeldDecision.objects.create(innovation=second, action="reject", decided_by=lead_curator)
    return cycle


def _request(user, query=""):
    request = RequestFactory().get(f"/curation/?{query}")
    request.user = user
    return request


def _old_items(user, cycle, ordering, today):
    request = _request(user, f"ordering={ordering}")
    queryset = queue_queryset(user, cycle=cycle)
    items = list(QueueFilter(request.GET, queryset=queryset, request=request).qs)
    review_url = row_url("curation:review")
    for item in items:
        item.days_waiting = days_waiting(item, today)
        item.review_url = review_url(item.pk)
    return items


def _new_rows(user, cycle, ordering, today):
    request = _request(user, f"ordering={ordering}")
    _, rows = filtered_rows(request.GET, user=user, cycle=cycle, request=request)
    rows = with_curators(rows)
    review_url = row_url("curation:review")
    for row in rows:
        row["days_waiting"] = days_since(row["submitted_at"], today)
        row["review_url"] = review_url(row["id"])
    return rows


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_rows_equal_the_old_tag(language, ordering, varied, curator):
    today = timezone.localdate()
    with translation.override(language):
        old = old_queue_rows(_old_items(curator, varied, ordering, today), overdue_days=7)
        new = queue_rows(_new_rows(curator, varied, ordering, today), overdue_days=7)

    assert new == old
    assert new.count("<tr ") == 6
    for piece in ("&lt;b&gt;&amp;amp;&lt;/b&gt;", "data-held=", "data-has-similar", "–"):
        assert piece in new


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_api_items_equal_the_serializer(ordering, varied, curator, lead_curator):
    today = timezone.localdate() + datetime.timedelta(days=1)
    for user in (curator, lead_curator):
        old = QueueItemSerializer(
            _old_items(user, varied, ordering, today), many=True, context={"today": today}
        ).data
        new = queue_items(_new_rows(user, varied, ordering, today), today)

        assert JSONRenderer().render(new) == JSONRenderer().render(old)
        assert len(new) == 6


def test_api_body_nulls_and_formats(api_as, varied, curator):
    body = api_as(curator).get("/api/v1/curation/queue/", {"ordering": "score"}).json()

    rows = {row["title"]: row for row in body["results"]}
    assert body["count"] == 6
    community = rows["Usulan Masyarakat"]
    assert (community["unit"], community["unit_name"], community["unit_kind"]) == (None,) * 3
    assert community["held_decision"] == "approve"
    assert community["score"] is None
    assert rows["Tanpa Waktu Kirim"]["submitted_at"] is None
    assert rows["Tanpa Waktu Kirim"]["days_waiting"] == 0
    assert rows["Putaran Kedua"]["reviews_done"] == 1
    assert rows["Putaran Kedua"]["held_decision"] == "reject"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "query",
    ["", "maturity=penerapan&ordering=-score", "origin=bogus&form=&ordering=unit&unit_kind=x"],
)
def test_filter_selects_equal_the_template_loop(language, query, curator):
    with translation.override(language):
        filterset = QueueFilter(
            QueryDict(query), queryset=Innovation.objects.none(), request=_request(curator)
        )
        old = engines["django"].from_string(FILTER_BAR).render({"filter": filterset})
        new = queue_filter_selects(filterset.form, "search", "assigned", "unit")

    assert f"\n  {new}\n" == old
    assert old.count("<select") == 6


def test_curator_options_equal_the_shared_tag(curator):
    CuratorFactory(full_name=f"Dra. Sari {SPECIAL}", email="sari+kurasi@intan.test")
    choices = curator_choices()

    assert curator_options(choices) == options(choices)
    assert "&lt;b&gt;" in curator_options(choices)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "assigned=me",
        "search=posyandu",
        "maturity=penerapan",
        "origin=bogus",
        "assigned=nobody@nowhere.test",
    ],
)
def test_the_cheap_count_counts_the_rows(query, varied, curator):
    request = _request(curator, query)
    _, rows = filtered_rows(request.GET, user=curator, cycle=varied, request=request)

    assert rows.count() == len(list(rows)) == len(rows[:50])


@pytest.mark.parametrize("path", ["/curation/", "/api/v1/curation/queue/"])
def test_empty_queue_queries(path, client, curator, cycle, django_assert_num_queries):
    client.force_login(curator)
    client.get(path)
    innovations_changed(cycle.pk)  # the count is kept until a write: count it here

    # as before the fast paths (measured on them): no query for the curators of an empty page,
    # the prefetch made none either; page: session, user, cycle, cycles, count, progress
    with django_assert_num_queries(6 if path == "/curation/" else 4):
        response = client.get(path)

    assert response.status_code == 200


def test_queue_page_draws_the_varied_rows(client, curator, varied):
    client.force_login(curator)

    page = client.get(reverse("curation:queue"), {"ordering": "-waiting"}).content.decode()

    assert page.count("data-select-item") == 6
    assert "Draf Tidak Tampil" not in page
