"""An innovation sent back to its unit: the reason at the top of its page for the unit's staff,
the date to submit again by, and the unit's home page listing it as a to-do."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.checks import region_today
from innovations.enums import Status
from innovations.services import deadline_extension_grant, innovation_transition

from .detail_helpers import url
from .factories import InnovationFactory
from .pages import page_client

pytestmark = pytest.mark.django_db

REASON = "Lengkapi data hasil layanan tahun lalu."


def _sent_back(innovation, operator, curator, note=REASON):
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(innovation=innovation, action="request_revision", by=curator, note=note)
    return innovation


def banner(html):
    start = html.index('id="sent-back"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("role", ["operator", "head"])
def test_revision_reason_stands_at_the_top_for_the_unit(
    role, users_by_role, innovation, operator, curator
):
    _sent_back(innovation, operator, curator)

    html = page_client(users_by_role[role]).get(url(innovation)).content.decode()

    assert html.index('id="sent-back"') < html.index('id="actions"')
    shown = banner(html)
    assert REASON in shown
    due = innovation.cycle.submission_deadline
    assert f'data-due="{due:%Y-%m-%d}"' in shown
    assert f"Submit again by {due.day} {due:%B} {due.year}." in shown


@pytest.mark.parametrize("role", ["curator", "admin", "leader"])
def test_revision_banner_is_for_the_unit_only(role, users_by_role, innovation, operator, curator):
    _sent_back(innovation, operator, curator)

    html = page_client(users_by_role[role]).get(url(innovation)).content.decode()

    assert 'id="sent-back"' not in html


def test_other_units_operator_gets_404(other_operator, innovation, operator, curator):
    _sent_back(innovation, operator, curator)

    assert page_client(other_operator).get(url(innovation)).status_code == 404


def test_revision_reason_stays_in_view_while_editing(innovation, operator, curator):
    _sent_back(innovation, operator, curator)

    html = page_client(operator).get(url(innovation, "edit/")).content.decode()

    assert REASON in banner(html)


def test_revision_banner_gone_after_resubmission(innovation, operator, curator):
    _sent_back(innovation, operator, curator)
    innovation_transition(innovation=innovation, action="submit", by=operator)

    html = page_client(operator).get(url(innovation)).content.decode()

    assert 'id="sent-back"' not in html


def test_revision_due_date_follows_the_units_extension(innovation, operator, curator, admin_user):
    _sent_back(innovation, operator, curator)
    later = innovation.cycle.submission_deadline + datetime.timedelta(days=10)
    deadline_extension_grant(
        cycle=innovation.cycle, unit=innovation.unit, until=later, by=admin_user, reason="Banjir"
    )

    html = page_client(operator).get(url(innovation)).content.decode()

    assert f'data-due="{later:%Y-%m-%d}"' in banner(html)


def test_revision_after_the_deadline_says_so(innovation, operator, curator):
    _sent_back(innovation, operator, curator)
    innovation.cycle.submission_deadline = region_today() - datetime.timedelta(days=1)
    innovation.cycle.save()

    html = page_client(operator).get(url(innovation)).content.decode()

    assert "has passed: ask Bappedalitbang for an extension." in banner(html)


def test_heads_return_note_stands_at_the_top_for_the_operator(innovation, operator, head):
    innovation.cycle.head_approval_required = True
    innovation.cycle.save()
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(
        innovation=innovation, action="return_to_operator", by=head, note="Perbaiki judul."
    )

    shown = banner(page_client(operator).get(url(innovation)).content.decode())

    assert "The unit head returned this innovation" in shown
    assert "Perbaiki judul." in shown


# ---- the unit's home page ---------------------------------------------------------------------


def test_unit_home_lists_revisions_as_todo_with_due_date(operator, curator, unit, cycle):
    waiting = _sent_back(InnovationFactory(unit=unit, cycle=cycle), operator, curator)
    InnovationFactory(unit=unit, cycle=cycle)  # a draft: not a to-do

    html = page_client(operator).get("/").content.decode()

    assert "To do: 1 innovation needs a revision" in html
    assert f'data-revision="{waiting.code}"' in html
    assert REASON in html
    assert f'data-due="{cycle.submission_deadline:%Y-%m-%d}"' in html


def _returned_by_head(innovation, operator, head, note="Perbaiki judul."):
    innovation.cycle.head_approval_required = True
    innovation.cycle.save()
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(innovation=innovation, action="return_to_operator", by=head, note=note)
    return innovation


def todo_item(html, innovation):
    start = html.index(f'data-revision="{innovation.code}"')
    return html[start : html.index("</li>", start)]


@pytest.mark.parametrize("role", ["operator", "head"])
def test_unit_home_lists_a_draft_the_head_returned_as_todo(role, users_by_role, unit, cycle):
    operator, head = users_by_role["operator"], users_by_role["head"]
    returned = _returned_by_head(InnovationFactory(unit=unit, cycle=cycle), operator, head)
    InnovationFactory(unit=unit, cycle=cycle)  # a draft never sent: not a to-do

    html = page_client(users_by_role[role]).get("/").content.decode()

    assert "To do: 1 innovation needs a revision" in html
    item = todo_item(html, returned)
    assert 'data-sent-back="return_to_operator"' in item
    assert "The unit head returned this innovation" in item
    assert "Perbaiki judul." in item
    assert f'data-due="{cycle.submission_deadline:%Y-%m-%d}"' in item


def test_unit_home_tells_a_revision_from_a_heads_return(operator, head, curator, unit, cycle):
    asked = _sent_back(InnovationFactory(unit=unit, cycle=cycle), operator, curator)
    returned = _returned_by_head(InnovationFactory(unit=unit, cycle=cycle), operator, head)

    html = page_client(operator).get("/").content.decode()

    assert "To do: 2 innovations need a revision" in html
    assert "Bappedalitbang asks for a revision" in todo_item(html, asked)
    assert REASON in todo_item(html, asked)
    assert "The unit head returned this innovation" in todo_item(html, returned)


def test_unit_home_forgets_a_return_the_unit_has_moved_past(
    operator, head, admin_user, unit, cycle
):
    returned = _returned_by_head(InnovationFactory(unit=unit, cycle=cycle), operator, head)
    for action, by in [("submit", operator), ("submit", head), ("reject", admin_user)]:
        innovation_transition(innovation=returned, action=action, by=by, note="Tidak memenuhi.")
    innovation_transition(innovation=returned, action="reopen", by=admin_user)
    assert returned.status == Status.DRAFT  # a draft again, but not by the head's return

    html = page_client(operator).get("/").content.decode()

    assert "data-revisions" not in html


def test_unit_home_counts_revision_requested_separately(operator, curator, unit, cycle):
    _sent_back(InnovationFactory(unit=unit, cycle=cycle), operator, curator)
    InnovationFactory(unit=unit, cycle=cycle, status=Status.SUBMITTED)
    InnovationFactory(unit=unit, cycle=cycle, status=Status.SUBMITTED)
    InnovationFactory(unit=unit, cycle=cycle)

    html = page_client(operator).get("/").content.decode()

    def count_of(status):
        start = html.index(f'data-status-count="{status}"')
        return html[start : html.index("</li>", start)]

    assert '<span class="fw-semibold">1</span>' in count_of("revision_requested")
    assert '<span class="fw-semibold">2</span>' in count_of("submitted")
    assert '<span class="fw-semibold">1</span>' in count_of("draft")


def test_unit_home_does_not_list_other_units_revisions(
    other_operator, operator, curator, unit, cycle
):
    _sent_back(InnovationFactory(unit=unit, cycle=cycle), operator, curator)

    html = page_client(other_operator).get("/").content.decode()

    assert "data-revisions" not in html


def _home_queries(user):
    client = page_client(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries.captured_queries)


def test_unit_home_queries_do_not_grow_with_revisions(operator, curator, unit, cycle):
    _sent_back(InnovationFactory(unit=unit, cycle=cycle), operator, curator)
    one = _home_queries(operator)
    for _ in range(9):
        _sent_back(InnovationFactory(unit=unit, cycle=cycle), operator, curator)

    assert _home_queries(operator) == one


def test_unit_home_queries_do_not_grow_with_returned_drafts(operator, head, unit, cycle):
    _returned_by_head(InnovationFactory(unit=unit, cycle=cycle), operator, head)
    one = _home_queries(operator)
    for _ in range(9):
        _returned_by_head(InnovationFactory(unit=unit, cycle=cycle), operator, head)

    assert _home_queries(operator) == one
