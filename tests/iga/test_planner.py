"""The planner: actions ranked by points per effort on a constructed example (worked out by hand),
the cheapest set of actions that reaches a band (applied for real, it reaches it), its API, page
and export, and the demo data it must work on."""

import csv
import io
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.core.management import call_command

from iga.enums import NationalStatus
from iga.estimate import region_estimate
from iga.knapsack import knapsack
from iga.models import IgaEntry, Indicator, RegionIndicator
from iga.plan_actions import Action
from iga.planner import plan_for
from innovations.models import Cycle

from .factories import IgaEntryFactory, RegionIndicatorFactory, approved, cycle_of, give_levels
from .test_method import example_rules

pytestmark = pytest.mark.django_db


def efforts(cycle, **per_level):
    """Effort per level 1 on every indicator, except those named (number_16=2)."""
    Indicator.objects.filter(cycle=cycle).update(effort_per_level=1)
    for key, value in per_level.items():
        Indicator.objects.filter(cycle=cycle, number=int(key.removeprefix("number_"))).update(
            effort_per_level=value
        )


@pytest.fixture
def example(unit, admin_user):
    """The worked example of test_method (skor total 10.3 of 45, IID 22.89), effort per level 1
    except indicator 16 (a regulation: 2)."""
    cycle = cycle_of(2025)
    example_rules(cycle, admin_user)
    efforts(cycle, number_16=2)
    RegionIndicatorFactory(cycle=cycle, number=1, level=3)
    RegionIndicatorFactory(cycle=cycle, number=2, level=2, evidence_link="")
    a = give_levels(approved(cycle, unit, title="A"), {16: 3, 35: 2})
    b = give_levels(approved(cycle, unit, title="B"), {33: 1})
    give_levels(b, {35: 1}, evidence=False)
    c = give_levels(approved(cycle, unit, title="C"), {16: 1})
    d = give_levels(approved(cycle, unit, title="D"), {35: 3})
    for innovation in (a, b, c):
        IgaEntryFactory(innovation=innovation, cycle=cycle)
    IgaEntryFactory(innovation=d, cycle=cycle, national_status=NationalStatus.REJECTED)
    return SimpleNamespace(cycle=cycle, a=a, b=b, c=c, d=d)


def test_first_action_has_the_highest_points_per_effort(example, admin_user):
    plan = plan_for(example.cycle, admin_user)
    first, second = plan.actions[:2]
    # Region indicator 2 is claimed at level 2 without evidence: attaching it adds 1 × 2 = 2
    # points for 1 effort unit (one document): 2.0 per unit, the best of all. (Raising it to 3
    # instead adds 3 for 2 units: 1.5.) IID after: (10.3 + 2) ÷ 45 × 100 = 27.33.
    assert (first.kind, first.indicator.number, first.to_level) == ("region", 2, 2)
    assert (first.gain, first.effort, first.ratio) == (Decimal(2), 1, Decimal(2))
    assert first.index_after == Decimal("27.33")
    # Next: B's indicator 35, claimed at 1 without evidence. To level 1, 2 or 3 it adds
    # 4 × 1 ÷ 10 = 0.4 (1 unit), 0.8 (2 units) or 1.2 (3 units): 0.4 per unit each way, and
    # the larger gain comes first. Every other innovation action is worth less per unit (C's 35
    # to 3: 1.2 for 4 units = 0.3; A's 35 to 3: 0.4 for 2 units = 0.2; a raise of 16 costs 2
    # units per level).
    assert (second.kind, second.innovation, second.indicator.number) == (
        "innovation",
        example.b,
        35,
    )
    assert (second.to_level, second.gain, second.effort) == (3, Decimal("1.2"), 3)
    ratios = [a.ratio for a in plan.actions]
    assert ratios == sorted(ratios, reverse=True)
    # The rejected entry D gets no action; A's 16 is already at level 3.
    assert not [a for a in plan.actions if a.innovation == example.d]
    assert not [a for a in plan.actions if a.innovation == example.a and a.indicator.number == 16]


def apply_for_real(plan, cycle):
    """Do what the plan says: levels with their evidence, entries reported or left out."""
    for action in plan.chosen:
        if action.kind == "region":
            RegionIndicator.objects.update_or_create(
                indicator=action.indicator,
                defaults={
                    "cycle": cycle,
                    "level": action.to_level,
                    "evidence_link": "https://example.org/bukti-baru.pdf",
                },
            )
        elif action.kind == "innovation":
            give_levels(action.innovation, {action.indicator.number: action.to_level})
        elif action.kind == "report":
            IgaEntryFactory(innovation=action.innovation, cycle=cycle)
        else:
            IgaEntry.objects.filter(innovation=action.innovation, cycle=cycle).delete()


