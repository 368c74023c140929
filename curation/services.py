"""Every write of curation, with its rules. Forms, serializers and views call these.

Refusals are the project's error contract (`intan_banjar.exceptions`): `InvalidInput` per field
(400), `Refused` for a role that may never do this (403, checked first), `StateConflict` for a wrong
state (409: a rubric fixed by its first review, code `rubric_locked`; a review outside curation,
code `review_not_open`; the workflow's own conflicts).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innovations.enums import CURATION_QUEUE_STATUSES, Action, Status
from innovations.models import Cycle, Innovation
from innovations.services import innovation_transition
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .models import Assignment, Criterion, InternalComment, Recommendation, Review
from .rubric import (
    DESCRIPTION_FIELDS,
    SCORE_MAX,
    SCORE_MIN,
    WEIGHT_TOTAL,
    code_is_valid,
    weighted_score,
)
from .rules import (
    approves_without_second_reviewer,
    is_curation_staff,
    is_own_unit,
    is_reviewer,
    may_assign,
    may_edit_rubric,
)
from .signals import curators_assigned

# Assigning ahead of a resubmission is useful, so a revision request does not stop it.
ASSIGNABLE_STATUSES = frozenset({*CURATION_QUEUE_STATUSES, Status.REVISION_REQUESTED})
DECISION_ACTIONS = (
    Action.START_REVIEW,
    Action.REQUEST_REVISION,
    Action.APPROVE,
    Action.REJECT,
)


def _rubric_locked():
    """The rubric is fixed once a review of the cycle exists: changing weights would change
    scores already given. Not one object's status: the 409 carries the message alone."""
    return StateConflict(
        _(
            "The rubric of this cycle can no longer be changed: curators have already scored "
            "innovations with it."
        ),
        code="rubric_locked",
    )


def _review_not_open(innovation, user):
    return StateConflict(
        _("Reviews are possible only while the innovation is submitted or in review."),
        status=innovation.status,
        allowed_actions=allowed_actions(innovation, user),
        code="review_not_open",
    )


def rubric_is_locked(cycle):
    """`cycle` (or its id) has a review: its rubric is fixed."""
    return Review.objects.filter(innovation__cycle=cycle).exists()


def _lock_cycle(cycle_id):
    """The row a rubric change and a cycle's first review both lock, always before any
    innovation row, so they serialise without deadlocks."""
    Cycle.objects.select_for_update().filter(pk=cycle_id).values_list("pk", flat=True).first()


def _rubric_errors(criteria):
    messages, codes, total = [], set(), 0
    if not criteria:
        return [_("The rubric needs at least one criterion.")]
    for position, row in enumerate(criteria, start=1):
        code = str(row.get("code") or "").strip()
        name = str(row.get("name") or "").strip()
        weight = row.get("weight")
        prefix = _("Criterion %(number)s") % {"number": position}
        if not code_is_valid(code):
            messages.append(
                prefix + ": " + _("the code must use lower-case letters, digits and underscores.")
            )
        elif code in codes:
            messages.append(
                prefix + ": " + _("the code “%(code)s” is used twice.") % {"code": code}
            )
        codes.add(code)
        if not name:
            messages.append(prefix + ": " + _("a name is required."))
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
            messages.append(prefix + ": " + _("the weight must be a whole number above 0."))
        else:
            total += weight
    if not messages and total != WEIGHT_TOTAL:
        messages.append(
            _("The weights must add up to %(total)s (now %(sum)s).")
            % {"total": WEIGHT_TOTAL, "sum": total}
        )
    return messages


@transaction.atomic
def rubric_replace(*, cycle, criteria, by):
    """Replace the cycle's rubric with `criteria` ([{code, name, weight, description_1/3/5}]).

    Admins only; weights add up to 100; refused (409) once any review of the cycle exists.
    """
    if not may_edit_rubric(by):
        raise Refused(_("Only an administrator can change the rubric."))
    # Lock the cycle row so a first review and a rubric change cannot cross (see review_save).
    _lock_cycle(cycle.pk)
    if rubric_is_locked(cycle):
        raise _rubric_locked()
    messages = _rubric_errors(criteria)
    if messages:
        raise InvalidInput({"criteria": messages})
    Criterion.objects.filter(cycle=cycle).delete()
    return Criterion.objects.bulk_create(
        Criterion(
            cycle=cycle,
            code=str(row["code"]).strip(),
            name=str(row["name"]).strip(),
            weight=row["weight"],
            order=position,
            **{name: str(row.get(name) or "").strip()[:500] for name in DESCRIPTION_FIELDS},
        )
        for position, row in enumerate(criteria, start=1)
    )


