"""Existing cycles get their year's IID rules; the first release's data moves onto them.

- Each cycle gets the rules edition of its year (`iga.yearly.edition_for_year`): the region
  indicators 1-15 and any innovation indicator it lacks, and its count-score brackets.
- An innovation indicator still exactly as the first release shipped it (iga/data/
  iid_indicators.csv: partly English level texts) takes the edition's Indonesian texts, evidence
  and confirmation marks; one an admin edited keeps its texts (marked unconfirmed).
- A cycle whose bands are still the first release's default (the 2023-24 bands every cycle got,
  2025 included) gets its edition's bands: 2025 and later start "sangat inovatif" at 65.01.
- A region indicator entered as a 0-100 score becomes the region's level on the cycle's region
  indicator of that number: floor(score × 3 / 100), so a score never turns into a higher level
  than it stood for. The old score and weight are kept in the level's note.
- Banjar's published indices are seeded: 52.53 (2022) and 57.64 (2023), both "inovatif".
"""

from decimal import Decimal

from django.db import migrations

LEGACY_BANDS = [
    ("sangat_inovatif", 60.01, 100),
    ("inovatif", 35.0, 60.0),
    ("kurang_inovatif", 0.01, 34.99),
    ("disclaimer", 0, 0),
]
PUBLISHED = [
    (2022, Decimal("52.53"), "inovatif"),
    (2023, Decimal("57.64"), "inovatif"),
]
PUBLISHED_SOURCE = (
    "Data rujukan Kabupaten Banjar (sumber publik): IID 52,53 (2022) dan 57,64 (2023), "
    "predikat inovatif."
)


def _is_legacy_bands(bands):
    try:
        found = [(b["category"], float(b["min"]), float(b["max"])) for b in bands]
    except (KeyError, TypeError, ValueError):
        return False
    return sorted(found) == sorted((c, float(lo), float(hi)) for c, lo, hi in LEGACY_BANDS)


def _is_legacy_row(indicator, legacy):
    row = legacy.get(indicator.number)
    return row is not None and all(
        getattr(indicator, name) == row[name]
        for name in ("name", "weight", "level_1", "level_2", "level_3", "mandatory")
    )


def forward(apps, schema_editor):
    from iga.catalogue import default_rows
    from iga.yearly import edition, edition_for_year, indicator_fields, level_from_legacy_value, load_rules

    Cycle = apps.get_model("innovations", "Cycle")
    Indicator = apps.get_model("iga", "Indicator")
    IidRules = apps.get_model("iga", "IidRules")
    RegionIndicator = apps.get_model("iga", "RegionIndicator")
    PublishedIndex = apps.get_model("iga", "PublishedIndex")
    legacy = {row["number"]: row for row in default_rows()}

    for cycle in Cycle.objects.all():
        code = edition_for_year(cycle.year)
        shipped = {row["number"]: row for row in edition(code)["indicators"]}
        for indicator in Indicator.objects.filter(cycle_id=cycle.pk):
            if _is_legacy_row(indicator, legacy) and indicator.number in shipped:
                for name, value in indicator_fields(shipped[indicator.number]).items():
                    setattr(indicator, name, value)
            else:
                indicator.part = "innovation"
                indicator.source = "edited"
            indicator.save()
        load_rules(cycle, indicator_model=Indicator, rules_model=IidRules, code=code)
        if not cycle.iga_bands or _is_legacy_bands(cycle.iga_bands):
            cycle.iga_bands = edition(code)["bands"]
            cycle.save(update_fields=["iga_bands"])
        region = {
            i.number: i
            for i in Indicator.objects.filter(cycle_id=cycle.pk, part="region")
        }
        for row in RegionIndicator.objects.filter(cycle_id=cycle.pk):
            level = level_from_legacy_value(row.value)
            row.indicator = region[row.number]
            row.level = level
            row.note = (
                f"Dipindahkan dari skor lama {row.value} (skala 0-100, bobot {row.weight}) "
                f"\"{row.name}\": level {level} = pembulatan ke bawah dari skor × 3 / 100."
            )
            row.save()

    for year, index, predicate in PUBLISHED:
        PublishedIndex.objects.get_or_create(
            year=year,
            defaults={"index": index, "predicate": predicate, "source": PUBLISHED_SOURCE},
        )


class Migration(migrations.Migration):
    dependencies = [("iga", "0003_rules_per_cycle")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
