"""Writes to agreements: each checks the rules and the state, saves, and logs the act.

Every action on an existing agreement goes through `agreement_transition`, which reads the table
of `agreements.workflow` like `innovations.services.innovation_transition` reads its own.
Refusals are the project's error contract (`intan_banjar.exceptions`): `Refused` (403) before
`StateConflict` (409, with the actions allowed now) before `InvalidInput` (400).
"""

import filetype
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.checks import region_today
from innovations.uploads import PDF, delete_after_commit, is_complete
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .enums import AgreementAction
from .models import Agreement, AgreementEvent
from .rules import can_prepare_agreement, signs_in_person
from .signals import agreement_ready_for_signature
from .workflow import SIGNATORY_FIELDS, TRANSITIONS, allowed_actions

EDITABLE_FIELDS = frozenset({"committed_count", "planned_titles", *SIGNATORY_FIELDS})


def _log(agreement, by, action, note=""):
    AgreementEvent.objects.create(agreement=agreement, actor=by, action=action, note=note)


def _save(agreement):
    agreement.full_clean(exclude=["unit", "cycle", "scan"], validate_constraints=False)
    agreement.save()


def validate_scan(scan):
    """A PDF by its content (whatever the name says), within the size limit."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if scan.size > limit:
        raise InvalidInput(
            {"scan": _("The file is larger than %(limit)d MB.") % {"limit": limit // (1024 * 1024)}}
        )
    scan.seek(0)
    head = scan.read(261)
    scan.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime != "application/pdf":
        raise InvalidInput({"scan": _("The scan must be a PDF file.")})
    if not is_complete(scan, PDF):
        raise InvalidInput(
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
        raise Refused(_("You may not prepare an agreement for this unit."))
    if not unit.active:
        raise InvalidInput({"unit": _("This unit is no longer active.")})
    if Agreement.objects.filter(unit=unit, cycle=cycle).exists():
        raise InvalidInput({"unit": _("This unit already has an agreement for this cycle.")})
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
        raise InvalidInput(
            {"unit": _("This unit already has an agreement for this cycle.")}
        ) from exc
    _log(agreement, by, AgreementAction.CREATE)
    _ready_for_signature(agreement, by)
    return agreement


@transaction.atomic
def agreement_transition(*, agreement, action, by, note="", fields=None, change=None, event=None):
    """Take one action of the table on the agreement; the only way its status changes.

    Order: lock and re-read the row; the user's role and unit may take the action at all (403,
    whatever the state: API.md's precedence); the state allows it (409, with the actions allowed
    now); `fields` are set and the table's rule holds (400); `change(locked)` makes the action's
    own changes (and may still refuse, 400); then the new status, the model's validation, the
    save, and the history row (`event`, by default the action, with `note`).
    """
    transition = TRANSITIONS[action]
    locked = Agreement.objects.locked(agreement.pk)
    if not transition.permits(by, locked):
        raise Refused(_("You may not do this with this agreement."))
    if not transition.allows_now(locked, by):
        raise StateConflict(
            _("This agreement is %(status)s; it cannot be changed that way now.")
            % {"status": locked.get_status_display()},
            status=locked.status,
            allowed_actions=allowed_actions(locked, by),
        )
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    errors = transition.rule(locked, by, note) if transition.rule else {}
    if errors:
        raise InvalidInput(errors)
    if change is not None:
        change(locked)
    locked.status = transition.target
    _save(locked)
    _log(locked, by, event or action, note)
    return locked


@transaction.atomic
def agreement_update(*, agreement, by, **fields):
    """Change a draft: the commitment, the planned titles, the signatory's details.

    The history row notes the names of the fields whose value changed (the page's form sends
    all five each time), not their labels: a row is read by people in either language, and a
    label may be reworded later, while the names are the API's and stay. The history shows them
    as labels in the reader's language (`AgreementEvent.shown_note`).
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    current = Agreement.objects.locked(agreement.pk)
    changed = sorted(name for name, value in fields.items() if getattr(current, name) != value)
    return agreement_transition(
        agreement=agreement,
        action="edit",
        by=by,
        fields=fields,
        event=AgreementAction.UPDATE,
        note=", ".join(changed),
    )


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
    """The head signs; an admin signing records the head's paper signature on their behalf.

    `signed_on` is the date on the paper, so it may lie in the past but never after today in
    Martapura: a later date would print an agreement signed on a day that has not come.
    """
    on_behalf = not signs_in_person(by, agreement)
    signatory = {
        name: value.strip()
        for name, value in zip(
            SIGNATORY_FIELDS, (signatory_name, signatory_nip, signatory_title), strict=True
        )
        if value is not None
    }

    def sign(locked):
        today = region_today()
        if signed_on is not None and signed_on > today:
            raise InvalidInput({"signed_on": [_("The date cannot be in the future.")]})
        if scan is not None:
            validate_scan(scan)
        now = timezone.now()
        locked.signed_on = signed_on or today
        locked.signed_by = by
        locked.signed_at = now
        locked.signed_on_behalf = on_behalf
        locked.rejection_note = ""
        if scan is not None:
            locked.scan.save(scan.name or "scan.pdf", scan, save=False)

    return agreement_transition(
        agreement=agreement,
        action="sign",
        by=by,
        fields=signatory,
        change=sign,
        event=AgreementAction.SIGN_ON_BEHALF if on_behalf else AgreementAction.SIGN,
    )


@transaction.atomic
def agreement_verify(*, agreement, by):
    """Bappedalitbang confirms the signature (and the scan, if any) is in order."""

    def verify(locked):
        locked.verified_by = by
        locked.verified_at = timezone.now()

    return agreement_transition(agreement=agreement, action="verify", by=by, change=verify)


@transaction.atomic
def agreement_reject(*, agreement, by, note):
    """Back to draft with the reason (a wrong scan, wrong signatory): the unit signs again."""
    note = (note or "").strip()

    def send_back(locked):
        locked.rejection_note = note
        locked.signed_on = None
        locked.signed_by = None
        locked.signed_at = None
        locked.signed_on_behalf = False
        locked.verified_by = None
        locked.verified_at = None
        old_scan, storage = locked.scan.name, locked.scan.storage
        locked.scan = ""
        if old_scan:
            # The scan was the wrong paper: it goes, once the rejection is committed.
            delete_after_commit(storage, old_scan)

    locked = agreement_transition(
        agreement=agreement, action="reject", by=by, note=note, change=send_back
    )
    _ready_for_signature(locked, by)
    return locked
