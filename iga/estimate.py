"""The region's IGA estimate for a cycle, and its "what if".

How the figures combine (every number here is labelled an estimate, none is confirmed against the
official guideline, and each is per-cycle configuration):

1. Each reported innovation scores Σ weight × level over indicators 16-35, counting a level only
   with evidence (see `iga.readiness`). An entry rejected by the national verification scores 0
   but still counts in n.
2. Innovation average = Σ scores / max(cycle.iid_min_divisor, n): fewer than ten innovations are
   divided by ten anyway.
3. Innovation index (0-100) = innovation average / the cycle's maximum per innovation (111 with
   the default catalogue) × 100.
4. Region index (0-100) = Σ weight × value / Σ weight over the region indicators 1-15 the admins
   entered (each value on 0-100).
5. Total = (region share × region index + innovation share × innovation index) / 100, with the
   shares of `EstimateSettings` (25.2 and 74.8 by default, DOMAIN.md). While no region indicator
   is entered the total is the innovation index alone (`region_part_missing`), i.e. the region
   part is assumed to score like the innovations, rather than as 0, which would cap the estimate
   at 74.8.
6. The total is rounded to two decimals (half up) and placed in the cycle's `iga_bands`:
   60.00 is "inovatif" and 60.01 "sangat inovatif" with the 2023-24 bands.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from innovations.models import Innovation

from .candidates import candidates  # noqa: F401  (the national rule lives in iga.candidates)
from .enums import MAX_LEVEL, NationalStatus
from .models import (
    DEFAULT_INNOVATION_SHARE,
    DEFAULT_REGION_SHARE,
    EstimateSettings,
    IgaEntry,
    Indicator,
    RegionIndicator,
)
from .readiness import readiness_for, with_readiness

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def as_decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round2(value):
    return as_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def category_for(total, bands):
    """The band whose [min, max] holds the total (rounded to two decimals), or None.

    A total falling in a gap between bands gets the highest band whose minimum it reaches.
    """
    total = round2(total)
    ordered = sorted(bands or [], key=lambda b: as_decimal(b.get("min", 0)), reverse=True)
    for band in ordered:
        if as_decimal(band.get("min", 0)) <= total <= as_decimal(band.get("max", 100)):
            return band
    for band in ordered:
        if as_decimal(band.get("min", 0)) <= total:
            return band
    return None


def innovation_average(scores, min_divisor):
    """(Σ, n, divisor, average): rejected entries are in `scores` as 0 and still count in n."""
    scores = [as_decimal(s) for s in scores]
    total = sum(scores, ZERO)
    divisor = max(int(min_divisor or 1), len(scores))
    return total, len(scores), divisor, total / divisor


def catalogue_max(cycle):
    weights = Indicator.objects.filter(cycle=cycle).values_list("weight", flat=True)
    return sum(weights, ZERO) * MAX_LEVEL


def region_index(cycle):
    rows = list(RegionIndicator.objects.filter(cycle=cycle))
    weight = sum((r.weight for r in rows), ZERO)
    if not rows or not weight:
        return None, rows
    return sum((r.weight * r.value for r in rows), ZERO) / weight, rows


def shares(cycle):
    found = EstimateSettings.objects.filter(cycle=cycle).first()
    if found is None:
        return DEFAULT_REGION_SHARE, DEFAULT_INNOVATION_SHARE
    return found.region_share, found.innovation_share


@dataclass
class EntryFigure:
    innovation: Innovation
    readiness: object
    national_status: str
    entry: IgaEntry | None = None

    @property
    def rejected(self):
        return self.national_status == NationalStatus.REJECTED

    @property
    def counted_score(self):
        return ZERO if self.rejected else self.readiness.score


@dataclass
class Estimate:
    cycle: object
    entries: list
    max_per_innovation: Decimal
    region_index: Decimal | None
    region_share: Decimal
    innovation_share: Decimal
    region_indicators: list = field(default_factory=list)

    def __post_init__(self):
        self.innovation_sum, self.n, self.divisor, self.innovation_average = innovation_average(
            [e.counted_score for e in self.entries], self.cycle.iid_min_divisor
        )

    @property
    def innovation_index(self):
        if not self.max_per_innovation:
            return ZERO
        return self.innovation_average / self.max_per_innovation * HUNDRED

    @property
    def region_part_missing(self):
        return self.region_index is None

    @property
    def total(self):
        if self.region_index is None:
            return round2(self.innovation_index)
        return round2(
            (self.region_share * self.region_index + self.innovation_share * self.innovation_index)
            / HUNDRED
        )

    @property
    def band(self):
        return category_for(self.total, self.cycle.iga_bands)

    def as_dict(self):
        band = self.band or {}
        return {
            "estimate": True,
            "entries": self.n,
            "rejected_entries": sum(1 for e in self.entries if e.rejected),
            "divisor": self.divisor,
            "innovation_sum": float(round2(self.innovation_sum)),
            "innovation_average": float(round2(self.innovation_average)),
            "max_per_innovation": float(round2(self.max_per_innovation)),
            "innovation_index": float(round2(self.innovation_index)),
            "region_index": None if self.region_index is None else float(round2(self.region_index)),
            "region_part_missing": self.region_part_missing,
            "region_share": float(self.region_share),
            "innovation_share": float(self.innovation_share),
            "total": float(self.total),
            "category": band.get("category"),
            "category_label": band.get("label"),
        }


@dataclass(frozen=True)
class WhatIf:
    """Changes to try: leave out entries, add candidates, raise indicator levels."""

    exclude: frozenset = frozenset()
    add: frozenset = frozenset()
    raise_all: tuple = ()  # ((number, level), ...) for every counted innovation
    improve: tuple = ()  # ((innovation_id, number, level), ...)

    def __bool__(self):
        return bool(self.exclude or self.add or self.raise_all or self.improve)

    def overrides(self, innovation_ids):
        result = {pk: dict(self.raise_all) for pk in innovation_ids}
        for pk, number, level in self.improve:
            if pk in result:
                result[pk][number] = max(level, result[pk].get(number, 0))
        return result


def entry_innovations(cycle):
    """The innovations entered for the cycle's IGA, with everything a readiness needs."""
    return with_readiness(
        Innovation.objects.filter(iga_entries__cycle=cycle).select_related("unit", "cycle")
    )