def _curator_errors(innovations, curators):
    errors = []
    for curator in curators:
        if not is_reviewer(curator):
            errors.append(_("%(name)s is not an active curator.") % {"name": curator.email})
            continue
        for innovation in innovations:
            if is_own_unit(curator, innovation):
                errors.append(
                    _("%(name)s belongs to the unit of %(code)s and cannot review it.")
                    % {"name": curator.email, "code": innovation.code}
                )
    return errors


@transaction.atomic
def assignment_create(*, innovations, curators, by):
    """Assign every curator to every innovation (lead curators and admins); already assigned
    pairs are kept as they are. Newly assigned curators are told after the commit."""
    if not may_assign(by):
        raise Refused(_("Only a lead curator or an administrator can assign curators."))
    innovations, curators = list(innovations), list(curators)
    errors = {}
    if not curators:
        errors["curators"] = [_("Choose at least one curator.")]
    else:
        messages = _curator_errors(innovations, curators)
        if messages:
            errors["curators"] = messages
    closed = [i.code for i in innovations if i.status not in ASSIGNABLE_STATUSES]
    if not innovations:
        errors["innovations"] = [_("Choose at least one innovation.")]
    elif closed:
        errors["innovations"] = [_("Not in curation: %(codes)s.") % {"codes": ", ".join(closed)}]
    if errors:
        raise InvalidInput(errors)

    existing = set(
        Assignment.objects.filter(innovation__in=innovations, curator__in=curators).values_list(
            "innovation_id", "curator_id"
        )
    )
    created = Assignment.objects.bulk_create(
        Assignment(innovation=innovation, curator=curator, assigned_by=by)
        for innovation in innovations
        for curator in curators
        if (innovation.pk, curator.pk) not in existing
    )
    new_by_innovation = {}
    for assignment in created:
        new_by_innovation.setdefault(assignment.innovation_id, []).append(assignment.curator_id)
    actor_id = by.pk
    for innovation_id, curator_ids in new_by_innovation.items():
        transaction.on_commit(
            lambda innovation_id=innovation_id, curator_ids=curator_ids: curators_assigned.send(
                sender=Assignment,
                innovation_id=innovation_id,
                curator_ids=curator_ids,
                actor_id=actor_id,
            )
        )
    return created


@transaction.atomic
def assignment_remove(*, innovation, curator, by):
    """Take a curator off an innovation (lead curators and admins), e.g. one assigned by mistake.

    Reviews the curator already saved stay: they are part of the record, and removing the
    assignment only stops asking for more. Returns False when the pair was not assigned.
    """
    if not may_assign(by):
        raise Refused(_("Only a lead curator or an administrator can assign curators."))
    if innovation.status not in ASSIGNABLE_STATUSES:
        raise InvalidInput(
            {"innovations": [_("Not in curation: %(codes)s.") % {"codes": innovation.code}]}
        )
    deleted, _rows = Assignment.objects.filter(innovation=innovation, curator=curator).delete()
    return bool(deleted)


def _score_errors(criteria, scores):
    if not isinstance(scores, dict):
        return [_("Give one score per criterion.")]
    messages = []
    for criterion in criteria:
        value = scores.get(criterion.code)
        if value is None or value == "":
            messages.append(_("%(name)s: a score is required.") % {"name": criterion.name})
        elif (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (SCORE_MIN <= value <= SCORE_MAX)
        ):
            messages.append(
                _("%(name)s: the score must be a whole number from %(min)s to %(max)s.")
                % {"name": criterion.name, "min": SCORE_MIN, "max": SCORE_MAX}
            )
    unknown = sorted(set(scores) - {c.code for c in criteria})
    if unknown:
        messages.append(_("Unknown criteria: %(codes)s.") % {"codes": ", ".join(unknown)})
    return messages


