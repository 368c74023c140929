"""The innovation detail page's workflow buttons: who sees which, what they do, what they refuse."""

import pytest
from django.contrib.messages import get_messages

from innovations import workflow
from innovations.checks import region_today
from innovations.enums import Action, Status
from innovations.models import TransitionLog
from reports.models import LaunchEvent

from .detail_helpers import url
from .factories import words
from .guards import unregister_guard
from .pages import page_client, redirects_to_login

pytestmark = pytest.mark.django_db


def button(action):
    return f'name="action" value="{action}"'


@pytest.fixture
def without_approve_guards():
    """Curation plugs "approve needs a review" into the table; these tests are about the page."""
    saved = list(workflow._guards[Action.APPROVE])
    for guard in saved:
        unregister_guard(Action.APPROVE, guard)
    yield
    for guard in saved:
        workflow.register_guard(Action.APPROVE, guard)


# ---- the workflow buttons -------------------------------------------------------------------

BUTTONS = {
    ("operator", Status.DRAFT): {"submit", "withdraw"},
    ("curator", Status.SUBMITTED): {"start_review", "request_revision"},
    ("lead_curator", Status.IN_REVIEW): {"request_revision", "approve", "reject"},
    ("admin", Status.APPROVED): {"launch"},
    ("leader", Status.SUBMITTED): set(),
}


@pytest.mark.parametrize(("role", "status"), list(BUTTONS))
def test_detail_shows_the_allowed_actions_as_buttons(role, status, users_by_role, innovation):
    innovation.status = status
    innovation.save()

    html = page_client(users_by_role[role]).get(url(innovation)).content.decode()

    shown = {action for action in Action.values if button(action) in html}
    assert shown == BUTTONS[(role, status)]


MOVES = [
    ("submit", Status.DRAFT, "operator", "", Status.SUBMITTED),
    ("submit", Status.REVISION_REQUESTED, "head", "", Status.SUBMITTED),
    ("withdraw", Status.DRAFT, "head", "", Status.WITHDRAWN),
    ("start_review", Status.SUBMITTED, "curator", "", Status.IN_REVIEW),
    ("request_revision", Status.IN_REVIEW, "curator", "Lengkapi data.", Status.REVISION_REQUESTED),
    ("approve", Status.IN_REVIEW, "lead_curator", "", Status.APPROVED),
    ("reject", Status.SUBMITTED, "admin", "Tidak memenuhi.", Status.REJECTED),
    ("launch", Status.APPROVED, "admin", "", Status.LAUNCHED),
    ("reopen", Status.REJECTED, "admin", "", Status.DRAFT),
]


@pytest.mark.parametrize(("action", "source", "role", "note", "target"), MOVES)
def test_every_action_button_moves_the_status(
    action, source, role, note, target, users_by_role, innovation, without_approve_guards
):
    innovation.status = source
    if source != Status.DRAFT:
        innovation.submitted_at = innovation.created_at
    innovation.save()
    if action == Action.LAUNCH:  # launching adds the innovation to its cycle's launch event
        LaunchEvent.objects.create(cycle=innovation.cycle, name="Launching", date=region_today())
    client = page_client(users_by_role[role])
    assert button(action) in client.get(url(innovation)).content.decode()

    response = client.post(url(innovation), {"action": action, "note": note})

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == target
    log = TransitionLog.objects.get(innovation=innovation)
    assert (log.action, log.from_status, log.to_status, log.note) == (action, source, target, note)
    page = client.get(response["Location"]).content.decode()
    assert DONE[action] in page
    assert "Done:" not in page


# What the page says after each action: a sentence, not "Done: <button label>".
DONE = {
    "submit": "The innovation was submitted to Bappedalitbang.",
    "start_review": "The review has started.",
    "request_revision": "Revision requested; the unit is told the reason.",
    "approve": "The innovation was approved.",
    "reject": "The innovation was rejected.",
    "launch": "The innovation was launched.",
    "reopen": "The innovation was reopened as a draft.",
    "withdraw": "The innovation was withdrawn.",
}


def test_withdraw_says_so(operator, innovation):
    client = page_client(operator)

    response = client.post(url(innovation), {"action": "withdraw"}, follow=True)

    assert DONE["withdraw"] in response.content.decode()


def test_submit_waiting_for_the_head_says_so(operator, innovation):
    innovation.cycle.head_approval_required = True
    innovation.cycle.save()

    response = page_client(operator).post(url(innovation), {"action": "submit"}, follow=True)

    assert "The innovation was sent to the unit head for approval." in response.content.decode()


