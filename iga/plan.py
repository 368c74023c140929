"""A plan as the pages, the API and the exports show it: the ranked actions, the cheapest set and
the band it reaches."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from .estimate import number
from .method import as_decimal, round2, total_needed
from .plan_actions import ZERO, Action, Situation


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
