"""The region's Indeks Inovasi Daerah over the years: the index Kemendagri published (entered by
an admin; Banjar's 52.53 for 2022 and 57.64 for 2023 are seeded from the reference data) beside
the portal's estimate for the same year, for the dashboard trend and the history page.

The estimates of every year come from `estimates_for` in a constant number of queries. A year
with a cycle but nothing recorded for its IGA (no entry, no region level) has no estimate: an
index of 0 there would read as "tidak dapat dinilai", which nobody decided.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from innovations.models import Cycle
from reports.charts import series_chart

from .estimate import estimates_for
from .models import PublishedIndex


@dataclass
class YearRow:
    year: int
    published: PublishedIndex | None
    estimate: object | None

    @property
    def difference(self):
        if self.published is None or self.estimate is None:
            return None
        return self.estimate.index - self.published.index

    @property
    def published_label(self):
        if self.published is None:
            return ""
        return self.published.get_predicate_display()

    @property
    def estimate_band(self):
        return (self.estimate.band or {}) if self.estimate is not None else {}

    def as_dict(self):
        published, estimate = self.published, self.estimate
        return {
            "year": self.year,
            "published": None
            if published is None
            else {
                "index": float(published.index),
                "predicate": published.predicate,
                "predicate_label": published.get_predicate_display(),
                "source": published.source,
            },
            "estimate": None
            if estimate is None
            else {
                "index": float(estimate.index),
                "predicate": self.estimate_band.get("category"),
                "predicate_label": self.estimate_band.get("label"),
                "edition": estimate.rules.edition,
            },
            "difference": None if self.difference is None else float(self.difference),
        }


def _recorded(estimate):
    return bool(estimate.entries) or any(row.record is not None for row in estimate.region)


def trend():
    """One row per year that has a published index or an IGA estimate, oldest first."""
    published = {p.year: p for p in PublishedIndex.objects.all()}
    estimates = {
        estimate.cycle.year: estimate
        for estimate in estimates_for(Cycle.objects.order_by("year")).values()
        if _recorded(estimate)
    }
    years = sorted(set(published) | set(estimates))
    return [YearRow(year, published.get(year), estimates.get(year)) for year in years]


def trend_chart(rows):
    if not rows:
        return ""
    return series_chart(
        [row.year for row in rows],
        [
            (
                _("Published"),
                [None if r.published is None else r.published.index for r in rows],
            ),
            (
                _("Portal estimate"),
                [None if r.estimate is None else r.estimate.index for r in rows],
            ),
        ],
        title=_("Indeks Inovasi Daerah per year"),
        peak=100,
    )
