"""The planner: which concrete actions raise a cycle's IID most per unit of effort, and the
cheapest set of actions that reaches a band (sangat inovatif unless another is asked for).

Actions (each names what to do, the level it reaches, the evidence that level needs, the points
it adds to the skor total and the index it leads to on its own):

- `innovation`: raise indicator i of reported innovation j to level L (or prove the level it
  claims without evidence). Adds weight × (L − counted level) / MAX(min_divisor, n) to SID.
- `region`: raise region indicator i to level L (or prove its claimed level). Adds
  weight × (L − counted level) to SPD.
- `report`: report one more innovation (a candidate the user sees). Changes SID through its score,
  MAX(min_divisor, n + 1) and the count score of n + 1; listed only when it adds points.
- `leave_out`: do not report an entered innovation. Listed only when it adds points (a weak
  innovation above the minimum divisor, or a count-score bracket).

Effort, in whole units, is defined as (docs/decisions-iid.md):

- levels to climb: (L − the level claimed now) × the indicator's `effort_per_level` (1 unless an
  admin set another in the rules: a Perda costs more than a photo of a banner);
- plus one evidence document for the level that is to count (a level counts only with evidence);
- proving a level already claimed is therefore 1, reporting or leaving out an innovation is 1.

Ranking is by points per effort unit (ties: more points first). The cheapest set is an exact
multiple-choice knapsack over whole effort units at the current n (at most one target level per
indicator and innovation), then checked by recomputing the index with every action of the set
applied; when reporting or leaving out innovations changes n and the check falls short, the next
best actions are added until the exact index reaches the band. So the promised band is always the
recomputed one.
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import MAX_LEVEL, Part, Predicate
from .estimate import candidates, number, region_estimate
from .method import as_decimal, bands_above, round2, total_needed
from .models import Indicator
from .readiness import readiness_for, with_readiness

ZERO = Decimal(0)
DOCUMENT = 1  # effort of one evidence document
ENTRY = 1  # effort of reporting or leaving out one innovation
SCALE = Decimal(10**6)  # points → integers for the knapsack (gains floored, the need ceiled)
# Above this many option × effort steps the exact knapsack gives way to the greedy set (a region
# reporting hundreds of innovations); the recomputed check still guarantees the promised band.
KNAPSACK_WORK = 4_000_000
# Weak entries left out are tried as prefixes of this length at most (each is one knapsack).
MAX_LEAVE_OUTS = 8
DEFAULT_TARGET = Predicate.SANGAT_INOVATIF


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


def _order(action):
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
    best = [min(options, key=_order) for options in grouped(actions).values()]
    return sorted(best, key=_order)


def _scaled(points, rounding):
    return int((as_decimal(points) * SCALE).to_integral_value(rounding=rounding))


def _greedy(groups, need):
    """Best-ratio option of each group in rank order until the need is met; None if it never is."""
    chosen, gained = [], ZERO
    for options in sorted(groups.values(), key=lambda o: _order(min(o, key=_order))):
        if gained >= need:
            break
        option = min(options, key=_order)
        chosen.append(option)
        gained += option.gain
    if gained >= need:
        return chosen
    # Not enough with the best ratios: every group at its largest gain instead.
    chosen, gained = [], ZERO
    for options in sorted(groups.values(), key=lambda o: _order(min(o, key=_order))):
        if gained >= need:
            break
        option = max(options, key=lambda a: (a.gain, -a.effort))
        chosen.append(option)
        gained += option.gain
    return chosen if gained >= need else None


def knapsack(groups, need):
    """(set, exact): the set (one option per group at most) of least effort whose points reach
    `need`, exact over whole effort units, or the greedy set (exact False) when the problem is
    too large; (None, False) when even every action together falls short."""
    if need <= 0:
        return [], True
    greedy = _greedy(groups, need)
    if greedy is None:
        return None, False
    limit = sum(a.effort for a in greedy)
    options = [[(a.effort, _scaled(a.gain, ROUND_FLOOR), a) for a in g] for g in groups.values()]
    if sum(len(o) for o in options) * (limit + 1) > KNAPSACK_WORK:
        return greedy, False
    target = _scaled(need, ROUND_CEILING)
    best = [-1] * (limit + 1)
    best[0] = 0
    picks = []
    for group in options:
        new = best[:]
        pick = {}
        for index, (effort, gain, _action) in enumerate(group):
            for spent in range(limit, effort - 1, -1):
                before = best[spent - effort]
                if before >= 0 and before + gain > new[spent]:
                    new[spent] = before + gain
                    pick[spent] = index
        picks.append(pick)
        best = new
    spent = next((e for e in range(limit + 1) if best[e] >= target), None)
    if spent is None:  # the floored gains fell just short of what the greedy set reaches
        return greedy, False
    chosen = []
    for group, pick in zip(reversed(options), reversed(picks), strict=True):
        index = pick.get(spent)
        if index is not None:
            effort, _gain, action = group[index]
            chosen.append(action)
            spent -= effort
    return chosen, True


@dataclass
class Plan:
    estimate: object
    situation: Situation
    actions: list  # ranked, best option per group
    target_band: dict | None
    chosen: list | None  # the cheapest set; None when it cannot be reached
    reached_figures: object = None
    greedy: bool = False
    bands_above: list = field(default_factory=list)

    @property
    def base(self):
        return self.situation.base

    @property
    def effort_model(self):
        return EFFORT_MODEL

    @property
    def already(self):
        return self.target_band is not None and self.points_needed <= 0

    @property
    def points_needed(self):
        if self.target_band is None:
            return ZERO
        return total_needed(self.target_band.get("min"), self.base.total_max) - self.base.total

    @property
    def reaches(self):
        if self.target_band is None or self.reached_figures is None:
            return False
        return self.reached_figures.index >= round2(self.target_band.get("min"))

    @property
    def set_effort(self):
        return sum(a.effort for a in self.chosen or [])

    @property
    def set_points(self):
        if self.reached_figures is None:
            return ZERO
        return self.reached_figures.total - self.base.total

    def distances(self):
        """Each band above the estimate: the skor total it needs and the points still missing."""
        rows = []
        for band in self.bands_above:
            needed = total_needed(band.get("min"), self.base.total_max)
            rows.append(
                {
                    "band": band,
                    "total_needed": needed,
                    "points_needed": needed - self.base.total,
                    "index_needed": round2(as_decimal(band.get("min")) - self.base.index),
                }
            )
        return rows

    @property
    def next_band(self):
        distances = self.distances()
        return distances[0] if distances else None

    def one_more(self):
        base = self.base
        zero = base.with_one_more(ZERO)
        best = max(self.situation.candidates, key=lambda c: c[1].score, default=None)
        result = {
            "n": zero.n,
            "divisor": zero.divisor,
            "count_score": zero.count_score,
            "break_even_score": base.break_even_score(),
            "index_with_zero_score": zero.index,
            "points_with_zero_score": zero.total - base.total,
            "best_candidate": None,
        }
        if best is not None:
            after = base.with_one_more(best[1].score)
            result["best_candidate"] = {
                "innovation": best[0],
                "score": best[1].score,
                "index_after": after.index,
                "points": after.total - base.total,
            }
        return result

    def one_fewer(self):
        entries = [e for e in self.estimate.entries if not e.rejected]
        if not entries:
            return None
        weakest = min(entries, key=lambda e: (e.counted_score, e.innovation.code))
        after = self.situation.apply(
            [Action(kind="leave_out", gain=ZERO, entry_key=weakest.innovation.pk)]
        )
        return {
            "n": after.n,
            "divisor": after.divisor,
            "count_score": after.count_score,
            "weakest": weakest.innovation,
            "score": weakest.counted_score,
            "index_after": after.index,
            "points": after.total - self.base.total,
        }

    def as_dict(self, limit=None):
        base, band = self.base, self.base.band or {}
        shown = self.actions if limit is None else self.actions[:limit]
        one_more, one_fewer = self.one_more(), self.one_fewer()
        return {
            "year": self.estimate.cycle.year,
            "estimate": True,
            "effort_model": str(EFFORT_MODEL),
            "current": {
                "index": float(base.index),
                "predicate": band.get("category"),
                "predicate_label": band.get("label"),
                "total": number(base.total),
                "total_max": number(base.total_max),
                "points_per_index_point": number(base.points_per_index()),
            },
            "next_band": None if self.next_band is None else _distance_dict(self.next_band),
            "bands_above": [_distance_dict(d) for d in self.distances()],
            "count_effect": {
                "one_more": {
                    "innovation_count": one_more["n"],
                    "divisor": one_more["divisor"],
                    "count_score": number(one_more["count_score"]),
                    "break_even_score": number(one_more["break_even_score"]),
                    "index_with_zero_score": float(one_more["index_with_zero_score"]),
                    "points_with_zero_score": number(one_more["points_with_zero_score"]),
                    "best_candidate": None
                    if one_more["best_candidate"] is None
                    else {
                        "id": one_more["best_candidate"]["innovation"].pk,
                        "code": one_more["best_candidate"]["innovation"].code,
                        "score": number(one_more["best_candidate"]["score"]),
                        "index_after": float(one_more["best_candidate"]["index_after"]),
                        "points": number(one_more["best_candidate"]["points"]),
                    },
                },
                "one_fewer": None
                if one_fewer is None
                else {
                    "innovation_count": one_fewer["n"],
                    "divisor": one_fewer["divisor"],
                    "count_score": number(one_fewer["count_score"]),
                    "weakest": {
                        "id": one_fewer["weakest"].pk,
                        "code": one_fewer["weakest"].code,
                        "score": number(one_fewer["score"]),
                    },
                    "index_after": float(one_fewer["index_after"]),
                    "points": number(one_fewer["points"]),
                },
            },
            "actions_total": len(self.actions),
            "actions": [a.as_dict() for a in shown],
            "target": None
            if self.target_band is None
            else {
                "predicate": self.target_band.get("category"),
                "label": self.target_band.get("label"),
                "min_index": float(as_decimal(self.target_band.get("min"))),
                "total_needed": number(total_needed(self.target_band.get("min"), base.total_max)),
                "points_needed": number(max(self.points_needed, ZERO)),
                "already": self.already,
                "reachable": self.chosen is not None,
                "reaches": self.reaches,
                "effort": self.set_effort,
                "points": number(self.set_points),
                "index_after": None
                if self.reached_figures is None
                else float(self.reached_figures.index),
                "predicate_after": None
                if self.reached_figures is None
                else (self.reached_figures.band or {}).get("category"),
                "method": "greedy" if self.greedy else "exact",
                "actions": [a.as_dict() for a in self.chosen or []],
            },
        }


EFFORT_MODEL = gettext_lazy(
    "Effort units: each level to climb counts the indicator's effort per level (1 unless set in "
    "the rules), each evidence document to attach counts 1; reporting or leaving out an "
    "innovation counts 1."
)


def _distance_dict(distance):
    band = distance["band"]
    return {
        "predicate": band.get("category"),
        "label": band.get("label"),
        "min_index": float(as_decimal(band.get("min"))),
        "total_needed": number(distance["total_needed"]),
        "points_needed": number(distance["points_needed"]),
        "index_points_needed": float(distance["index_needed"]),
    }


def target_band(bands, predicate):
    found = [b for b in bands or [] if b.get("category") == predicate]
    if found:
        return found[0]
    return max(bands or [], key=lambda b: as_decimal(b.get("min", 0)), default=None)


def _index_after(situation, action):
    action.index_after = situation.apply([action]).index
    return action


def _complete(situation, chosen, pool, target_min):
    """Add the best remaining actions (other groups) until the exact index reaches the target."""
    figures = situation.apply(chosen)
    used = {a.group for a in chosen}
    for action in pool:
        if figures.index >= target_min:
            break
        if action.group in used:
            continue
        chosen.append(action)
        used.add(action.group)
        figures = situation.apply(chosen)
    return chosen, figures


def leave_out_sequence(situation, limit=MAX_LEAVE_OUTS):
    """The entries that, taken out weakest first, each raise the index (a weak innovation above
    the minimum divisor pulls the average down): [(entry, its leave_out Action)]."""
    sequence, current = [], situation
    entries = [e for e in situation.estimate.entries if not e.rejected]
    for entry in sorted(entries, key=lambda e: (e.counted_score, e.innovation.code)):
        if len(sequence) >= limit:
            break
        after = current.without([entry.innovation.pk])
        gain = after.base.total - current.base.total
        if gain <= 0:
            break
        action = Action(
            kind="leave_out",
            gain=gain,
            innovation=entry.innovation,
            entry_key=entry.innovation.pk,
            score=entry.counted_score,
        )
        sequence.append(action)
        current = after
    return sequence


def cheapest_set(situation, recordable, band):
    """(actions, figures, exact) of least effort reaching the band, or (None, best figures,
    False) when nothing reaches it.

    Leaving an innovation out excludes raising its indicators, so the weakest-first leave-outs
    are tried as prefixes (none, the first, the first two, ...); for each, the knapsack chooses
    the raises and reports on what remains, and the exact index is recomputed on the whole set.
    """
    target_min = round2(band.get("min"))
    needed = total_needed(band.get("min"), situation.base.total_max)
    sequence = leave_out_sequence(situation)
    best, best_figures = None, None
    for count in range(len(sequence) + 1):
        removed = sequence[:count]
        sub = situation.without([a.entry_key for a in removed])
        pool = level_actions(sub, recordable) + entry_actions(sub, leave_out=False)
        chosen, exact = knapsack(grouped(pool), needed - sub.base.total)
        if chosen is None:
            everything = removed + [max(g, key=lambda a: a.gain) for g in grouped(pool).values()]
            figures = situation.apply(everything)
            if best is None and (best_figures is None or figures.index > best_figures.index):
                best_figures = figures
            continue
        chosen, figures = _complete(situation, removed + list(chosen), ranked(pool), target_min)
        if figures.index < target_min:
            continue
        effort = sum(a.effort for a in chosen)
        if best is None or (effort, -figures.index) < (best[1], -best[2].index):
            best = (chosen, effort, figures, exact)
    if best is None:
        return None, best_figures, False
    chosen, _effort, figures, exact = best
    return chosen, figures, exact


def build_plan(estimate, candidate_rows, recordable, *, target=DEFAULT_TARGET):
    """The plan from an estimate, the candidates not entered [(innovation, readiness on the
    cycle's indicators)] and the (cycle_id, number) pairs levels can be recorded on."""
    situation = Situation(estimate=estimate, candidates=candidate_rows)
    every = level_actions(situation, recordable) + entry_actions(situation)
    actions = [_index_after(situation, a) for a in ranked(every)]
    band = target_band(estimate.rules.bands, target)
    plan = Plan(
        estimate=estimate,
        situation=situation,
        actions=actions,
        target_band=band,
        chosen=None,
        bands_above=bands_above(situation.base.index, estimate.rules.bands),
    )
    if band is None:
        return plan
    if plan.points_needed <= 0:
        plan.chosen, plan.reached_figures = [], situation.base
        return plan
    chosen, figures, exact = cheapest_set(situation, recordable, band)
    plan.reached_figures = figures
    if chosen is not None:
        plan.greedy = not exact
        plan.chosen = in_sequence(situation, chosen)
    return plan


def in_sequence(situation, chosen):
    """The set in the order to read it (leave-outs first, as they change what the others are
    worth, then by points per effort), each with the points it adds after the ones before it
    and the index reached so far: the last index is the set's."""
    leave = [a for a in chosen if a.kind == "leave_out"]
    rest = sorted((a for a in chosen if a.kind != "leave_out"), key=_order)
    ordered, before = [], situation.base
    for action in leave + rest:
        ordered.append(action)
        after = situation.apply(ordered)
        action.gain, action.index_after = after.total - before.total, after.index
        before = after
    return ordered


def recordable_numbers(innovations):
    """{(cycle_id, number)} of the innovation indicators the innovations' own years have."""
    cycle_ids = {i.cycle_id for i in innovations}
    return set(
        Indicator.objects.filter(cycle_id__in=cycle_ids, part=Part.INNOVATION).values_list(
            "cycle_id", "number"
        )
    )


def plan_for(cycle, user, *, target=DEFAULT_TARGET, estimate=None, candidate_innovations=None):
    """The plan of a cycle as `user` may see it (candidates from `candidates(cycle, user)`).

    `estimate` and `candidate_innovations` (fetched `with_readiness`) can be passed by a page
    that already has them, so the plan adds no query of its own for them.
    """
    estimate = estimate or region_estimate(cycle)
    if candidate_innovations is None:
        candidate_innovations = list(
            with_readiness(
                candidates(cycle, user).filter(entered=False).select_related("unit", "cycle")
            )
        )
    entered = {e.innovation.pk for e in estimate.entries}
    waiting = [i for i in candidate_innovations if i.pk not in entered]
    readiness = readiness_for(waiting, catalogue=estimate.rules.innovation)
    recordable = recordable_numbers([e.innovation for e in estimate.entries])
    return build_plan(estimate, [(i, readiness[i.pk]) for i in waiting], recordable, target=target)
