"""The region's IGA estimate for a cycle by Kemendagri's method (`iga.method`), and its "what if".

What goes in (every figure labelled an estimate; which rules are unconfirmed is listed with it):

1. SPD: the region's level on each region indicator of the cycle's rules × its weight, counting
   a level only with evidence (a file or a link), like an innovation's.
2. Each reported innovation scores Σ weight × level over the cycle's innovation indicators,
   counting a level only with evidence (`iga.readiness`), with the *cycle's* weights whatever the
   innovation's own year. An entry rejected by the national verification scores 0 but still
   counts in n.
3. SID = Σ scores / MAX(cycle.iid_min_divisor, n) + the count score of n (the cycle's brackets).
4. IID = (SPD + SID) / (SPD max + SID max) × 100, half up to two decimals, placed in the
   cycle's bands: 60.00 is "inovatif" and 60.01 "sangat inovatif" with the 2023-24 bands, 65.00
   and 65.01 with the 2025 ones.

Reads are batched (`estimates_for` takes any number of cycles in a constant number of queries),
so the dashboard's trend over the years costs what one year costs.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from innovations.models import Innovation

from .candidates import CANDIDATE_YEARS_BACK, candidates  # the national rule lives there
from .enums import MAX_LEVEL, NationalStatus
from .method import Figures, as_decimal, band_for, round2
from .models import IgaEntry, RegionIndicator
from .readiness import LevelPoints, facts_for, level_needs, readiness_for, with_readiness
from .yearly import rules_for

ZERO = Decimal(0)
SIX_PLACES = Decimal("0.000001")


def category_for(total, bands):
    """Kept for callers of the earlier API: the band holding an index (see `method.band_for`)."""
    return band_for(total, bands)


def number(value, places=SIX_PLACES):
    """A Decimal as a JSON number: exact to six places (two for figures that have two)."""
    return float(as_decimal(value).quantize(places))


@dataclass
class RegionRow(LevelPoints):
    """The region's level on one region indicator (a row of the region part)."""

    indicator: object
    level: int = 0
    note: str = ""
    record: RegionIndicator | None = None
    assumed_proven: bool = False  # a "what if" raise: the evidence is assumed to come

    @property
    def number(self):
        return self.indicator.number

    @property
    def has_evidence(self):
        return bool(self.record and self.record.has_evidence) or self.assumed_proven

    @property
    def proven_level(self):
        return 0 if self.unproven else self.level

    @property
    def max_points(self):
        return self.indicator.weight * MAX_LEVEL

    @property
    def next_level(self):
        return self.level + 1 if self.level < MAX_LEVEL else None

    @property
    def missing(self):
        if self.unproven:
            return level_needs(self.indicator, self.level)
        if self.next_level is None:
            return ""
        return level_needs(self.indicator, self.next_level)

    def as_dict(self):
        record = self.record
        return {
            "number": self.number,
            "name": self.indicator.name,
            "weight": float(self.indicator.weight),
            "level": self.level,
            "points": float(self.points),
            "claimed_points": float(self.claimed_points),
            "max_points": float(self.max_points),
            "proven": not self.unproven,
            "next_level": self.next_level,
            "missing": self.missing,
            "note": self.note,
            "evidence_link": record.evidence_link if record else "",
            "evidence_filename": record.evidence_filename if record else "",
            "has_evidence": bool(record and record.has_evidence),
            "confirmed": {
                "name": self.indicator.name_confirmed,
                "weight": self.indicator.weight_confirmed,
                "levels": self.indicator.levels_confirmed,
            },
        }


def region_rows(rules, records, overrides=None):
    """One row per region indicator of the rules, with the level recorded (0 when none);
    `overrides` {number: level} raises levels for a "what if" and assumes their evidence."""
    by_indicator = {r.indicator_id: r for r in records}
    overrides = overrides or {}
    rows = []
    for indicator in rules.region:
        record = by_indicator.get(indicator.pk)
        row = RegionRow(
            indicator=indicator,
            level=record.level if record else 0,
            note=record.note if record else "",
            record=record,
        )
        wanted = overrides.get(indicator.number)
        if wanted is not None and wanted > row.level:
            row.level, row.assumed_proven = wanted, True
        elif wanted is not None and wanted == row.level and row.unproven:
            row.assumed_proven = True
        rows.append(row)
    return rows


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
    rules: object
    entries: list
    region: list = field(default_factory=list)

    def __post_init__(self):
        self.figures = Figures(
            spd=sum((row.points for row in self.region), ZERO),
            spd_max=self.rules.spd_max,
            innovation_scores=tuple(e.counted_score for e in self.entries),
            innovation_max=self.rules.innovation_max,
            min_divisor=self.rules.min_divisor,
            count_brackets=self.rules.count_brackets,
            bands=self.rules.bands,
        )

    # The figures of the method, by name, for templates and callers.
    n = property(lambda self: self.figures.n)
    divisor = property(lambda self: self.figures.divisor)
    innovation_sum = property(lambda self: self.figures.innovation_sum)
    innovation_average = property(lambda self: self.figures.innovation_average)
    innovation_max = property(lambda self: self.figures.innovation_max)
    count_score = property(lambda self: self.figures.count_score)
    count_score_max = property(lambda self: self.figures.count_score_max)
    spd = property(lambda self: self.figures.spd)
    spd_max = property(lambda self: self.figures.spd_max)
    sid = property(lambda self: self.figures.sid)
    sid_max = property(lambda self: self.figures.sid_max)
    total = property(lambda self: self.figures.total)
    total_max = property(lambda self: self.figures.total_max)
    index = property(lambda self: self.figures.index)
    band = property(lambda self: self.figures.band)

    @property
    def rejected_entries(self):
        return sum(1 for e in self.entries if e.rejected)

    @property
    def region_unproven(self):
        return [row for row in self.region if row.unproven]

    def as_dict(self):
        figures, band = self.figures, self.band or {}
        return {
            "estimate": True,
            "edition": self.rules.edition,
            "spd": number(figures.spd),
            "spd_max": number(figures.spd_max),
            "sid": number(figures.sid),
            "sid_max": number(figures.sid_max),
            "innovation_count": figures.n,
            "entries": figures.n,
            "rejected_entries": self.rejected_entries,
            "min_divisor": self.rules.min_divisor,
            "divisor": figures.divisor,
            "innovation_sum": number(figures.innovation_sum),
            "innovation_average": number(figures.innovation_average),
            "innovation_max": number(figures.innovation_max),
            "count_score": number(figures.count_score),
            "count_score_max": number(figures.count_score_max),
            "total": number(figures.total),
            "total_max": number(figures.total_max),
            "index": float(figures.index),
            "predicate": band.get("category"),
            "predicate_label": band.get("label"),
            "bands": self.rules.bands,
            "region_share": float(figures.region_share),
            "unconfirmed": [str(item) for item in self.rules.unconfirmed()],
        }


