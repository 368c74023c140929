"""Replications: another unit of Banjar or another region adopted the innovation.

The national index rewards an innovation replicated in other regions (IID indicator 31), so the
evidence files are stored as the innovation's attachments tagged with that indicator.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from innovations.checks import region_today
from innovations.enums import APPROVED_STATUSES, AttachmentKind
from innovations.models import Innovation
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .enums import AdopterKind
from .files import evidence_remove, evidence_store, validated
from .models import Replication
from .rules import may_record_portfolio

REPLICATION_INDICATOR = 31
REPLICATION_FIELDS = (
    "adopter_kind",
    "adopter_unit",
    "region_name",
    "region_code",
    "replicated_on",
    "description",
)


def _require(innovation, by):
    if not may_record_portfolio(by, innovation):
        raise Refused(_("Only the innovation's own unit can record its replications."))


def _locked(innovation, by):
    locked = (
        Innovation.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=innovation.pk)
    )
    if locked.status not in APPROVED_STATUSES:
        raise StateConflict(
            _("Only an approved or launched innovation can have been replicated."),
            status=locked.status,
            allowed_actions=allowed_actions(locked, by),
        )
    return locked


def _duplicate(replication):
    same = Replication.objects.filter(innovation=replication.innovation)
    if replication.pk:
        same = same.exclude(pk=replication.pk)
    if replication.adopter_kind == AdopterKind.UNIT:
        return same.filter(adopter_kind=AdopterKind.UNIT, adopter_unit=replication.adopter_unit)
    return same.filter(adopter_kind=AdopterKind.REGION, region_code=replication.region_code)


def _save(replication, files, by):
    for name in ("region_name", "region_code", "description"):
        setattr(replication, name, (getattr(replication, name) or "").strip())
    # A replication still to come is no evidence yet: the readiness page would count it already.
    if replication.replicated_on and replication.replicated_on > region_today():
        raise InvalidInput({"replicated_on": [_("The date cannot be in the future.")]})
    validated(replication, exclude=["innovation", "evidence"])
    if _duplicate(replication).exists():
        raise InvalidInput(
            {"adopter_kind": [_("This replication is already recorded for the innovation.")]}
        )
    replication.save()
    for file in files or ():
        replication.evidence.add(
            evidence_store(
                innovation=replication.innovation,
                file=file,
                kind=AttachmentKind.REPORT,
                indicator=REPLICATION_INDICATOR,
                by=by,
            )
        )
    return replication


@transaction.atomic
def replication_create(*, innovation, by, files=(), **fields):
    unknown = set(fields) - set(REPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Not replication fields: {', '.join(sorted(unknown))}")
    _require(innovation, by)
    locked = _locked(innovation, by)
    replication = Replication(innovation=locked, recorded_by=by, **fields)
    return _save(replication, files, by)


@transaction.atomic
def replication_update(*, replication, by, files=(), **fields):
    unknown = set(fields) - set(REPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Not replication fields: {', '.join(sorted(unknown))}")
    _require(replication.innovation, by)
    replication.innovation = _locked(replication.innovation, by)
    for name, value in fields.items():
        setattr(replication, name, value)
    return _save(replication, files, by)


@transaction.atomic
def replication_delete(*, replication, by):
    _require(replication.innovation, by)
    attachments = list(replication.evidence.all())
    replication.delete()
    evidence_remove(attachments)
