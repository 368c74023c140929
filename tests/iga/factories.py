"""Factories and helpers of the IGA tests: levels with (or without) tagged evidence, entries."""

import datetime

import factory
from factory.django import DjangoModelFactory

from iga.enums import NationalStatus
from iga.models import IgaEntry, Indicator, IndicatorScore, RegionIndicator
from innovations.enums import Status
from tests.factories import CycleFactory
from tests.innovations.factories import AttachmentFactory, InnovationFactory

BANDS_2023 = [
    {"category": "sangat_inovatif", "label": "Sangat Inovatif", "min": 60.01, "max": 100},
    {"category": "inovatif", "label": "Inovatif", "min": 35.0, "max": 60.0},
    {"category": "kurang_inovatif", "label": "Kurang Inovatif", "min": 0.01, "max": 34.99},
    {"category": "disclaimer", "label": "Tidak Dapat Dinilai", "min": 0, "max": 0},
]
BANDS_2025 = [
    {"category": "sangat_inovatif", "label": "Sangat Inovatif", "min": 65.01, "max": 100},
    {"category": "inovatif", "label": "Inovatif", "min": 35.0, "max": 65.0},
    {"category": "kurang_inovatif", "label": "Kurang Inovatif", "min": 0.01, "max": 34.99},
    {"category": "disclaimer", "label": "Tidak Dapat Dinilai", "min": 0, "max": 0},
]


def cycle_of(year, **overrides):
    """A cycle with the rules of its year, as any new cycle gets them (bands included): tests no
    longer pass their own bands, so a wrong default shows."""
    return CycleFactory(year=year, **overrides)


def approved(cycle, unit=None, **overrides):
    """An approved innovation implemented recently (so no "old implementation" warning)."""
    defaults = {
        "cycle": cycle,
        "status": Status.APPROVED,
        "trial_date": datetime.date(cycle.year, 1, 10),
        "implementation_date": datetime.date(cycle.year, 2, 1),
    }
    if unit is not None:
        defaults["unit"] = unit
    return InnovationFactory(**{**defaults, **overrides})


def give_levels(innovation, levels, *, evidence=True):
    """Levels {number: level} on the innovation's cycle catalogue, each with a tagged attachment."""
    for number, level in levels.items():
        indicator = Indicator.objects.get(cycle_id=innovation.cycle_id, number=number)
        IndicatorScore.objects.update_or_create(
            innovation=innovation, indicator=indicator, defaults={"level": level}
        )
        if evidence and level:
            AttachmentFactory(innovation=innovation, indicator=number)
    return innovation


class IgaEntryFactory(DjangoModelFactory):
    class Meta:
        model = IgaEntry

    innovation = factory.SubFactory(InnovationFactory, status=Status.APPROVED)
    cycle = factory.LazyAttribute(lambda o: o.innovation.cycle)
    national_status = NationalStatus.REPORTED


class RegionIndicatorFactory(DjangoModelFactory):
    """The region's level on the cycle's region indicator `number` (with a link as evidence)."""

    class Meta:
        model = RegionIndicator
        exclude = ["number"]

    number = factory.Sequence(lambda n: n % 15 + 1)
    indicator = factory.LazyAttribute(
        lambda o: Indicator.objects.get(cycle=o.cycle, number=o.number, part="region")
    )
    level = 2
    evidence_link = "https://example.org/bukti.pdf"
