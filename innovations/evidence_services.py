"""Writes to an innovation's Laboratorium Inovasi progress and its evidence files, with their
rules: who may record a stage or add a file, in which status, and what a refused file leaves
behind (nothing). The error contract is `innovations.services`'.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .checks import region_today
from .enums import (
    CLOSED_STATUSES,
    EDITABLE_STATUSES,
    STAGE_EVIDENCE_OPEN,
    LabStage,
    Status,
    lab_stage_index,
)
from .models import Attachment, Innovation, LabStageRecord
from .refusals import not_editable
from .rules import (
    is_iid_evidence_uploader,
    is_innovation_owner,
    may_add_iid_evidence,
    may_add_stage_evidence_any_time,
    may_move_lab_stage_back,
    may_record_lab_stage,
)
from .uploads import check_upload, delete_after_commit, save_with_file, upload_name
from .workflow import allowed_actions


@transaction.atomic
def innovation_set_lab_stage(*, innovation, stage, by, reached_on=None, note="", check_rights=True):
    """Record Laboratorium Inovasi progress. Moving back is for admins only, and is recorded."""
    if check_rights and not may_record_lab_stage(by, innovation):
        raise Refused(_("Only the innovation's own unit can record its progress."))
    if stage not in LabStage.values:
        raise InvalidInput({"lab_stage": [_("Choose a Laboratorium Inovasi stage.")]})
    reached_on = reached_on or region_today()
    if reached_on > region_today():
        raise InvalidInput({"reached_on": [_("The date cannot be in the future.")]})
    locked = Innovation.objects.locked(innovation.pk)
    current = locked.lab_stage
    if stage == current:
        return locked
    moves_back = lab_stage_index(stage) < lab_stage_index(current)
    if moves_back and check_rights and not may_move_lab_stage_back(by):
        raise Refused(_("Only an administrator can move back to an earlier stage."))
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
    # The caller's instance as saved (a create answers with it).
    innovation.lab_stage, innovation.updated_at = stage, locked.updated_at
    return locked


def _may_add_evidence(innovation, user, lab_stage, indicator):
    if is_innovation_owner(user, innovation):
        return True
    if lab_stage:
        return may_add_stage_evidence_any_time(user)
    return indicator is not None and may_add_iid_evidence(user, innovation)


def _stage_closed(innovation, user, lab_stage):
    return StateConflict(
        _("Evidence of the “%(stage)s” stage cannot be added while the innovation is “%(status)s”.")
        % {"stage": LabStage(lab_stage).label, "status": Status(innovation.status).label},
        status=innovation.status,
        allowed_actions=allowed_actions(innovation, user),
    )


@transaction.atomic
def attachment_add(*, innovation, by, file, kind, indicator=None, lab_stage=""):
    """Store one evidence file after checking its content; a refused file leaves nothing behind.

    Evidence goes with an editable profile. An artefact of a Laboratorium stage is accepted only
    while that stage is open for the unit (`enums.STAGE_EVIDENCE_OPEN`): never while curators
    judge the profile, Deliver and Display after approval, Display after the launch (409
    otherwise). Administrators record stage artefacts whenever the innovation is not closed.
    A file tagged with an IID indicator is IGA readiness evidence, which those who keep the
    readiness add at any status (`rules.may_add_iid_evidence`): the reporting comes months after
    the launch. The submitted versions stay as curators judged them (they are snapshots).
    """
    if not _may_add_evidence(innovation, by, lab_stage, indicator):
        raise Refused(_("Only the innovation's own unit can add evidence."))
    if lab_stage and lab_stage not in LabStage.values:
        raise InvalidInput({"lab_stage": [_("Choose a Laboratorium Inovasi stage.")]})
    locked = Innovation.objects.locked(innovation.pk)
    if not lab_stage:
        readiness = indicator is not None and may_add_iid_evidence(by, locked)
        if locked.status not in EDITABLE_STATUSES and not readiness:
            raise not_editable(locked, by)
    elif may_add_stage_evidence_any_time(by):
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
        filename=upload_name(file, content_type),
        size=file.size,
        content_type=content_type,
        uploaded_by=by,
    )
    attachment.full_clean(exclude=["file", "innovation"])
    return save_with_file(attachment, attachment.file, attachment.filename, file)


def _in_no_submitted_version(attachment, innovation):
    """The file came after the profile last went to Bappedalitbang, so no submitted version
    (the snapshot curators compared) lists it; a resubmission takes it in, and locks it."""
    submitted_at = innovation.submitted_at
    return submitted_at is None or attachment.uploaded_at > submitted_at


def attachment_removable(*, attachment, innovation, by):
    """Whether `by` may remove the file now: the unit, any file of its editable profile; whoever
    added IGA readiness evidence, their own file at any status while no submitted version holds
    it. `innovation` is the attachment's, as read (its status and last submission)."""
    if innovation.status in EDITABLE_STATUSES and is_innovation_owner(by, innovation):
        return True
    return (
        is_iid_evidence_uploader(by, attachment)
        and may_add_iid_evidence(by, innovation)
        and (
            innovation.status in EDITABLE_STATUSES
            or _in_no_submitted_version(attachment, innovation)
        )
    )


@transaction.atomic
def attachment_delete(*, attachment, by):
    innovation = attachment.innovation
    own_evidence = is_iid_evidence_uploader(by, attachment) and may_add_iid_evidence(by, innovation)
    if not (own_evidence or is_innovation_owner(by, innovation)):
        raise Refused(_("Only the innovation's own unit can remove evidence."))
    locked = Innovation.objects.locked(innovation.pk)
    if not attachment_removable(attachment=attachment, innovation=locked, by=by):
        raise not_editable(locked, by)
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
    delete_after_commit(storage, name)
