"""Writes of a year's IID rules and of the published indices: admins only, validated, one
transaction each. The pages (`iga.rules_views`) and the API (`iga.rules_api`) both call these, so
they refuse the same input with the same messages.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.cycles import Cycle
from intan_banjar.exceptions import InvalidInput, Refused

from . import yearly
from .enums import INDICATOR_NUMBERS, Part, Predicate
from .models import IidRules, Indicator, IndicatorScore, PublishedIndex, RegionIndicator
from .rules import may_manage_iga
from .services import CATALOGUE_FIELDS

INDEX_MAX = Decimal(100)


def _require_admin(user, message=None):
    if not may_manage_iga.test(user):
        raise Refused(message or _("Only an administrator can change the IID rules."))


def _number(value, field, *, integer=False, low=None, high=None):
    try:
        number = int(value) if integer else Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidInput({field: _("Give a number.")}) from None
    if integer and isinstance(value, float) and value != int(value):
        raise InvalidInput({field: _("Give a whole number.")})
    if (low is not None and number < low) or (high is not None and number > high):
        raise InvalidInput(
            {field: _("Give a number from %(low)s to %(high)s.") % {"low": low, "high": high}}
        )
    return number


def clean_bands(bands):
    """Bands as the estimate reads them: known predicates, each once, min ≤ max within 0-100,
    no two overlapping; returned highest first with numbers as JSON numbers."""
    if not isinstance(bands, list) or not bands:
        raise InvalidInput({"bands": _("Give at least one band.")})
    cleaned, seen = [], set()
    for band in bands:
        if not isinstance(band, dict):
            raise InvalidInput(
                {"bands": _("Each band needs a predicate, a minimum and a maximum.")}
            )
        category = band.get("category")
        if category not in Predicate.values:
            raise InvalidInput({"bands": _("Unknown predicate %(value)s.") % {"value": category}})
        if category in seen:
            raise InvalidInput(
                {"bands": _("The predicate %(value)s is given twice.") % {"value": category}}
            )
        seen.add(category)
        low = _number(band.get("min"), "bands", low=0, high=100)
        high = _number(band.get("max"), "bands", low=0, high=100)
        if low > high:
            raise InvalidInput(
                {
                    "bands": _("A band's minimum is above its maximum (%(label)s).")
                    % {"label": category}
                }
            )
        cleaned.append(
            {
                "category": category,
                "label": str(band.get("label") or Predicate(category).label),
                "min": float(low),
                "max": float(high),
                "confirmed": bool(band.get("confirmed", False)),
                "source": str(band.get("source") or ""),
            }
        )
    cleaned.sort(key=lambda b: b["min"], reverse=True)
    for upper, lower in zip(cleaned, cleaned[1:], strict=False):
        if lower["max"] >= upper["min"]:
            raise InvalidInput(
                {
                    "bands": _("The bands %(a)s and %(b)s overlap.")
                    % {"a": lower["category"], "b": upper["category"]}
                }
            )
    return cleaned


def clean_brackets(brackets):
    """Count-score brackets: whole-number ranges (the last may be open: max empty) that do not
    overlap, with points ≥ 0; returned in order of their minimum."""
    if not isinstance(brackets, list) or not brackets:
        raise InvalidInput({"count_brackets": _("Give at least one bracket.")})
    cleaned = []
    for bracket in brackets:
        if not isinstance(bracket, dict):
            raise InvalidInput({"count_brackets": _("Each bracket needs a minimum and points.")})
        low = _number(bracket.get("min"), "count_brackets", integer=True, low=0, high=100000)
        high = bracket.get("max")
        if high not in (None, ""):
            high = _number(high, "count_brackets", integer=True, low=low, high=100000)
        else:
            high = None
        points = _number(bracket.get("points"), "count_brackets", low=0, high=1000)
        cleaned.append({"min": low, "max": high, "points": f"{points:.2f}"})
    cleaned.sort(key=lambda b: b["min"])
    for lower, upper in zip(cleaned, cleaned[1:], strict=False):
        if lower["max"] is None or lower["max"] >= upper["min"]:
            raise InvalidInput(
                {
                    "count_brackets": _("The brackets from %(a)s and from %(b)s overlap.")
                    % {"a": lower["min"], "b": upper["min"]}
                }
            )
    return cleaned


@transaction.atomic
def rules_update(
    *,
    cycle,
    by,
    min_divisor=None,
    bands=None,
    count_brackets=None,
    count_brackets_confirmed=None,
    min_divisor_confirmed=None,
):
    """Change what is given of the cycle's rules; the rest stays."""
    _require_admin(by)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    rules, _created = IidRules.objects.get_or_create(
        cycle=cycle, defaults={"edition": yearly.edition_for_year(cycle.year)}
    )
    if min_divisor is not None:
        cycle.iid_min_divisor = _number(min_divisor, "min_divisor", integer=True, low=1, high=1000)
    if bands is not None:
        cycle.iga_bands = clean_bands(bands)
    cycle.save(update_fields=["iid_min_divisor", "iga_bands"])
    if count_brackets is not None:
        rules.count_brackets = clean_brackets(count_brackets)
    if count_brackets_confirmed is not None:
        rules.count_brackets_confirmed = bool(count_brackets_confirmed)
    if min_divisor_confirmed is not None:
        rules.min_divisor_confirmed = bool(min_divisor_confirmed)
    rules.updated_by, rules.updated_at = by, timezone.now()
    rules.save()
    return cycle, rules


