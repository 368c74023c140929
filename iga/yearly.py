"""The IID rules of each year: shipped editions, chosen by a cycle's year, copied into the cycle.

Kemendagri changes the indicators and the bands from year to year (2023-24: sangat inovatif from
60.01; 2025: from 65.01, with changed indicators), so the rules are data:
`iga/data/rules-<edition>.json` holds an edition (indicators of both parts with weights, level
texts and the evidence each level needs, the count-score brackets, the minimum divisor and the
bands), every figure marked confirmed or not (`iga/data/README` lists the source of each
confirmed one). A new cycle gets the edition of its year (`edition_for_year`); an admin edits
the cycle's own copy in the portal (`iga.rules_services`), so another year's rules never change
with it.

The loaders take the model classes, so data migrations can pass their historical models.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from .enums import MAX_LEVEL, Part

DATA = Path(__file__).resolve().parent / "data"
EDITIONS = ("2023", "2025")
ZERO = Decimal(0)


@cache
def _edition(edition):
    return json.loads((DATA / f"rules-{edition}.json").read_text(encoding="utf-8"))


def edition(code):
    """The shipped edition `code` ("2023", "2025") as a dict (a fresh copy each time)."""
    if code not in EDITIONS:
        raise LookupError(f"No shipped IID rules edition {code!r}")
    return json.loads(json.dumps(_edition(code)))


def edition_for_year(year):
    """The code of the edition a cycle of `year` starts with: the latest whose first year is not
    after it (2025 and later: "2025"; every earlier year: "2023", the oldest edition shipped)."""
    chosen = EDITIONS[0]
    for code in EDITIONS:
        start = _edition(code)["applies_from_year"]
        if start is None or start <= year:
            chosen = code
    return chosen


def bands_for_year(year):
    """The bands a cycle of `year` gets when it is created without bands of its own."""
    return edition(edition_for_year(year))["bands"]


def indicator_fields(row):
    """An edition's indicator record as model field values."""
    levels = {item["level"]: item for item in row["levels"]}
    weight = Decimal(row["weight"])
    fields = {
        "number": row["number"],
        "part": row["part"],
        "name": row["name"],
        "weight": weight,
        "max_score": weight * MAX_LEVEL,
        "mandatory": row["mandatory"],
        "effort_per_level": row.get("effort_per_level", 1),
        "name_confirmed": row["confirmed"]["name"],
        "weight_confirmed": row["confirmed"]["weight"],
        "levels_confirmed": row["confirmed"]["levels"],
        "source": row["source"],
        "parameters": " / ".join(levels[n]["text"] for n in (1, 2, 3)),
    }
    for n in (1, 2, 3):
        fields[f"level_{n}"] = levels[n]["text"]
        fields[f"evidence_{n}"] = levels[n]["evidence"]
    return fields


def load_rules(cycle, *, indicator_model, rules_model, code=None, replace=False):
    """Give the cycle the rules of edition `code` (its year's by default).

    Without `replace`, only what the cycle lacks is added (missing indicators, the rules row), so
    edits survive. With `replace`, the edition's figures overwrite the cycle's indicators of the
    same numbers (their recorded levels stay), indicators the edition lacks are left alone, and
    the rules row, the bands and the minimum divisor are reset to the edition's.
    Returns the edition code used.
    """
    code = code or edition_for_year(cycle.year)
    data = edition(code)
    present = {i.number: i for i in indicator_model.objects.filter(cycle_id=cycle.pk)}
    new = []
    for row in data["indicators"]:
        fields = indicator_fields(row)
        existing = present.get(row["number"])
        if existing is None:
            new.append(indicator_model(cycle_id=cycle.pk, **fields))
        elif replace:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
    indicator_model.objects.bulk_create(new)
    rules_values = {
        "edition": code,
        "count_brackets": data["count_brackets"]["brackets"],
        "count_brackets_confirmed": data["count_brackets"]["confirmed"],
        "min_divisor_confirmed": data["min_divisor"]["confirmed"],
    }
    if replace:
        rules_model.objects.update_or_create(cycle_id=cycle.pk, defaults=rules_values)
        type(cycle).objects.filter(pk=cycle.pk).update(
            iga_bands=data["bands"], iid_min_divisor=data["min_divisor"]["value"]
        )
        cycle.iga_bands, cycle.iid_min_divisor = data["bands"], data["min_divisor"]["value"]
    else:
        rules_model.objects.get_or_create(cycle_id=cycle.pk, defaults=rules_values)
    return code


# --- the rules of a cycle, as the estimate reads them ------------------------------------------


