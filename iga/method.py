"""Kemendagri's method for the Indeks Inovasi Daerah, in raw points (IID socialisation deck 2023,
"Metode, skor dan predikat penilaian IID"):

    SPD  = Σ_{i in the region part} score_i                       (score = weight × level)
    SID  = Σ_{j reported} Σ_{i in the innovation part} score_ij / MAX(min_divisor, n)
           + skor jumlah inovasi(n)
    skor total = SPD + SID
    IID  = skor total / skor total maksimum × 100

- A level counts only with evidence (the national verification gives 0 without it); the callers
  pass proven scores.
- n counts every reported innovation, those rejected by the national verification too (they
  score 0 but stay in the divisor), and the count score is read from the same n.
- skor total maksimum = SPD max (Σ region weights × 3) + SID max, where SID max = the maximum of
  one innovation (Σ innovation weights × 3: the average cannot exceed it) + the highest count
  score. The 25.2 % / 74.8 % split of the deck is each part's share of this maximum, not a
  weight applied to anything.
- IID is rounded half up to two decimals; the predicate is the cycle's band holding it.

Pure functions on `Decimal`s: no database, so the tests can check them against figures worked
out by hand, and the estimate, the planner and the warnings all use the same arithmetic.
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")


def as_decimal(value):
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round2(value):
    """Half up to two decimals (60.005 → 60.01), as the published indices are."""
    return as_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def count_score(n, brackets):
    """The points of the bracket holding `n` (brackets: [{min, max or None, points}]), else 0."""
    for bracket in brackets or []:
        low = int(bracket.get("min") or 0)
        high = bracket.get("max")
        if n >= low and (high is None or n <= int(high)):
            return as_decimal(bracket.get("points"))
    return ZERO


def count_score_max(brackets):
    return max((as_decimal(b.get("points")) for b in brackets or []), default=ZERO)


def divisor_for(n, min_divisor):
    return max(int(min_divisor or 1), n)


def band_for(index, bands):
    """The band whose [min, max] holds the index (rounded to two decimals), or None.

    An index in a gap between bands gets the highest band whose minimum it reaches.
    """
    index = round2(index)
    ordered = sorted(bands or [], key=lambda b: as_decimal(b.get("min", 0)), reverse=True)
    for band in ordered:
        if as_decimal(band.get("min", 0)) <= index <= as_decimal(band.get("max", 100)):
            return band
    for band in ordered:
        if as_decimal(band.get("min", 0)) <= index:
            return band
    return None


def total_needed(min_index, total_max):
    """The smallest skor total whose index rounds (half up) to at least `min_index`."""
    return (as_decimal(min_index) - HALF_CENT) * as_decimal(total_max) / HUNDRED


def bands_above(index, bands):
    """The bands whose minimum is above the index, lowest first."""
    index = round2(index)
    return sorted(
        (b for b in bands or [] if as_decimal(b.get("min", 0)) > index),
        key=lambda b: as_decimal(b.get("min", 0)),
    )


@dataclass(frozen=True)
class Figures:
    """The index of one situation. `innovation_scores` holds one proven score per reported
    innovation, 0 for one rejected by the national verification."""

    spd: Decimal
    spd_max: Decimal
    innovation_scores: tuple
    innovation_max: Decimal
    min_divisor: int
    count_brackets: list = field(default_factory=list)
    bands: list = field(default_factory=list)

    @property
    def n(self):
        return len(self.innovation_scores)

    @property
    def innovation_sum(self):
        return sum((as_decimal(s) for s in self.innovation_scores), ZERO)

    @property
    def divisor(self):
        return divisor_for(self.n, self.min_divisor)

    @property
    def innovation_average(self):
        return self.innovation_sum / self.divisor

    @property
    def count_score(self):
        return count_score(self.n, self.count_brackets)

    @property
    def count_score_max(self):
        return count_score_max(self.count_brackets)

    @property
    def sid(self):
        return self.innovation_average + self.count_score

    @property
    def sid_max(self):
        return self.innovation_max + self.count_score_max

    @property
    def total(self):
        return self.spd + self.sid

    @property
    def total_max(self):
        return self.spd_max + self.sid_max

    @property
    def exact_index(self):
        if not self.total_max:
            return ZERO
        return self.total / self.total_max * HUNDRED

    @property
    def index(self):
        return round2(self.exact_index)

    @property
    def band(self):
        return band_for(self.index, self.bands)

    @property
    def region_share(self):
        """The region part's share of the maximum points (the deck's 25.2 %), in percent."""
        return round2(self.spd_max / self.total_max * HUNDRED) if self.total_max else ZERO

    def points_per_index(self):
        """Skor total points that move the index by one (index points are total / max × 100)."""
        return self.total_max / HUNDRED

    def changed(self, *, spd=None, innovation_scores=None):
        return Figures(
            spd=self.spd if spd is None else spd,
            spd_max=self.spd_max,
            innovation_scores=self.innovation_scores
            if innovation_scores is None
            else tuple(innovation_scores),
            innovation_max=self.innovation_max,
            min_divisor=self.min_divisor,
            count_brackets=self.count_brackets,
            bands=self.bands,
        )

    def with_one_more(self, score):
        return self.changed(innovation_scores=(*self.innovation_scores, as_decimal(score)))

    def break_even_score(self):
        """The score one more reported innovation needs so that SID does not drop: through
        MAX(min_divisor, n + 1) and the count score of n + 1. Zero or less: any innovation helps."""
        after = self.with_one_more(ZERO)
        needed = (self.sid - after.count_score) * after.divisor - self.innovation_sum
        return needed.quantize(CENT, rounding=ROUND_CEILING)
