"""Every write to an innovation, with its rules. Forms, serializers, commands and tasks call these.

Refusals are the project's error contract (`intan_banjar.exceptions`), answered alike by the API's
exception handler and the pages' `attempt`: `InvalidInput` per field (400; a model's own
`full_clean()` ValidationError is answered the same way), `TooLarge` for an upload over the limit
(413), `Refused` when the user's role or unit may never do this (403), `StateConflict` when the
user could, but not in the innovation's current status (409, with the actions possible now). A
403 comes before a 409: `innovation_transition` asks the table's `who` before the status.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.fields import normalize_nip
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .checks import shown_date
from .enums import (
    EDITABLE_STATUSES,
    Action,
    Status,
)
from .evidence_services import innovation_set_lab_stage
from .held import HELD_ACTIONS, HeldDecisionChange
from .models import (
    PROFILE_FIELDS,
    CommunitySubmitter,
    Cycle,
    DeadlineExtension,
    HeldDecision,
    Innovation,
    Innovator,
    Partner,
    TransitionLog,
)
from .querysets import profile_lists
from .refusals import not_editable
from .rules import (
    is_innovation_owner,
    may_choose_unit,
    may_create_innovation,
    may_manage_cycles,
)
from .signals import innovation_transitioned
from .versions import profile_snapshot
from .workflow import TRANSITIONS, allowed_actions, rule_errors

# Profile fields a user types (the rest is derived or belongs to the workflow).
EDITABLE_FIELDS = frozenset(PROFILE_FIELDS)
_NOT_VALIDATED = ["code", "source_category", "created_by"]


def _check_names(fields):
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")


def _row_errors(label, rows, build):
    """Build related objects from dicts; their errors as readable messages under one key."""
    objects, messages = [], []
    for position, row in enumerate(rows or [], start=1):
        obj = build(position, row)
        try:
            obj.full_clean(exclude=["innovation"])
        except ValidationError as exc:
            for field, field_messages in exc.message_dict.items():
                name = str(obj._meta.get_field(field).verbose_name) if field != "__all__" else ""
                for message in field_messages:
                    prefix = f"{label} {position}" + (f", {name}" if name else "")
                    messages.append(f"{prefix}: {message}")
        objects.append(obj)
    return objects, messages


def _innovators(rows):
    return _row_errors(
        _("Innovator"),
        rows,
        lambda position, row: Innovator(
            name=(row.get("name") or "").strip(),
            nip=normalize_nip(row.get("nip")),
            position=position,
        ),
    )


def _partners(rows):
    return _row_errors(
        _("Partner"),
        rows,
        lambda position, row: Partner(
            actor=row.get("actor") or "",
            name=(row.get("name") or "").strip(),
            role=(row.get("role") or "").strip(),
            position=position,
        ),
    )


def _submitter(data, existing=None):
    submitter = existing or CommunitySubmitter()
    for name in ("name", "email", "phone", "village"):
        if name in data:
            setattr(submitter, name, (data.get(name) or "").strip())
    try:
        submitter.full_clean(exclude=["innovation"])
    except ValidationError as exc:
        return submitter, [
            f"{submitter._meta.get_field(f).verbose_name}: {m}"
            for f, ms in exc.message_dict.items()
            for m in ms
        ]
    return submitter, []


def _validate(
    innovation, innovators, partners, submitter_data, existing_submitter=None, *, loaded=()
):
    """The profile's and its rows' errors, all at once (400). `loaded` names foreign keys whose
    objects the caller already read (they exist): Django would query each one again."""
    errors = {}
    try:
        innovation.full_clean(exclude=[*_NOT_VALIDATED, *loaded])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    built = {}
    if innovators is not None:
        built["innovators"], messages = _innovators(innovators)
        if messages:
            errors["innovators"] = messages
    if partners is not None:
        built["partners"], messages = _partners(partners)
        if messages:
            errors["partners"] = messages
    if submitter_data is not None:
        built["submitter"], messages = _submitter(submitter_data, existing_submitter)
        if messages:
            errors["community_submitter"] = messages
    if errors:
        raise InvalidInput(errors)
    return built


def _replace_related(innovation, built, *, new=False):
    """The lists replace what the innovation had (a `new` innovation has nothing to delete)."""
    if "innovators" in built:
        if not new:
            innovation.innovators.all().delete()
        for obj in built["innovators"]:
            obj.innovation = innovation
        Innovator.objects.bulk_create(built["innovators"])
    if "partners" in built:
        if not new:
            innovation.partners.all().delete()
        for obj in built["partners"]:
            obj.innovation = innovation
        Partner.objects.bulk_create(built["partners"])
    if "submitter" in built:
        built["submitter"].innovation = innovation
        built["submitter"].save()


@transaction.atomic
def innovation_create(
    *,
    by,
    cycle,
    unit=None,
    innovators=None,
    partners=None,
    community_submitter=None,
    lab_stage="",
    is_demo=False,
    **fields,
):
    """A new draft. Unit staff always create for their own unit, whatever `unit` says.

    Curators and admins create for any unit, or a community entry (no unit, a submitter);
    `by=None` is the public community form: always a community entry.
    """
    _check_names(fields)
    if by is None:
        unit = None
    elif not may_create_innovation(by):
        raise Refused(_("Your role cannot create innovations."))
    elif not may_choose_unit(by):
        unit = by.unit
        if not Cycle.objects.open_for(unit).filter(pk=cycle.pk).exists():
            raise InvalidInput({"year": [closed_cycle_message(cycle)]}, code="cycle_closed")
    if unit is None and not community_submitter:
        raise InvalidInput(
            {"community_submitter": [_("A community innovation needs its submitter.")]}
        )
    if unit is not None and community_submitter:
        raise InvalidInput(
            {"community_submitter": [_("Only a community innovation has a community submitter.")]}
        )
    innovation = Innovation(
        cycle=cycle, unit=unit, created_by=by, status=Status.DRAFT, is_demo=is_demo, **fields
    )
    # The cycle was read by the caller; the unit is the caller's or the user's own.
    loaded = ["cycle"] + (["unit"] if unit is not None else [])
    built = _validate(innovation, innovators, partners, community_submitter, loaded=loaded)
    innovation.save()
    _replace_related(innovation, built, new=True)
    if lab_stage:
        innovation_set_lab_stage(innovation=innovation, stage=lab_stage, by=by, check_rights=False)
    return innovation


def closed_cycle_message(cycle):
    return _(
        "The %(year)s cycle is not open for submissions (%(opens)s to %(deadline)s): a unit "
        "creates innovations only in an open cycle."
    ) % {
        "year": cycle.year,
        "opens": shown_date(cycle.submission_opens),
        "deadline": shown_date(cycle.submission_deadline),
    }


@transaction.atomic
def innovation_update(
    *, innovation, by, innovators=None, partners=None, community_submitter=None, **changes
):
    """Change the profile: only its owner, only in draft or revision_requested (else 409).

    `innovators` and `partners`, when given, replace the lists; `lab_stage` records progress.
    """
    if not is_innovation_owner(by, innovation):
        raise Refused(_("Only the innovation's own unit can change it."))
    locked = Innovation.objects.locked(innovation.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise not_editable(locked, by)
    lab_stage = changes.pop("lab_stage", None)
    _check_names(changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    if community_submitter is not None and locked.unit_id is not None:
        raise InvalidInput(
            {"community_submitter": [_("Only a community innovation has a community submitter.")]}
        )
    # The submitter's row is read only to be changed.
    existing = (
        CommunitySubmitter.objects.filter(innovation=locked).first()
        if community_submitter is not None
        else None
    )
    # The lock read the cycle and the unit with the row (`lock_related`); a change never moves
    # the innovation to another one.
    built = _validate(
        locked, innovators, partners, community_submitter, existing, loaded=["cycle", "unit"]
    )
    locked.save()
    _replace_related(locked, built)
    if lab_stage is not None and lab_stage != locked.lab_stage:
        locked = innovation_set_lab_stage(innovation=locked, stage=lab_stage, by=by)
    return locked


def _keep_replaced_decision(locked, by, now):
    """The decision held for `locked`, if any, kept as replaced by `by` (a later decision or a
    revision request takes its place before publication); the held row itself is left."""
    held = HeldDecision.objects.filter(innovation=locked, publication__isnull=True).first()
    if held is not None:
        HeldDecisionChange.objects.create(
            innovation=locked,
            action=held.action,
            note=held.note,
            decided_by_id=held.decided_by_id,
            decided_at=held.decided_at,
            changed_by=by,
            changed_at=now,
        )
    return held


def _hold_decision(innovation, locked, action, by, note):
    """Record the decision for the cycle's publication; the unit keeps seeing "in review".

    A decision already held is replaced (the table lets deciders decide while the status is in
    review, and a held decision is no status), but never silently: the replaced decision and who
    replaced it are kept (`HeldDecisionChange`) and shown where the held decision is. The
    innovation's row is locked, so two deciders replace one after the other.
    """
    if locked.status == Status.SUBMITTED:
        locked = innovation_transition(innovation=locked, action=Action.START_REVIEW, by=by)
    now = timezone.now()
    _keep_replaced_decision(locked, by, now)
    HeldDecision.objects.update_or_create(
        innovation=locked,
        defaults={
            "action": action,
            "note": note or "",
            "decided_by": by,
            "decided_at": now,
            "publication": None,
        },
    )
    innovation.status = locked.status
    return locked


@transaction.atomic
def innovation_transition(*, innovation, action, by, note="", system=False, publishing=False):
    """Perform one action of the workflow table; the only way a status changes.

    Order: known action (400), lock and re-read the row, the user's role and unit may take the
    action at all (403, whatever the status: API.md's precedence), the status allows it (409),
    the rule and registered guards hold (400); then save, log, snapshot on submit, and signal
    (inside the transaction). `system=True` (the public form's e-mail confirmation) skips the
    role. In a cycle that publishes decisions together, approve and reject are held
    (`held.HeldDecision`) until `publishing.decisions_publish` applies them (`publishing=True`).
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise InvalidInput(
            {"action": [_("Unknown action “%(action)s”.") % {"action": action}]},
            code="invalid_action",
        )
    locked = Innovation.objects.locked(innovation.pk)
    from_status = locked.status
    if not system and not transition.permits(by, locked):
        raise Refused(_("You are not allowed to do this."))
    if not transition.allows_now(locked, by):
        raise StateConflict(
            _("“%(action)s” is not possible while the innovation is “%(status)s”.")
            % {"action": Action(action).label, "status": Status(from_status).label},
            status=from_status,
            allowed_actions=allowed_actions(locked, by),
        )
    errors = rule_errors(transition, locked, by, note)
    if errors:
        raise InvalidInput(errors)
    if action in HELD_ACTIONS and not publishing and locked.cycle.publish_decisions_together:
        return _hold_decision(innovation, locked, action, by, note)

    now = timezone.now()
    if action == Action.REQUEST_REVISION:
        # A revision request supersedes a decision not yet published; the record keeps it.
        held = _keep_replaced_decision(locked, by, now)
        if held is not None:
            held.delete()
    target = transition.target_for(locked, by)
    reaches_curators = action == Action.SUBMIT and target == Status.SUBMITTED
    if reaches_curators:
        if locked.submitted_at is not None:
            locked.review_round += 1  # a resubmission opens a new round of reviews
        locked.submitted_at = now
    elif action in (Action.APPROVE, Action.REJECT):
        locked.decided_at = now
    elif action == Action.REOPEN:
        locked.decided_at = None
    locked.status = target
    locked.save(
        update_fields=["status", "submitted_at", "decided_at", "review_round", "updated_at"]
    )
    log = TransitionLog.objects.create(
        innovation=locked,
        at=now,
        actor=by,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        note=note or "",
        review_round=locked.review_round,
    )
    if reaches_curators:
        # The lists as the answer shows them too (the row is locked: they cannot change now).
        prefetch_related_objects([locked], *profile_lists())
        profile_snapshot(innovation=locked, by=by)

    payload = {
        "innovation_id": locked.pk,
        "action": str(action),
        "actor_id": getattr(by, "pk", None),
        "from_status": str(from_status),
        "to_status": str(locked.status),
        "note": note or "",
    }
    # Sent inside the transaction: receivers (the notification outbox) write their rows with the
    # change, so a committed transition never lacks its notification and a rolled-back one
    # never has one. Receivers defer anything external (sending e-mail) to on_commit.
    innovation_transitioned.send(
        sender=Innovation, innovation=locked, log_id=log.pk, publishing=publishing, **payload
    )
    for name in ("status", "submitted_at", "decided_at", "review_round", "updated_at"):
        setattr(innovation, name, getattr(locked, name))
    return locked


@transaction.atomic
def deadline_extension_grant(*, cycle, unit, until, by, reason=""):
    """Let one unit (or, with no unit, community entries) submit until `until`."""
    if not may_manage_cycles(by):
        raise Refused(_("Only an administrator can extend a deadline."))
    extension = DeadlineExtension(cycle=cycle, unit=unit, until=until, reason=reason, granted_by=by)
    extension.full_clean()
    extension.save()
    return extension


@transaction.atomic
def community_submission_confirm(*, innovation):
    """The submitter confirmed their e-mail: the entry is submitted and reaches the curators."""
    submitter = CommunitySubmitter.objects.select_for_update().get(innovation=innovation)
    if submitter.email_confirmed_at is not None:
        return innovation
    submitter.email_confirmed_at = timezone.now()
    submitter.save(update_fields=["email_confirmed_at"])
    return innovation_transition(
        innovation=innovation,
        action=Action.SUBMIT,
        by=None,
        note=_("E-mail address confirmed by the submitter."),
        system=True,
    )