@dataclass
class CycleRules:
    """A cycle's rules in one object: indicators of both parts, brackets, divisor, bands."""

    cycle: object
    edition: str
    region: list
    innovation: list
    count_brackets: list
    count_brackets_confirmed: bool
    min_divisor: int
    min_divisor_confirmed: bool
    bands: list
    by_number: dict = field(init=False)

    def __post_init__(self):
        self.by_number = {i.number: i for i in self.region + self.innovation}

    @property
    def spd_max(self):
        return sum((i.weight for i in self.region), ZERO) * MAX_LEVEL

    @property
    def innovation_max(self):
        return sum((i.weight for i in self.innovation), ZERO) * MAX_LEVEL

    def totals(self):
        """The method's figures of these rules with nothing scored: the maxima and the share."""
        from .method import Figures

        return Figures(
            spd=ZERO,
            spd_max=self.spd_max,
            innovation_scores=(),
            innovation_max=self.innovation_max,
            min_divisor=self.min_divisor,
            count_brackets=self.count_brackets,
            bands=self.bands,
        )

    def unconfirmed(self):
        """What of these rules is not confirmed against an official source, in words."""
        items = []
        region = [i for i in self.region if not i.weight_confirmed]
        innovation = [i for i in self.innovation if not i.weight_confirmed]
        if region:
            items.append(
                _("the weights of region indicators %(numbers)s") % {"numbers": numbers(region)}
            )
        if innovation:
            items.append(
                _("the weights of innovation indicators %(numbers)s")
                % {"numbers": numbers(innovation)}
            )
        texts = [i for i in self.region + self.innovation if not i.levels_confirmed]
        if texts:
            items.append(
                _("the level texts of indicators %(numbers)s") % {"numbers": numbers(texts)}
            )
        names = [i for i in self.region + self.innovation if not i.name_confirmed]
        if names:
            items.append(_("the names of indicators %(numbers)s") % {"numbers": numbers(names)})
        if not self.count_brackets_confirmed:
            items.append(_("the count-score brackets (skor jumlah inovasi)"))
        if not self.min_divisor_confirmed:
            items.append(_("the minimum divisor"))
        bands = [b for b in self.bands if not b.get("confirmed", False)]
        if bands:
            items.append(
                _("the bands %(bands)s")
                % {"bands": ", ".join(str(b.get("label") or b.get("category")) for b in bands)}
            )
        return items


def numbers(indicators):
    """ "1-15" or "16, 33": consecutive runs joined with a dash."""
    values = sorted(i.number for i in indicators)
    runs, start = [], None
    for position, value in enumerate(values):
        if start is None:
            start = value
        following = values[position + 1] if position + 1 < len(values) else None
        if following != value + 1:
            runs.append(str(start) if start == value else f"{start}-{value}")
            start = None
    return ", ".join(runs)


def rules_for(cycles):
    """{cycle_id: CycleRules} for any number of cycles in two queries."""
    from .models import IidRules, Indicator

    cycles = list(cycles)
    indicators = {c.pk: ([], []) for c in cycles}
    for indicator in Indicator.objects.filter(cycle__in=cycles).order_by("number"):
        region, innovation = indicators[indicator.cycle_id]
        (region if indicator.part == Part.REGION else innovation).append(indicator)
    stored = {r.cycle_id: r for r in IidRules.objects.filter(cycle__in=cycles)}
    result = {}
    for cycle in cycles:
        region, innovation = indicators[cycle.pk]
        rules = stored.get(cycle.pk)
        result[cycle.pk] = CycleRules(
            cycle=cycle,
            edition=rules.edition if rules else "",
            region=region,
            innovation=innovation,
            count_brackets=rules.count_brackets if rules else [],
            count_brackets_confirmed=bool(rules and rules.count_brackets_confirmed),
            min_divisor=cycle.iid_min_divisor,
            min_divisor_confirmed=bool(rules and rules.min_divisor_confirmed),
            bands=cycle.iga_bands or [],
        )
    return result


def rules_of(cycle):
    return rules_for([cycle])[cycle.pk]


# --- from the first release's data ------------------------------------------------------------


def level_from_legacy_value(value):
    """The level (0-3) a region indicator entered as a 0-100 score maps to: the highest level
    whose share of the maximum the score reaches (floor of value × 3 / 100), so 100 → 3,
    66.67 → 2, 66.66 → 1, 33.33 → 0. Rounding down never claims more than was entered."""
    value = Decimal(str(value or 0))
    level = int((value * MAX_LEVEL / 100).to_integral_value(rounding="ROUND_FLOOR"))
    return max(0, min(MAX_LEVEL, level))
