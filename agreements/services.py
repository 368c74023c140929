"""Writes to agreements: each checks the rules and the state, saves, and logs the act."""

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.uploads import PDF, delete_after_commit, is_complete

from .enums import AgreementAction, AgreementStatus
from .models import Agreement, AgreementEvent
from .rules import (
    can_check_agreement,
    can_prepare_agreement,
    can_sign_agreement,
    signs_in_person,
)
from .signals import agreement_ready_for_signature

EDITABLE_FIELDS = frozenset(
    {"committed_count", "planned_titles", "signatory_name", "signatory_nip", "signatory_title"}
)
# Actions as the API and the UI's buttons name them, with the state each one needs.
ACTION_STATES = {
    "edit": {AgreementStatus.DRAFT},
    "sign": {AgreementStatus.DRAFT},
    "verify": {AgreementStatus.SIGNED},
    "reject": {AgreementStatus.SIGNED, AgreementStatus.VERIFIED},
}
ACTION_RULES = {
    "edit": can_prepare_agreement,
    "sign": can_sign_agreement,
    "verify": can_check_agreement,
    "reject": can_check_agreement,
}


class AgreementStateError(Exception):
    """The action exists and the user may take it, but not in the agreement's current state."""

    def __init__(self, agreement, action, user):
        self.agreement = agreement
        self.action = action
        self.allowed_actions = allowed_actions(agreement, user)
        super().__init__(
            _("This agreement is %(status)s; it cannot be changed that way now.")
            % {"status": agreement.get_status_display()}
        )


def allowed_actions(agreement, user):
    """The actions this user may take on this agreement right now (for buttons and 409s)."""
    return [
        action
        for action, states in ACTION_STATES.items()
        if agreement.status in states and ACTION_RULES[action].test(user, agreement)
    ]


def may(action, user, agreement):
    """Whether the user's role and unit allow this action on the agreement (its state aside)."""
    return ACTION_RULES[action].test(user, agreement)


def _check(agreement, action, user):
    if not may(action, user, agreement):
        raise PermissionDenied(_("You may not do this with this agreement."))
    if agreement.status not in ACTION_STATES[action]:
        raise AgreementStateError(agreement, action, user)


def _log(agreement, by, action, note=""):
    AgreementEvent.objects.create(agreement=agreement, actor=by, action=action, note=note)


def _save(agreement):
    agreement.full_clean(exclude=["unit", "cycle", "scan"], validate_constraints=False)
    agreement.save()


def validate_scan(scan):
    """A PDF by its content (whatever the name says), within the size limit."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if scan.size > limit:
        raise ValidationError(
            {"scan": _("The file is larger than %(limit)d MB.") % {"limit": limit // (1024 * 1024)}}
        )
    scan.seek(0)
    head = scan.read(261)
    scan.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime != "application/pdf":
        raise ValidationError({"scan": _("The scan must be a PDF file.")})
    if not is_complete(scan, PDF):
        raise ValidationError(
            {"scan": _("The file is damaged or incomplete: save or export it again.")}
        )


def _ready_for_signature(agreement, by):
    agreement_ready_for_signature.send(
        sender=Agreement, agreement_id=agreement.pk, actor_id=getattr(by, "pk", None)
    )


@transaction.atomic
def agreement_create(*, unit, cycle, by, committed_count=None, planned_titles=None):
    """A draft prefilled from the unit (its head as signatory) and the cycle (its minimum)."""
    if not can_prepare_agreement.test(by, unit):
        raise PermissionDenied(_("You may not prepare an agreement for this unit."))
    if not unit.active:
        raise ValidationError({"unit": _("This unit is no longer active.")})
    if Agreement.objects.filter(unit=unit, cycle=cycle).exists():
        raise ValidationError({"unit": _("This unit already has an agreement for this cycle.")})
    agreement = Agreement(
        unit=unit,
        cycle=cycle,
        committed_count=(
            cycle.min_innovations_per_unit if committed_count is None else committed_count
        ),
        planned_titles=list(planned_titles or []),
        signatory_name=unit.head_name,
        signatory_nip=unit.head_nip,
        signatory_title=unit.head_title,
        created_by=by,
    )
    agreement.full_clean(exclude=["scan"], validate_constraints=False)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:  # a concurrent request created it first
        raise ValidationError(
            {"unit": _("This unit already has an agreement for this cycle.")}
        ) from exc
    _log(agreement, by, AgreementAction.CREATE)
    _ready_for_signature(agreement, by)
    return agreement


@transaction.atomic
def agreement_update(*, agreement, by, **fields):
    """Change a draft: the commitment, the planned titles, the signatory's details."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    agreement = Agreement.objects.locked(agreement.pk)
    _check(agreement, "edit", by)
    for name, value in fields.items():
        setattr(agreement, name, value)
    _save(agreement)
    _log(agreement, by, AgreementAction.UPDATE, ", ".join(sorted(fields)))
    return agreement


@transaction.atomic
def agreement_sign(
    *,
    agreement,
    by,
    signatory_name=None,
    signatory_nip=None,
    signatory_title=None,
    signed_on=None,
    scan=None,
):
    """The head signs; an admin signing records the head's paper signature on their behalf."""
    agreement = Agreement.objects.locked(agreement.pk)
    _check(agreement, "sign", by)
    on_behalf = not signs_in_person(by, agreement)
    for name, value in (
        ("signatory_name", signatory_name),
        ("signatory_nip", signatory_nip),
        ("signatory_title", signatory_title),
    ):
        if value is not None:
            setattr(agreement, name, value.strip())
    errors = {
        name: [_("This field is required to sign.")]
        for name in ("signatory_name", "signatory_nip", "signatory_title")
        if not getattr(agreement, name)
    }
    if errors:
        raise ValidationError(errors)
    if scan is not None:
        validate_scan(scan)
    now = timezone.now()
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = signed_on or timezone.localdate(now)
    agreement.signed_by = by
    agreement.signed_at = now
    agreement.signed_on_behalf = on_behalf
    agreement.rejection_note = ""
    if scan is not None:
        agreement.scan.save(scan.name or "scan.pdf", scan, save=False)
    _save(agreement)
    _log(agreement, by, AgreementAction.SIGN_ON_BEHALF if on_behalf else AgreementAction.SIGN)
    return agreement


@transaction.atomic
def agreement_verify(*, agreement, by):
    """Bappedalitbang confirms the signature (and the scan, if any) is in order."""
    agreement = Agreement.objects.locked(agreement.pk)
    _check(agreement, "verify", by)
    agreement.status = AgreementStatus.VERIFIED
    agreement.verified_by = by
    agreement.verified_at = timezone.now()
    _save(agreement)
    _log(agreement, by, AgreementAction.VERIFY)
    return agreement


@transaction.atomic
def agreement_reject(*, agreement, by, note):
    """Back to draft with the reason (a wrong scan, wrong signatory): the unit signs again."""
    agreement = Agreement.objects.locked(agreement.pk)
    _check(agreement, "reject", by)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("Say why the agreement is sent back.")]})
    agreement.status = AgreementStatus.DRAFT
    agreement.rejection_note = note
    agreement.signed_on = None
    agreement.signed_by = None
    agreement.signed_at = None
    agreement.signed_on_behalf = False
    agreement.verified_by = None
    agreement.verified_at = None
    old_scan = agreement.scan.name
    agreement.scan = ""
    _save(agreement)
    _log(agreement, by, AgreementAction.REJECT, note)
    _ready_for_signature(agreement, by)
    if old_scan:
        # The scan was the wrong paper: it goes, once the rejection is committed.
        delete_after_commit(agreement.scan.storage, old_scan)
    return agreement