def test_the_cheapest_set_reaches_the_band_it_promises(example, admin_user):
    plan = plan_for(example.cycle, admin_user, target="inovatif")
    # Inovatif from 35.00: skor total (35.00 - 0.005) × 45 ÷ 100 = 15.74775, 5.44775 to go.
    assert plan.points_needed == Decimal("5.44775")
    assert plan.chosen and plan.reaches and not plan.greedy
    promised = plan.reached_figures.index
    assert promised >= Decimal("35.00")
    assert plan.set_effort == sum(a.effort for a in plan.chosen)
    apply_for_real(plan, example.cycle)
    estimate = region_estimate(example.cycle)
    assert estimate.index == promised
    assert estimate.band["category"] == "inovatif"


def test_a_band_out_of_reach_is_said_so(example, admin_user):
    # Sangat inovatif needs 29.25225 of 45. At most: SPD 9, and the three counted innovations at
    # 30 each: 90 ÷ 10 + 2 = 11; 20 of 45 = 44.44. No candidate is left to report.
    plan = plan_for(example.cycle, admin_user)
    assert plan.target_band["category"] == "sangat_inovatif"
    assert plan.chosen is None and not plan.reaches
    assert plan.reached_figures.index == Decimal("44.44")


def test_a_band_out_of_reach_names_the_best_index_when_the_knapsack_overcounts(
    example, admin_user, unit, client
):
    # Six candidates scoring 0, not reported: each on its own lifts n from 4 to 5, the count
    # score from 2 to 4 (+2 points), so the knapsack adds up five of them (+10) beside the
    # raises (SPD +3, A/B/C to 30: +6.7) to reach the 18.95225 sangat inovatif needs. Reported
    # together they lift the count score once per bracket: n 10 gives 6 (+4), and everything
    # together is SPD 9 + 90 ÷ 10 + 6 = 24 of 45: 53.33, still short.
    for _n in range(6):
        approved(example.cycle, unit)
    plan = plan_for(example.cycle, admin_user)
    assert plan.chosen is None and not plan.reaches
    assert plan.reached_figures.index == Decimal("53.33")
    assert plan.as_dict()["target"]["index_after"] == 53.33
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    for url in ("/iga/2025/", "/iga/2025/plan/"):
        html = client.get(url).content.decode()
        assert "every listed action together gives 53.33." in html


def test_weak_entries_left_out_are_never_raised_too(unit, admin_user):
    cycle = cycle_of(2025)
    example_rules(cycle, admin_user)
    efforts(cycle, number_1=5, number_2=5)  # the region indicators are slow to move here
    # Ten entries at 21 (16 and 35 at level 3) and two at 0: n = 12, Σ = 210,
    # SID = 210 ÷ 12 + 6 = 23.5, SPD 0: IID 52.22; sangat inovatif needs 5.75 more points.
    # Leaving the two weak ones out gives 210 ÷ 10 + 6 = 27 (+3.5) for 2 units; without that,
    # each raise of 33 to level 3 adds only 9 ÷ 12 = 0.75 for 4 units.
    for _n in range(10):
        IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {16: 3, 35: 3}), cycle=cycle)
    weak = [approved(cycle, unit) for _n in range(2)]
    for innovation in weak:
        IgaEntryFactory(innovation=innovation, cycle=cycle)
    plan = plan_for(cycle, admin_user)
    assert region_estimate(cycle).index == Decimal("52.22")
    assert plan.reaches
    left_out = {a.innovation for a in plan.chosen if a.kind == "leave_out"}
    assert left_out == set(weak)
    raised = {a.innovation for a in plan.chosen if a.kind == "innovation"}
    assert not raised & left_out
    apply_for_real(plan, cycle)
    estimate = region_estimate(cycle)
    assert estimate.index == plan.reached_figures.index
    assert estimate.band["category"] == "sangat_inovatif"


def test_one_more_and_one_fewer(example, admin_user, unit):
    spare = give_levels(approved(example.cycle, unit), {35: 3, 33: 3})  # 21, not reported
    plan = plan_for(example.cycle, admin_user)
    more, fewer = plan.one_more(), plan.one_fewer()
    # n 4 → 5: the divisor stays 10 and the count score rises from 2 to 4, so even a score of 0
    # adds 2 points: (10.3 + 2) ÷ 45 = 27.33. The spare one adds 21 ÷ 10 + 2 = 4.1: 32.00.
    assert (more["n"], more["divisor"], more["count_score"]) == (5, 10, Decimal(4))
    assert more["index_with_zero_score"] == Decimal("27.33")
    assert more["best_candidate"]["innovation"] == spare
    assert more["best_candidate"]["index_after"] == Decimal("32.00")
    # Leaving out the weakest counted entry (B or C, 3 each; by code): Σ 20 ÷ 10 + 2 = 4.0.
    assert fewer["n"] == 3 and fewer["score"] == Decimal(3)
    assert fewer["index_after"] == Decimal("22.22")
    report = next(a for a in plan.actions if a.kind == "report")
    assert report.innovation == spare and report.gain == Decimal("4.1")


