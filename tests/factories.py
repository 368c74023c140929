"""factory-boy factories shared by every test package."""

import factory
from factory.django import DjangoModelFactory

from accounts.enums import Role, UnitKind
from accounts.models import Unit, User
from innovations.models import Cycle

PASSWORD = "Rahasia-Uji-123"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"UNIT-TEST-{n:04d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = UnitKind.PERANGKAT_DAERAH
    head_name = "Drs. H. Ahmad Fauzi, M.Si"
    head_nip = "197001011990031001"
    head_title = "Kepala Dinas"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@intan.test")
    full_name = factory.Faker("name", locale="id_ID")
    role = Role.OPERATOR
    unit = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role in (Role.OPERATOR, Role.HEAD)),
        factory.SubFactory(UnitFactory),
        None,
    )
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ["year"]

    year = 2025
    submission_opens = factory.LazyAttribute(
        lambda o: Cycle.defaults_for_year(o.year)["submission_opens"]
    )
    submission_deadline = factory.LazyAttribute(
        lambda o: Cycle.defaults_for_year(o.year)["submission_deadline"]
    )
    curation_deadline = factory.LazyAttribute(
        lambda o: Cycle.defaults_for_year(o.year)["curation_deadline"]
    )
    agreement_deadline = factory.LazyAttribute(
        lambda o: Cycle.defaults_for_year(o.year)["agreement_deadline"]
    )
    launch_date = factory.LazyAttribute(lambda o: Cycle.defaults_for_year(o.year)["launch_date"])
