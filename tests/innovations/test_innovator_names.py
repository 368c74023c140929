"""The innovators' names kept per innovation by database triggers, whoever writes them."""

import json

import pytest

from innovations.models import Innovation, Innovator, InnovatorNames
from innovations.services import innovation_update
from tests.innovations.factories import InnovationFactory, InnovatorFactory

pytestmark = pytest.mark.django_db


def names_of(innovation):
    return json.loads(InnovatorNames.objects.get(innovation=innovation).names)


def test_innovation_without_innovators_has_no_row_or_an_empty_list():
    innovation = InnovationFactory()
    row = InnovatorNames.objects.filter(innovation=innovation).first()
    assert row is None or json.loads(row.names) == []


def test_names_follow_inserts_in_form_order():
    innovation = InnovationFactory()
    InnovatorFactory(innovation=innovation, name="Siti", position=2)
    InnovatorFactory(innovation=innovation, name="Ahmad", position=1)
    InnovatorFactory(innovation=innovation, name="Budi", position=2)  # same position: by id
    assert names_of(innovation) == ["Ahmad", "Siti", "Budi"]


def test_bulk_create_refreshes_every_touched_innovation():
    first, second = InnovationFactory(), InnovationFactory()
    Innovator.objects.bulk_create(
        [
            Innovator(innovation=first, name="A", position=0),
            Innovator(innovation=second, name="B", position=0),
            Innovator(innovation=first, name="C", position=1),
        ]
    )
    assert names_of(first) == ["A", "C"]
    assert names_of(second) == ["B"]


def test_rename_reorder_move_and_delete():
    first, second = InnovationFactory(), InnovationFactory()
    ani = InnovatorFactory(innovation=first, name="Ani", position=0)
    budi = InnovatorFactory(innovation=first, name="Budi", position=1)
    Innovator.objects.filter(pk=ani.pk).update(name='Ani "Kacil"', position=5)
    assert names_of(first) == ["Budi", 'Ani "Kacil"']
    budi.innovation = second
    budi.save()
    assert names_of(first) == ['Ani "Kacil"']
    assert names_of(second) == ["Budi"]
    first.innovators.all().delete()
    assert names_of(first) == []


def test_row_goes_with_its_innovation():
    innovation = InnovationFactory()
    InnovatorFactory(innovation=innovation, name="Ani")
    pk = innovation.pk
    Innovation.objects.get(pk=pk).delete()
    assert not InnovatorNames.objects.filter(innovation_id=pk).exists()


def test_the_service_that_replaces_innovators_keeps_the_names(operator):
    innovation = InnovationFactory(unit=operator.unit, created_by=operator)
    InnovatorFactory(innovation=innovation, name="Lama")
    innovation_update(
        innovation=innovation,
        by=operator,
        innovators=[{"name": "Baru Satu", "nip": ""}, {"name": "Baru Dua", "nip": ""}],
    )
    assert names_of(innovation) == ["Baru Satu", "Baru Dua"]


def test_names_agree_with_the_innovators_table():
    """The trigger-kept text is exactly the JSON of the ordered names, for every innovation."""
    for n in range(3):
        innovation = InnovationFactory()
        for position in range(n):
            InnovatorFactory(innovation=innovation, position=position, name=f"Ñama\\{position}")
    for innovation in Innovation.objects.all():
        ordered = innovation.innovators.order_by("position", "id")
        expected = list(ordered.values_list("name", flat=True))
        row = InnovatorNames.objects.filter(innovation=innovation).first()
        assert (json.loads(row.names) if row else []) == expected


@pytest.mark.django_db(transaction=True)
def test_two_transactions_adding_innovators_leave_both_names():
    """The second writer waits for the first (the innovation's row lock taken by the trigger)
    and then reads its names: the kept list is never the second writer's stale view."""
    import threading
    import time

    from django.db import connection, transaction

    pk = InnovationFactory().pk
    first_wrote = threading.Event()
    errors = []

    def writer(name, position, before=None, hold=0.0):
        try:
            if before is not None:
                before.wait(5)
            with transaction.atomic():
                Innovator.objects.create(innovation_id=pk, name=name, position=position)
                first_wrote.set()
                time.sleep(hold)  # the first transaction stays open while the second writes
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=writer, args=("Ani", 0), kwargs={"hold": 0.5})
    second = threading.Thread(target=writer, args=("Budi", 1), kwargs={"before": first_wrote})
    first.start()
    second.start()
    first.join(10)
    second.join(10)
    assert errors == []
    assert json.loads(InnovatorNames.objects.get(innovation_id=pk).names) == ["Ani", "Budi"]
