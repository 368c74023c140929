"""Factories of the portfolio tests: records of launched innovations of last year's cycle."""

import datetime

import factory
from factory.django import DjangoModelFactory

from innovations.enums import Status
from portfolio.enums import AdopterKind, DecreeKind, MonitoringMethod
from portfolio.models import Decree, MonitoringReport, Replication
from tests.factories import CycleFactory
from tests.innovations.factories import InnovationFactory


def last_year_cycle():
    """Last year's cycle, launched on 11 December as Banjar's calendar has it."""
    from innovations.checks import region_today

    return CycleFactory(year=region_today().year - 1)


class LaunchedFactory(InnovationFactory):
    cycle = factory.LazyFunction(last_year_cycle)
    status = Status.LAUNCHED


class DecreeFactory(DjangoModelFactory):
    class Meta:
        model = Decree

    innovation = factory.SubFactory(LaunchedFactory)
    kind = DecreeKind.AGENCY_HEAD
    number = factory.Sequence(lambda n: f"440/{n:03d}/DINKES/2025")
    issued_on = datetime.date(2025, 4, 1)
    signatory = "Kepala Dinas Kesehatan"


class MonitoringReportFactory(DjangoModelFactory):
    class Meta:
        model = MonitoringReport

    innovation = factory.SubFactory(LaunchedFactory)
    period = 1
    reported_on = datetime.date(2026, 6, 1)
    method = MonitoringMethod.INTERNAL
    beneficiaries = 120


class ReplicationFactory(DjangoModelFactory):
    class Meta:
        model = Replication

    innovation = factory.SubFactory(LaunchedFactory)
    adopter_kind = AdopterKind.REGION
    region_name = "Kabupaten Tapin"
    region_code = factory.Sequence(lambda n: f"63.{5 + n % 90:02d}")
    replicated_on = datetime.date(2026, 2, 10)
