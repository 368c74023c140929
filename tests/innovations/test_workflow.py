"""Every action of the table from every status, for every role (PRODUCT.md §4)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from innovations.enums import Status
from innovations.models import TransitionLog
from innovations.services import innovation_transition
from innovations.signals import innovation_transitioned
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import StateConflict

from .factories import CommunityInnovationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_rules_only")]

UNIT_STAFF = {"operator", "head"}
REVIEWERS = {"curator", "lead_curator", "admin"}
DECIDERS = {"lead_curator", "admin"}

# Written out from PRODUCT.md, independently of innovations.workflow.TRANSITIONS: rows of
# (action, sources, target, who). `submit` has two rows: the unit's staff submit their draft;
# once it awaits the unit head (issue 16), only the head moves it on. Head approval off here.
ROWS = [
    ("submit", {"draft", "revision_requested"}, "submitted", UNIT_STAFF),
    ("submit", {"awaiting_head"}, "submitted", {"head"}),
    ("return_to_operator", {"awaiting_head"}, "draft", {"head"}),
    ("start_review", {"submitted"}, "in_review", REVIEWERS),
    ("request_revision", {"submitted", "in_review"}, "revision_requested", REVIEWERS),
    ("approve", {"in_review"}, "approved", DECIDERS),
    ("reject", {"submitted", "in_review"}, "rejected", DECIDERS),
    (
        "withdraw",
        {"draft", "awaiting_head", "submitted", "revision_requested"},
        "withdrawn",
        UNIT_STAFF,
    ),
    ("launch", {"approved"}, "launched", {"admin"}),
    ("reopen", {"rejected", "withdrawn"}, "draft", {"admin"}),
]
ACTIONS = sorted({row[0] for row in ROWS})
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
CASES = [(action, status, role) for action in ACTIONS for status in Status.values for role in ROLES]


def expected_row(action, status):
    """(target, who) of the row of `action` from `status`, or None when no row allows it."""
    for name, sources, target, who in ROWS:
        if name == action and status in sources:
            return target, who
    return None


def expected_who(action):
    """The roles that may take `action` in some status: the others get 403 whatever the status
    (API.md); these get 409 where their row does not leave from the status (an operator
    submitting what awaits the head submits this innovation in another state, as a draft)."""
    return set().union(*(who for name, _sources, _target, who in ROWS if name == action))


def expected_allowed(status, role):
    return sorted(
        {a for a, src, _, who in ROWS if status in src and role in who},
    )


@pytest.mark.parametrize(("action", "status", "role"), CASES)
def test_transition_table_for_every_role(action, status, role, users_by_role, innovation):
    row = expected_row(action, status)
    target = row[0] if row else None
    user = users_by_role[role]
    innovation.status = status
    if status not in (Status.DRAFT, Status.AWAITING_HEAD):
        innovation.submitted_at = innovation.created_at
    innovation.save()

    # API.md: a role that may never take the action is refused (403) whatever the status; a
    # role that may is told the status and what it can do instead (409).
    if role not in expected_who(action):
        with pytest.raises(PermissionDenied):
            innovation_transition(innovation=innovation, action=action, by=user, note="Alasan")
    elif row is None or role not in row[1]:
        with pytest.raises(StateConflict) as refused:
            innovation_transition(innovation=innovation, action=action, by=user, note="Alasan")
        assert refused.value.status == status
        assert sorted(refused.value.allowed_actions) == expected_allowed(status, role)
    else:
        innovation_transition(innovation=innovation, action=action, by=user, note="Alasan")
        innovation.refresh_from_db()
        assert innovation.status == target
        log = TransitionLog.objects.get(innovation=innovation)
        assert (log.action, log.from_status, log.to_status, log.actor) == (
            action,
            status,
            target,
            user,
        )
        return
    innovation.refresh_from_db()
    assert innovation.status == status
    assert not TransitionLog.objects.filter(innovation=innovation).exists()


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("role", ROLES)
def test_allowed_actions_follow_the_table(status, role, users_by_role, innovation):
    innovation.status = status

    assert sorted(allowed_actions(innovation, users_by_role[role])) == expected_allowed(
        status, role
    )


def test_allowed_actions_empty_for_anonymous(innovation):
    from django.contrib.auth.models import AnonymousUser

    assert allowed_actions(innovation, AnonymousUser()) == []


def test_transition_unknown_action_refused(innovation, operator):
    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=innovation, action="publish", by=operator)

    assert "action" in refused.value.message_dict
    assert not innovation.history.exists()


@pytest.mark.parametrize("action", ["request_revision", "reject"])
def test_transition_reason_required(action, innovation, lead_curator):
    innovation.status = Status.IN_REVIEW
    innovation.save()

    with pytest.raises(ValidationError) as refused:
        innovation_transition(innovation=innovation, action=action, by=lead_curator, note="  ")

    assert "note" in refused.value.message_dict
    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW


def test_transition_submit_sets_submitted_at_and_snapshot(innovation, operator):
    innovation_transition(innovation=innovation, action="submit", by=operator)

    innovation.refresh_from_db()
    assert innovation.submitted_at is not None
    assert innovation.review_round == 1
    assert innovation.versions.count() == 1
    assert innovation.versions.get().data["title"] == innovation.title


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_transition_decision_sets_decided_at(action, innovation, lead_curator):
    innovation.status = Status.IN_REVIEW
    innovation.save()

    innovation_transition(innovation=innovation, action=action, by=lead_curator, note="Alasan")

    innovation.refresh_from_db()
    assert innovation.decided_at is not None


def test_transition_signal_sent_inside_the_transaction(innovation, operator):
    received = []

    def receiver(sender, **kwargs):
        received.append((transaction.get_connection().in_atomic_block, kwargs))

    innovation_transitioned.connect(receiver)
    try:
        innovation_transition(innovation=innovation, action="submit", by=operator, note="x")
    finally:
        innovation_transitioned.disconnect(receiver)

    assert len(received) == 1
    in_atomic_block, kwargs = received[0]
    assert in_atomic_block  # the receiver's writes share the transition's fate
    log = innovation.history.get()
    assert {k: v for k, v in kwargs.items() if k not in ("signal", "innovation")} == {
        "innovation_id": innovation.pk,
        "action": "submit",
        "actor_id": operator.pk,
        "from_status": "draft",
        "to_status": "submitted",
        "note": "x",
        "log_id": log.pk,
        "publishing": False,
    }
    # the locked row itself, as saved, for receivers inside the transaction
    assert kwargs["innovation"].pk == innovation.pk
    assert kwargs["innovation"].status == "submitted"


def test_transition_rolled_back_when_a_receiver_fails(innovation, operator):
    def receiver(sender, **kwargs):
        raise RuntimeError("outbox unavailable")

    innovation_transitioned.connect(receiver)
    try:
        with pytest.raises(RuntimeError):
            innovation_transition(innovation=innovation, action="submit", by=operator)
    finally:
        innovation_transitioned.disconnect(receiver)

    innovation.refresh_from_db()
    assert innovation.status == "draft"
    assert not innovation.history.exists()


def test_transition_refused_sends_no_signal(innovation, curator):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    innovation_transitioned.connect(receiver)
    try:
        with pytest.raises(PermissionDenied):
            innovation_transition(innovation=innovation, action="submit", by=curator)
    finally:
        innovation_transitioned.disconnect(receiver)

    assert received == []


def test_community_entry_submitted_by_the_curator_who_entered_it(curator, cycle):
    entry = CommunityInnovationFactory(created_by=curator, cycle=cycle)

    innovation_transition(innovation=entry, action="submit", by=curator)

    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED
    assert entry.source_category == "masyarakat"


@pytest.mark.parametrize("role", ["lead_curator", "admin", "operator", "leader"])
def test_community_entry_not_submitted_by_anyone_else(role, users_by_role, curator, cycle):
    entry = CommunityInnovationFactory(created_by=curator, cycle=cycle)

    with pytest.raises(PermissionDenied):
        innovation_transition(innovation=entry, action="submit", by=users_by_role[role])


def test_allowed_actions_of_community_entry_for_its_curator(curator, cycle):
    entry = CommunityInnovationFactory(created_by=curator, cycle=cycle)

    assert allowed_actions(entry, curator) == ["submit", "withdraw"]


def test_registered_guard_refuses_with_its_fields(innovation, lead_curator):
    from innovations.workflow import register_guard

    from .guards import unregister_guard

    def needs_review(innovation, user, note):
        return {"reviews": ["At least one completed review is needed."]}

    innovation.status = Status.IN_REVIEW
    innovation.save()
    register_guard("approve", needs_review)
    try:
        with pytest.raises(ValidationError) as refused:
            innovation_transition(innovation=innovation, action="approve", by=lead_curator)
    finally:
        unregister_guard("approve", needs_review)

    assert refused.value.message_dict == {"reviews": ["At least one completed review is needed."]}
    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW


def test_reopened_and_resubmitted_innovation_starts_new_round(innovation, operator, admin_user):
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(innovation=innovation, action="withdraw", by=operator)
    innovation_transition(innovation=innovation, action="reopen", by=admin_user)
    innovation_transition(innovation=innovation, action="submit", by=operator)

    innovation.refresh_from_db()
    assert innovation.review_round == 2
    assert innovation.decided_at is None
    assert list(innovation.history.values_list("action", flat=True)) == [
        "submit",
        "withdraw",
        "reopen",
        "submit",
    ]
