"""The innovation page's prepared reads (innovations/detail_reads.py) against the ORM's: the same
innovation (or none) for every role, the same related rows where `prefetch_related` puts them,
the same history and stage records, and the same page, byte for byte and query for query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from accounts.models import User
from innovations import detail_reads
from innovations.enums import Status
from innovations.history import TransitionLog
from innovations.models import Innovation, LabStageRecord
from intan_banjar.prepared_reads import NOT_PREPARED
from tests.factories import UserFactory
from tests.per_request import masked

from .detail_helpers import url
from .factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)
from .pages import page_client

pytestmark = pytest.mark.django_db

STATUSES = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.REVISION_REQUESTED,
    Status.APPROVED,
    Status.LAUNCHED,
    Status.REJECTED,
)


@pytest.fixture
def shown(cycle, unit, other_unit, curator, operator):
    """Innovations of two units in several statuses and two community entries, with people,
    files, history by several actors and stage records (some with none)."""
    innovations = [
        InnovationFactory(cycle=cycle, unit=u, status=s)
        for s in STATUSES
        for u in (unit, other_unit)
    ]
    innovations += [
        CommunityInnovationFactory(cycle=cycle, created_by=curator, status=Status.DRAFT),
        CommunityInnovationFactory(cycle=cycle, status=Status.SUBMITTED),
    ]
    for n, innovation in enumerate(innovations):
        for i in range(n % 3):
            InnovatorFactory(innovation=innovation, nip="" if i else "198502142010011003")
            PartnerFactory(innovation=innovation, role="" if i else "Pendamping")
            AttachmentFactory(innovation=innovation, filename=f"bukti <{n}> {i}.pdf")
        for i, actor in enumerate((operator, curator, None)[: n % 4]):
            TransitionLog.objects.create(
                innovation=innovation,
                actor=actor,
                action="start_review" if i else "submit",
                from_status="draft",
                to_status="submitted",
                note=f"catatan {i} & <{n}>",
                at=datetime.datetime(2025, 5, 1 + i, 10, tzinfo=datetime.UTC),
            )
        if n % 2:
            innovation.lab_stage = "diagnose"
            innovation.save()
            for stage in ("drum_up", "diagnose"):
                LabStageRecord.objects.create(
                    innovation=innovation, stage=stage, reached_on=datetime.date(2025, 6, n + 1)
                )
    return innovations


@pytest.fixture
def readers(users_by_role):
    return [
        *users_by_role.values(),
        UserFactory(role=Role.CURATOR, unit=None),
        UserFactory(role=Role.ADMIN, is_active=False),
    ]


def _fields(instance):
    return {k: v for k, v in vars(instance).items() if not k.startswith("_")}


def _orm(user, pk, contact):
    queryset = Innovation.objects.visible_to(user).for_detail()
    if contact:
        queryset = queryset.select_related("community_submitter")
    return queryset.filter(pk=pk).first()


def _same(ours, orm, contact):
    assert _fields(ours) == _fields(orm)
    for name in ("unit", "cycle", *(("community_submitter",) if contact else ())):
        mine, theirs = getattr(ours, name, None), getattr(orm, name, None)
        assert (mine and _fields(mine)) == (theirs and _fields(theirs)), name
    assert ours._prefetched_objects_cache.keys() == orm._prefetched_objects_cache.keys()
    for name, rows in orm._prefetched_objects_cache.items():
        mine = list(getattr(ours, name).all())
        assert [_fields(r) for r in mine] == [_fields(r) for r in rows], name
        assert all(r.innovation is ours for r in mine)


@pytest.mark.parametrize("contact", [False, True])
def test_shown_innovation_equals_the_orm(contact, shown, readers):
    detail_reads._innovation_reads.clear()
    unitless = User(role=Role.OPERATOR, unit=None, is_active=True)  # `visible_to` gives nothing
    for user in [*readers, unitless]:
        for innovation in shown:
            ours = detail_reads.shown_innovation(user, innovation.pk, contact)
            orm = _orm(user, innovation.pk, contact)
            if ours is NOT_PREPARED:
                assert not user.is_active or user.unit_id is None and user.role == Role.OPERATOR
                continue
            assert (ours is None) == (orm is None), (user.role, innovation.status)
            if orm is not None:
                _same(ours, orm, contact)
        assert detail_reads.shown_innovation(user, 10**6, contact) in (None, NOT_PREPARED)
    plans = [p for read in detail_reads._innovation_reads.values() for p in read._plans.values()]
    assert plans and NOT_PREPARED not in plans


def test_history_and_stage_records_equal_the_orm(shown):
    from innovations.history import ACTOR_COLUMNS

    for innovation in shown:
        orm = list(innovation.history.annotate(**ACTOR_COLUMNS).order_by("at", "id"))
        ours = detail_reads.history_entries(innovation)
        assert [_fields(e) for e in ours] == [_fields(e) for e in orm]
        assert all(e.innovation is innovation for e in ours)
        records = detail_reads.stage_records(innovation)
        assert [_fields(r) for r in records] == [_fields(r) for r in innovation.stage_records.all()]


def _page(client, innovation):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(innovation))
    return response.status_code, masked(response.content.decode()), len(captured.captured_queries)


def _orm_reads(monkeypatch):
    """The page's reads as the ORM made them before detail_reads."""
    from innovations.history import ACTOR_COLUMNS

    monkeypatch.setattr(detail_reads, "shown_innovation", lambda *args: NOT_PREPARED)
    monkeypatch.setattr("innovations.views.shown_innovation", lambda *args: NOT_PREPARED)
    monkeypatch.setattr(
        detail_reads,
        "history_entries",
        lambda i: list(i.history.annotate(**ACTOR_COLUMNS).order_by("at", "id")),
    )
    monkeypatch.setattr("innovations.views.stage_records", lambda i: i.stage_records.all())


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_page_is_the_orm_paths_byte_for_byte(language, shown, readers, monkeypatch):
    pages = {}
    for user in readers:
        client = page_client(user)
        client.cookies["django_language"] = language
        client.get(url(shown[0]))  # the session's first read
        pages[user.pk] = [(client, i, _page(client, i)) for i in shown]
    _orm_reads(monkeypatch)
    seen = 0
    for user_pages in pages.values():
        for client, innovation, (status, body, queries) in user_pages:
            assert _page(client, innovation) == (status, body, queries), innovation.status
            seen += status == 200
    assert seen > len(shown) * 3


def test_a_write_shows_on_the_next_read(shown, admin_user):
    innovation = shown[0]
    client = page_client(admin_user)
    before = _page(client, innovation)[1]
    InnovatorFactory(innovation=innovation, name="Inovator Baru")
    AttachmentFactory(innovation=innovation, filename="baru.pdf")
    Innovation.objects.filter(pk=innovation.pk).update(title="Judul Baru")
    after = _page(client, innovation)[1]
    assert "Inovator Baru" not in before
    assert all(text in after for text in ("Inovator Baru", "baru.pdf", "Judul Baru"))
