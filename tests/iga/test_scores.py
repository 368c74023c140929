"""The catalogue, the maturity score and the region estimate on hand-computed examples."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from iga.catalogue import default_rows, load_default_catalogue, split_levels
from iga.enums import NationalStatus
from iga.estimate import WhatIf, category_for, region_estimate
from iga.models import IidRules, Indicator
from iga.readiness import readiness_of
from iga.services import indicator_catalogue_update, indicator_level_set
from iga.yearly import load_rules
from innovations.enums import Status

from .factories import (
    BANDS_2023,
    BANDS_2025,
    IgaEntryFactory,
    RegionIndicatorFactory,
    approved,
    cycle_of,
    give_levels,
)

pytestmark = pytest.mark.django_db


def test_rules_loaded_when_a_cycle_is_created():
    cycle = cycle_of(2031)
    indicators = list(Indicator.objects.filter(cycle=cycle).order_by("number"))
    region = [i for i in indicators if i.part == "region"]
    innovation = [i for i in indicators if i.part == "innovation"]
    assert [i.number for i in region] == list(range(1, 16))
    assert [i.number for i in innovation] == list(range(16, 36))
    assert sum(i.max_score for i in innovation) == 111
    assert {i.number for i in innovation if i.mandatory} == {16, 17, 32, 33, 35}
    first = innovation[0]
    assert first.level_2 == "Perkada yang masih berlaku pada tahun penilaian."
    assert first.evidence_2 == "Salinan Perkada."
    assert IidRules.objects.get(cycle=cycle).edition == "2025"


def test_rules_load_twice_adds_nothing_and_keeps_edits():
    cycle = cycle_of(2031)
    Indicator.objects.filter(cycle=cycle, number=16).update(name="Edited")
    load_rules(cycle, indicator_model=Indicator, rules_model=IidRules)
    assert Indicator.objects.filter(cycle=cycle).count() == 35
    assert Indicator.objects.get(cycle=cycle, number=16).name == "Edited"


def test_first_release_catalogue_still_reads_for_the_migrations():
    rows = default_rows()
    assert [row["number"] for row in rows] == list(range(16, 36))
    cycle = cycle_of(2031)
    assert load_default_catalogue(cycle.pk, Indicator) == []


def test_split_levels_without_three_parts_keeps_the_text_whole():
    assert split_levels("only one description") == ["only one description", "", ""]
    assert all(row["level_3"] for row in default_rows())


def test_score_counts_only_levels_with_evidence(unit):
    innovation = approved(cycle_of(2025), unit)
    give_levels(innovation, {16: 3, 35: 2})  # 3×3 + 4×2 = 17
    give_levels(innovation, {33: 1}, evidence=False)  # claimed 3, not counted
    readiness = readiness_of(innovation)
    assert readiness.score == Decimal(17)
    assert readiness.claimed_score == Decimal(20)
    assert readiness.max_score == Decimal(111)
    assert readiness.potential_gain == Decimal(94)
    assert [row.number for row in readiness.unproven] == [33]
    assert [row.number for row in readiness.mandatory_gaps] == [17, 32, 33]


def test_missing_names_the_next_level_description(unit):
    innovation = approved(cycle_of(2025), unit)
    give_levels(innovation, {16: 1})
    rows = {row.number: row for row in readiness_of(innovation).rows}
    assert "Perkada" in rows[16].missing
    assert rows[16].next_level == 2
    give_levels(innovation, {16: 3})
    rows = {row.number: row for row in readiness_of(innovation).rows}
    assert rows[16].missing == ""


def test_catalogue_edit_in_one_cycle_leaves_another_cycles_scores(unit, admin_user):
    old, new = cycle_of(2024), cycle_of(2025)
    earlier, later = approved(old, unit), approved(new, unit)
    give_levels(earlier, {16: 3})
    give_levels(later, {16: 3})
    indicator_catalogue_update(cycle=new, rows=[{"number": 16, "weight": 5}], by=admin_user)
    assert readiness_of(earlier).score == Decimal(9)
    assert readiness_of(later).score == Decimal(15)
    assert Indicator.objects.get(cycle=new, number=16).max_score == Decimal(15)


def test_level_set_refuses_an_indicator_of_another_cycle(unit, operator):
    innovation = approved(cycle_of(2025), unit)
    foreign = Indicator.objects.get(cycle=cycle_of(2024), number=16)
    with pytest.raises(ValidationError):
        indicator_level_set(innovation=innovation, indicator=foreign, level=2, by=operator)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.APPROVED, Status.LAUNCHED])
def test_level_set_by_unit_staff_at_any_status(unit, operator, status):
    innovation = approved(cycle_of(2025), unit, status=status)
    indicator = Indicator.objects.get(cycle=innovation.cycle, number=20)
    score = indicator_level_set(innovation=innovation, indicator=indicator, level=2, by=operator)
    assert score.level == 2 and score.updated_by == operator


@pytest.mark.parametrize("role", ["other_operator", "leader"])
def test_level_set_refused_for_other_unit_and_leader(unit, users_by_role, role):
    innovation = approved(cycle_of(2025), unit)
    indicator = Indicator.objects.get(cycle=innovation.cycle, number=20)
    with pytest.raises(PermissionDenied):
        indicator_level_set(
            innovation=innovation, indicator=indicator, level=2, by=users_by_role[role]
        )


def test_estimate_with_fewer_than_ten_innovations_divides_by_ten(unit):
    cycle = cycle_of(2025)
    for levels in ({16: 3}, {35: 3}, {17: 3}):  # 9, 12, 6
        IgaEntryFactory(innovation=give_levels(approved(cycle, unit), levels), cycle=cycle)
    estimate = region_estimate(cycle)
    assert (estimate.innovation_sum, estimate.n, estimate.divisor) == (27, 3, 10)
    assert estimate.innovation_average == Decimal("2.7")
    # The shipped 2025 rules: count score 3 for 1-9 innovations, no region level yet (SPD 0),
    # skor total maksimum 40.5 + 111 + 9 = 160.5: (2.7 + 3) / 160.5 × 100 = 3.5514 → 3.55.
    assert estimate.sid == Decimal("5.7")
    assert estimate.total_max == Decimal("160.5")
    assert estimate.index == Decimal("3.55")
    assert estimate.band["category"] == "kurang_inovatif"


def test_estimate_counts_rejected_entries_in_the_divisor(unit):
    cycle = cycle_of(2025)
    for _n in range(10):
        IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {16: 3}), cycle=cycle)
    IgaEntryFactory(
        innovation=give_levels(approved(cycle, unit), {35: 3}),
        cycle=cycle,
        national_status=NationalStatus.REJECTED,
    )
    estimate = region_estimate(cycle)
    assert (estimate.innovation_sum, estimate.n, estimate.divisor) == (90, 11, 11)
    assert estimate.as_dict()["rejected_entries"] == 1
    assert estimate.as_dict()["innovation_average"] == pytest.approx(8.18, abs=0.005)


def test_estimate_counts_a_region_level_only_with_evidence(unit):
    cycle = cycle_of(2025)
    RegionIndicatorFactory(cycle=cycle, number=1, level=3)  # 0.9 × 3, with a link
    RegionIndicatorFactory(cycle=cycle, number=2, level=2, evidence_link="")  # unproven
    estimate = region_estimate(cycle)
    assert estimate.spd == Decimal("2.7")
    assert [row.number for row in estimate.region_unproven] == [2]
    assert len(estimate.region) == 15


@pytest.mark.parametrize(
    ("total", "bands", "category"),
    [
        ("60.00", BANDS_2023, "inovatif"),
        ("60.005", BANDS_2023, "sangat_inovatif"),
        ("60.01", BANDS_2023, "sangat_inovatif"),
        ("65.00", BANDS_2025, "inovatif"),
        ("65.01", BANDS_2025, "sangat_inovatif"),
        ("0", BANDS_2023, "disclaimer"),
        ("34.995", BANDS_2023, "inovatif"),
    ],
)
def test_category_for_band_edges(total, bands, category):
    assert category_for(Decimal(total), bands)["category"] == category


def test_what_if_leaves_out_and_raises(unit):
    cycle = cycle_of(2025)
    strong = give_levels(approved(cycle, unit), {16: 3, 35: 3})  # 21
    weak = give_levels(approved(cycle, unit), {20: 1})  # 1
    spare = give_levels(approved(cycle, unit), {31: 3})  # 9, not reported
    for innovation in (strong, weak):
        IgaEntryFactory(innovation=innovation, cycle=cycle)
    assert region_estimate(cycle).innovation_sum == 22
    left_out = region_estimate(cycle, what_if=WhatIf(exclude=frozenset({weak.pk})))
    assert (left_out.innovation_sum, left_out.n) == (21, 1)
    raised = region_estimate(cycle, what_if=WhatIf(raise_all=((33, 3),)))
    assert raised.innovation_sum == 22 + 2 * 9
    improved = region_estimate(cycle, what_if=WhatIf(improve=((weak.pk, 20, 3),)))
    assert improved.innovation_sum == 24
    added = region_estimate(
        cycle,
        what_if=WhatIf(add=frozenset({spare.pk})),
        extra=type(spare).objects.all(),
    )
    assert (added.innovation_sum, added.n) == (31, 3)


def test_what_if_raises_a_region_indicator(unit):
    cycle = cycle_of(2025)
    RegionIndicatorFactory(cycle=cycle, number=4, level=1, evidence_link="")
    assert region_estimate(cycle).spd == 0
    raised = region_estimate(cycle, what_if=WhatIf(region=((4, 3), (5, 2))))
    assert raised.spd == Decimal("0.9") * 3 + Decimal("0.9") * 2
    proved = region_estimate(cycle, what_if=WhatIf(region=((4, 1),)))
    assert proved.spd == Decimal("0.9")
