"""Decrees (SK) of an innovation: recorded with their scanned document, flagged before they lapse.

The scan is stored as the innovation's attachment of kind "regulation", tagged with the decree's
IID indicator (16 by default: the national form asks for the decree adopting the innovation), so
the readiness page counts it as evidence like any other file.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from innovations.enums import CLOSED_STATUSES, AttachmentKind
from innovations.models import Innovation
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .files import evidence_remove, evidence_store, validated
from .models import Decree
from .rules import may_record_portfolio

DECREE_FIELDS = (
    "kind",
    "number",
    "issued_on",
    "signatory",
    "valid_from",
    "valid_until",
    "indicator",
    "note",
)


def _check_names(fields):
    unknown = set(fields) - set(DECREE_FIELDS)
    if unknown:
        raise TypeError(f"Not decree fields: {', '.join(sorted(unknown))}")


def _require(innovation, by):
    if not may_record_portfolio(by, innovation):
        raise Refused(_("Only the innovation's own unit can record its decrees."))


def _locked(innovation, by):
    locked = Innovation.objects.select_for_update(of=("self",)).get(pk=innovation.pk)
    if locked.status in CLOSED_STATUSES:
        raise StateConflict(
            _("A rejected or withdrawn innovation takes no decrees."),
            status=locked.status,
            allowed_actions=allowed_actions(locked, by),
        )
    return locked


def _save(decree, document, by):
    if decree.number:
        decree.number = decree.number.strip()
    clash = Decree.objects.filter(innovation=decree.innovation, number=decree.number)
    if decree.pk:
        clash = clash.exclude(pk=decree.pk)
    if decree.number and clash.exists():
        raise InvalidInput(
            {"number": [_("This innovation already has a decree with this number.")]}
        )
    validated(decree, exclude=["innovation", "document"])
    old = None
    if document is not None:
        old = decree.document
        decree.document = evidence_store(
            innovation=decree.innovation,
            file=document,
            kind=AttachmentKind.REGULATION,
            indicator=decree.indicator,
            by=by,
        )
    elif decree.document_id and decree.document.indicator != decree.indicator:
        decree.document.indicator = decree.indicator
        decree.document.save(update_fields=["indicator"])
    decree.save()
    evidence_remove([old])
    return decree


@transaction.atomic
def decree_create(*, innovation, by, document=None, **fields):
    """Record a decree of the innovation, with its scan (`document`, same upload rules)."""
    _check_names(fields)
    _require(innovation, by)
    locked = _locked(innovation, by)
    decree = Decree(innovation=locked, recorded_by=by, **fields)
    return _save(decree, document, by)


@transaction.atomic
def decree_update(*, decree, by, document=None, **fields):
    """Correct a decree; a new `document` replaces the scan (the old file is removed)."""
    _check_names(fields)
    _require(decree.innovation, by)
    _locked(decree.innovation, by)
    for name, value in fields.items():
        setattr(decree, name, value)
    return _save(decree, document, by)


@transaction.atomic
def decree_delete(*, decree, by):
    _require(decree.innovation, by)
    document = decree.document
    decree.delete()
    evidence_remove([document])