@transaction.atomic
def rules_reload(*, cycle, edition, by):
    """Reset the cycle's rules to a shipped edition: its bands, divisor, brackets and the figures
    of its indicators (levels recorded on them stay; indicators it lacks are left)."""
    _require_admin(by)
    if edition not in yearly.EDITIONS:
        raise InvalidInput(
            {
                "edition": _("Choose one of: %(editions)s.")
                % {"editions": ", ".join(yearly.EDITIONS)}
            }
        )
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    yearly.load_rules(
        cycle, indicator_model=Indicator, rules_model=IidRules, code=edition, replace=True
    )
    IidRules.objects.filter(cycle=cycle).update(updated_by=by, updated_at=timezone.now())
    return cycle


def _indicator_values(row):
    values = {name: row[name] for name in CATALOGUE_FIELDS if name in row}
    if "weight" in values:
        values["weight"] = _number(values["weight"], "weight", low=0, high=999)
    return values


@transaction.atomic
def indicator_create(*, cycle, row, by):
    """Add an indicator to the cycle's rules (a number the edition did not have)."""
    _require_admin(by)
    number = _number(
        row.get("number"),
        "number",
        integer=True,
        low=INDICATOR_NUMBERS.start,
        high=INDICATOR_NUMBERS.stop - 1,
    )
    if row.get("part") not in Part.values:
        raise InvalidInput({"part": _("Choose the region part or the innovation part.")})
    if Indicator.objects.filter(cycle=cycle, number=number).exists():
        raise InvalidInput(
            {"number": _("This cycle already has indicator %(number)s.") % {"number": number}}
        )
    indicator = Indicator(cycle=cycle, number=number, part=row["part"], **_indicator_values(row))
    indicator.full_clean(exclude=["cycle", "max_score"])
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, cycle, number, by):
    """Remove an indicator no level has been recorded on (levels are evidence work: they are
    never dropped with a rule)."""
    _require_admin(by)
    indicator = Indicator.objects.filter(cycle=cycle, number=number).first()
    if indicator is None:
        raise InvalidInput({"number": _("Unknown indicator.")})
    used = (
        IndicatorScore.objects.filter(indicator=indicator).exclude(level=0).exists()
        or RegionIndicator.objects.filter(indicator=indicator).exists()
    )
    if used:
        raise InvalidInput(
            {
                "number": _(
                    "Levels are recorded on indicator %(number)s: it cannot be deleted. Set its "
                    "weight to 0 to leave it out of the estimate."
                )
                % {"number": number}
            }
        )
    indicator.delete()


# --- the published index per year ---------------------------------------------------------------


@transaction.atomic
def published_index_save(*, year, index, predicate, by, source=""):
    """Record (or correct) the index Kemendagri published for a year."""
    _require_admin(by, _("Only an administrator can record published indices."))
    year = _number(year, "year", integer=True, low=2000, high=2100)
    value = _number(index, "index", low=0, high=INDEX_MAX).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    if predicate not in Predicate.values:
        raise InvalidInput({"predicate": _("Choose a predicate.")})
    row, _created = PublishedIndex.objects.update_or_create(
        year=year,
        defaults={
            "index": value,
            "predicate": predicate,
            "source": source or "",
            "entered_by": by,
            "entered_at": timezone.now(),
        },
    )
    return row


@transaction.atomic
def published_index_delete(*, year, by):
    _require_admin(by, _("Only an administrator can record published indices."))
    deleted, _rows = PublishedIndex.objects.filter(year=year).delete()
    if not deleted:
        raise InvalidInput({"year": _("No published index for %(year)s.") % {"year": year}})
