"""Kemendagri's method on examples worked out by hand (the figures are written out here, never
computed by the code under test): SPD + SID over the maximum, fewer than ten innovations,
a rejected entry in the divisor, a count-score bracket edge, and the band edges of 2023 and 2025.
"""

from decimal import Decimal

import pytest

from iga.enums import NationalStatus
from iga.estimate import region_estimate
from iga.method import Figures, band_for, count_score, round2, total_needed
from iga.models import Indicator
from iga.rules_services import rules_update

from .factories import IgaEntryFactory, RegionIndicatorFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

# The rules of the hand-computed example (set in `example_rules`):
#   region part:     indicator 1 weight 2, indicator 2 weight 1, every other one 0
#                    → SPD max = (2 + 1) × 3 = 9
#   innovation part: indicator 16 weight 3, 33 weight 3, 35 weight 4, every other one 0
#                    → maximum per innovation = (3 + 3 + 4) × 3 = 30
#   count score:     0 innovations 0; 1-4 → 2; 5-9 → 4; 10 or more → 6 (highest 6)
#                    → SID max = 30 + 6 = 36; skor total maksimum = 9 + 36 = 45
#   minimum divisor: 10
BRACKETS = [
    {"min": 0, "max": 0, "points": 0},
    {"min": 1, "max": 4, "points": 2},
    {"min": 5, "max": 9, "points": 4},
    {"min": 10, "max": None, "points": 6},
]
REGION_WEIGHTS = {1: 2, 2: 1}
INNOVATION_WEIGHTS = {16: 3, 33: 3, 35: 4}


def example_rules(cycle, admin_user):
    for indicator in Indicator.objects.filter(cycle=cycle):
        weights = REGION_WEIGHTS if indicator.part == "region" else INNOVATION_WEIGHTS
        indicator.weight = weights.get(indicator.number, 0)
        indicator.save()
    rules_update(cycle=cycle, by=admin_user, count_brackets=BRACKETS, min_divisor=10)


@pytest.fixture
def example(unit, admin_user):
    """The situation of the worked example, on a 2025 cycle with its own (2025) bands."""
    cycle = cycle_of(2025)
    example_rules(cycle, admin_user)
    # Region: indicator 1 at level 3 with evidence → 2 × 3 = 6; indicator 2 at level 2 without
    # evidence → counts 0. SPD = 6.
    RegionIndicatorFactory(cycle=cycle, number=1, level=3)
    RegionIndicatorFactory(cycle=cycle, number=2, level=2, evidence_link="")
    # Innovations (all with evidence unless said):
    #   A: 16 level 3 (3 × 3 = 9) + 35 level 2 (4 × 2 = 8)           = 17
    #   B: 33 level 1 (3 × 1 = 3) + 35 level 1 without evidence (0)   =  3
    #   C: 16 level 1 (3)                                             =  3
    #   D: 35 level 3 (12) but rejected by the national verification  =  0, still in n
    a = give_levels(approved(cycle, unit), {16: 3, 35: 2})
    b = give_levels(approved(cycle, unit), {33: 1})
    give_levels(b, {35: 1}, evidence=False)
    c = give_levels(approved(cycle, unit), {16: 1})
    d = give_levels(approved(cycle, unit), {35: 3})
    for innovation in (a, b, c):
        IgaEntryFactory(innovation=innovation, cycle=cycle)
    IgaEntryFactory(innovation=d, cycle=cycle, national_status=NationalStatus.REJECTED)
    return cycle


def test_hand_computed_example(example):
    estimate = region_estimate(example)
    # SPD = 6 of 9.
    assert (estimate.spd, estimate.spd_max) == (Decimal(6), Decimal(9))
    # n = 4 (the rejected entry included), fewer than ten: Σ = 17 + 3 + 3 + 0 = 23 ÷ MAX(10, 4)
    # = 2.3; count score of 4 = 2 (top of the 1-4 bracket); SID = 4.3 of 36.
    assert (estimate.n, estimate.divisor, estimate.rejected_entries) == (4, 10, 1)
    assert estimate.innovation_sum == Decimal(23)
    assert estimate.count_score == Decimal(2)
    assert estimate.sid == Decimal("4.3")
    assert estimate.sid_max == Decimal(36)
    # skor total 10.3 of 45: IID = 10.3 ÷ 45 × 100 = 22.888… → 22.89, kurang inovatif.
    assert (estimate.total, estimate.total_max) == (Decimal("10.3"), Decimal(45))
    assert estimate.index == Decimal("22.89")
    assert estimate.band["category"] == "kurang_inovatif"


def test_count_score_bracket_edge(example, unit):
    # A fifth innovation scoring 0 moves n from the 1-4 bracket (2) into 5-9 (4): the divisor
    # stays 10, so SID = 2.3 + 4 = 6.3 and skor total 12.3 → 12.3 ÷ 45 × 100 = 27.333… → 27.33.
    IgaEntryFactory(innovation=approved(example, unit), cycle=example)
    estimate = region_estimate(example)
    assert (estimate.n, estimate.divisor, estimate.count_score) == (5, 10, Decimal(4))
    assert estimate.sid == Decimal("6.3")
    assert estimate.index == Decimal("27.33")


def test_count_score_reads_the_bracket_holding_n():
    assert [count_score(n, BRACKETS) for n in (0, 1, 4, 5, 9, 10, 250)] == [
        Decimal(0),
        Decimal(2),
        Decimal(2),
        Decimal(4),
        Decimal(4),
        Decimal(6),
        Decimal(6),
    ]
    assert count_score(3, []) == 0


