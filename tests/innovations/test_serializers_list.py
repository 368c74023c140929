"""The list API's rows written by the prepared plan (`innovations.serializers_list`) are the
serializer's own representation: each row equals the detail endpoint's body of the same
innovation (DRF's field walk), key for key and in the same order, for every role."""

import datetime

import pytest
from django.db.models import FloatField, Value
from rest_framework.request import ForcedAuthentication, Request
from rest_framework.test import APIRequestFactory, force_authenticate

from innovations import querysets
from innovations.enums import AttachmentKind, LabStage, Status
from innovations.models import Innovation
from innovations.serializers import InnovationSerializer

from .api_helpers import LIST, detail
from .factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(unit, other_unit, cycle, curator):
    first = InnovationFactory(unit=unit, cycle=cycle, status=Status.SUBMITTED)
    rows = [
        first,
        InnovationFactory(
            unit=other_unit,
            cycle=cycle,
            status=Status.IN_REVIEW,
            title="<b>\"Kutip\" & 'apostrof'</b> " + "panjang " * 25,
            maturity="",
            lab_stage=LabStage.DESIGN,
            trial_date=None,
            implementation_date=None,
            budget=None,
            video_url="https://contoh.id/video?a=1&b=2",
            affairs=[],
            tags=["ünïcode ‘kutip’", "SDGs 3"],
            predecessor=first,
            import_key="legacy-2019-7",
        ),
        CommunityInnovationFactory(cycle=cycle, created_by=curator, status=Status.SUBMITTED),
        CommunityInnovationFactory(cycle=cycle, created_by=curator, status=Status.APPROVED),
        InnovationFactory(unit=unit, cycle=cycle, status=Status.DRAFT),
    ]
    Innovation.objects.filter(pk=rows[1].pk).update(
        submitted_at=datetime.datetime(2025, 2, 3, 23, 59, 59, 123456, tzinfo=datetime.UTC),
        decided_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
    )
    for count, innovation in enumerate(rows):
        InnovatorFactory.create_batch(count, innovation=innovation)
        InnovatorFactory(innovation=innovation, nip="")
        PartnerFactory.create_batch(count % 3, innovation=innovation, role="")
        AttachmentFactory.create_batch(
            4 - count, innovation=innovation, kind=AttachmentKind.OTHER, indicator=count or None
        )
    return rows


def _fake_score(queryset):
    return queryset.annotate(score=Value(72.5, output_field=FloatField()))


@pytest.mark.parametrize("role", ["admin", "curator", "lead_curator", "leader", "operator"])
@pytest.mark.parametrize("scored", [False, True])
def test_list_rows_equal_the_detail_bodies(role, scored, users_by_role, varied, api_as):
    client = api_as(users_by_role[role])
    if scored:
        querysets.register_score_annotation(_fake_score)
    try:
        rows = client.get(LIST, {"page_size": 200}).json()["results"]
        bodies = {row["id"]: client.get(detail(Innovation(pk=row["id"]))).json() for row in rows}
    finally:
        if scored:
            querysets._score_annotators.remove(_fake_score)

    assert rows
    for row in rows:
        assert list(row.items()) == list(bodies[row["id"]].items())
    assert any(row["attachments"] and row["innovators"] for row in rows)


@pytest.mark.parametrize("role", ["admin", "curator", "operator"])
def test_many_instances_equal_one_by_one(role, users_by_role, varied):
    """`InnovationSerializer(instances, many=True)` (the plan for model instances) writes what
    the serializer writes for each instance alone."""
    wsgi = APIRequestFactory().get(LIST)
    force_authenticate(wsgi, users_by_role[role])
    request = Request(wsgi, authenticators=[ForcedAuthentication(users_by_role[role], None)])
    context = {"request": request}
    innovations = list(Innovation.objects.for_list().order_by("pk"))

    many = InnovationSerializer(innovations, many=True, context=context).data
    one_by_one = [InnovationSerializer(i, context=context).data for i in innovations]

    assert [list(row.items()) for row in many] == [list(row.items()) for row in one_by_one]


def test_empty_page_reads_no_children(operator, api_as, django_assert_num_queries):
    with django_assert_num_queries(1):  # the count; no page, so neither rows nor children
        assert api_as(operator).get(LIST).json()["results"] == []