@transaction.atomic
def review_save(*, innovation, by, scores, comment="", recommendation):
    """Create or replace `by`'s review of the innovation's current round -> (review, created).

    Curators only, never on their own unit's innovation; every criterion scored 1-5; only while
    the innovation is submitted or in review. The first review of a `submitted` innovation also
    starts the review (`start_review` through the workflow), so the history shows when curation
    began and a decision (approve needs `in_review`) is possible right after scoring.
    """
    if not is_reviewer(by):
        raise Refused(_("Only curators review innovations."))
    if is_own_unit(by, innovation):
        raise Refused(_("You cannot review an innovation of your own unit."))
    if not rubric_is_locked(innovation.cycle_id):
        # The first review fixes the rubric: lock the cycle row first, as `rubric_replace` does,
        # so both serialise and the criteria read below are the ones that stay.
        _lock_cycle(innovation.cycle_id)
    locked = Innovation.objects.locked(innovation.pk)
    if locked.status not in CURATION_QUEUE_STATUSES:
        raise _review_not_open(locked, by)
    criteria = list(Criterion.objects.filter(cycle_id=locked.cycle_id))
    errors = {}
    if not criteria:
        errors["scores"] = [_("This cycle has no rubric yet.")]
    else:
        messages = _score_errors(criteria, scores)
        if messages:
            errors["scores"] = messages
    if recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose approve, revise or reject.")]
    if errors:
        raise InvalidInput(errors)

    if locked.status == Status.SUBMITTED:
        locked = innovation_transition(innovation=locked, action=Action.START_REVIEW, by=by)
    weights = {c.code: c.weight for c in criteria}
    kept = {code: scores[code] for code in weights}
    given = dict(scores=kept, comment=(comment or "").strip(), recommendation=recommendation)
    given["weighted_score"] = weighted_score(weights, kept)
    # The innovation's row lock (above) orders the writers of its reviews: a read, then an
    # insert or update, cannot race (`update_or_create` adds two savepoints around them).
    key = {"innovation": locked, "curator": by, "round": locked.review_round}
    review = Review.objects.filter(**key).first()
    if created := review is None:
        review = Review.objects.create(**key, **given)
    else:
        for name, value in given.items():
            setattr(review, name, value)
        review.save(update_fields=[*given, "updated_at"])
        review.curator = by  # the one it was read by: the answer shows the curator
    innovation.status = locked.status
    return review, created


@transaction.atomic
def comment_add(*, innovation, by, body):
    """An internal note between curators and admins; the unit never sees it."""
    if not is_curation_staff(by):
        raise Refused(_("Only curators and administrators can comment internally."))
    body = (body or "").strip()
    if not body:
        raise InvalidInput({"body": [_("Write a comment.")]})
    return InternalComment.objects.create(innovation=innovation, author=by, body=body)


@dataclass
class DecisionResult:
    innovation_id: int
    code: str
    title: str
    moved: bool
    status: str
    reason: str = ""

    @property
    def result(self):
        return "moved" if self.moved else "refused"

    @property
    def status_label(self):
        return Status(self.status).label if self.status in Status.values else self.status


def _reason(exc):
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You are not allowed to do this.")


@transaction.atomic
def decision_bulk(*, innovations, action, by, note=""):
    """Apply one workflow action to each innovation, each in its own savepoint.

    One refusal does not stop the others: each item reports whether it moved or why not.
    """
    if action not in DECISION_ACTIONS:
        raise InvalidInput(
            {"action": [_("Choose start review, request revision, approve or reject.")]}
        )
    results = []
    for innovation in innovations:
        try:
            with transaction.atomic():
                moved = innovation_transition(
                    innovation=innovation, action=action, by=by, note=note
                )
        except (StateConflict, PermissionDenied, ValidationError) as exc:
            innovation.refresh_from_db(fields=["status"])
            results.append(
                DecisionResult(
                    innovation.pk,
                    innovation.code,
                    innovation.title,
                    False,
                    str(innovation.status),
                    _reason(exc),
                )
            )
        else:
            results.append(
                DecisionResult(moved.pk, moved.code, moved.title, True, str(moved.status))
            )
    return results


def approve_needs_review(innovation, user, note):
    """Guard of `approve`: at least one completed review of the current round."""
    if Review.objects.filter(innovation=innovation, round=innovation.review_round).exists():
        return {}
    return {
        "reviews": [_("At least one curator must review this round before it can be approved.")]
    }


def approve_needs_another_reviewer(innovation, user, note):
    """Guard of `approve` (four eyes): a lead curator does not approve a round only they reviewed;
    another curator's review, or an administrator's approval, is needed."""
    if user is None or approves_without_second_reviewer(user):
        return {}
    reviewers = set(
        Review.objects.filter(innovation=innovation, round=innovation.review_round).values_list(
            "curator_id", flat=True
        )
    )
    if reviewers and reviewers <= {user.pk}:
        return {
            "reviews": [
                _(
                    "You are the only reviewer of this round: another curator must review it "
                    "before you approve, or an administrator approves it."
                )
            ]
        }
    return {}
