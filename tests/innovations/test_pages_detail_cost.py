"""/innovations/<id>/ at a fixed cost: the query count does not grow with the innovation's people,
files, history or stage records, and the page's shortcuts (the history's actors as annotations,
the attachment links reversed once, the sent-back notice read from the history already fetched,
no stage-record query before the first stage, the word count) give what the general paths give.
"""

import datetime
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovations.checks import _ALNUM, count_words
from innovations.enums import Status
from innovations.history import shown_actor, shown_history
from innovations.models import LabStageRecord, TransitionLog
from innovations.revisions import sent_back
from innovations.views import _attachments, stage_progress

from .detail_helpers import url
from .factories import AttachmentFactory, InnovatorFactory, PartnerFactory
from .pages import page_client

pytestmark = pytest.mark.django_db

READERS = ["operator", "head", "curator", "lead_curator", "admin", "leader"]


def _queries(client, innovation):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(innovation)).status_code == 200
    return len(captured.captured_queries)


def _log(innovation, actor, action, from_status, to_status, note=""):
    return TransitionLog.objects.create(
        innovation=innovation,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


@pytest.fixture
def started(submitted):
    submitted.lab_stage = "diagnose"
    submitted.save()
    LabStageRecord.objects.create(
        innovation=submitted, stage="drum_up", reached_on=datetime.date(2025, 5, 12)
    )
    return submitted


@pytest.mark.parametrize("role", READERS)
def test_detail_query_count_does_not_grow_with_the_innovation(role, users_by_role, started):
    client = page_client(users_by_role[role])
    _queries(client, started)  # the session's first read
    small = _queries(client, started)
    for n in range(4):
        InnovatorFactory(innovation=started)
        PartnerFactory(innovation=started)
        AttachmentFactory(innovation=started, filename=f"bukti-{n}.pdf")
        _log(started, users_by_role["curator"], "start_review", "submitted", "in_review")
        LabStageRecord.objects.create(
            innovation=started, stage="diagnose", reached_on=datetime.date(2025, 6, n + 1)
        )

    assert _queries(client, started) == small
    # session, user, innovation, innovators, partners, attachments, history, stage records,
    # later years, decrees, replications; the unit's staff also read their unit (the navigation)
    # and the open cycle (whether the innovation can be continued)
    assert small == (13 if role in ("operator", "head") else 11)


def test_detail_before_the_first_stage_reads_no_stage_record(users_by_role, submitted):
    client = page_client(users_by_role["curator"])
    _queries(client, submitted)
    before = _queries(client, submitted)
    submitted.lab_stage = "drum_up"
    submitted.save()

    assert _queries(client, submitted) == before + 1


def test_stage_progress_before_the_first_stage_is_read_without_a_query(
    submitted, django_assert_num_queries
):
    LabStageRecord.objects.create(
        innovation=submitted, stage="drum_up", reached_on=datetime.date(2025, 5, 12)
    )
    submitted.lab_stage = ""

    with django_assert_num_queries(0):
        stages = stage_progress(submitted)

    assert [(s["done"], s["current"], s["record"]) for s in stages] == [(False, False, None)] * 5


@pytest.mark.parametrize("viewer", [*READERS, "other_operator", None])
def test_shown_history_gives_each_actor_as_shown_actor_does(viewer, users_by_role, submitted):
    user = users_by_role[viewer] if viewer else None
    for actor in ("curator", "lead_curator", "admin", "operator", None):
        person = users_by_role[actor] if actor else None
        _log(submitted, person, "start_review", "submitted", "in_review")
        _log(submitted, person, "request_revision", "in_review", "revision_requested", "Catatan")
    expected = [
        shown_actor(entry, user)
        for entry in submitted.history.select_related("actor").order_by("at", "id")
    ]

    entries = shown_history(submitted, user)

    assert [(e.shown_actor_email, e.shown_actor_name) for e in entries] == expected
    assert [e.pk for e in entries] == [
        e.pk for e in TransitionLog.objects.filter(innovation=submitted).order_by("at", "id")
    ]


@pytest.mark.parametrize("editable", [True, False])
def test_attachment_links_are_the_reversed_routes(editable, innovation):
    files = [AttachmentFactory(innovation=innovation) for _ in range(3)]

    rows = _attachments(innovation, editable)

    assert [a.pk for a in rows] == sorted(a.pk for a in files)
    for attachment in rows:
        assert attachment.download_url == reverse(
            "innovations-api:innovation-attachment-download",
            kwargs={"pk": innovation.pk, "attachment_id": attachment.pk},
        )
        assert attachment.delete_url == (
            reverse("innovations:attachment_delete", args=[innovation.pk, attachment.pk])
            if editable
            else None
        )


@pytest.mark.parametrize(
    ("status", "entries"),
    [
        (Status.REVISION_REQUESTED, [("submit", "revision_requested")]),
        (Status.REVISION_REQUESTED, [("request_revision", "revision_requested")]),
        (Status.REVISION_REQUESTED, [("request_revision", "in_review"), ("submit", "submitted")]),
        (Status.DRAFT, [("return_to_operator", "draft")]),
        (Status.DRAFT, []),
        (Status.SUBMITTED, [("submit", "submitted")]),
    ],
)
@pytest.mark.parametrize("role", ["operator", "head", "curator"])
def test_sent_back_from_the_read_history_is_what_it_reads_itself(
    status, entries, role, users_by_role, innovation
):
    innovation.status = status
    innovation.save()
    for n, (action, to_status) in enumerate(entries):
        _log(innovation, users_by_role["curator"], action, "submitted", to_status, f"Catatan {n}")
    user = users_by_role[role]

    assert sent_back(innovation, user, history=shown_history(innovation, user)) == sent_back(
        innovation, user
    )


def test_count_words_letter_or_digit_is_isalnum_for_every_code_point():
    characters = "".join(map(chr, range(sys.maxunicode + 1)))
    alnum = {c for c in characters if c.isalnum()}

    assert {m.group() for m in _ALNUM.finditer(characters)} == alnum


@pytest.mark.parametrize(
    ("text", "expected"),
    [("anak-anak 10.000 — • x_", 3), ("_ __ -", 0), ("Ⅻ ½ ٣ 漢字", 4), ("", 0), (None, 0)],
)
def test_count_words_counts_tokens_holding_a_letter_or_digit(text, expected):
    assert count_words(text) == expected
