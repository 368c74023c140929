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

Effort, in whole units, is defined as (docs/decisions.md, "The planner"):

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

from .enums import Part, Predicate
from .estimate import candidates, region_estimate
from .knapsack import knapsack
from .method import as_decimal, bands_above, round2, total_needed
from .models import Indicator
from .plan import Plan
from .plan_actions import (
    Action,
    Situation,
    entry_actions,
    grouped,
    level_actions,
    rank_key,
    ranked,
)
from .readiness import readiness_for, with_readiness

# Weak entries left out are tried as prefixes of this length at most (each is one knapsack).
MAX_LEAVE_OUTS = 8
DEFAULT_TARGET = Predicate.SANGAT_INOVATIF


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

    The knapsack adds up each action's points as if it came alone, which overcounts reports
    that share a count-score bracket: a set it finds can still fall short once recomputed. Such
    a try counts as out of reach too, so the best figures are always there to be shown.
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
        tried = []
        if chosen is not None:
            chosen, figures = _complete(situation, removed + list(chosen), ranked(pool), target_min)
            if figures.index >= target_min:
                effort = sum(a.effort for a in chosen)
                if best is None or (effort, -figures.index) < (best[1], -best[2].index):
                    best = (chosen, effort, figures, exact)
                continue
            tried.append(figures)
        if best is None:
            everything = removed + [max(g, key=lambda a: a.gain) for g in grouped(pool).values()]
            tried.append(situation.apply(everything))
            for figures in tried:
                if best_figures is None or figures.index > best_figures.index:
                    best_figures = figures
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
    rest = sorted((a for a in chosen if a.kind != "leave_out"), key=rank_key)
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