@dataclass(frozen=True)
class WhatIf:
    """Changes to try: leave out entries, add candidates, raise indicator levels."""

    exclude: frozenset = frozenset()
    add: frozenset = frozenset()
    raise_all: tuple = ()  # ((number, level), ...) for every counted innovation
    improve: tuple = ()  # ((innovation_id, number, level), ...)
    region: tuple = ()  # ((number, level), ...) of the region indicators

    def __bool__(self):
        return bool(self.exclude or self.add or self.raise_all or self.improve or self.region)

    def overrides(self, innovation_ids):
        result = {pk: dict(self.raise_all) for pk in innovation_ids}
        for pk, indicator, level in self.improve:
            if pk in result:
                result[pk][indicator] = max(level, result[pk].get(indicator, 0))
        return result


def entry_innovations(cycle):
    """The innovations entered for the cycle's IGA, with everything a readiness needs."""
    return with_readiness(
        Innovation.objects.filter(iga_entries__cycle=cycle).select_related("unit", "cycle")
    )


def _figures(entry, innovation, readiness):
    return EntryFigure(
        innovation=innovation,
        readiness=readiness,
        national_status=entry.national_status if entry else NationalStatus.REPORTED,
        entry=entry,
    )


def estimates_for(cycles):
    """{cycle_id: Estimate} from the recorded entries and levels, for any number of cycles in a
    constant number of queries."""
    cycles = list(cycles)
    rules = rules_for(cycles)
    entries = list(IgaEntry.objects.filter(cycle__in=cycles))
    innovations = {
        i.pk: i
        for i in with_readiness(
            Innovation.objects.filter(pk__in=[e.innovation_id for e in entries]).select_related(
                "unit", "cycle"
            )
        )
    }
    records = list(RegionIndicator.objects.filter(cycle__in=cycles))
    result = {}
    facts = facts_for(list(innovations.values())) if innovations else {}
    for cycle in cycles:
        cycle_rules = rules[cycle.pk]
        mine = [e for e in entries if e.cycle_id == cycle.pk and e.innovation_id in innovations]
        readiness = readiness_for(
            [innovations[e.innovation_id] for e in mine],
            catalogue=cycle_rules.innovation,
            facts=facts,
        )
        result[cycle.pk] = Estimate(
            cycle=cycle,
            rules=cycle_rules,
            entries=[
                _figures(e, innovations[e.innovation_id], readiness[e.innovation_id]) for e in mine
            ],
            region=region_rows(cycle_rules, [r for r in records if r.cycle_id == cycle.pk]),
        )
    return result


def region_estimate(cycle, *, what_if=None, extra=None):
    """The estimate from the cycle's entries, changed by `what_if` (added innovations come from
    `extra`, a queryset the caller has already limited to what the user may see)."""
    what_if = what_if or WhatIf()
    rules = rules_for([cycle])[cycle.pk]
    entries = {e.innovation_id: e for e in IgaEntry.objects.filter(cycle=cycle)}
    innovations = [i for i in entry_innovations(cycle) if i.pk not in what_if.exclude]
    if what_if.add and extra is not None:
        known = {i.pk for i in innovations}
        wanted = [pk for pk in what_if.add if pk not in known and pk not in what_if.exclude]
        if wanted:
            innovations += list(
                with_readiness(extra.filter(pk__in=wanted).select_related("unit", "cycle"))
            )
    readiness = readiness_for(
        innovations,
        what_if.overrides([i.pk for i in innovations]),
        catalogue=rules.innovation,
    )
    records = list(RegionIndicator.objects.filter(cycle=cycle))
    return Estimate(
        cycle=cycle,
        rules=rules,
        entries=[_figures(entries.get(i.pk), i, readiness[i.pk]) for i in innovations],
        region=region_rows(rules, records, dict(what_if.region)),
    )


__all__ = [
    "CANDIDATE_YEARS_BACK",
    "Estimate",
    "EntryFigure",
    "RegionRow",
    "WhatIf",
    "candidates",
    "category_for",
    "entry_innovations",
    "estimates_for",
    "region_estimate",
    "region_rows",
    "round2",
]
