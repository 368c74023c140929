"""Writes of the IGA readiness app: each checks its rule, validates and saves in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.enums import APPROVED_STATUSES
from innovations.uploads import check_upload, upload_name
from intan_banjar.exceptions import InvalidInput, Refused

from .enums import LEVELS, NationalStatus, Part
from .guards import entry_warnings
from .models import IgaEntry, Indicator, IndicatorScore, RegionIndicator
from .rules import may_edit_readiness, may_manage_iga


class ConfirmationRequired(InvalidInput):
    """Marking as reported raised warnings the user has not confirmed yet: 400 with each warning's
    message under `confirm` and the warnings themselves (code and message) under `warnings`."""

    def __init__(self, warnings):
        super().__init__({"confirm": [w.message for w in warnings]})
        self.warnings = warnings
        self.extra_payload = {"warnings": [w.as_dict() for w in warnings]}


def _require(predicate, user, obj=None, message=None):
    if not predicate.test(user, obj):
        raise Refused(message or _("You may not do this."))


@transaction.atomic
def indicator_level_set(*, innovation, indicator, level, by, note=""):
    """Set the level an innovation claims on one indicator of its own cycle's catalogue."""
    _require(may_edit_readiness, by, innovation, _("You may not change this readiness."))
    if indicator.cycle_id != innovation.cycle_id:
        raise InvalidInput({"indicator": _("The indicator belongs to another cycle.")})
    if indicator.part != Part.INNOVATION:
        raise InvalidInput({"indicator": _("A region indicator has no innovation levels.")})
    if level not in LEVELS:
        raise InvalidInput({"level": _("Choose a level from 0 to 3.")})
    score, _created = IndicatorScore.objects.update_or_create(
        innovation=innovation,
        indicator=indicator,
        defaults={
            "level": level,
            "note": note or "",
            "updated_by": by,
            "updated_at": timezone.now(),
        },
    )
    return score


@transaction.atomic
def indicator_levels_set(*, innovation, levels, by):
    """Several indicators at once: `levels` [{number, level, note?}]; unlisted ones stay."""
    _require(may_edit_readiness, by, innovation, _("You may not change this readiness."))
    catalogue = {
        i.number: i
        for i in Indicator.objects.filter(cycle_id=innovation.cycle_id, part=Part.INNOVATION)
    }
    unknown = sorted({row["number"] for row in levels} - set(catalogue))
    if unknown:
        raise InvalidInput(
            {
                "levels": _("Unknown indicators for this cycle: %(numbers)s.")
                % {"numbers": ", ".join(str(n) for n in unknown)}
            }
        )
    existing = {s.indicator_id: s for s in IndicatorScore.objects.filter(innovation=innovation)}
    saved = []
    for row in levels:
        indicator = catalogue[row["number"]]
        current = existing.get(indicator.pk)
        note = row.get("note", current.note if current else "")
        if current and current.level == row["level"] and current.note == note:
            continue
        saved.append(
            indicator_level_set(
                innovation=innovation, indicator=indicator, level=row["level"], note=note, by=by
            )
        )
    return saved


CATALOGUE_FIELDS = (
    "name",
    "weight",
    "level_1",
    "level_2",
    "level_3",
    "evidence_1",
    "evidence_2",
    "evidence_3",
    "mandatory",
    "effort_per_level",
    "name_confirmed",
    "weight_confirmed",
    "levels_confirmed",
    "source",
)


@transaction.atomic
def indicator_catalogue_update(*, cycle, rows, by):
    """Change the cycle's indicators (by number); other cycles' catalogues are separate rows."""
    _require(may_manage_iga, by, message=_("Only an administrator can change the catalogue."))
    catalogue = {i.number: i for i in Indicator.objects.select_for_update().filter(cycle=cycle)}
    unknown = sorted({row["number"] for row in rows} - set(catalogue))
    if unknown:
        raise InvalidInput(
            {
                "number": _("Unknown indicators for this cycle: %(numbers)s.")
                % {"numbers": ", ".join(str(n) for n in unknown)}
            }
        )
    for row in rows:
        indicator = catalogue[row["number"]]
        if "part" in row and row["part"] != indicator.part:
            raise InvalidInput(
                {"part": _("An indicator keeps its part; delete it and add it to the other one.")}
            )
        for name in CATALOGUE_FIELDS:
            if name in row:
                setattr(indicator, name, row[name])
        indicator.full_clean(exclude=["cycle"])
        indicator.save()
    return list(Indicator.objects.filter(cycle=cycle).order_by("number"))


@transaction.atomic
def iga_entry_create(*, innovation, cycle, by, confirm=False, today=None):
    """Mark an innovation as reported to the cycle's IGA; warnings need `confirm=True`."""
    _require(may_manage_iga, by, message=_("Only an administrator can record IGA entries."))
    if innovation.status not in APPROVED_STATUSES:
        raise InvalidInput(
            {"innovation": _("Only an approved or launched innovation can be reported.")}
        )
    if innovation.cycle.year > cycle.year:
        raise InvalidInput(
            {"innovation": _("The innovation belongs to a later year than this IGA.")}
        )
    if IgaEntry.objects.filter(innovation=innovation, cycle=cycle).exists():
        raise InvalidInput({"innovation": _("It is already marked as reported this year.")})
    warnings = entry_warnings(innovation=innovation, cycle=cycle, today=today)
    if warnings and not confirm:
        raise ConfirmationRequired(warnings)
    return IgaEntry.objects.create(
        innovation=innovation,
        cycle=cycle,
        reported_by=by,
        warnings_confirmed=[w.code for w in warnings],
    )


@transaction.atomic
def iga_entry_set_status(*, entry, national_status, by):
    _require(may_manage_iga, by, message=_("Only an administrator can record IGA entries."))
    if national_status not in NationalStatus.values:
        raise InvalidInput({"national_status": _("Unknown national status.")})
    entry.national_status = national_status
    entry.save(update_fields=["national_status"])
    return entry


@transaction.atomic
def iga_entry_delete(*, entry, by):
    _require(may_manage_iga, by, message=_("Only an administrator can record IGA entries."))
    entry.delete()


def _level(value):
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = None
    if level not in LEVELS:
        raise InvalidInput({"level": _("Choose a level from 0 to 3.")})
    return level


@transaction.atomic
def region_indicator_save(
    *, cycle, number, level, by, evidence_file=None, evidence_link="", note=""
):
    """Record the region's level (0-3) on one of the cycle's region indicators, with its evidence
    (a file, a link or both). As with an innovation's level, a level without evidence is kept as
    claimed and counts 0 in the estimate until the evidence comes."""
    _require(may_manage_iga, by, message=_("Only an administrator can enter region indicators."))
    indicator = Indicator.objects.filter(cycle=cycle, number=number, part=Part.REGION).first()
    if indicator is None:
        raise InvalidInput(
            {
                "number": _("This cycle's rules have no region indicator %(number)s.")
                % {"number": number}
            }
        )
    row = RegionIndicator.objects.filter(indicator=indicator).first() or RegionIndicator(
        cycle=cycle, indicator=indicator
    )
    row.level = _level(level)
    row.note = note or ""
    row.evidence_link = evidence_link or ""
    if evidence_file is not None:
        try:
            content_type = check_upload(evidence_file)
        except ValidationError as exc:
            raise InvalidInput({"evidence_file": exc.messages}) from None
        row.evidence_file = evidence_file
        row.evidence_filename = upload_name(evidence_file, content_type)  # as it downloads
    row.updated_by, row.updated_at = by, timezone.now()
    row.full_clean(exclude=["cycle", "indicator", "evidence_file"])
    row.save()
    return row
