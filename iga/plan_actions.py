"""The actions the planner proposes (raise a level, prove a level, report or leave out an
innovation), their effort and gain, and the situation they change: the method is described in
`iga/planner.py`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .enums import MAX_LEVEL
from .estimate import number
from .models import Indicator

ZERO = Decimal(0)
DOCUMENT = 1  # effort of one evidence document
ENTRY = 1  # effort of reporting or leaving out one innovation


@dataclass
class Action:
    kind: str
    gain: Decimal
    climb: int = 0
    documents: int = 0
    indicator: Indicator | None = None
    innovation: object = None
    entry_key: object = None  # the innovation id of an entry or candidate
    from_level: int = 0  # claimed now
    counted_level: int = 0  # counted now (0 while unproven)
    to_level: int = 0
    effort_per_level: int = 1
    score: Decimal = ZERO  # report / leave out: the innovation's score
    index_after: Decimal | None = None

    @property
    def effort(self):
        if self.kind in ("report", "leave_out"):
            return ENTRY
        return self.climb * self.effort_per_level + self.documents

    @property
    def ratio(self):
        return self.gain / self.effort

    @property
    def group(self):
        if self.kind == "region":
            return ("region", self.indicator.number)
        if self.kind == "innovation":
            return ("innovation", self.entry_key, self.indicator.number)
        return (self.kind, self.entry_key)

    @property
    def proves_only(self):
        return self.kind in ("region", "innovation") and self.to_level == self.from_level

    @property
    def needs(self):
        return self.indicator.level_description(self.to_level) if self.indicator else ""

    @property
    def evidence(self):
        return self.indicator.level_evidence(self.to_level) if self.indicator else ""

    def description(self):
        values = {
            "number": self.indicator.number if self.indicator else "",
            "name": self.indicator.name if self.indicator else "",
            "from": self.from_level,
            "to": self.to_level,
            "code": getattr(self.innovation, "code", ""),
            "title": getattr(self.innovation, "title", ""),
            "score": number_format(self.score, 2),
        }
        if self.kind == "region" and self.proves_only:
            text = _(
                "Attach the evidence of region indicator %(number)s (%(name)s) at level %(to)s"
            )
        elif self.kind == "region":
            text = _("Raise region indicator %(number)s (%(name)s) from level %(from)s to %(to)s")
        elif self.kind == "innovation" and self.proves_only:
            text = _(
                "Attach the evidence of indicator %(number)s (%(name)s) of %(code)s at level %(to)s"
            )
        elif self.kind == "innovation":
            text = _(
                "Raise indicator %(number)s (%(name)s) of %(code)s from level %(from)s to %(to)s"
            )
        elif self.kind == "report":
            text = _("Report %(code)s (%(title)s) too: it scores %(score)s")
        else:
            text = _("Leave %(code)s (%(title)s) out: it scores %(score)s")
        return text % values

    def as_dict(self):
        innovation = self.innovation
        return {
            "kind": self.kind,
            "description": self.description(),
            "innovation": None
            if innovation is None
            else {
                "id": innovation.pk,
                "code": innovation.code,
                "title": innovation.title,
                "unit": innovation.unit.code if innovation.unit_id else None,
            },
            "indicator": None
            if self.indicator is None
            else {
                "number": self.indicator.number,
                "name": self.indicator.name,
                "part": self.indicator.part,
                "weight": float(self.indicator.weight),
            },
            "from_level": self.from_level if self.indicator else None,
            "counted_level": self.counted_level if self.indicator else None,
            "to_level": self.to_level if self.indicator else None,
            "needs": self.needs,
            "evidence": self.evidence,
            "score": number(self.score) if self.kind in ("report", "leave_out") else None,
            "climb": self.climb,
            "documents": self.documents,
            "effort": self.effort,
            "points": number(self.gain),
            "gain_per_effort": number(self.ratio),
            "index_after": None if self.index_after is None else float(self.index_after),
        }


@dataclass
class Situation:
    """What the actions change: the base figures, the entries' scores and the region's points."""

    estimate: object
    candidates: list  # [(innovation, readiness)] not entered
    excluded: frozenset = frozenset()  # entries left out before anything else is planned

    def __post_init__(self):
        self.scores = {
            e.innovation.pk: e.counted_score
            for e in self.estimate.entries
            if e.innovation.pk not in self.excluded
        }
        self.base = self.estimate.figures.changed(innovation_scores=list(self.scores.values()))
        self.candidate_scores = {i.pk: r.score for i, r in self.candidates}

    def without(self, innovation_ids):
        return Situation(
            estimate=self.estimate,
            candidates=self.candidates,
            excluded=self.excluded | frozenset(innovation_ids),
        )

    def apply(self, actions):
        """The exact figures with `actions` applied (at most one per group)."""
        spd = self.base.spd
        scores = dict(self.scores)
        for action in actions:
            points = (
                action.indicator.weight * (action.to_level - action.counted_level)
                if (action.indicator is not None)
                else ZERO
            )
            if action.kind == "region":
                spd += points
            elif action.kind == "innovation":
                scores[action.entry_key] = scores.get(action.entry_key, ZERO) + points
            elif action.kind == "report":
                scores[action.entry_key] = self.candidate_scores[action.entry_key]
            elif action.kind == "leave_out":
                scores.pop(action.entry_key, None)
        return self.base.changed(spd=spd, innovation_scores=list(scores.values()))


def _level_options(row_level, proven, weight, effort_per_level, divisor):
    """(to_level, climb, documents, gain) for raising a row claimed at `row_level`."""
    counted = row_level if proven else 0
    options = []
    if not proven and row_level > 0:
        options.append((row_level, 0, DOCUMENT, weight * row_level / divisor))
    for level in range(row_level + 1, MAX_LEVEL + 1):
        options.append((level, level - row_level, DOCUMENT, weight * (level - counted) / divisor))
    return counted, options


def level_actions(situation, recordable):
    """Every raise of an indicator (region, or of a reported innovation that is not rejected)."""
    actions = []
    divisor = situation.base.divisor
    for row in situation.estimate.region:
        counted, options = _level_options(
            row.level, not row.unproven, row.indicator.weight, row.indicator.effort_per_level, 1
        )
        for level, climb, documents, gain in options:
            actions.append(
                Action(
                    kind="region",
                    gain=gain,
                    climb=climb,
                    documents=documents,
                    indicator=row.indicator,
                    from_level=row.level,
                    counted_level=counted,
                    to_level=level,
                    effort_per_level=row.indicator.effort_per_level,
                )
            )
    for entry in situation.estimate.entries:
        if entry.rejected or entry.innovation.pk in situation.excluded:
            continue
        innovation = entry.innovation
        for row in entry.readiness.rows:
            if (innovation.cycle_id, row.number) not in recordable:
                continue  # its own year has no such indicator: no level can be recorded
            counted, options = _level_options(
                row.level,
                not row.unproven,
                row.indicator.weight,
                row.indicator.effort_per_level,
                divisor,
            )
            for level, climb, documents, gain in options:
                actions.append(
                    Action(
                        kind="innovation",
                        gain=gain,
                        climb=climb,
                        documents=documents,
                        indicator=row.indicator,
                        innovation=innovation,
                        entry_key=innovation.pk,
                        from_level=row.level,
                        counted_level=counted,
                        to_level=level,
                        effort_per_level=row.indicator.effort_per_level,
                    )
                )
    return [a for a in actions if a.gain > 0]


def entry_actions(situation, *, leave_out=True):
    """Reporting a candidate, or leaving an entry out, where it adds points on its own."""
    actions, base = [], situation.base
    for innovation, readiness in situation.candidates:
        gain = base.with_one_more(readiness.score).total - base.total
        if gain > 0:
            actions.append(
                Action(
                    kind="report",
                    gain=gain,
                    innovation=innovation,
                    entry_key=innovation.pk,
                    score=readiness.score,
                )
            )
    for entry in situation.estimate.entries if leave_out else []:
        if entry.rejected or entry.innovation.pk in situation.excluded:
            continue  # after the national verification an entry is not taken back
        scores = dict(situation.scores)
        scores.pop(entry.innovation.pk)
        gain = base.changed(innovation_scores=list(scores.values())).total - base.total
        if gain > 0:
            actions.append(
                Action(
                    kind="leave_out",
                    gain=gain,
                    innovation=entry.innovation,
                    entry_key=entry.innovation.pk,
                    score=entry.counted_score,
                )
            )
    return actions


def rank_key(action):
    return (
        -action.ratio,
        -action.gain,
        action.kind,
        getattr(action.innovation, "code", ""),
        action.indicator.number if action.indicator else 0,
        action.to_level,
    )


def grouped(actions):
    groups = {}
    for action in actions:
        groups.setdefault(action.group, []).append(action)
    return groups


def ranked(actions):
    """The best option (points per effort) of each group, best first."""
    best = [min(options, key=rank_key) for options in grouped(actions).values()]
    return sorted(best, key=rank_key)
