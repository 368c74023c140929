"""Side reads compiled once (`PreparedRows`, intan_banjar/prepared_reads.py) against the ORM:
the same rows and the same SQL, and the ORM itself wherever the plan cannot be trusted."""

import pytest
from django.db import connection
from django.db.models import Count
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts.models import Unit
from curation.models import Assignment
from innovations.cycles import cycle_years
from innovations.models import Cycle, Innovation
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedRows
from tests.factories import CycleFactory, UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    return open_cycle()


def captured(read):
    with CaptureQueriesContext(connection) as queries:
        result = read()
    return result, [query["sql"] for query in queries]


def by_unit(unit_id, statuses):
    return (
        Innovation.objects.filter(unit_id=unit_id, status__in=statuses)
        .order_by("id")
        .values_list("id", "code", "created_at")
    )


def test_rows_equal_the_orm_and_the_plan_is_kept(cycle):
    unit, other = UnitFactory(), UnitFactory()
    mine = [InnovationFactory(unit=unit, cycle=cycle) for _i in range(3)]
    InnovationFactory(unit=other, cycle=cycle)
    read = PreparedRows(Innovation, lambda unit_id: by_unit(unit_id, ["draft"]), unit_id=int)
    ours, our_sql = captured(lambda: read.rows(unit_id=unit.pk))
    orms, orm_sql = captured(lambda: list(by_unit(unit.pk, ["draft"])))
    assert ours == orms and [row[0] for row in ours] == [i.pk for i in mine]
    assert our_sql == orm_sql
    # Values converted as the ORM does (an aware datetime, not the driver's raw value).
    assert ours[0][2] == mine[0].created_at
    (plan,) = read._plans.values()
    assert plan is not NOT_PREPARED
    assert read.rows(unit_id=other.pk) == list(by_unit(other.pk, ["draft"]))


def test_a_list_value_is_prepared_per_length(cycle):
    innovations = [InnovationFactory(cycle=cycle) for _i in range(3)]
    ids = [i.pk for i in innovations]
    read = PreparedRows(
        Innovation,
        lambda ids: Innovation.objects.filter(pk__in=ids).order_by("-id").values_list("id"),
        ids=list,
    )
    assert read.rows(ids=ids) == [(pk,) for pk in sorted(ids, reverse=True)]
    assert read.rows(ids=ids[:1]) == [(ids[0],)]
    assert read.rows(ids=[ids[1], ids[1]]) == [(ids[1],)]
    assert sorted(read._plans) == [("default", 1), ("default", 2), ("default", 3)]
    assert NOT_PREPARED not in read._plans.values()


def test_a_value_of_another_type_is_read_by_the_orm(cycle):
    unit = UnitFactory()
    InnovationFactory(unit=unit, cycle=cycle)
    read = PreparedRows(Innovation, lambda unit_id: by_unit(unit_id, ["draft"]), unit_id=int)
    assert read.rows(unit_id=str(unit.pk)) == list(by_unit(unit.pk, ["draft"]))
    assert read._plans == {}


def test_a_transformed_value_or_another_iterable_is_never_prepared():
    unit = UnitFactory(name="Satuan Uji Zetaprep")
    contains = PreparedRows(
        Unit, lambda text: Unit.objects.filter(name__icontains=text).values_list("id"), text=str
    )
    assert contains.rows(text="zetaprep") == [(unit.pk,)]
    assert list(contains._plans.values()) == [NOT_PREPARED]
    flat = PreparedRows(
        Unit, lambda: Unit.objects.filter(name="Satuan Uji Zetaprep").values_list("id", flat=True)
    )
    assert flat.rows() == [unit.pk]
    assert list(flat._plans.values()) == [NOT_PREPARED]


def test_an_aggregate_by_group_and_a_value_used_twice(cycle):
    unit = UnitFactory()
    InnovationFactory(unit=unit, cycle=cycle)
    InnovationFactory(unit=unit, cycle=cycle)
    read = PreparedRows(
        Innovation,
        lambda unit_id: (
            Innovation.objects.filter(unit_id=unit_id, unit__pk=unit_id)
            .order_by()
            .values("unit_id")
            .annotate(n=Count("*"))
            .values_list("n")
        ),
        unit_id=int,
    )
    assert read.rows(unit_id=unit.pk) == [(2,)]
    assert read.rows(unit_id=unit.pk + 1000) == []
    assert NOT_PREPARED not in read._plans.values()


def test_cycle_years_and_resolve():
    CycleFactory(year=2024)
    newest = CycleFactory(year=2026)
    assert cycle_years() == list(Cycle.objects.order_by("-year").values_list("year", flat=True))
    assert cycle_years()[0] == 2026
    resolved = Cycle.objects.resolve("2026")
    assert resolved == newest and resolved.iga_bands == newest.iga_bands
    with pytest.raises(Http404):
        Cycle.objects.resolve("2031")
    # A filtered queryset keeps its filter.
    with pytest.raises(Http404):
        Cycle.objects.filter(year=2024).resolve("2026")


def test_the_queue_side_reads_equal_their_orm_forms(cycle):
    from curation.queue import progress_for, with_curators
    from innovations.publishing import held_count, held_decisions

    curator = UserFactory(role="curator")
    innovation = InnovationFactory(cycle=cycle, status="submitted")
    Assignment.objects.create(innovation=innovation, curator=curator)
    assert progress_for(curator, cycle=cycle) == (0, 1)
    assert progress_for(UserFactory(role="curator"), cycle=cycle) == (0, 0)
    (row,) = with_curators([{"id": innovation.pk}])
    assert row["curators"] == [(curator.email, curator.full_name)]
    assert held_count(cycle) == held_decisions(cycle).count() == 0


def test_an_unused_value_is_prepared_and_a_time_dependent_constant_is_not(cycle):
    unit = UnitFactory()
    InnovationFactory(unit=unit, cycle=cycle)
    # A role that sees everything ignores the user: the value is simply not in the SQL.
    everything = PreparedRows(
        Innovation, lambda user_id, unit_id: by_unit(unit_id, ["draft"]), user_id=int, unit_id=int
    )
    assert everything.rows(user_id=5, unit_id=unit.pk) == list(by_unit(unit.pk, ["draft"]))
    assert NOT_PREPARED not in everything._plans.values()
    # A constant that differs from one build to the next (here: a counter) is never frozen.
    builds = iter(range(1000))
    drifting = PreparedRows(
        Innovation, lambda unit_id: by_unit(unit_id, [f"draft{next(builds)}"]), unit_id=int
    )
    assert drifting.rows(unit_id=unit.pk) == []
    assert list(drifting._plans.values()) == [NOT_PREPARED]
