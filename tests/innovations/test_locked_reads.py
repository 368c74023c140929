"""`LockingQuerySet.locked` compiled once (intan_banjar/querysets.py), against the ORM's read."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from innovations.models import Innovation
from tests.agreements.factories import AgreementFactory

from .factories import InnovationFactory

pytestmark = pytest.mark.django_db


def fields(instance):
    return {name: value for name, value in vars(instance).items() if name != "_state"}


def both(model, pk):
    """(the prepared row, the ORM's row, the SQL of each), twice the prepared one: the second
    call replays the compiled plan."""
    with CaptureQueriesContext(connection) as queries:
        model.objects.locked(pk)
        ours = model.objects.locked(pk)
        orms = model.objects.all()._locking().get(pk=pk)
    return ours, orms, [query["sql"] for query in queries]


def same_row(ours, orms, related):
    assert fields(ours) == fields(orms)
    assert (ours._state.db, ours._state.adding) == (orms._state.db, False)
    assert ours._state.fetch_mode is orms._state.fetch_mode
    assert set(ours._state.fields_cache) == set(orms._state.fields_cache) == set(related)
    for name in related:
        mine, theirs = ours._state.fields_cache[name], orms._state.fields_cache[name]
        assert (mine is None) == (theirs is None)
        if mine is not None:
            assert fields(mine) == fields(theirs)


def test_an_innovation_locked_equals_the_orm_read(unit, cycle):
    innovation = InnovationFactory(unit=unit, cycle=cycle)
    ours, orms, sql = both(Innovation, innovation.pk)
    assert sql[0] == sql[1] == sql[2]
    assert sql[0].endswith('FOR UPDATE OF "innovations_innovation"')
    same_row(ours, orms, ("cycle", "unit"))


def test_a_community_entry_locked_has_no_unit(cycle):
    innovation = InnovationFactory(unit=None, cycle=cycle)
    ours, orms, sql = both(Innovation, innovation.pk)
    assert sql[1] == sql[2]
    same_row(ours, orms, ("cycle", "unit"))
    assert ours.unit is None


def test_an_agreement_locked_equals_the_orm_read(unit, cycle):
    agreement = AgreementFactory(unit=unit, cycle=cycle, committed_count=2)
    ours, orms, sql = both(Agreement, agreement.pk)
    assert sql[1] == sql[2]
    same_row(ours, orms, ("unit", "cycle"))


def test_a_missing_row_raises_the_orms_does_not_exist(innovation):
    Innovation.objects.locked(innovation.pk)  # prepared
    with pytest.raises(Innovation.DoesNotExist, match="Innovation matching query does not exist"):
        Innovation.objects.locked(987654321)


def test_a_filtered_queryset_keeps_its_filter(innovation, other_unit):
    Innovation.objects.locked(innovation.pk)
    with pytest.raises(Innovation.DoesNotExist):
        Innovation.objects.filter(unit=other_unit).locked(innovation.pk)
    assert Innovation.objects.filter(unit=innovation.unit).locked(innovation.pk) == innovation


def test_a_text_pk_is_the_orms_read(innovation):
    assert Innovation.objects.locked(str(innovation.pk)) == innovation


def test_the_row_read_is_the_current_one(innovation):
    """Nothing is kept but the SQL: a change since the last lock is read."""
    Innovation.objects.locked(innovation.pk)
    Innovation.objects.filter(pk=innovation.pk).update(title="Changed meanwhile")
    assert Innovation.objects.locked(innovation.pk).title == "Changed meanwhile"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_orms_error(innovation):
    with transaction.atomic():
        Innovation.objects.locked(innovation.pk)  # prepared
    with pytest.raises(TransactionManagementError):
        Innovation.objects.locked(innovation.pk)