def test_rejected_entries_stay_in_the_divisor_above_ten(unit, admin_user):
    cycle = cycle_of(2025)
    example_rules(cycle, admin_user)
    # Ten innovations with 16 at level 3 (9 each) and one rejected (35 at level 3 → 0):
    # n = 11, Σ = 90, SID = 90 ÷ 11 + 6 = 14.1818…; no region level: SPD = 0;
    # IID = 14.1818… ÷ 45 × 100 = 31.515… → 31.52.
    for _n in range(10):
        IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {16: 3}), cycle=cycle)
    IgaEntryFactory(
        innovation=give_levels(approved(cycle, unit), {35: 3}),
        cycle=cycle,
        national_status=NationalStatus.REJECTED,
    )
    estimate = region_estimate(cycle)
    assert (estimate.n, estimate.divisor, estimate.innovation_sum) == (11, 11, Decimal(90))
    assert estimate.index == Decimal("31.52")


@pytest.mark.parametrize(
    ("year", "total", "index", "category"),
    [
        # skor total over a maximum of 100 is the index itself; the bands are the cycle's own,
        # loaded from its year's rules (never passed by the test).
        (2023, "60.00", "60.00", "inovatif"),
        (2023, "60.004", "60.00", "inovatif"),
        (2023, "60.005", "60.01", "sangat_inovatif"),  # half up
        (2023, "60.01", "60.01", "sangat_inovatif"),
        (2024, "60.01", "60.01", "sangat_inovatif"),
        (2025, "60.01", "60.01", "inovatif"),
        (2025, "65.00", "65.00", "inovatif"),
        (2025, "65.004", "65.00", "inovatif"),
        (2025, "65.005", "65.01", "sangat_inovatif"),
        (2025, "65.01", "65.01", "sangat_inovatif"),
        (2026, "65.01", "65.01", "sangat_inovatif"),
        (2025, "0", "0.00", "disclaimer"),
        (2023, "34.99", "34.99", "kurang_inovatif"),
        (2023, "35.00", "35.00", "inovatif"),
    ],
)
def test_band_edges_of_the_year(year, total, index, category):
    cycle = cycle_of(year)
    figures = Figures(
        spd=Decimal(total),
        spd_max=Decimal(100),
        innovation_scores=(),
        innovation_max=Decimal(0),
        min_divisor=10,
        bands=cycle.iga_bands,
    )
    assert figures.index == Decimal(index)
    assert figures.band["category"] == category


def test_shipped_2025_rules_totals():
    cycle = cycle_of(2025)
    estimate = region_estimate(cycle)
    # 15 region indicators × 0.90 × 3 = 40.5; innovation maximum 111 (corroborated); highest
    # count score 9 (placeholder): 160.5, the region part 40.5 ÷ 160.5 = 25.23 % (deck: 25.2 %).
    assert estimate.spd_max == Decimal("40.5")
    assert estimate.innovation_max == Decimal(111)
    assert estimate.count_score_max == Decimal(9)
    assert estimate.total_max == Decimal("160.5")
    assert estimate.figures.region_share == Decimal("25.23")
    assert estimate.index == 0 and estimate.band["category"] == "disclaimer"


def test_rounding_is_half_up_on_decimals():
    assert round2(Decimal("57.645")) == Decimal("57.65")
    assert round2(Decimal("57.644999")) == Decimal("57.64")


def test_total_needed_is_the_least_total_that_rounds_into_the_band():
    # 65.01 × 160.5 / 100 would ask too much: 65.005 already rounds to 65.01.
    needed = total_needed(Decimal("65.01"), Decimal("160.5"))
    assert needed == Decimal("104.333025")
    assert band_for(needed / Decimal("160.5") * 100, [{"category": "x", "min": 65.01, "max": 100}])


def test_break_even_score_through_the_divisor_and_the_count_score():
    # n = 10, Σ = 100, count score 6: SID = 10 + 6 = 16. One more: divisor 11, count score 6;
    # (100 + s) ÷ 11 + 6 ≥ 16 ⇔ s ≥ 10.
    figures = Figures(
        spd=Decimal(0),
        spd_max=Decimal(9),
        innovation_scores=(Decimal(10),) * 10,
        innovation_max=Decimal(30),
        min_divisor=10,
        count_brackets=BRACKETS,
    )
    assert figures.break_even_score() == Decimal(10)
    # n = 4: a fifth innovation moves the count score from 2 to 4 and the divisor stays 10, so
    # even a score of 0 adds points: the break-even is negative.
    few = figures.changed(innovation_scores=(Decimal(10),) * 4)
    assert few.break_even_score() < 0


def test_report_api_figures_are_consistent(example, api_as, admin_user):
    region = api_as(admin_user).get("/api/v1/reports/iid/2025/").json()["region"]
    assert region["spd"] == 6 and region["spd_max"] == 9
    assert region["sid"] == pytest.approx(4.3) and region["sid_max"] == 36
    assert region["innovation_count"] == 4 and region["divisor"] == 10
    assert region["count_score"] == 2
    assert region["total"] == pytest.approx(10.3) and region["total_max"] == 45
    assert region["index"] == 22.89 and region["predicate"] == "kurang_inovatif"
    assert region["sid"] == pytest.approx(
        region["innovation_sum"] / region["divisor"] + region["count_score"]
    )
    assert round((region["spd"] + region["sid"]) / region["total_max"] * 100, 2) == region["index"]
    assert [b["category"] for b in region["bands"]][0] == "sangat_inovatif"
    assert region["bands"][0]["min"] == 65.01
    assert region["unconfirmed"]
