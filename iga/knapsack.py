"""The cheapest set of actions that gains the points a band needs: an exact multiple-choice
knapsack over whole effort units, with a greedy set when the exact one would be too large."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from .method import as_decimal
from .plan_actions import ZERO, rank_key

SCALE = Decimal(10**6)  # points → integers for the knapsack (gains floored, the need ceiled)
# Above this many option × effort steps the exact knapsack gives way to the greedy set (a region
# reporting hundreds of innovations); the recomputed check still guarantees the promised band.
KNAPSACK_WORK = 4_000_000


def _scaled(points, rounding):
    return int((as_decimal(points) * SCALE).to_integral_value(rounding=rounding))


def _greedy(groups, need):
    """Best-ratio option of each group in rank order until the need is met; None if it never is."""
    chosen, gained = [], ZERO
    for options in sorted(groups.values(), key=lambda o: rank_key(min(o, key=rank_key))):
        if gained >= need:
            break
        option = min(options, key=rank_key)
        chosen.append(option)
        gained += option.gain
    if gained >= need:
        return chosen
    # Not enough with the best ratios: every group at its largest gain instead.
    chosen, gained = [], ZERO
    for options in sorted(groups.values(), key=lambda o: rank_key(min(o, key=rank_key))):
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
