"""The first release's IGA data moves onto the per-year rules (migrations iga.0003-0005): region
indicators entered as 0-100 scores become levels, shipped English level texts become the
edition's Indonesian ones (edited rows stay), a 2025 cycle still on the 2023-24 bands gets the
2025 ones, and Banjar's published indices are seeded."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from iga.catalogue import load_default_catalogue
from iga.models import IidRules, Indicator, PublishedIndex, RegionIndicator
from innovations.cycles import DEFAULT_IGA_BANDS, Cycle

BEFORE = [("iga", "0002_default_catalogue"), ("innovations", "0010_cycle_bands_of_the_year")]


def _state(executor, targets):
    return executor.loader.project_state(targets).apps


# Transactional (migrations cannot run inside the test's transaction on PostgreSQL with rows
# pending): pytest-django runs it with the other transactional tests, after every test that
# relies on the data the migrations load, and the database is flushed after it.
@pytest.mark.django_db(transaction=True)
def test_first_release_data_moves_onto_the_rules():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    apps = _state(executor, BEFORE)
    OldCycle = apps.get_model("innovations", "Cycle")
    OldIndicator = apps.get_model("iga", "Indicator")
    OldRegion = apps.get_model("iga", "RegionIndicator")
    old_2025 = OldCycle.objects.create(
        year=2025, iga_bands=DEFAULT_IGA_BANDS, **Cycle.defaults_for_year(2025)
    )
    custom = [{"category": "sangat_inovatif", "label": "SI", "min": 61, "max": 100}]
    old_2024 = OldCycle.objects.create(year=2024, iga_bands=custom, **Cycle.defaults_for_year(2024))
    for cycle in (old_2025, old_2024):
        load_default_catalogue(cycle.pk, OldIndicator)
    OldIndicator.objects.filter(cycle=old_2025, number=35).update(name="Video (diubah admin)")
    OldRegion.objects.create(cycle=old_2025, number=8, name="Opini BPK", value=100, weight=2)
    OldRegion.objects.create(cycle=old_2025, number=3, name="Perizinan", value=66.66, weight=1)
    OldRegion.objects.create(cycle=old_2024, number=3, name="Perizinan", value=70, weight=1)

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    cycle_2025, cycle_2024 = Cycle.objects.get(year=2025), Cycle.objects.get(year=2024)
    assert cycle_2025.iga_bands[0]["min"] == 65.01  # the 2023-24 default was the defect
    assert cycle_2024.iga_bands == custom  # bands an admin chose stay
    assert IidRules.objects.get(cycle=cycle_2025).edition == "2025"
    assert IidRules.objects.get(cycle=cycle_2024).edition == "2023"
    sixteen = Indicator.objects.get(cycle=cycle_2025, number=16)
    assert sixteen.level_1.startswith("SK Kepala Daerah atau SK Kepala Perangkat Daerah")
    assert sixteen.evidence_1 and sixteen.part == "innovation"
    assert Indicator.objects.get(cycle=cycle_2025, number=35).name == "Video (diubah admin)"
    assert Indicator.objects.filter(cycle=cycle_2025, part="region").count() == 15
    levels = {
        r.indicator.number: (r.level, r.note)
        for r in RegionIndicator.objects.filter(cycle=cycle_2025).select_related("indicator")
    }
    assert levels[8][0] == 3 and "100" in levels[8][1] and "Opini BPK" in levels[8][1]
    assert levels[3][0] == 1  # 66.66 × 3 / 100 = 1.9998: rounded down
    assert RegionIndicator.objects.get(cycle=cycle_2024).level == 2
    seeded = dict(PublishedIndex.objects.values_list("year", "index"))
    assert seeded == {2022: Decimal("52.53"), 2023: Decimal("57.64")}