def test_head_return_says_so(operator, head, innovation):
    innovation.cycle.head_approval_required = True
    innovation.cycle.save()
    page_client(operator).post(url(innovation), {"action": "submit"})

    response = page_client(head).post(
        url(innovation), {"action": "return_to_operator", "note": "Perbaiki."}, follow=True
    )

    assert "The innovation was returned to the operators with your note." in (
        response.content.decode()
    )


def test_every_action_of_the_table_has_a_sentence():
    for action, transition in workflow.TRANSITIONS.items():
        assert str(transition.done_message).endswith("."), action


@pytest.mark.parametrize("action", ["request_revision", "reject"])
def test_note_actions_have_a_required_note(action, lead_curator, submitted):
    html = page_client(lead_curator).get(url(submitted)).content.decode()

    assert f'id="note-{action}" rows="2" required' in html


def test_request_revision_without_note_shows_the_error(curator, submitted):
    response = page_client(curator).post(url(submitted), {"action": "request_revision"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please give a reason." in html
    assert 'data-errors="request_revision"' in html
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert not TransitionLog.objects.exists()


def test_submit_incomplete_profile_shows_reasons(operator, innovation):
    innovation.design = words(299)
    innovation.goals = ""
    innovation.save()

    response = page_client(operator).post(url(innovation), {"action": "submit"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "at least 300 words; it has 299 words" in html
    assert "This field is required before the innovation is submitted." in html
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_submit_incomplete_profile_names_each_missing_field(operator, innovation):
    innovation.origin = ""
    innovation.goals = ""
    innovation.save()

    response = page_client(operator).post(url(innovation), {"action": "submit"})

    assert response.status_code == 400
    required = "This field is required before the innovation is submitted."
    html = response.content.decode()
    start = html.index('data-errors="submit"')
    under_button = html[start : html.index("</ul>", start)]
    assert f"<li>Origin: {required}</li>" in under_button
    assert f"<li>Goals (tujuan): {required}</li>" in under_button
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == (f"“Submit” was not done: Origin: {required} Goals (tujuan): {required}")


def test_refusal_about_no_profile_field_is_not_labelled(curator, submitted):
    response = page_client(curator).post(url(submitted), {"action": "request_revision"})

    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == "“Request revision” was not done: Please give a reason."


def test_guard_refusal_shows_as_message(lead_curator, submitted):
    def needs_review(innovation, user, note):
        return {"reviews": ["A review is needed first."]}

    submitted.status = Status.IN_REVIEW
    submitted.save()
    workflow.register_guard(Action.APPROVE, needs_review)
    try:
        response = page_client(lead_curator).post(url(submitted), {"action": "approve"})
    finally:
        unregister_guard(Action.APPROVE, needs_review)

    assert response.status_code == 400
    assert "A review is needed first." in response.content.decode()


def test_action_in_wrong_state_shows_conflict(admin_user, innovation):
    response = page_client(admin_user).post(url(innovation), {"action": "launch"})

    assert response.status_code == 409
    assert "is not possible while the innovation is" in response.content.decode()
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_action_of_another_role_is_forbidden(operator, submitted):
    response = page_client(operator).post(url(submitted), {"action": "start_review"})

    assert response.status_code == 403
    assert "You are not allowed to do this." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_action_the_role_may_never_take_is_forbidden_in_any_status(operator, submitted):
    """API.md's precedence: 403, not 409, although a submitted innovation cannot be approved yet."""
    response = page_client(operator).post(url(submitted), {"action": "approve"})

    assert response.status_code == 403
    assert "You are not allowed to do this." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_action_of_the_role_in_another_status_is_a_conflict(lead_curator, submitted):
    response = page_client(lead_curator).post(url(submitted), {"action": "approve"})

    assert response.status_code == 409
    assert "is not possible while the innovation is" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_unknown_action_is_refused(operator, innovation):
    response = page_client(operator).post(url(innovation), {"action": "publish"})

    assert response.status_code == 400
    assert "Unknown action" in response.content.decode()


def test_action_on_other_units_innovation_not_found(other_operator, innovation):
    response = page_client(other_operator).post(url(innovation), {"action": "withdraw"})

    assert response.status_code == 404
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_action_anonymous_redirected_to_login(innovation):
    assert redirects_to_login(page_client().post(url(innovation), {"action": "withdraw"}))