def _action(effort, gain, number):
    return Action(
        kind="region",
        gain=Decimal(gain),
        documents=effort,
        indicator=SimpleNamespace(number=number, weight=Decimal(1)),
        to_level=1,
    )


def test_knapsack_beats_the_best_ratio_first():
    # Need 10. By ratio A (6 for 1) then C (10 for 6) is 7 units; C alone is 6 (A and B give
    # only 9).
    a, b, c = _action(1, 6, 1), _action(5, 3, 2), _action(6, 10, 3)
    chosen, exact = knapsack({("a",): [a], ("b",): [b], ("c",): [c]}, Decimal(10))
    assert exact and chosen == [c]
    assert knapsack({("a",): [a]}, Decimal(10)) == (None, False)
    assert knapsack({("a",): [a]}, Decimal(0)) == ([], True)


def test_plan_api_for_region_roles(example, api_as, users_by_role):
    url = "/api/v1/reports/iid/2025/plan/"
    data = api_as(users_by_role["leader"]).get(f"{url}?target=inovatif&limit=3").json()
    assert data["estimate"] is True and data["current"]["index"] == 22.89
    assert data["next_band"]["predicate"] == "inovatif"
    assert data["next_band"]["points_needed"] == pytest.approx(5.44775)
    assert len(data["actions"]) == 3 and data["actions_total"] > 3
    first = data["actions"][0]
    assert first["kind"] == "region" and first["indicator"]["number"] == 2
    assert first["effort"] == 1 and first["points"] == 2 and first["index_after"] == 27.33
    assert data["target"]["reaches"] is True and data["target"]["predicate_after"] == "inovatif"
    assert data["count_effect"]["one_more"]["count_score"] == 4
    assert api_as(users_by_role["operator"]).get(url).status_code == 403
    assert api_as(users_by_role["admin"]).get(f"{url}?target=hebat").status_code == 400
    assert api_as(users_by_role["admin"]).get(f"{url}?limit=x").status_code == 400
    assert api_as(None).get(url).status_code == 401


def test_plan_export_files(example, api_as, admin_user):
    client = api_as(admin_user)
    response = client.get(
        "/api/v1/reports/iid/2025/plan/export/?format=csv&target=inovatif",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Rank", "Action", "Innovation code"]
    assert rows[1][0] == "1" and "region indicator 2" in rows[1][1]
    assert any(row[0] == "Estimated index" and row[1] == "22.89" for row in rows)
    xlsx = client.get("/api/v1/reports/iid/2025/plan/export/?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == 3
    assert client.get("/api/v1/reports/iid/2025/plan/export/?format=pdf").status_code == 400


def test_plan_export_writes_band_minimums_the_locale_way(example, api_as, admin_user):
    xlsx = api_as(admin_user).get("/api/v1/reports/iid/2025/plan/export/?format=xlsx")
    summary = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = {row[0]: row[1] for row in summary.iter_rows(min_row=3, values_only=True)}
    labels = [label for label in rows if "35" in str(label) or "65" in str(label)]
    assert labels == [
        "Poin menuju Inovatif (mulai 35,00)",
        "Poin menuju Sangat Inovatif (mulai 65,01)",
    ]
    assert isinstance(rows[labels[0]], float)  # the value stays a number


def test_plan_on_the_region_page_and_its_own_page(example, client, users_by_role):
    client.force_login(users_by_role["curator"])
    page = client.get("/iga/2025/")
    assert b"data-plan" in page.content and b"data-cheapest-set" in page.content
    assert page.context["plan"].actions[0].indicator.number == 2
    full = client.get("/iga/2025/plan/?target=inovatif")
    assert full.status_code == 200 and full.context["target"] == "inovatif"
    assert b'data-action="region" data-indicator="2"' in full.content
    assert client.get("/iga/2025/plan/?target=nothing").context["target"] == "sangat_inovatif"
    client.force_login(users_by_role["operator"])
    assert client.get("/iga/2025/plan/").status_code == 403


def test_the_demo_2025_region_sees_what_it_needs_for_sangat_inovatif(admin_user):
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("seed_demo", "--innovations", "60", "--year", "2025", stdout=out)
    call_command("seed_demo_iga", "--year", "2025", stdout=out)
    call_command("seed_demo_iga", "--year", "2025", stdout=out)  # idempotent
    cycle = Cycle.objects.get(year=2025)
    estimate = region_estimate(cycle)
    assert estimate.n >= 10 and estimate.rejected_entries == 1
    assert estimate.band["category"] == "inovatif"
    plan = plan_for(cycle, admin_user)
    assert plan.next_band["band"]["category"] == "sangat_inovatif"
    assert plan.next_band["points_needed"] > 0
    assert plan.chosen and plan.reaches
    assert plan.reached_figures.band["category"] == "sangat_inovatif"
