"""Factories of the agreements tests (a minimal innovation factory until a shared one exists)."""

import factory
from factory.django import DjangoModelFactory

from agreements.models import Agreement
from innovations.enums import Status
from innovations.models import Innovation
from tests.factories import CycleFactory, UnitFactory


class InnovationFactory(DjangoModelFactory):
    class Meta:
        model = Innovation

    cycle = factory.SubFactory(CycleFactory)
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    status = Status.DRAFT


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    unit = factory.SubFactory(UnitFactory)
    cycle = factory.SubFactory(CycleFactory)
    committed_count = 1
    planned_titles = factory.LazyFunction(list)
    signatory_name = factory.LazyAttribute(lambda o: o.unit.head_name)
    signatory_nip = factory.LazyAttribute(lambda o: o.unit.head_nip)
    signatory_title = factory.LazyAttribute(lambda o: o.unit.head_title)