def region_estimate(cycle, *, what_if=None, extra=None):
    """The estimate from the cycle's entries, changed by `what_if` (added innovations come from
    `extra`, a queryset the caller has already limited to what the user may see)."""
    what_if = what_if or WhatIf()
    entries = {e.innovation_id: e for e in IgaEntry.objects.filter(cycle=cycle)}
    innovations = [i for i in entry_innovations(cycle) if i.pk not in what_if.exclude]
    if what_if.add and extra is not None:
        known = {i.pk for i in innovations}
        wanted = [pk for pk in what_if.add if pk not in known and pk not in what_if.exclude]
        if wanted:
            innovations += list(
                with_readiness(extra.filter(pk__in=wanted).select_related("unit", "cycle"))
            )
    readiness = readiness_for(innovations, what_if.overrides([i.pk for i in innovations]))
    figures = [
        EntryFigure(
            innovation=i,
            readiness=readiness[i.pk],
            national_status=entries[i.pk].national_status
            if i.pk in entries
            else NationalStatus.REPORTED,
            entry=entries.get(i.pk),
        )
        for i in innovations
    ]
    index, rows = region_index(cycle)
    region_share, innovation_share = shares(cycle)
    return Estimate(
        cycle=cycle,
        entries=figures,
        max_per_innovation=catalogue_max(cycle),
        region_index=index,
        region_share=region_share,
        innovation_share=innovation_share,
        region_indicators=rows,
    )
