"""Readiness of innovations on the IID indicators: levels, evidence, score and what is missing.

A level counts in the score only when at least one attachment tagged with that indicator proves
it: the national verification gives 0 to a level without evidence (DOMAIN.md), so the portal's
estimate does too. The level as claimed stays visible next to it ("claimed score").

Reads are batched: `readiness_for(innovations)` needs the innovations fetched with
`with_readiness()` (scores and tagged attachments prefetched) and loads the catalogues of their
cycles in one query, so a list of any length costs the same number of queries.

An innovation's own page scores it on its own cycle's innovation indicators. The IGA of a year
scores what is reported with that year's rules: `readiness_for(..., catalogue=...)` reads the
levels by indicator number against the reporting cycle's indicators (an innovation of 2024
reported in 2025 is scored with the 2025 weights), as the national verification does.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from innovations.models import Attachment

from .enums import MAX_LEVEL, Part
from .models import Indicator, IndicatorScore

ZERO = Decimal(0)

# Apps further up the chain (portfolio: decrees, monitoring, replications) tell readiness what
# they know per indicator without iga importing them: each source is `fn(innovations) ->
# {innovation_id: {number: [Fact, ...]}}`, called once per batch of innovations.
_evidence_sources = []


def register_evidence_source(fn):
    if fn not in _evidence_sources:
        _evidence_sources.append(fn)
    return fn


@dataclass(frozen=True)
class Fact:
    """What the portal's records say about an indicator (a decree, a report, a replication).

    It suggests a level and points at the record; it does not prove the level by itself: the
    evidence is still the tagged file (the national verification wants the document).
    """

    text: str
    url: str = ""
    level: int | None = None  # the level the record supports, when it supports one
    alert: bool = False  # something to act on (e.g. the decree has lapsed)


def facts_for(innovations):
    """{innovation_id: {number: [Fact]}} from every registered source, merged."""
    merged = defaultdict(lambda: defaultdict(list))
    for source in _evidence_sources:
        for innovation_id, by_number in (source(innovations) or {}).items():
            for number, facts in by_number.items():
                merged[innovation_id][number].extend(facts)
    return merged


def with_readiness(queryset):
    """Prefetch what a readiness needs: the levels and the indicator-tagged attachments."""
    return queryset.prefetch_related(
        Prefetch("iid_scores", queryset=IndicatorScore.objects.select_related("indicator")),
        Prefetch(
            "attachments",
            queryset=Attachment.objects.filter(indicator__isnull=False).order_by(
                "uploaded_at", "id"
            ),
            to_attr="iid_evidence",
        ),
    )


def catalogues(cycle_ids):
    """{cycle_id: [innovation Indicator, ...]} in number order, one query for any number of
    cycles."""
    grouped = defaultdict(list)
    indicators = Indicator.objects.filter(cycle_id__in=set(cycle_ids), part=Part.INNOVATION)
    for indicator in indicators.order_by("number"):
        grouped[indicator.cycle_id].append(indicator)
    return grouped


class LevelPoints:
    """The points of one indicator at its level: `weight × level`, and a level counts only with
    its evidence (the national verification's rule), for the innovations' rows and the region's
    alike. Needs `indicator`, `level` and `has_evidence`."""

    @property
    def unproven(self):
        """A level is chosen but nothing proves it: it counts 0."""
        return self.level > 0 and not self.has_evidence

    @property
    def claimed_points(self):
        return self.indicator.weight * self.level

    @property
    def points(self):
        return ZERO if self.unproven else self.claimed_points


@dataclass
class IndicatorReadiness(LevelPoints):
    indicator: Indicator
    level: int = 0
    note: str = ""
    evidence: list = field(default_factory=list)
    assumed_proven: bool = False  # a "what if" raise: the evidence is assumed to come
    facts: list = field(default_factory=list)  # what the portal's records say (`Fact`)

    @property
    def suggested_level(self):
        """The highest level the portal's records support, or None."""
        levels = [fact.level for fact in self.facts if fact.level is not None]
        return max(levels) if levels else None

    @property
    def alerts(self):
        return [fact for fact in self.facts if fact.alert]

    @property
    def number(self):
        return self.indicator.number

    @property
    def has_evidence(self):
        return bool(self.evidence) or self.assumed_proven

    @property
    def max_points(self):
        return self.indicator.weight * MAX_LEVEL

    @property
    def mandatory_gap(self):
        """A mandatory indicator at level 0 or without evidence: the national form flags it."""
        return self.indicator.mandatory and (self.level == 0 or not self.has_evidence)

    @property
    def next_level(self):
        return self.level + 1 if self.level < MAX_LEVEL else None

    @property
    def missing(self):
        """What to do next on this indicator, in one sentence."""
        if self.unproven:
            return _(
                "Attach evidence tagged with indicator %(number)s for level %(level)s: %(what)s"
            ) % {
                "number": self.number,
                "level": self.level,
                "what": self.indicator.level_description(self.level) or "-",
            }
        if self.next_level is None:
            return ""
        return level_needs(self.indicator, self.next_level)


def level_needs(indicator, level):
    """ "Level 2 needs: <what the level means> (evidence: <document>)"."""
    text = _("Level %(level)s needs: %(what)s") % {
        "level": level,
        "what": indicator.level_description(level) or "-",
    }
    evidence = indicator.level_evidence(level)
    if evidence:
        text += " " + _("(evidence: %(evidence)s)") % {"evidence": evidence}
    return text


@dataclass
class Readiness:
    innovation: object
    rows: list

    @property
    def score(self):
        return sum((row.points for row in self.rows), ZERO)

    @property
    def claimed_score(self):
        return sum((row.claimed_points for row in self.rows), ZERO)

    @property
    def max_score(self):
        return sum((row.max_points for row in self.rows), ZERO)

    @property
    def potential_gain(self):
        return self.max_score - self.score

    @property
    def mandatory_gaps(self):
        return [row for row in self.rows if row.mandatory_gap]

    @property
    def unproven(self):
        return [row for row in self.rows if row.unproven]

    def levels(self):
        return {row.number: row.level for row in self.rows}

    @property
    def alerts(self):
        return [fact for row in self.rows for fact in row.alerts]


def build(innovation, indicators, overrides=None, facts=None):
    """Readiness of an innovation fetched with `with_readiness()` against its cycle's catalogue.

    `overrides` {number: level} raises levels for a "what if" (never lowers them) and assumes
    their evidence will be attached.
    """
    overrides = overrides or {}
    facts = facts or {}
    scores = {score.indicator.number: score for score in innovation.iid_scores.all()}
    evidence = defaultdict(list)
    for attachment in getattr(innovation, "iid_evidence", None) or []:
        evidence[attachment.indicator].append(attachment)
    rows = []
    for indicator in indicators:
        score = scores.get(indicator.number)
        row = IndicatorReadiness(
            indicator=indicator,
            level=score.level if score else 0,
            note=score.note if score else "",
            evidence=evidence.get(indicator.number, []),
            facts=list(facts.get(indicator.number, [])),
        )
        wanted = overrides.get(indicator.number)
        if wanted is not None and wanted > row.level:
            row.level, row.assumed_proven = wanted, True
        rows.append(row)
    return Readiness(innovation=innovation, rows=rows)


def readiness_for(innovations, overrides=None, *, catalogue=None, facts=None):
    """{innovation_id: Readiness}; `overrides` {innovation_id: {number: level}}.

    Each innovation on its own cycle's indicators, or all on `catalogue` (a reporting cycle's
    innovation indicators) when it is given.
    """
    innovations = list(innovations)
    overrides = overrides or {}
    if facts is None:  # a caller building several batches fetches the facts once (`facts_for`)
        facts = facts_for(innovations) if innovations else {}
    if catalogue is not None:
        return {
            i.pk: build(i, catalogue, overrides.get(i.pk), facts.get(i.pk)) for i in innovations
        }
    grouped = catalogues(i.cycle_id for i in innovations)
    return {
        i.pk: build(i, grouped.get(i.cycle_id, []), overrides.get(i.pk), facts.get(i.pk))
        for i in innovations
    }


def readiness_of(innovation, *, cycle=None):
    """One innovation (for its page and its API): refetched with everything a readiness needs;
    on the innovation indicators of `cycle` (a reporting cycle) when given, else of its own."""
    from innovations.models import Innovation

    fresh = with_readiness(Innovation.objects.filter(pk=innovation.pk)).get()
    cycle_id = cycle.pk if cycle is not None else fresh.cycle_id
    facts = facts_for([fresh]).get(fresh.pk)
    return build(fresh, catalogues([cycle_id]).get(cycle_id, []), facts=facts)
