"""The unit head's approval step (issue 16): on where the cycle asks for it, absent otherwise."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovations.enums import Status
from innovations.head import awaiting_head_for
from innovations.services import innovation_transition
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import StateConflict
from notifications.enums import Kind
from notifications.models import Notification
from notifications.services import reminders_sweep

from .factories import InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_cycle(cycle):
    cycle.head_approval_required = True
    cycle.save()
    return cycle


def _do(innovation, action, user, note=""):
    return innovation_transition(innovation=innovation, action=action, by=user, note=note)


def test_without_the_setting_submit_goes_straight_to_bappedalitbang(innovation, operator):
    _do(innovation, "submit", operator)

    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED
    assert innovation.submitted_at is not None


def test_operator_submit_waits_for_the_head(approval_cycle, innovation, operator, head):
    _do(innovation, "submit", operator)

    innovation.refresh_from_db()
    assert innovation.status == Status.AWAITING_HEAD
    # It has not reached Bappedalitbang: no submission date, no snapshot, no round yet.
    assert innovation.submitted_at is None
    assert not innovation.versions.exists()
    assert allowed_actions(innovation, operator) == ["withdraw"]
    assert sorted(allowed_actions(innovation, head)) == ["return_to_operator", "submit", "withdraw"]
    assert awaiting_head_for(head) == [innovation]
    assert awaiting_head_for(operator) == []

    _do(innovation, "submit", head)

    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED
    assert innovation.submitted_at is not None
    assert innovation.review_round == 1
    assert innovation.versions.count() == 1
    assert list(innovation.history.order_by("at", "id").values_list("to_status", flat=True)) == [
        "awaiting_head",
        "submitted",
    ]


def test_operator_cannot_approve_for_the_head(approval_cycle, innovation, operator):
    """Submitting is the operator's action in another state (409, API.md); returning to the
    operator is never theirs (403)."""
    _do(innovation, "submit", operator)

    with pytest.raises(StateConflict) as conflict:
        _do(innovation, "submit", operator)
    with pytest.raises(PermissionDenied):
        _do(innovation, "return_to_operator", operator, note="x")
    assert conflict.value.status == "awaiting_head"
    assert "submit" not in conflict.value.allowed_actions


def test_operator_submitting_what_awaits_the_head_is_409_in_the_api(
    api_as, approval_cycle, innovation, operator, head
):
    url = f"/api/v1/innovations/{innovation.pk}/transitions/"
    assert api_as(operator).post(url, {"action": "submit"}, format="json").status_code == 200

    again = api_as(operator).post(url, {"action": "submit"}, format="json")
    by_head = api_as(head).post(url, {"action": "submit"}, format="json")

    assert again.status_code == 409
    assert again.json()["status"] == "awaiting_head"
    assert "submit" not in again.json()["allowed_actions"]
    assert by_head.status_code == 200 and by_head.json()["status"] == "submitted"


def test_head_of_another_unit_cannot_approve(approval_cycle, innovation, operator, other_unit):
    from tests.factories import UserFactory

    other_head = UserFactory(role="head", unit=other_unit)
    _do(innovation, "submit", operator)

    with pytest.raises(PermissionDenied):
        _do(innovation, "submit", other_head)


def test_head_returns_to_the_operator_with_a_note(approval_cycle, innovation, operator, head):
    _do(innovation, "submit", operator)

    with pytest.raises(ValidationError) as refused:
        _do(innovation, "return_to_operator", head, note="  ")
    assert "note" in refused.value.message_dict

    _do(innovation, "return_to_operator", head, note="Lengkapi data anggaran.")

    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT
    log = innovation.history.order_by("-at", "-id").first()
    assert (log.action, log.note) == ("return_to_operator", "Lengkapi data anggaran.")
    assert "submit" in allowed_actions(innovation, operator)


def test_head_submitting_their_own_draft_needs_no_second_approval(approval_cycle, innovation, head):
    _do(innovation, "submit", head)

    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


def test_resubmission_after_revision_waits_for_the_head_again(
    approval_cycle, innovation, operator, head
):
    _do(innovation, "submit", operator)
    _do(innovation, "submit", head)
    innovation.refresh_from_db()
    innovation.status = Status.REVISION_REQUESTED
    innovation.save()

    _do(innovation, "submit", operator)
    innovation.refresh_from_db()
    assert innovation.status == Status.AWAITING_HEAD
    assert innovation.review_round == 1

    _do(innovation, "submit", head)
    innovation.refresh_from_db()
    assert innovation.review_round == 2


def test_the_head_alone_hears_of_the_wait(approval_cycle, innovation, operator, head):
    _do(innovation, "submit", operator)

    rows = Notification.objects.filter(kind=Kind.HEAD_APPROVAL_PENDING)
    assert list(rows.values_list("email", flat=True)) == [head.email]
    assert not Notification.objects.filter(kind=Kind.INNOVATION_SUBMITTED).exists()

    _do(innovation, "submit", head)
    assert Notification.objects.filter(kind=Kind.INNOVATION_SUBMITTED).exists()


def test_head_reminder_weekly_and_idempotent(approval_cycle, unit, operator, head):
    waiting = InnovationFactory(cycle=approval_cycle, unit=unit, status=Status.AWAITING_HEAD)
    InnovationFactory(cycle=approval_cycle, unit=unit, status=Status.DRAFT)
    monday = approval_cycle.submission_opens + datetime.timedelta(
        days=7 - approval_cycle.submission_opens.weekday()
    )

    reminders_sweep(today=monday)
    reminders_sweep(today=monday + datetime.timedelta(days=1))
    rows = Notification.objects.filter(kind=Kind.HEAD_APPROVAL_PENDING)
    assert list(rows.values_list("email", "target_id")) == [(head.email, waiting.pk)]

    reminders_sweep(today=monday + datetime.timedelta(days=7))
    assert rows.count() == 2


def test_the_heads_home_page_lists_what_waits(client, approval_cycle, innovation, operator, head):
    _do(innovation, "submit", operator)

    client.force_login(head)
    page = client.get("/").content.decode()
    assert "awaiting-head-title" in page
    assert f'href="/innovations/{innovation.pk}/"' in page

    client.force_login(operator)
    assert "awaiting-head-title" not in client.get("/").content.decode()
