"""The curation workflow as data: the transition table of PRODUCT.md §4 and its guards.

`innovations.services.innovation_transition` is the only code that changes a status; the API's
`allowed_actions`, the pages' buttons (and which of them ask for a note) and the service all read
this one table. A refusal is one of `intan_banjar.exceptions`: `Refused` when `who` says no
(whatever the status), `StateConflict` when the status is not a source, `InvalidInput` when the
rule or a guard does not hold.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.rules import is_admin, is_curator, is_decider, is_head
from intan_banjar.transitions import Transition as BaseTransition

from .checks import note_required_errors, submit_errors
from .enums import Action, Status
from .rules import is_innovation_owner, may_approve

S = Status


@dataclass(frozen=True)
class Transition(BaseTransition):
    # route(innovation, user) -> status: where this attempt leads, when that depends on the
    # cycle's settings (submit goes to the unit head first where the cycle asks for it)
    route: Callable | None = None
    # ((status, sentence), ...): what the page says when the route led somewhere else than
    # `target` (an operator's submission that waits for the head is not "submitted" yet)
    routed_messages: tuple = ()

    def message_for(self, status):
        return str(dict(self.routed_messages).get(status, self.done_message))

    @property
    def needs_note(self):
        """The rule asks for a note (why a revision or a rejection): pages show a note field."""
        return self.rule is note_required_errors

    def target_for(self, innovation, user):
        return self.route(innovation, user) if self.route else self.target


def _role(predicate):
    """Lift a user-only predicate to the (user, innovation) signature of the table."""
    return lambda user, innovation: bool(predicate(user))


def _owner(user, innovation):
    return bool(is_innovation_owner(user, innovation))


def _approver(user, innovation):
    return bool(may_approve(user, innovation))


def _unit_head(user, innovation):
    return bool(is_head(user) and is_innovation_owner(user, innovation))


def _submits_now(user, innovation):
    """The unit's staff submit their draft; once it awaits the head, only the head moves it on."""
    return innovation.status != S.AWAITING_HEAD or _unit_head(user, innovation)


def _submit_route(innovation, user):
    """An operator's submission waits for the head where the cycle asks for the head's approval;
    the head's own submission (of a draft or of what waits for them) goes to Bappedalitbang."""
    if (
        innovation.status != S.AWAITING_HEAD
        and innovation.unit_id is not None
        and not is_head(user)
        and innovation.cycle.head_approval_required
    ):
        return S.AWAITING_HEAD
    return S.SUBMITTED


_curator_or_admin = _role(is_curator | is_admin)
# A decision the cycle holds for publication leaves the innovation in review (services).
_HELD = _("The decision is recorded; it is published with the cycle's other decisions.")

TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            Action.SUBMIT,
            frozenset({S.DRAFT, S.REVISION_REQUESTED, S.AWAITING_HEAD}),
            S.SUBMITTED,
            _owner,
            submit_errors,
            done_message=_("The innovation was submitted to Bappedalitbang."),
            route=_submit_route,
            routed_messages=(
                (S.AWAITING_HEAD, _("The innovation was sent to the unit head for approval.")),
            ),
            only_now=_submits_now,
        ),
        Transition(
            Action.RETURN_TO_OPERATOR,
            frozenset({S.AWAITING_HEAD}),
            S.DRAFT,
            _unit_head,
            note_required_errors,
            done_message=_("The innovation was returned to the operators with your note."),
        ),
        Transition(
            Action.START_REVIEW,
            frozenset({S.SUBMITTED}),
            S.IN_REVIEW,
            _curator_or_admin,
            done_message=_("The review has started."),
        ),
        Transition(
            Action.REQUEST_REVISION,
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.REVISION_REQUESTED,
            _curator_or_admin,
            note_required_errors,
            done_message=_("Revision requested; the unit is told the reason."),
        ),
        Transition(
            Action.APPROVE,
            frozenset({S.IN_REVIEW}),
            S.APPROVED,
            _approver,
            done_message=_("The innovation was approved."),
            routed_messages=((S.IN_REVIEW, _HELD),),
        ),
        Transition(
            Action.REJECT,
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.REJECTED,
            _role(is_decider),
            note_required_errors,
            done_message=_("The innovation was rejected."),
            routed_messages=((S.IN_REVIEW, _HELD),),
        ),
        Transition(
            Action.WITHDRAW,
            frozenset({S.DRAFT, S.AWAITING_HEAD, S.SUBMITTED, S.REVISION_REQUESTED}),
            S.WITHDRAWN,
            _owner,
            done_message=_("The innovation was withdrawn."),
        ),
        Transition(
            Action.LAUNCH,
            frozenset({S.APPROVED}),
            S.LAUNCHED,
            _role(is_admin),
            done_message=_("The innovation was launched."),
        ),
        Transition(
            Action.REOPEN,
            frozenset({S.REJECTED, S.WITHDRAWN}),
            S.DRAFT,
            _role(is_admin),
            done_message=_("The innovation was reopened as a draft."),
        ),
    )
}

# Actions whose note is required, in the table's order (the pages' note fields).
NOTE_ACTIONS = tuple(action for action, t in TRANSITIONS.items() if t.needs_note)

# Guards registered by apps further down the dependency chain (curation: approve needs a review).
_guards = defaultdict(list)


def register_guard(action, fn):
    """Add `fn(innovation, user, note) -> {field: [messages]}` to the checks of `action`."""
    if action not in TRANSITIONS:
        raise ValueError(f"Unknown action {action!r}")
    if fn not in _guards[action]:
        _guards[action].append(fn)
    return fn


def rule_errors(transition, innovation, user, note):
    """Errors of the table's own rule and every registered guard, merged per field."""
    errors = defaultdict(list)
    checks = [transition.rule] if transition.rule else []
    for check in [*checks, *_guards[transition.action]]:
        for field, messages in (check(innovation, user, note) or {}).items():
            errors[field].extend([messages] if isinstance(messages, str) else messages)
    return dict(errors)


def done_message(action, status):
    """The sentence a page shows after `action` moved an innovation to `status`."""
    return TRANSITIONS[action].message_for(status)


def allowed_actions(innovation, user):
    """Actions this user may attempt now, by status and role (rules are checked on the attempt).

    Reads only columns of the row and the user: no query, so lists can call it per row.
    """
    if user is None or not user.is_authenticated:
        return []
    return [
        action
        for action, t in TRANSITIONS.items()
        if t.permits(user, innovation) and t.allows_now(innovation, user)
    ]
