"""Every write to an innovation, with its rules. Forms, serializers, commands and tasks call these.

Errors follow one convention: `ValidationError` per field (400), `PermissionDenied` (403),
`workflow.TransitionNotAllowed` for a wrong status (409).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_admin, is_curator, is_unit_staff

from .checks import region_today
from .enums import (
    CLOSED_STATUSES,
    EDITABLE_STATUSES,
    STAGE_EVIDENCE_OPEN,
    Action,
    LabStage,
    Status,
    lab_stage_index,
)
from .models import (
    PROFILE_FIELDS,
    Attachment,
    CommunitySubmitter,
    DeadlineExtension,
    Innovation,
    Innovator,
    LabStageRecord,
    Partner,
    TransitionLog,
)
from .rules import is_innovation_owner
from .signals import innovation_transitioned
from .uploads import check_upload, clean_filename
from .versions import profile_snapshot
from .workflow import TRANSITIONS, TransitionNotAllowed, allowed_actions, rule_errors

# Profile fields a user types (the rest is derived or belongs to the workflow).
EDITABLE_FIELDS = frozenset(PROFILE_FIELDS)
_NOT_VALIDATED = ["code", "source_category", "created_by"]


def _check_names(fields):
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")


def _lock(innovation):
    """The row locked for this transaction, read fresh: another request may just have changed it."""
    return (
        Innovation.objects.select_for_update(of=("self",))
        .select_related("cycle", "unit")
        .get(pk=innovation.pk)
    )


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
            nip=(row.get("nip") or "").strip(),
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


def _validate(innovation, innovators, partners, submitter_data, existing_submitter=None):
    errors = {}
    try:
        innovation.full_clean(exclude=_NOT_VALIDATED)
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
        raise ValidationError(errors)
    return built


def _replace_related(innovation, built):
    if "innovators" in built:
        innovation.innovators.all().delete()
        for obj in built["innovators"]:
            obj.innovation = innovation
        Innovator.objects.bulk_create(built["innovators"])
    if "partners" in built:
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
    elif is_unit_staff(by):
        unit = by.unit
    elif not (is_curator(by) or is_admin(by)):
        raise PermissionDenied(_("Your role cannot create innovations."))
    if unit is None and not community_submitter:
        raise ValidationError(
            {"community_submitter": [_("A community innovation needs its submitter.")]}
        )
    if unit is not None and community_submitter:
        raise ValidationError(
            {"community_submitter": [_("Only a community innovation has a community submitter.")]}
        )
    innovation = Innovation(
        cycle=cycle, unit=unit, created_by=by, status=Status.DRAFT, is_demo=is_demo, **fields
    )
    built = _validate(innovation, innovators, partners, community_submitter)
    innovation.save()
    _replace_related(innovation, built)
    if lab_stage:
        innovation_set_lab_stage(innovation=innovation, stage=lab_stage, by=by, check_rights=False)
    return innovation


def _not_editable(innovation, user):
    return TransitionNotAllowed(
        status=innovation.status,
        allowed_actions=allowed_actions(innovation, user),
        detail=_("The profile can be changed only in draft or after a revision request."),
    )


@transaction.atomic
def innovation_update(
    *, innovation, by, innovators=None, partners=None, community_submitter=None, **changes
):
    """Change the profile: only its owner, only in draft or revision_requested (else 409).

    `innovators` and `partners`, when given, replace the lists; `lab_stage` records progress.
    """
    if not is_innovation_owner(by, innovation):
        raise PermissionDenied(_("Only the innovation's own unit can change it."))
    locked = _lock(innovation)
    if locked.status not in EDITABLE_STATUSES:
        raise _not_editable(locked, by)
    lab_stage = changes.pop("lab_stage", None)
    _check_names(changes)
    for name, value in changes.items():
        setattr(locked, name, value)
    if community_submitter is not None and locked.unit_id is not None:
        raise ValidationError(
            {"community_submitter": [_("Only a community innovation has a community submitter.")]}
        )
    existing = CommunitySubmitter.objects.filter(innovation=locked).first()
    built = _validate(locked, innovators, partners, community_submitter, existing)
    locked.save()
    _replace_related(locked, built)
    if lab_stage is not None and lab_stage != locked.lab_stage:
        locked = innovation_set_lab_stage(innovation=locked, stage=lab_stage, by=by)
    return locked


@transaction.atomic
def innovation_transition(*, innovation, action, by, note="", system=False):
    """Perform one action of the workflow table; the only way a status changes.

    Order: known action (400), lock and re-read the row, status allows it (409), the user may
    (403), the rule and registered guards hold (400); then save, log, snapshot on submit, and
    signal (inside the transaction). `system=True` (the public form's e-mail confirmation)
    skips the role.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(
            {"action": [_("Unknown action “%(action)s”.") % {"action": action}]},
            code="invalid_action",
        )
    locked = _lock(innovation)
    from_status = locked.status
    if not transition.allows_from(from_status):
        raise TransitionNotAllowed(
            status=from_status,
            allowed_actions=allowed_actions(locked, by),
            detail=_("“%(action)s” is not possible while the innovation is “%(status)s”.")
            % {"action": Action(action).label, "status": Status(from_status).label},
        )
    if not system and not transition.who(by, locked):
        raise PermissionDenied(_("You are not allowed to do this."))
    errors = rule_errors(transition, locked, by, note)
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    if action == Action.SUBMIT:
        if locked.submitted_at is not None:
            locked.review_round += 1  # a resubmission opens a new round of reviews
        locked.submitted_at = now
    elif action in (Action.APPROVE, Action.REJECT):
        locked.decided_at = now
    elif action == Action.REOPEN:
        locked.decided_at = None
    locked.status = transition.target
    locked.save(
        update_fields=["status", "submitted_at", "decided_at", "review_round", "updated_at"]
    )
    TransitionLog.objects.create(
        innovation=locked,
        at=now,
        actor=by,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        note=note or "",
        review_round=locked.review_round,
    )
    if action == Action.SUBMIT:
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
    innovation_transitioned.send(sender=Innovation, **payload)
    for name in ("status", "submitted_at", "decided_at", "review_round", "updated_at"):
        setattr(innovation, name, getattr(locked, name))
    return locked


@transaction.atomic
def innovation_set_lab_stage(*, innovation, stage, by, reached_on=None, note="", check_rights=True):
    """Record Laboratorium Inovasi progress. Moving back is for admins only, and is recorded."""
    if check_rights and not (is_innovation_owner(by, innovation) or is_admin(by)):
        raise PermissionDenied(_("Only the innovation's own unit can record its progress."))
    if stage not in LabStage.values:
        raise ValidationError({"lab_stage": [_("Choose a Laboratorium Inovasi stage.")]})
    reached_on = reached_on or region_today()
    if reached_on > region_today():
        raise ValidationError({"reached_on": [_("The date cannot be in the future.")]})
    locked = _lock(innovation)
    current = locked.lab_stage
    if stage == current:
        return locked
    if lab_stage_index(stage) < lab_stage_index(current) and check_rights and not is_admin(by):
        raise PermissionDenied(_("Only an administrator can move back to an earlier stage."))
    LabStageRecord.objects.create(
        innovation=locked,
        stage=stage,
        previous_stage=current,
        reached_on=reached_on,
        recorded_by=by,
        note=note or "",
    )
    locked.lab_stage = stage
    locked.save(update_fields=["lab_stage", "updated_at"])
    innovation.lab_stage = stage
    return locked


def _may_add_evidence(innovation, user, lab_stage):
    if is_innovation_owner(user, innovation):
        return True
    return bool(lab_stage) and is_admin(user)


def _stage_closed(innovation, user, lab_stage):
    return TransitionNotAllowed(
        status=innovation.status,
        allowed_actions=allowed_actions(innovation, user),
        detail=_(
            "Evidence of the “%(stage)s” stage cannot be added while the innovation is "
            "“%(status)s”."
        )
        % {"stage": LabStage(lab_stage).label, "status": Status(innovation.status).label},
    )


@transaction.atomic
def attachment_add(*, innovation, by, file, kind, indicator=None, lab_stage=""):
    """Store one evidence file after checking its content; a refused file leaves nothing behind.

    Evidence goes with an editable profile. An artefact of a Laboratorium stage is accepted only
    while that stage is open for the unit (`enums.STAGE_EVIDENCE_OPEN`): never while curators
    judge the profile, Deliver and Display after approval, Display after the launch (409
    otherwise). Administrators record stage artefacts whenever the innovation is not closed.
    """
    if not _may_add_evidence(innovation, by, lab_stage):
        raise PermissionDenied(_("Only the innovation's own unit can add evidence."))
    if lab_stage and lab_stage not in LabStage.values:
        raise ValidationError({"lab_stage": [_("Choose a Laboratorium Inovasi stage.")]})
    locked = _lock(innovation)
    if not lab_stage:
        if locked.status not in EDITABLE_STATUSES:
            raise _not_editable(locked, by)
    elif is_admin(by):
        if locked.status in CLOSED_STATUSES:
            raise _stage_closed(locked, by, lab_stage)
    elif lab_stage not in STAGE_EVIDENCE_OPEN.get(locked.status, ()):
        raise _stage_closed(locked, by, lab_stage)
    content_type = check_upload(file)
    attachment = Attachment(
        innovation=locked,
        kind=kind,
        indicator=indicator,
        lab_stage=lab_stage or "",
        filename=clean_filename(getattr(file, "name", "")),
        size=file.size,
        content_type=content_type,
        uploaded_by=by,
    )
    attachment.full_clean(exclude=["file", "innovation"])
    attachment.file.save(attachment.filename, file, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, attachment, by):
    innovation = attachment.innovation
    if not is_innovation_owner(by, innovation):
        raise PermissionDenied(_("Only the innovation's own unit can remove evidence."))
    locked = _lock(innovation)
    if locked.status not in EDITABLE_STATUSES:
        raise _not_editable(locked, by)
    attachment.delete()
    release_file(attachment.file)


def release_file(field_file):
    """Delete a stored file after commit, unless another attachment still points at it.

    An innovation continued into a new year reuses its earlier evidence without a copy on disk
    (portfolio.continuation): two attachment rows then share one file, which must outlive the
    first row removed.
    """
    storage, name = field_file.storage, field_file.name
    if not name or Attachment.objects.filter(file=name).exists():
        return
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def deadline_extension_grant(*, cycle, unit, until, by, reason=""):
    """Let one unit (or, with no unit, community entries) submit until `until`."""
    if not is_admin(by):
        raise PermissionDenied(_("Only an administrator can extend a deadline."))
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
